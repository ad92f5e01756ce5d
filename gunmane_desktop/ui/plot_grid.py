"""Plot grids in opaque colours, drawn behind the data rather than over it.

pyqtgraph draws a grid as translucent tick lines across the view, and Qt's raster engine
draws translucent one-pixel lines slowly: the map's grid took 10-40 ms of every repaint
(opaque, 1.5 ms), most of the stall when the map or the dashboard was shown on the
500,000-asset region (docs/performance.md). ``FlatGridAxis`` blends each grid colour with
the plot's background beforehand, so the lines look as before where nothing covers them;
``show_flat_grid`` puts the axes under the plot's items, so that bars and markers cover the
lines instead of being crossed by opaque ones, and leaves room above the view for the
label of a tick at its top edge, which pyqtgraph would otherwise draw cut in half.
"""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF, QPen

VERTICAL = ("left", "right")


def flattened(colour: QColor, background: QColor) -> QColor:
    """The opaque colour that ``colour`` (maybe translucent) shows over ``background``."""
    a = colour.alphaF()
    return QColor(round(background.red() + (colour.red() - background.red()) * a),
                  round(background.green() + (colour.green() - background.green()) * a),
                  round(background.blue() + (colour.blue() - background.blue()) * a))


class FlatGridAxis(pg.AxisItem):
    """An axis whose tick and grid lines are drawn opaque, pre-blended with ``background``."""

    def __init__(self, orientation: str, *, background: str = "#ffffff", **kwargs) -> None:
        super().__init__(orientation, **kwargs)
        self._background = QColor(background)

    def end_label_room(self) -> int:
        """Pixels a tick label at either end of a vertical axis reaches past the view."""
        if self.orientation not in VERTICAL:
            return 0
        font = self.style["tickFont"] or self.font()
        return math.ceil(QFontMetricsF(font).height() / 2)

    def boundingRect(self) -> QRectF:
        # With a grid the axis spans exactly the view, and pyqtgraph clips the tick labels
        # to that: the label of a tick at the top edge lost its upper half.
        rect = super().boundingRect()
        if self.grid is not False and self.orientation in VERTICAL:
            room = self.end_label_room()
            rect = rect.adjusted(0, -room, 0, room)
        return rect

    def drawPicture(self, p, axisSpec, tickSpecs, textSpecs):
        opaque = []
        for pen, start, stop in tickSpecs:
            if pen.color().alpha() < 255:
                pen = QPen(pen)
                pen.setColor(flattened(pen.color(), self._background))
            opaque.append((pen, start, stop))
        super().drawPicture(p, axisSpec, opaque, textSpecs)


def show_flat_grid(plot: pg.PlotItem, *, x: bool, y: bool, alpha: float) -> None:
    """Show a grid drawn by the plot's ``FlatGridAxis`` axes, under the plot's items.

    The axes' lines and labels lie outside the view box, which clips its items, so stacking
    the axes under the view box only moves the grid lines under the data. The top margin
    is the room for the topmost tick label.
    """
    plot.showGrid(x=x, y=y, alpha=alpha)
    z = plot.getViewBox().zValue() - 1
    room = 0
    for name in ("left", "bottom", "right", "top"):
        axis = plot.getAxis(name)
        axis.setZValue(z)
        if isinstance(axis, FlatGridAxis) and axis.isVisible():
            room = max(room, axis.end_label_room())
    left, top, right, bottom = plot.layout.getContentsMargins()
    plot.layout.setContentsMargins(left, max(top, room), right, bottom)
