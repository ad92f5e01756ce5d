"""Bar charts of the dashboard, drawn with pyqtgraph: stacked or grouped, with value labels.

One ``BarChart`` serves every figure: grades stacked per organisation, the age histogram
(with its unknown-year bar in grey), inspections per fiscal year and measure progress per
cycle. Categories are named on the x axis; a click on a bar says which category and series
it hit, so the page can open the register filtered to it. The charts do not zoom or pan:
a council figure that moves under the mouse only confuses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from .plot_grid import FlatGridAxis, show_flat_grid

BAR_WIDTH = 0.7
TEXT_COLOUR = "#202020"
AXIS_COLOUR = "#595959"


@dataclass(frozen=True, slots=True)
class BarSeries:
    """One series of bars: its legend name, one value per category, and its colour.

    ``colours`` overrides the colour bar by bar (the grey unknown-year bar).
    """

    name: str
    values: Sequence[float]
    colour: str
    colours: Sequence[str] | None = None


def _count_text(value: float) -> str:
    return f"{int(value):,}"


@lru_cache(maxsize=64)
def _brush(colour: str) -> QBrush:
    return pg.mkBrush(colour)


class BarChart(pg.PlotWidget):
    """Bars over named categories, stacked or side by side, each labelled with its value."""

    bar_clicked = Signal(int, int)
    """The user clicked a bar: its category index and series index."""

    def __init__(self, *, stacked: bool, y_label: str = "", y_max: float | None = None,
                 value_text: Callable[[float], str] = _count_text, label_zero: bool = False,
                 legend_columns: int = 3, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w",
                         axisItems={name: FlatGridAxis(name) for name in ("bottom", "left")})
        self.stacked = stacked
        self._y_max = y_max
        self._value_text = value_text
        self._label_zero = label_zero
        self.categories: list[str] = []
        self.series: list[BarSeries] = []
        self._bars: list[pg.BarGraphItem] = []  # one per series, reused by every set_data
        self._texts: list[pg.TextItem] = []  # the value labels, reused likewise
        self._legend_key: list[tuple[str, str]] = []
        self._ticks: list = []
        self.value_labels: list[str] = []  # the texts drawn on the bars, for tests
        plot = self.getPlotItem()
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        font = QFont(self.font())
        for name in ("bottom", "left"):
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(AXIS_COLOUR))
            axis.setTextPen(pg.mkPen(TEXT_COLOUR))
            axis.setStyle(tickFont=font)
        show_flat_grid(plot, x=False, y=True, alpha=0.25)
        if y_label:
            plot.setLabel("left", y_label, color=TEXT_COLOUR)
        self._legend = plot.addLegend(offset=(-6, 2), labelTextColor=TEXT_COLOUR,
                                      brush=pg.mkBrush(255, 255, 255, 220),
                                      colCount=legend_columns)
        self.scene().sigMouseClicked.connect(self._on_scene_clicked)

    # -- data ---------------------------------------------------------------------------
    def set_data(self, categories: Sequence[str], series: Sequence[BarSeries]) -> None:
        """Draw ``series`` over ``categories`` (replacing what was drawn).

        The plot items are kept and given the new values: removing and re-creating one bar
        item per series, a text item per value and the legend took most of the dashboard's
        redraw on the 500,000-asset region, a stall the user feels when choosing a scope.
        """
        self.categories = list(categories)
        self.series = [s for s in series if len(s.values) == len(self.categories)]
        n = len(self.categories)
        top = 0.0
        base = [0.0] * n
        width = BAR_WIDTH if self.stacked else BAR_WIDTH / max(1, len(self.series))
        labels: list[tuple[float, float, str]] = []
        for k, s in enumerate(self.series):
            xs = [self._bar_x(i, k) for i in range(n)]
            # ``brush`` colours the legend's swatch; ``brushes`` the bars one by one.
            self._bar_item(k).setOpts(x=xs, height=list(s.values), width=width,
                                      y0=list(base) if self.stacked else 0, brush=s.colour,
                                      brushes=[_brush(c) for c in (s.colours or [s.colour] * n)])
            if self.stacked:
                base = [b + v for b, v in zip(base, s.values, strict=True)]
                top = max([top, *base])
            else:
                top = max([top, *s.values])
                labels.extend((xs[i], value, self._value_text(value))
                              for i, value in enumerate(s.values) if value or self._label_zero)
        if self.stacked:
            labels.extend((self._bar_x(i, 0), total, self._value_text(total))
                          for i, total in enumerate(base))
        for k, item in enumerate(self._bars):
            item.setVisible(k < len(self.series))
        self._show_labels([label for label in labels if label[2]])
        self._show_legend()
        ticks = [[(i, c) for i, c in enumerate(self.categories)]]
        if ticks != self._ticks:  # new ticks redraw the axis: only when they change
            self._ticks = ticks
            self.getPlotItem().getAxis("bottom").setTicks(ticks)
        y_top = self._y_max if self._y_max is not None else max(1.0, top) * 1.15
        # Room at the top for the value labels and the legend rows above the bars.
        legend_rows = -(-len(self.series) // self._legend.columnCount) if len(self.series) > 1 \
            else 0
        plot = self.getPlotItem()
        plot.setYRange(0, y_top * (1 + 0.11 * legend_rows), padding=0)
        plot.setXRange(-0.6, max(0, n - 1) + 0.6, padding=0)

    def _bar_x(self, category: int, series: int) -> float:
        if self.stacked or len(self.series) <= 1:
            return float(category)
        width = BAR_WIDTH / len(self.series)
        return category - BAR_WIDTH / 2 + width * (series + 0.5)

    def _bar_item(self, k: int) -> pg.BarGraphItem:
        """The bar item of series ``k``, made the first time a chart has that many series."""
        while len(self._bars) <= k:
            item = pg.BarGraphItem(x=[], height=[], width=BAR_WIDTH,
                                   pen=pg.mkPen("#ffffff", width=1))
            self.getPlotItem().addItem(item)
            self._bars.append(item)
        return self._bars[k]

    def _show_labels(self, labels: list[tuple[float, float, str]]) -> None:
        """Put the value texts on the bars, reusing the text items already made."""
        for j, (x, y, text) in enumerate(labels):
            if j == len(self._texts):
                item = pg.TextItem(text, color=TEXT_COLOUR, anchor=(0.5, 1.0))
                item.setFont(self.font())
                self.getPlotItem().addItem(item)
                self._texts.append(item)
            item = self._texts[j]
            if item.toPlainText() != text:
                item.setText(text)
            item.setPos(x, y)
            item.setVisible(True)
        for item in self._texts[len(labels):]:
            item.setVisible(False)
        self.value_labels = [text for _x, _y, text in labels]

    def _show_legend(self) -> None:
        """Name the series in the legend (one series needs none); rebuilt only on change."""
        key = [(s.name, s.colour) for s in self.series] if len(self.series) > 1 else []
        if key == self._legend_key:
            return  # the swatches follow their items' brushes by themselves
        self._legend_key = key
        self._legend.clear()
        for k, (name, _colour) in enumerate(key):
            self._legend.addItem(self._bars[k], name)

    # -- hit testing ----------------------------------------------------------------------
    def bar_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The (category, series) of the bar at data coordinates (x, y), or None."""
        n = len(self.categories)
        if not self.series or n == 0:
            return None
        if self.stacked:
            i = round(x)
            if not 0 <= i < n or abs(x - i) > BAR_WIDTH / 2 or y < 0:
                return None
            base = 0.0
            for k, s in enumerate(self.series):
                if base <= y < base + s.values[i]:
                    return i, k
                base += s.values[i]
            return None
        width = BAR_WIDTH / max(1, len(self.series))
        for i in range(n):
            for k, s in enumerate(self.series):
                if abs(x - self._bar_x(i, k)) <= width / 2 and 0 <= y <= s.values[i]:
                    return i, k
        return None

    def bar_centre(self, category: int, series: int) -> QPointF:
        """Where in the widget a bar's middle is drawn (for tests that click it)."""
        s = self.series[series]
        below = (sum(self.series[k].values[category] for k in range(series)) if self.stacked
                 else 0.0)
        point = QPointF(self._bar_x(category, series), below + s.values[category] / 2)
        view = self.getPlotItem().getViewBox()
        scene_point = view.mapViewToScene(point)
        return self.mapFromScene(scene_point).toPointF()

    def _on_scene_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        view = self.getPlotItem().getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        hit = self.bar_at(point.x(), point.y())
        if hit is not None:
            self.bar_clicked.emit(*hit)


def blend(colour: str, towards: str = "#ffffff", share: float = 0.35) -> str:
    """A lighter (or darker) shade of ``colour``, for a second series of the same hue."""
    a, b = QColor(colour), QColor(towards)
    mix = QColor(round(a.red() + (b.red() - a.red()) * share),
                 round(a.green() + (b.green() - a.green()) * share),
                 round(a.blue() + (b.blue() - a.blue()) * share))
    return mix.name()
