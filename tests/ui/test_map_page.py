"""The map page on the demo region (offscreen)."""

from gunmane_desktop.ui.map_page import MapPage


def _with_coords(conn, org=None):
    sql = ("SELECT count(*) FROM assets WHERE deleted = 0 AND status = 'in_service' "
           "AND lat IS NOT NULL AND lon IS NOT NULL")
    params = ()
    if org:
        sql += " AND owner = ?"
        params = (org,)
    return conn.execute(sql, params).fetchone()[0]


def test_shows_every_asset_with_coordinates(qtbot, region):
    page = MapPage(region.conn)
    qtbot.addWidget(page)
    assert len(page.points()) == _with_coords(region.conn) > 0
    assert page.markers.drawn == len(page.points()) and not page.markers.aggregated


def test_filter_by_organisation_reduces_points(qtbot, region):
    page = MapPage(region.conn)
    qtbot.addWidget(page)
    total = len(page.points())
    page.org_combo.setCurrentIndex(page.org_combo.count() - 1)
    org = page.org_combo.currentData()
    assert 0 < len(page.points()) < total
    assert len(page.points()) == _with_coords(region.conn, org)


def test_select_point_emits_asset_id(qtbot, region):
    page = MapPage(region.conn)
    qtbot.addWidget(page)
    point = page.points()[0]
    with qtbot.waitSignal(page.asset_selected) as blocker:
        page.select_asset(point.asset_id)
    assert blocker.args == [point.asset_id]
    assert point.name in page.selection_label.text()


def test_many_points_draw_grid_cells(qtbot, region, monkeypatch):
    # Given a low level-of-detail limit, When the page draws, Then it shows fewer cells
    monkeypatch.setattr("gunmane_desktop.ui.map_markers.LOD_LIMIT", 100)
    page = MapPage(region.conn)
    qtbot.addWidget(page)
    assert page.markers.aggregated
    assert 0 < page.markers.drawn < len(page.points())


def test_a_large_file_reads_its_points_and_overview_on_a_worker(qtbot, region, monkeypatch):
    # Given limits low enough that the demo region counts as large
    monkeypatch.setattr("gunmane_desktop.ui.map_page.WORKER_ABOVE", 10)
    monkeypatch.setattr("gunmane_desktop.ui.map_markers.LOD_LIMIT", 100)
    page = MapPage(region.conn)
    qtbot.addWidget(page)
    # When the points arrive from the worker
    assert page.uses_worker and page.wait()
    # Then every point is there, drawn as the same cells the GUI thread would have made
    assert page.point_count == _with_coords(region.conn)
    assert page.markers.aggregated
    from_worker = page.markers.drawn
    page.markers.set_points(page._set, page._factor)  # computed here instead
    assert page.markers.drawn == from_worker > 0
