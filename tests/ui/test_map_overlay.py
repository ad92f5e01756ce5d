"""The 地図 page's background: a boundary/road GeoJSON drawn under the assets (offscreen)."""

import json

import numpy as np
import pytest

from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.ui.map_overlay import Z_VALUE
from gunmane_desktop.ui.map_page import OVERLAY_KEY, MapPage

SAMPLE = resources_dir() / "samples" / "demo_region_boundaries.geojson"


@pytest.fixture
def page(qtbot, region, settings):
    widget = MapPage(region.conn, settings=settings)
    qtbot.addWidget(widget)
    return widget


def _load(qtbot, page, path):
    with qtbot.waitSignal(page.overlay_changed, timeout=10_000) as blocker:
        page.load_overlay(path)
    qtbot.waitUntil(lambda: not page.overlay_busy)
    return blocker.args[0]


def _drawn_vertices(item) -> int:
    x, _y = item.getData()
    return 0 if x is None else int(np.isfinite(x).sum())


def test_the_sample_boundary_is_drawn_under_the_assets(qtbot, page, settings):
    # Given the map of the demo region, When the sample boundary file is loaded
    assert _load(qtbot, page, SAMPLE) == str(SAMPLE)
    overlay = page.overlay.overlay
    layer = page.overlay_layer
    # Then its outlines, lines and points are all drawn, below the asset points
    assert _drawn_vertices(layer.rings) == sum(map(len, overlay.rings)) > 0
    assert _drawn_vertices(layer.lines) == sum(map(len, overlay.lines)) > 0
    assert len(layer.points.data) == len(overlay.points) == 4
    assert all(item.zValue() == Z_VALUE < page.markers.z_value() for item in layer.items())
    # and in the same x scale as the assets (x = lon * cos(lat)), over the same area
    x, _y = layer.rings.getData()
    ring_lons = [lon for ring in overlay.rings for lon, _lat in ring]
    assert np.nanmin(x) == pytest.approx(min(ring_lons) * page._factor)
    assert np.nanmax(x) == pytest.approx(max(ring_lons) * page._factor)
    assert "demo_region_boundaries.geojson" in page.overlay_label.text()
    # and the file is remembered for the next start
    assert settings.value(OVERLAY_KEY) == str(SAMPLE)
    assert page.clear_overlay_button.isEnabled()


def test_the_background_stays_when_the_filters_change(qtbot, page):
    _load(qtbot, page, SAMPLE)
    rings_before = _drawn_vertices(page.overlay_layer.rings)
    factor_before = page._factor
    # When another organisation is chosen (its points change the x scale)
    page.org_combo.setCurrentIndex(page.org_combo.count() - 1)
    # Then the background is still there, redrawn in the new scale
    assert page._factor != factor_before
    assert page.overlay is not None
    assert _drawn_vertices(page.overlay_layer.rings) == rings_before
    x, _y = page.overlay_layer.lines.getData()
    line_lons = [lon for line in page.overlay.overlay.lines for lon, _lat in line]
    assert np.nanmin(x) == pytest.approx(min(line_lons) * page._factor)


def test_the_background_stays_when_panning_a_large_map(qtbot, page, monkeypatch):
    monkeypatch.setattr("gunmane_desktop.ui.map_page.LOD_LIMIT", 100)  # pan redraws the points
    _load(qtbot, page, SAMPLE)
    before = page.overlay_layer.rings.getData()[0].copy()
    page.plot.getViewBox().translateBy(x=0.05, y=0.05)
    assert np.array_equal(page.overlay_layer.rings.getData()[0], before, equal_nan=True)


def test_a_remembered_background_comes_back_on_the_next_start(qtbot, region, settings):
    settings.setValue(OVERLAY_KEY, str(SAMPLE))
    # When the page is created as the main window does (loading when first shown)
    page = MapPage(region.conn, load=False, settings=settings)
    qtbot.addWidget(page)
    assert page.overlay is None
    with qtbot.waitSignal(page.overlay_changed, timeout=10_000):
        page.refresh()
    assert page.overlay is not None and page.overlay.path == SAMPLE


def test_clearing_removes_and_forgets_the_background(qtbot, page, settings):
    _load(qtbot, page, SAMPLE)
    with qtbot.waitSignal(page.overlay_changed) as blocker:
        page.clear_overlay_button.click()
    assert blocker.args == [""]
    assert page.overlay is None and _drawn_vertices(page.overlay_layer.rings) == 0
    assert len(page.overlay_layer.points.data) == 0
    assert settings.value(OVERLAY_KEY) is None
    assert not page.clear_overlay_button.isEnabled()


def test_a_bad_file_is_refused_with_its_name_and_feature_and_keeps_the_old_background(
        qtbot, page, settings, tmp_path):
    _load(qtbot, page, SAMPLE)
    bad = tmp_path / "道路.geojson"
    bad.write_text(json.dumps({"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [139.0, 37.5]}},
        {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [["a", "b"], [1, 2]]}},
    ]}), encoding="utf-8")
    with qtbot.waitSignal(page.overlay_failed, timeout=10_000) as blocker:
        page.load_overlay(bad)
    qtbot.waitUntil(lambda: not page.overlay_busy)
    assert blocker.args[0].startswith("道路.geojson: features[1]: ")
    assert "features[1]" in page.overlay_label.text() and "Traceback" not in page.overlay_label.text()
    # the sample is still drawn and still the remembered one
    assert page.overlay.path == SAMPLE
    assert settings.value(OVERLAY_KEY) == str(SAMPLE)


def test_the_buttons_read_in_japanese(qtbot, region, japanese):
    page = MapPage(region.conn)
    qtbot.addWidget(page)
    assert page.overlay_button.text() == "背景を読み込む…"
    assert page.clear_overlay_button.text() == "背景を消す"
