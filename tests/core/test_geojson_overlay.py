"""The map background reader: what it draws from GeoJSON, and how it refuses what it cannot use."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gunmane_desktop.core.geojson_overlay import (
    MAX_BYTES,
    Overlay,
    OverlayError,
    load_overlay,
    parse_overlay,
    parse_overlay_text,
)
from gunmane_desktop.core.paths import resources_dir

SAMPLE = resources_dir() / "samples" / "demo_region_boundaries.geojson"
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _collection(*geometries):
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "properties": {}, "geometry": g} for g in geometries]}


def _write(tmp_path, data, name="roads.geojson"):
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _refusal(tmp_path, data, name="roads.geojson") -> OverlayError:
    with pytest.raises(OverlayError) as caught:
        load_overlay(_write(tmp_path, data, name))
    return caught.value


def test_the_sample_boundary_covers_the_demo_region_towns():
    overlay = load_overlay(SAMPLE)
    assert len(overlay.rings) == 4  # one made-up boundary per town
    assert overlay.lines and len(overlay.points) == 4  # roads/river and the town halls
    lon0, lat0, lon1, lat1 = overlay.bounds()
    # the demo towns lie between about 36.96-38.15 N and 138.67-139.49 E
    assert 138.5 < lon0 < 138.7 and 139.4 < lon1 < 139.6
    assert 36.9 < lat0 < 37.0 and 38.1 < lat1 < 38.4


def test_every_supported_geometry_type_becomes_lines_rings_or_points():
    data = _collection(
        {"type": "Point", "coordinates": [139.0, 37.5]},
        {"type": "MultiPoint", "coordinates": [[139.0, 37.5], [139.1, 37.6, 12.0]]},
        {"type": "LineString", "coordinates": [[139.0, 37.5], [139.1, 37.6]]},
        {"type": "MultiLineString", "coordinates": [[[139.0, 37.5], [139.1, 37.6]],
                                                    [[139.2, 37.5], [139.3, 37.6], [139.4, 37.7]]]},
        {"type": "Polygon", "coordinates": [[[139, 37], [140, 37], [140, 38], [139, 37]]]},
        {"type": "MultiPolygon", "coordinates": [[[[139, 37], [140, 37], [140, 38], [139, 37]]],
                                                 [[[130, 30], [131, 30], [131, 31], [130, 30]],
                                                  [[130.2, 30.2], [130.4, 30.2], [130.3, 30.4]]]]},
        {"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [135, 35]}]},
        None,  # an unlocated feature is valid GeoJSON and draws nothing
    )
    overlay = parse_overlay(data, "mixed.geojson")
    assert [len(line) for line in overlay.lines] == [2, 2, 3]
    assert len(overlay.rings) == 4
    assert overlay.points == ((139.0, 37.5), (139.0, 37.5), (139.1, 37.6), (135.0, 35.0))
    # every ring comes back closed, the open one included
    assert all(ring[0] == ring[-1] for ring in overlay.rings)
    assert overlay.rings[-1] == ((130.2, 30.2), (130.4, 30.2), (130.3, 30.4), (130.2, 30.2))


def test_a_single_feature_or_a_bare_geometry_is_enough(tmp_path):
    line = {"type": "LineString", "coordinates": [[139.0, 37.5], [139.1, 37.6]]}
    assert load_overlay(_write(tmp_path, line)).lines == (((139.0, 37.5), (139.1, 37.6)),)
    feature = {"type": "Feature", "properties": None, "geometry": line}
    assert isinstance(load_overlay(_write(tmp_path, feature)), Overlay)


def test_a_utf8_file_with_a_bom_from_windows_tools_is_read(tmp_path):
    path = tmp_path / "境界.geojson"
    path.write_bytes("\ufeff".encode() + json.dumps(_collection(
        {"type": "Point", "coordinates": [139.0, 37.5]})).encode())
    assert load_overlay(path).points == ((139.0, 37.5),)


def test_text_that_is_not_json_is_refused_naming_the_file_and_the_line(tmp_path):
    error = _refusal(tmp_path, '{"type": "FeatureCollection",\n "features": [,]}', "道路.geojson")
    assert str(error).startswith("道路.geojson: ")
    assert "JSON" in str(error) and "2 行" in str(error)
    assert error.feature is None


@pytest.mark.parametrize("text", ["[" * 100_000, "1" * 5000])
def test_json_too_deep_or_too_long_to_decode_is_refused_as_not_json(tmp_path, text):
    assert "not JSON" in str(_refusal(tmp_path, text))


def test_a_file_that_is_not_utf8_is_refused(tmp_path):
    path = tmp_path / "sjis.geojson"
    path.write_bytes('{"name": "若葉市"}'.encode("cp932"))
    with pytest.raises(OverlayError, match=r"sjis.geojson: .*UTF-8"):
        load_overlay(path)


@pytest.mark.parametrize("data", [
    [1, 2, 3],
    {"type": "Topology", "objects": {}},
    {"features": []},
    {"type": "FeatureCollection", "features": {"a": 1}},
])
def test_json_that_is_not_geojson_is_refused(tmp_path, data):
    error = _refusal(tmp_path, data)
    assert str(error).startswith("roads.geojson: ") and error.feature is None


@pytest.mark.parametrize(("geometry", "reason"), [
    ({"type": "LineString", "coordinates": [["139.0", "37.5"], [139.1, 37.6]]}, "not numbers"),
    ({"type": "LineString", "coordinates": [[139.0, True], [139.1, 37.6]]}, "not numbers"),
    ({"type": "Point", "coordinates": [139.0]}, "must be [lon, lat]"),
    ({"type": "Point", "coordinates": [37.5, 139.0]}, "out of range"),  # lat/lon swapped
    ({"type": "Point", "coordinates": [-38000.0, 140000.0]}, "out of range"),  # plane coordinates
    ({"type": "Point", "coordinates": [10 ** 400, 37.0]}, "out of range"),
    ({"type": "LineString", "coordinates": [[139.0, 37.5]]}, "at least 2"),
    ({"type": "Polygon", "coordinates": [[[139.0, 37.5], [139.1, 37.6]]]}, "at least 3"),
    ({"type": "Polygon", "coordinates": "nope"}, "not a list"),
    ({"type": "Circle", "coordinates": [139.0, 37.5]}, "unsupported geometry type"),
    ({"type": "Point"}, "no coordinates"),
    ({"type": "GeometryCollection", "geometries": [{"type": "GeometryCollection", "geometries": []}]},
     "bad GeometryCollection"),
    ("LineString", "not an object"),
])
def test_a_bad_feature_is_refused_naming_its_index(tmp_path, geometry, reason):
    good = {"type": "Point", "coordinates": [139.0, 37.5]}
    error = _refusal(tmp_path, _collection(good, good, geometry))
    assert error.feature == 2
    assert str(error).startswith("roads.geojson: features[2]: ")
    assert reason in str(error)


def test_a_feature_without_its_geometry_member_is_refused(tmp_path):
    data = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}
    assert "features[0]: geometry" in str(_refusal(tmp_path, data))


def test_nan_is_not_a_coordinate(tmp_path):
    error = _refusal(tmp_path, '{"type": "Point", "coordinates": [NaN, 37.0]}')
    assert "out of range" in str(error)


def test_a_collection_with_nothing_to_draw_is_refused(tmp_path):
    assert "no geometry to draw" in str(_refusal(tmp_path, _collection(None)))


def test_a_file_over_50_mb_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.geojson"
    with path.open("wb") as f:  # sparse: no 50 MB written to the disk
        f.truncate(MAX_BYTES + 1)
    with pytest.raises(OverlayError, match=r"huge.geojson: .*too large"):
        load_overlay(path)


def test_a_missing_file_is_refused_with_a_message(tmp_path):
    with pytest.raises(OverlayError, match=r"gone.geojson: .*cannot read"):
        load_overlay(tmp_path / "gone.geojson")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8)
    | st.sampled_from(["Feature", "FeatureCollection", "Point", "LineString", "Polygon",
                       "MultiPolygon", "MultiLineString", "GeometryCollection"]),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(
        st.sampled_from(["type", "features", "geometry", "coordinates", "geometries", "properties"])
        | st.text(max_size=4), inner, max_size=5),
    max_leaves=40)
NUMBER = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.booleans(),
                   st.text(max_size=3))
POSITION = st.lists(NUMBER, max_size=4)
GEOMETRY = st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
                             "MultiPolygon", "Square"]),
    "coordinates": st.one_of(POSITION, st.lists(POSITION, max_size=5),
                             st.lists(st.lists(POSITION, max_size=5), max_size=3),
                             st.lists(st.lists(st.lists(POSITION, max_size=5), max_size=3), max_size=2)),
})


def _only_overlays_or_overlay_errors(call) -> None:
    try:
        result = call()
    except OverlayError as error:
        assert str(error).startswith("random.geojson: ")
    else:
        assert isinstance(result, Overlay) and result.vertex_count() > 0


@SETTINGS
@given(JSON)
def test_random_json_never_crashes_the_parser(data):
    _only_overlays_or_overlay_errors(lambda: parse_overlay(data, "random.geojson"))


@SETTINGS
@given(st.lists(GEOMETRY, max_size=4))
def test_random_geometries_never_crash_the_parser(geometries):
    _only_overlays_or_overlay_errors(lambda: parse_overlay(_collection(*geometries), "random.geojson"))


@SETTINGS
@given(st.text(max_size=200))
def test_random_text_never_crashes_the_parser(text):
    _only_overlays_or_overlay_errors(lambda: parse_overlay_text(text, "random.geojson"))
