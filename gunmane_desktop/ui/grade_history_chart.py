"""An asset's grade over time: each inspection a dot in its grade's colour, joined by steps.

The y axis counts the scale's grades from best (bottom) to worst (top) and names them by
symbol, so a 下水道 chart reads 劣化なし … Ⅰ and a bridge chart Ⅰ … Ⅳ.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from ..storage.asset_record import HistoryRow
from ..storage.register_query import GradeChoice
from .grade_colours import grade_background
from .plot_grid import FlatGridAxis, show_flat_grid

AXIS_COLOUR = "#595959"


def _year_fraction(row: HistoryRow) -> float:
    day = row.inspected_on
    return day.year + (day.timetuple().tm_yday - 1) / 366


class GradeHistoryChart(pg.PlotWidget):
    """Grade levels of an asset's inspections against the date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        plot = self.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setAxisItems({name: FlatGridAxis(name) for name in ("bottom", "left")})
        show_flat_grid(plot, x=True, y=True, alpha=0.2)
        font = QFont(self.font())
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_COLOUR))
            axis.setTextPen(pg.mkPen("#202020"))
            axis.setStyle(tickFont=font)
        self._line = pg.PlotDataItem(stepMode=None, pen=pg.mkPen("#7a7a7a", width=1.5))
        self._dots = pg.ScatterPlotItem(size=11, pen=pg.mkPen("#303030"))
        plot.addItem(self._line)
        plot.addItem(self._dots)
        self.points: list[tuple[float, int]] = []  # (year, level), oldest first; for tests

    def set_history(self, rows: Sequence[HistoryRow], grades: Sequence[GradeChoice]) -> None:
        """Draw ``rows`` (any order) on the scale whose grades are ``grades``."""
        ordered = sorted(rows, key=lambda r: r.inspected_on)
        self.points = [(_year_fraction(r), r.grade_level) for r in ordered]
        xs = [x for x, _ in self.points]
        ys = [y for _, y in self.points]
        # Steps: a grade holds until the next inspection.
        step_x, step_y = [], []
        for i, (x, y) in enumerate(self.points):
            if i:
                step_x.append(x)
                step_y.append(step_y[-1])
            step_x.append(x)
            step_y.append(y)
        self._line.setData(step_x, step_y)
        self._dots.setData(xs, ys, brush=[pg.mkBrush(grade_background(y)) for y in ys])
        plot = self.getPlotItem()
        plot.getAxis("left").setTicks([[(g.level, g.symbol) for g in grades]])
        top = max((g.level for g in grades), default=3)
        plot.setYRange(-0.4, top + 0.4, padding=0)
        if xs:
            plot.setXRange(min(xs) - 1, max(xs) + 1, padding=0)
