"""On a set above the level-of-detail limit the map works out the markers of a new view on a
thread: the GUI thread only draws them, they are the markers it would have made itself, and
an answer for points or a view since replaced is never drawn."""

import numpy as np
import pytest

from gunmane_desktop.ui import map_markers
from gunmane_desktop.ui.map_page import MapPage


@pytest.fixture
def page(qtbot, region, monkeypatch):
    """The map of the demo region with a limit low enough that it counts as a large set."""
    monkeypatch.setattr(map_markers, "LOD_LIMIT", 100)
    page = MapPage(region.conn)
    page.resize(900, 700)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)
    return page


def _drawn(markers) -> dict:
    return {level: (list(item.data["x"]), list(item.data["y"]))
            for level, item in markers._items.items()}


def _expected(markers) -> tuple[dict, bool]:
    """The markers of the current view worked out here, on the GUI thread."""
    (x0, x1), (y0, y1) = markers._plot.getViewBox().viewRange()
    f = markers.factor
    index = markers.points.in_box(x0 / f, x1 / f, y0, y1)
    layers, aggregated = map_markers.view_layers(markers.points, markers._x, index)
    return {level: (list(x), list(y)) for level, (x, y, _s) in layers.items()}, aggregated


def _zoom_to(page, fraction: float) -> None:
    (x0, x1), (y0, y1) = page.plot.getViewBox().viewRange()
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    w, h = (x1 - x0) * fraction / 2, (y1 - y0) * fraction / 2
    page.plot.getViewBox().setRange(xRange=(cx - w, cx + w), yRange=(cy - h, cy + h),
                                    padding=0)


def test_a_new_view_is_worked_out_on_a_thread_and_drawn_the_same(qtbot, page):
    markers = page.markers
    # When the view is zoomed and the redraw starts
    _zoom_to(page, 0.4)
    markers.draw_view()
    # Then the page is busy until the thread answers ...
    assert markers.pending and page.busy
    qtbot.waitUntil(lambda: not markers.pending, timeout=10_000)
    # ... and then shows what the GUI thread would have drawn
    expected, aggregated = _expected(markers)
    assert _drawn(markers) == expected
    assert markers.aggregated == aggregated
    assert markers.drawn == sum(len(x) for x, _y in expected.values()) > 0


def test_single_points_keep_their_asset_for_a_click(qtbot, page):
    markers = page.markers
    _zoom_to(page, 0.03)
    markers.draw_view()
    qtbot.waitUntil(lambda: not markers.pending, timeout=10_000)
    assert not markers.aggregated and markers.drawn > 0
    seqs = np.concatenate([item.data["data"] for item in markers._items.values()
                           if len(item.data)])
    assert set(seqs.tolist()) <= set(markers.points.seqs.tolist())


def test_the_view_moved_while_computing_is_drawn_last(qtbot, page):
    markers = page.markers
    markers.draw_view()  # the whole region, on its way ...
    _zoom_to(page, 0.2)
    markers.draw_view()  # ... when the user zooms in
    qtbot.waitUntil(lambda: not markers.pending, timeout=10_000)
    assert _drawn(markers) == _expected(markers)[0]


def test_an_answer_for_points_since_replaced_is_not_drawn(qtbot, page):
    markers = page.markers
    region_points = len(markers.points)
    markers.draw_view()  # the whole region, on its way ...
    page.org_combo.setCurrentIndex(page.org_combo.count() - 1)  # ... when one town is chosen
    markers._timer.stop()  # no redraw of the fitted view: only the old answer can come
    town = _drawn(markers)  # the town's points, drawn at once by set_points
    qtbot.waitUntil(lambda: not markers.pending, timeout=10_000)
    qtbot.wait(50)
    assert 0 < len(markers.points) < region_points
    assert _drawn(markers) == town
