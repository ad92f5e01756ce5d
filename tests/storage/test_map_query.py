"""Map points, GeoJSON and KML export on the demo region."""

import json
import shutil
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import map_query as mq
from gunmane_desktop.storage.analytics import Scope
from gunmane_desktop.storage.database import Database


@pytest.fixture(scope="module")
def region_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("map") / "region.sqlite"
    generate_region(path)
    return path


@pytest.fixture
def conn(region_file, tmp_path):
    path = tmp_path / "r.sqlite"
    shutil.copy(region_file, path)
    db = Database.open(path)
    yield db.conn
    db.close()


def test_points_match_sql_count(conn):
    # Given the demo region, When the points of all assets are fetched
    pts, missing = mq.points(conn, Scope())
    # Then they equal the in-service assets with coordinates
    with_coords = conn.execute(
        "SELECT count(*) FROM assets WHERE deleted = 0 AND status = 'in_service' "
        "AND lat IS NOT NULL AND lon IS NOT NULL").fetchone()[0]
    total = conn.execute(
        "SELECT count(*) FROM assets WHERE deleted = 0 AND status = 'in_service'").fetchone()[0]
    assert len(pts) == with_coords > 0
    assert missing == total - with_coords


def test_geojson_is_feature_collection_lon_lat(conn, tmp_path):
    pts, _ = mq.points(conn, Scope())
    path = tmp_path / "m.geojson"
    mq.export_geojson(pts, path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert len(doc["features"]) == len(pts)
    first = doc["features"][0]
    assert first["geometry"]["coordinates"] == [pts[0].lon, pts[0].lat]
    assert first["properties"]["name"] == pts[0].name
    assert pts[0].name in path.read_text(encoding="utf-8")  # not \u-escaped


def test_kml_one_placemark_per_asset(conn, tmp_path):
    pts, _ = mq.points(conn, Scope())
    path = tmp_path / "m.kml"
    mq.export_kml(pts, path)
    root = ET.parse(path).getroot()
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    marks = root.findall(".//k:Placemark", ns)
    assert len(marks) == len(pts)
    assert marks[0].find("k:name", ns).text == pts[0].name


def test_grid_worst_keeps_worst_level():
    cells = mq.grid_worst([0.1, 0.2, 5.0], [0.1, 0.3, 5.0], [0, 3, None], 1.0)
    assert sorted(cells, key=lambda c: c[0]) == [(0.5, 0.5, 3), (5.5, 5.5, None)]


def test_the_point_columns_hold_the_same_points_as_the_objects(conn):
    # Given the same scope read both ways
    pts, missing = mq.points(conn, Scope())
    columns = mq.point_set(conn, Scope())
    # Then the columns have every point, with the same coordinates and grade levels
    assert len(columns) == len(pts) and columns.missing == missing
    by_id = {p.asset_id: p for p in pts}
    details = mq.map_points(conn, columns.seqs)
    assert [p.asset_id for p in details] == [p.asset_id for p in mq.map_points(conn, columns.seqs)]
    assert sorted(p.asset_id for p in details) == sorted(by_id)
    for k, point in enumerate(details):
        assert (columns.lon[k], columns.lat[k]) == (point.lon, point.lat)
        assert columns.levels[k] == (-1 if point.level is None else point.level)
        assert by_id[point.asset_id] == point
    # and the owner column tells the organisations apart as the codes do
    assert len(np.unique(columns.owners)) == len({p.owner for p in pts})
    assert (columns.owners >= 0).all()


def test_a_box_holds_the_points_inside_it(conn):
    columns = mq.point_set(conn, Scope())
    lon0, lon1 = float(np.quantile(columns.lon, 0.25)), float(np.quantile(columns.lon, 0.75))
    lat0, lat1 = float(columns.lat.min()), float(np.median(columns.lat))
    inside = columns.in_box(lon0, lon1, lat0, lat1)
    expected = [k for k in range(len(columns))
                if lon0 <= columns.lon[k] <= lon1 and lat0 <= columns.lat[k] <= lat1]
    assert inside.tolist() == expected and 0 < len(expected) < len(columns)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(-50, 50), st.floats(-50, 50), st.integers(-1, 4)),
                max_size=60),
       st.floats(0.5, 10))
def test_the_vectorised_grid_agrees_with_the_plain_one(points, cell):
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    plain = mq.grid_worst(xs, ys, [None if p[2] < 0 else p[2] for p in points], cell)
    cx, cy, lv = mq.grid_worst_cells(np.array(xs), np.array(ys),
                                     np.array([p[2] for p in points], dtype=np.int8), cell)
    vectorised = {(round(x, 9), round(y, 9)): (None if v < 0 else int(v))
                  for x, y, v in zip(cx, cy, lv, strict=True)}
    assert vectorised == {(round(x, 9), round(y, 9)): v for x, y, v in plain}
