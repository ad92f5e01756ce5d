"""Map points, GeoJSON and KML export on the demo region."""

import json
import shutil
import xml.etree.ElementTree as ET

import pytest

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
