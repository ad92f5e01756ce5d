"""Grade-coloured asset markers for the map, drawn from numpy columns (``map_query.PointSet``).

pyqtgraph draws a scatter with one brush per point thirty times slower than one whose
points share a brush (3.4 s against 0.1 s for 50,000 points): the markers are one
``ScatterPlotItem`` per grade level, each with its level's colour. Above ``LOD_LIMIT``
points in view they are aggregated to one marker per grid cell coloured by the worst grade
in it, so a whole prefecture stays fluid; the view is drawn again only when a pan or zoom
has come to rest (``REDRAW_PAUSE_MS``), so dragging moves the markers already drawn. On a
set that large the markers of the new view (the points in it, their grid cells, the split by
grade) are worked out on a thread of their own (``view_layers``, plain numpy): the GUI
thread only hands the finished arrays to the plot items.
"""

from __future__ import annotations

import contextlib
import threading

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor

from ..storage import map_query as mq
from .grade_colours import NOT_INSPECTED_TEXT, grade_background

LOD_LIMIT = 20_000
"""More points than this in view are drawn aggregated to a grid."""
GRID_CELLS = 200
"""Grid cells across the view when aggregated."""
REDRAW_PAUSE_MS = 80
LEVELS = range(-1, 7)  # -1: not inspected; 0..: the grade rank in its scale, best first


Cells = tuple[np.ndarray, np.ndarray, np.ndarray]
Layers = dict[int, tuple[np.ndarray, np.ndarray, np.ndarray | None]]
"""Per grade level: the x, y and seqs (None for grid cells) of the markers to draw."""


def overview_cells(points: mq.PointSet, factor: float) -> Cells | None:
    """The aggregated markers of the whole set (None when it is drawn point by point).

    Plain numpy, so the page computes it on the worker that read the points: sorting half a
    million grid keys on the GUI thread would be a visible stall when the map opens.
    """
    if len(points) <= LOD_LIMIT:
        return None
    x = points.lon * factor
    cell = max((float(x.max()) - float(x.min())) / GRID_CELLS, 1e-9)
    return mq.grid_worst_cells(x, points.lat, points.levels, cell)


def read_points(conn, scope) -> tuple[mq.PointSet, Cells | None]:
    """The worker's job: the scope's points and their overview in their own x scale."""
    points = mq.point_set(conn, scope)
    return points, overview_cells(points, points.aspect_factor())


def split_levels(x: np.ndarray, y: np.ndarray, levels: np.ndarray,
                 seqs: np.ndarray | None) -> Layers:
    """The markers split by grade level, one plot item's arrays each."""
    layers: Layers = {}
    for level in LEVELS:
        chosen = levels == level
        layers[level] = (x[chosen], y[chosen], None if seqs is None else seqs[chosen])
    return layers


def view_layers(points: mq.PointSet, x: np.ndarray, index: np.ndarray) -> tuple[Layers, bool]:
    """The markers of the points at ``index`` (x: the points' lon * factor) and whether they
    are grid cells: one marker per point up to ``LOD_LIMIT``, else one per cell with the
    worst grade in it. Plain numpy, so it may run on any thread."""
    x, y, levels = x[index], points.lat[index], points.levels[index]
    if len(index) <= LOD_LIMIT:
        return split_levels(x, y, levels, points.seqs[index]), False
    cell = max((float(x.max()) - float(x.min())) / GRID_CELLS, 1e-9)
    return split_levels(*mq.grid_worst_cells(x, y, levels, cell), None), True


def level_colour(level: int) -> QColor:
    return grade_background(None if level < 0 else level) or QColor(NOT_INSPECTED_TEXT)


class GradeMarkers(QObject):
    """The markers of one PointSet on a plot; ``clicked`` carries the clicked asset's seq."""

    clicked = Signal(int)
    _computed = Signal(int, object)
    """A view's markers were worked out off the GUI thread (the points' generation, the
    ``view_layers`` answer)."""

    def __init__(self, plot: pg.PlotItem, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._plot = plot
        self.points: mq.PointSet | None = None
        self.factor = 1.0
        self.aggregated = False
        self.drawn = 0  # markers drawn in the last pass
        self._x = np.empty(0)
        pen = pg.mkPen("#444444", width=0.5)
        self._items: dict[int, pg.ScatterPlotItem] = {}
        for level in LEVELS:  # worse grades on top
            item = pg.ScatterPlotItem(size=7, pen=pen, brush=level_colour(level))
            item.setZValue(10 + level)
            item.sigClicked.connect(self._on_clicked)
            plot.addItem(item)
            self._items[level] = item
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REDRAW_PAUSE_MS)
        self._timer.timeout.connect(self.draw_view)
        plot.getViewBox().sigRangeChanged.connect(self._on_range_changed)
        self._generation = 0  # bumped by set_points: answers for older points are dropped
        self._computing = False
        self._again = False  # the view moved while its markers were being worked out
        self._computed.connect(self._on_computed, Qt.ConnectionType.QueuedConnection)

    def set_points(self, points: mq.PointSet, factor: float,
                   overview: Cells | None = None) -> None:
        """Show these points (x = lon * factor, y = lat); the whole set until the view moves.
        ``overview``: the whole set's cells computed beforehand (``read_points``) in this
        same x scale, or None to compute them here."""
        self.points = points
        self.factor = factor
        self._x = points.lon * factor
        self._generation += 1
        if overview is not None:
            self._show(split_levels(*overview, None), True)
        else:
            self._show(*view_layers(points, self._x, np.arange(len(points))))

    @property
    def pending(self) -> bool:
        """True while a redraw waits for the view to come to rest or for its markers."""
        return self._timer.isActive() or self._computing

    def items(self) -> list[pg.ScatterPlotItem]:
        """The plot items (one per grade level), e.g. to fit the view to them."""
        return list(self._items.values())

    def z_value(self) -> float:
        """The lowest z of the markers: anything drawn under them must be below it."""
        return min(item.zValue() for item in self._items.values())

    def bounds(self) -> tuple[float, float, float, float] | None:
        """x0, x1, y0, y1 of all points (None when there are none)."""
        if self.points is None or not len(self.points):
            return None
        return (float(self._x.min()), float(self._x.max()),
                float(self.points.lat.min()), float(self.points.lat.max()))

    def draw_view(self) -> None:
        """Draw the points in the current view (aggregated when there are many).

        Up to ``LOD_LIMIT`` points in all they are drawn at once; above it the markers are
        worked out on a thread and drawn when ready (``pending`` until then).
        """
        if self.points is None:
            return
        (x0, x1), (y0, y1) = self._plot.getViewBox().viewRange()
        factor = self.factor or 1.0
        box = (x0 / factor, x1 / factor, y0, y1)
        if len(self.points) <= LOD_LIMIT:
            self._show(*view_layers(self.points, self._x, self.points.in_box(*box)))
        elif self._computing:
            self._again = True  # one thread at a time: this view is drawn after the current
        else:
            self._computing = True
            threading.Thread(target=self._compute, daemon=True, name="map-markers",
                             args=(self._generation, self.points, self._x, box)).start()

    # -- internals ----------------------------------------------------------------------
    def _on_range_changed(self, *_args: object) -> None:
        if self.points is not None and len(self.points) > LOD_LIMIT:
            self._timer.start()  # restarted by every step of a drag: draws when it rests

    def _compute(self, generation: int, points: mq.PointSet, x: np.ndarray,
                 box: tuple[float, float, float, float]) -> None:
        """The thread's work: nothing here touches a plot item."""
        answer = view_layers(points, x, points.in_box(*box))
        with contextlib.suppress(RuntimeError):  # the page was closed meanwhile
            self._computed.emit(generation, answer)

    def _on_computed(self, generation: int, answer: tuple[Layers, bool]) -> None:
        self._computing = False
        if generation == self._generation:  # else the points changed: the answer is stale
            self._show(*answer)
        if self._again:
            self._again = False
            self.draw_view()

    def _show(self, layers: Layers, aggregated: bool) -> None:
        self.aggregated = aggregated
        self.drawn = sum(len(x) for x, _y, _seqs in layers.values())
        for level, item in self._items.items():
            x, y, seqs = layers[level]
            if seqs is None:  # a cell is not one asset: clicking it does nothing
                item.setData(x=x, y=y)
            else:
                item.setData(x=x, y=y, data=seqs)

    def _on_clicked(self, _item: object, spots: list, *_args: object) -> None:
        for spot in spots:
            seq = spot.data()
            if seq is not None:
                self.clicked.emit(int(seq))
                return
