"""Selecting a rectangle of assets on the map (範囲選択), as a user drags it (offscreen)."""

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from gunmane_desktop.ui.map_page import MapPage

PARKS = (138.6, 37.3, 139.4, 37.9)  # lon/lat box over the parks of 若葉市 and 稲穂町


def _page(qtbot, conn):
    page = MapPage(conn)
    qtbot.addWidget(page)
    page.resize(900, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def _viewport_point(page, lon, lat) -> QPoint:
    """Where a lon/lat position is drawn, in the plot's viewport pixels."""
    scene = page.plot.getViewBox().mapViewToScene(QPointF(lon * page._factor, lat))
    return page.plot.mapFromScene(scene)


def _send(widget, kind, pos, button, buttons):
    event = QMouseEvent(kind, QPointF(pos), QPointF(widget.mapToGlobal(pos)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def _drag(page, start: QPoint, end: QPoint) -> None:
    """Press the left button at ``start``, move in steps to ``end`` and release there."""
    viewport = page.plot.viewport()
    left = Qt.MouseButton.LeftButton
    _send(viewport, QEvent.Type.MouseButtonPress, start, left, left)
    for step in range(1, 11):
        pos = start + (end - start) * step / 10
        _send(viewport, QEvent.Type.MouseMove, pos, Qt.MouseButton.NoButton, left)
    _send(viewport, QEvent.Type.MouseButtonRelease, end, left, Qt.MouseButton.NoButton)


def _inside(page, lon0, lat0, lon1, lat1):
    return sorted(p.asset_id for p in page.points() if lon0 <= p.lon <= lon1 and lat0 <= p.lat <= lat1)


def test_dragging_a_rectangle_in_select_mode_selects_the_assets_inside(qtbot, region):
    # Given the map of every asset with 範囲選択 switched on
    page = _page(qtbot, region.conn)
    page.select_button.click()
    (x0, x1), (y0, y1) = page.plot.getViewBox().viewRange()
    lon0, lon1 = (x0 + (x1 - x0) * 0.3) / page._factor, (x0 + (x1 - x0) * 0.6) / page._factor
    lat0, lat1 = y0 + (y1 - y0) * 0.3, y0 + (y1 - y0) * 0.7
    # When the user drags from one corner to the opposite one
    with qtbot.waitSignal(page.selection_changed) as blocker:
        _drag(page, _viewport_point(page, lon0, lat1), _viewport_point(page, lon1, lat0))
    # Then the assets inside are selected (up to a pixel's rounding at the edges) and counted
    chosen = blocker.args[0]
    assert chosen == page.selected_ids()
    assert len(chosen) > 0
    expected = set(_inside(page, lon0, lat0, lon1, lat1))
    assert len(set(chosen) ^ expected) <= max(2, len(expected) // 100)
    assert f"{len(chosen):,}" in page.area_label.text()
    assert len(page.selection_marks.data) == len(chosen)


def test_without_select_mode_a_drag_pans_and_selects_nothing(qtbot, region):
    page = _page(qtbot, region.conn)
    before = page.plot.getViewBox().viewRange()
    _drag(page, QPoint(300, 300), QPoint(400, 350))
    assert page.selected_ids() == []
    assert page.plot.getViewBox().viewRange() != before


def test_area_selection_follows_the_asset_type_filter(qtbot, region):
    # Given the map filtered to park facilities
    page = _page(qtbot, region.conn)
    page.type_combo.setCurrentIndex(page.type_combo.findData("park"))
    # When a box over two towns is selected
    chosen = page.select_area(*PARKS)
    # Then only parks are selected, of exactly those two towns
    owners = {p.owner for p in page.points() if p.asset_id in set(chosen)}
    assert {p.asset_type for p in page.points() if p.asset_id in set(chosen)} == {"park"}
    assert owners == {"152986", "155934"}
    assert sorted(chosen) == _inside(page, *PARKS)
    assert page.area_label.text() == f"{len(chosen):,} assets of 2 organisations selected"


def test_clearing_and_refiltering_drop_the_selection(qtbot, region):
    page = _page(qtbot, region.conn)
    page.select_area(*PARKS)
    assert page.clear_selection_button.isEnabled()
    with qtbot.waitSignal(page.selection_changed) as blocker:
        page.clear_selection_button.click()
    assert blocker.args == [[]]
    page.select_area(*PARKS)
    with qtbot.waitSignal(page.selection_changed) as blocker:
        page.org_combo.setCurrentIndex(1)
    assert blocker.args == [[]]
    assert not page.clear_selection_button.isEnabled()
