"""The dashboard's bar charts redraw by updating the items they have (no churn of plot
items), and draw their grid opaque and behind the bars, with room for the top tick label."""

import pyqtgraph as pg
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor

from gunmane_desktop.ui.dashboard_charts import BarChart, BarSeries
from gunmane_desktop.ui.plot_grid import FlatGridAxis, flattened


def _chart(qtbot, **kwargs) -> BarChart:
    chart = BarChart(**kwargs)
    chart.resize(500, 360)
    qtbot.addWidget(chart)
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def _shown_texts(chart: BarChart) -> list[str]:
    return [item.toPlainText() for item in chart._texts if item.isVisible()]


def test_a_redraw_updates_the_items_instead_of_making_new_ones(qtbot):
    # Given a grouped chart drawn once over three categories
    chart = _chart(qtbot, stacked=False)
    view = chart.getPlotItem().getViewBox()
    chart.set_data(["R6", "R7", "R8"], [BarSeries("Done", [5, 7, 9], "#4e8f57"),
                                        BarSeries("Overdue", [1, 0, 2], "#c62828")])
    items = list(view.addedItems)
    assert _shown_texts(chart) == chart.value_labels == ["5", "7", "9", "1", "2"]

    # When it is redrawn with other values over fewer categories
    chart.set_data(["R6", "R7"], [BarSeries("Done", [40, 3], "#4e8f57"),
                                  BarSeries("Overdue", [6, 8], "#c62828")])

    # Then the same plot items show the new bars and labels; the spare label is hidden
    assert list(view.addedItems) == items
    assert _shown_texts(chart) == chart.value_labels == ["40", "3", "6", "8"]
    assert list(chart._bars[0].opts["height"]) == [40, 3]
    assert chart.getPlotItem().getAxis("bottom")._tickLevels == [[(0, "R6"), (1, "R7")]]


def test_the_legend_follows_the_series(qtbot):
    chart = _chart(qtbot, stacked=True)
    chart.set_data(["A"], [BarSeries("Ⅰ", [3], "#a5d6a7"), BarSeries("Ⅱ", [2], "#dce775")])
    chart.set_data(["A"], [BarSeries("Ⅰ", [4], "#a5d6a7"), BarSeries("Ⅱ", [1], "#dce775")])
    assert [label.text for _sample, label in chart._legend.items] == ["Ⅰ", "Ⅱ"]

    # Another scale: other names, and a third series with a bar item of its own
    chart.set_data(["A"], [BarSeries("劣化なし", [1], "#a5d6a7"), BarSeries("Ⅲ", [1], "#ffb74d"),
                           BarSeries("未点検", [1], "#bdbdbd")])
    assert [label.text for _sample, label in chart._legend.items] == ["劣化なし", "Ⅲ", "未点検"]
    assert [item.isVisible() for item in chart._bars] == [True, True, True]

    # One series needs no legend, and the bars of the series gone are hidden
    chart.set_data(["A"], [BarSeries("Assets", [7], "#5c7fa3")])
    assert chart._legend.items == []
    assert [item.isVisible() for item in chart._bars] == [True, False, False]
    assert chart.value_labels == ["7"]


def test_the_grid_is_opaque_and_drawn_behind_the_bars(qtbot):
    # Given one tall bar at x = 0 and an empty slot at x = 1, the view 0..100 high
    chart = _chart(qtbot, stacked=False, y_max=100)
    chart.set_data(["bar", "empty"], [BarSeries("Assets", [100, 0], "#5c7fa3")])
    plot = chart.getPlotItem()
    axis = plot.getAxis("left")
    assert isinstance(axis, FlatGridAxis) and axis.zValue() < plot.getViewBox().zValue()
    view = plot.getViewBox()
    image = chart.grab().toImage()
    ratio = image.devicePixelRatio()

    def colour_at(x: float, y: float) -> QColor:
        point = chart.mapFromScene(view.mapViewToScene(QPointF(x, y)))
        return image.pixelColor(round(point.x() * ratio), round(point.y() * ratio))

    # When a grid line (at a tick of the left axis) is looked for beside the bar
    ticks = [v for _spacing, values in axis.tickValues(0, 100, 300) for v in values
             if 5 < v < 95]
    row = next(t for t in ticks if colour_at(1.0, t).name() != "#ffffff")
    # Then the line is grey where nothing covers it, and hidden under the bar
    line = colour_at(1.0, row)
    assert line.red() == line.green() == line.blue() < 255
    assert colour_at(0.0, row).name() == "#5c7fa3"


def test_the_grid_lines_are_handed_to_qt_opaque(qtbot, monkeypatch):
    # Qt's raster engine draws translucent one-pixel lines slowly: every line pen is opaque
    pens = []

    def record(axis, painter, axis_spec, tick_specs, text_specs):
        pens.extend(pen for pen, _start, _stop in tick_specs)

    monkeypatch.setattr(pg.AxisItem, "drawPicture", record)
    chart = _chart(qtbot, stacked=False)
    chart.set_data(["a", "b"], [BarSeries("Assets", [300, 200], "#5c7fa3")])
    chart.grab()
    assert len(pens) > 3
    assert all(pen.color().alpha() == 255 for pen in pens)
    assert any(pen.color().name() not in ("#595959", "#000000") for pen in pens)  # lighter


def test_a_translucent_grid_colour_is_flattened_onto_the_background():
    grey = QColor(89, 89, 89, 64)  # the axis colour at a quarter opacity
    flat = flattened(grey, QColor("#ffffff"))
    assert flat.alpha() == 255
    assert flat.red() == round(255 + (89 - 255) * 64 / 255)


def test_the_top_tick_label_has_room_above_the_view(qtbot):
    chart = _chart(qtbot, stacked=False)
    chart.set_data(["a"], [BarSeries("Assets", [600], "#5c7fa3")])
    plot = chart.getPlotItem()
    axis = plot.getAxis("left")
    room = axis.end_label_room()
    assert room > 0
    assert plot.layout.getContentsMargins()[1] >= room
    view_top = axis.mapRectFromItem(plot.getViewBox(), plot.getViewBox().boundingRect()).top()
    assert axis.boundingRect().top() <= view_top - room
