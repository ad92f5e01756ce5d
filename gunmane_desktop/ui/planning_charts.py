"""Charts of the 計画 page, drawn with pyqtgraph in the dashboard's style.

``CostChart`` compares the mean annual cost of each scenario over the fiscal years (lines, in
million yen); ``GradeShareChart`` stacks the expected share of each grade over time for one
scenario, in the grade colours of the register. Neither zooms nor pans.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from .dashboard_charts import AXIS_COLOUR, TEXT_COLOUR
from .grade_colours import grade_background
from .plot_grid import FlatGridAxis, show_flat_grid

SCENARIO_COLOURS = {"preventive": "#1b7837", "reactive": "#c62828", "budget": "#1f5fa8"}
_STYLES = {"preventive": pg.QtCore.Qt.PenStyle.SolidLine, "reactive": pg.QtCore.Qt.PenStyle.DashLine,
           "budget": pg.QtCore.Qt.PenStyle.DotLine}


def _styled_plot(widget: pg.PlotWidget, y_label: str, x_label: str) -> pg.PlotItem:
    plot = widget.getPlotItem()
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setAxisItems({name: FlatGridAxis(name) for name in ("bottom", "left")})
    show_flat_grid(plot, x=True, y=True, alpha=0.2)
    font = QFont(widget.font())
    for name in ("bottom", "left"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(AXIS_COLOUR))
        axis.setTextPen(pg.mkPen(TEXT_COLOUR))
        axis.setStyle(tickFont=font)
    plot.setLabel("left", y_label, color=TEXT_COLOUR)
    plot.setLabel("bottom", x_label, color=TEXT_COLOUR)
    return plot


class CostChart(pg.PlotWidget):
    """Mean annual cost per scenario over the fiscal years, in million yen."""

    def __init__(self, *, y_label: str, x_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self._plot = _styled_plot(self, y_label, x_label)
        self._legend = self._plot.addLegend(offset=(-6, 2), labelTextColor=TEXT_COLOUR,
                                            brush=pg.mkBrush(255, 255, 255, 220))
        self.series: dict[str, np.ndarray] = {}  # scenario name -> annual cost in million yen

    def set_data(self, fiscal_years: Sequence[int], scenarios: Sequence[tuple[str, str, np.ndarray]]) -> None:
        """Draw one line per ``(name, label, annual cost in yen)``."""
        self._plot.clear()
        self._legend.clear()
        self.series = {}
        x = np.asarray(fiscal_years, dtype=float)
        for name, label, yen in scenarios:
            y = np.asarray(yen, dtype=float) / 1e6
            self.series[name] = y
            pen = pg.mkPen(SCENARIO_COLOURS.get(name, "#444444"), width=2.5,
                           style=_STYLES.get(name, pg.QtCore.Qt.PenStyle.SolidLine))
            self._plot.plot(x, y, pen=pen, name=label, symbol="o", symbolSize=5,
                            symbolBrush=SCENARIO_COLOURS.get(name, "#444444"), symbolPen=None)
        if len(x):
            self._plot.setXRange(x[0] - 0.5, x[-1] + 0.5, padding=0)
            top = max((float(v.max()) for v in self.series.values() if len(v)), default=1.0) or 1.0
            self._plot.setYRange(0, top * 1.25, padding=0)


class GradeShareChart(pg.PlotWidget):
    """Expected share of each grade (best at the bottom) at the end of each fiscal year."""

    def __init__(self, *, y_label: str, x_label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self._plot = _styled_plot(self, y_label, x_label)
        self._legend = self._plot.addLegend(offset=(-6, 2), labelTextColor=TEXT_COLOUR,
                                            brush=pg.mkBrush(255, 255, 255, 220), colCount=4)
        self.shares: np.ndarray = np.zeros((0, 4))

    def set_data(self, fiscal_years: Sequence[int], shares: np.ndarray, names: Sequence[str]) -> None:
        """Stack ``shares`` (years x 4, fractions) as percentages, labelled by ``names``."""
        self._plot.clear()
        self._legend.clear()
        self.shares = np.asarray(shares, dtype=float)
        x = np.asarray(fiscal_years, dtype=float)
        if not len(x):
            return
        # Stacked areas as curves filled down to zero, the tallest (worst grade) drawn first
        # so each better grade covers the lower part of it (FillBetweenItem crashed offscreen).
        cumulative = np.cumsum(self.shares, axis=1) * 100
        items = {}
        for level in reversed(range(self.shares.shape[1])):
            colour = grade_background(level)
            items[level] = self._plot.plot(x, cumulative[:, level], pen=pg.mkPen(colour.darker(130), width=1),
                                           fillLevel=0, brush=pg.mkBrush(colour))
        for level in range(self.shares.shape[1]):
            self._legend.addItem(items[level], names[level])
        self._plot.setXRange(x[0], x[-1], padding=0.02)
        # Room above 100 % for the legend, but no tick there: a share cannot exceed 100 %.
        self._plot.getAxis("left").setTicks([[(v, str(v)) for v in range(0, 101, 20)]])
        self._plot.setYRange(0, 116, padding=0)
