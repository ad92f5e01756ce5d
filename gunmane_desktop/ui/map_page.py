"""The 地図 page: assets by lat/lon coloured by grade, offline (no tiles), with export.

Above ``LOD_LIMIT`` points in view the page draws one marker per grid cell with the worst
grade in it, so a whole prefecture stays fluid. With 範囲選択 on, dragging a rectangle
selects the assets inside it (every asset of the filters, not only the drawn markers), for
example to start a joint contract over them.

A background (a boundary or road GeoJSON the user has, see ``map_overlay``) can be drawn
under the points; it stays through filtering and panning, and with settings the page
remembers its file for the next start.
"""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSettings, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.geojson_overlay import OverlayError
from ..storage import map_query as mq
from ..storage import register_query as rq
from ..storage.analytics import Scope
from .background import BackgroundTask, user_message
from .grade_colours import NOT_INSPECTED_TEXT, grade_background
from .inspection_form import ERROR_STYLE
from .map_overlay import OverlayDrawing, OverlayLayer, prepare_drawing

LOD_LIMIT = 50_000
OVERLAY_KEY = "map/overlay_path"


def _brush(level: int | None) -> QColor:
    return grade_background(level) or QColor(NOT_INSPECTED_TEXT)


class _LonAxis(pg.AxisItem):
    """Bottom axis labelled in degrees of longitude although x is lon * cos(lat).

    The ticks are chosen in longitude (138.5, 139.0, …) and placed at lon * factor; ticks
    chosen in x would read 138.18, 138.82.
    """

    factor = 1.0

    def tickValues(self, minVal, maxVal, size):
        f = self.factor or 1.0
        return [(spacing * f, [v * f for v in values])
                for spacing, values in super().tickValues(minVal / f, maxVal / f, size)]

    def tickStrings(self, values, scale, spacing):
        f = self.factor or 1.0
        places = max(0, math.ceil(-math.log10(spacing / f))) if spacing > 0 else 2
        return [f"{v / f:.{places}f}" for v in values]


class _SelectViewBox(pg.ViewBox):
    """A ViewBox whose left drag draws a selection rectangle while ``selecting`` is on."""

    area_dragged = Signal(object)
    """A rectangle was dragged (a QRectF in view coordinates: x = lon * factor, y = lat)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.selecting = False

    def mouseDragEvent(self, ev, axis=None):
        if not self.selecting or ev.button() != Qt.MouseButton.LeftButton or axis is not None:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        if ev.isFinish():
            self.rbScaleBox.hide()
            rect = QRectF(ev.buttonDownPos(ev.button()), ev.pos())
            self.area_dragged.emit(self.childGroup.mapRectFromParent(rect).normalized())
        else:
            self.updateScaleBox(ev.buttonDownPos(), ev.pos())


class MapPage(QWidget):
    """Map of the file's assets, filtered by organisation and asset type."""

    asset_selected = Signal(str)
    """An asset was clicked on the map (its id)."""
    selection_changed = Signal(list)
    """The rectangle selection changed (the ids of the assets in it; empty when cleared)."""
    overlay_changed = Signal(str)
    """A background was drawn (its file path) or cleared (an empty string)."""
    overlay_failed = Signal(str)
    """A background file was refused (the message, naming the file and feature)."""

    def __init__(self, conn: sqlite3.Connection, parent: QWidget | None = None, *,
                 load: bool = True, settings: QSettings | None = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._settings = settings
        self._overlay_task: BackgroundTask | None = None
        remembered = settings.value(OVERLAY_KEY, "") if settings is not None else ""
        self._pending_overlay: Path | None = Path(str(remembered)) if remembered else None
        self._points: list[mq.MapPoint] = []
        self._factor = 1.0
        self._aggregated = False
        self._selected: list[str] = []

        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("All organisations"), None)
        for code, name in rq.organisations(conn):
            self.org_combo.addItem(name, code)
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("All asset types"), None)
        for t in rq.asset_types(conn):
            self.type_combo.addItem(t.name_ja, t.id)
        self.geojson_button = QPushButton(self.tr("Export GeoJSON…"))
        self.kml_button = QPushButton(self.tr("Export KML…"))
        self.select_button = QPushButton(self.tr("Select area"))
        self.select_button.setCheckable(True)
        self.select_button.setToolTip(self.tr("Drag a rectangle on the map to select the assets in it."))
        self.clear_selection_button = QPushButton(self.tr("Clear selection"))
        self.overlay_button = QPushButton(self.tr("Load background…"))
        self.overlay_button.setToolTip(self.tr(
            "Draw a boundary or road GeoJSON file (WGS84 longitude/latitude) under the assets."))
        self.clear_overlay_button = QPushButton(self.tr("Clear background"))
        self.overlay_label = QLabel()
        self.overlay_label.setWordWrap(True)
        self.area_label = QLabel()
        self.count_label = QLabel()
        self.selection_label = QLabel(self.tr("Click a point to see the asset."))

        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Organisation")))
        bar.addWidget(self.org_combo)
        bar.addWidget(QLabel(self.tr("Asset type")))
        bar.addWidget(self.type_combo)
        bar.addStretch(1)
        bar.addWidget(self.select_button)
        bar.addWidget(self.clear_selection_button)
        bar.addWidget(self.geojson_button)
        bar.addWidget(self.kml_button)
        overlay_bar = QHBoxLayout()
        overlay_bar.addWidget(self.overlay_button)
        overlay_bar.addWidget(self.clear_overlay_button)
        overlay_bar.addWidget(self.overlay_label, 1)

        self._lon_axis = _LonAxis("bottom")
        self._view_box = _SelectViewBox()
        self.plot = pg.PlotWidget(background="w", viewBox=self._view_box,
                                  axisItems={"bottom": self._lon_axis})
        self.plot.setAspectLocked(True)
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", self.tr("Longitude"))
        self.plot.setLabel("left", self.tr("Latitude"))
        self.scatter = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#444444", width=0.5))
        self.scatter.sigClicked.connect(self._on_points_clicked)
        self.plot.addItem(self.scatter)
        self.selection_marks = pg.ScatterPlotItem(size=11, brush=None, pen=pg.mkPen("#1565c0", width=2))
        self.plot.addItem(self.selection_marks)
        self.plot.getViewBox().sigRangeChanged.connect(self._on_range_changed)
        self.overlay_layer = OverlayLayer(self.plot)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(overlay_bar)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.area_label)
        layout.addWidget(self.selection_label)

        self.org_combo.currentIndexChanged.connect(self.refresh)
        self.type_combo.currentIndexChanged.connect(self.refresh)
        self.geojson_button.clicked.connect(self._on_export_geojson)
        self.kml_button.clicked.connect(self._on_export_kml)
        self.select_button.toggled.connect(self._on_select_toggled)
        self.clear_selection_button.clicked.connect(self.clear_selection)
        self._view_box.area_dragged.connect(self._on_area_dragged)
        self.overlay_button.clicked.connect(self._on_load_overlay_clicked)
        self.clear_overlay_button.clicked.connect(self.clear_overlay)
        self._show_selection()
        self._show_overlay_state()
        if load:  # the main window loads when the page is first shown
            self.refresh()

    def scope(self) -> Scope:
        """The organisation and asset type chosen in the combos."""
        return Scope(org=self.org_combo.currentData(), asset_type=self.type_combo.currentData())

    def points(self) -> list[mq.MapPoint]:
        """The points of the current selection."""
        return list(self._points)

    def refresh(self) -> None:
        """Reload the points for the chosen filters and fit the view to them."""
        self._points, missing = mq.points(self._conn, self.scope())
        self._factor = self._aspect_factor()
        self._lon_axis.factor = self._factor
        self.overlay_layer.redraw(self._factor)
        self.count_label.setText(self.tr("%1 assets on the map, %2 without coordinates")
                                 .replace("%1", f"{len(self._points):,}")
                                 .replace("%2", f"{missing:,}"))
        self._draw(None)
        self.clear_selection()  # the filters may have dropped selected assets
        if self._points:
            self.plot.getViewBox().autoRange(items=[self.scatter])
        if self._pending_overlay is not None:  # the remembered background, on first display
            path, self._pending_overlay = self._pending_overlay, None
            self.load_overlay(path)

    def _aspect_factor(self) -> float:
        """The x scale from the points; from the background when no point is shown."""
        drawing = self.overlay_layer.drawing
        if not self._points and drawing is not None:
            return math.cos(math.radians(drawing.mid_latitude()))
        return mq.aspect_factor(self._points)

    def _x(self, p: mq.MapPoint) -> float:
        return p.lon * self._factor

    def _draw(self, view: tuple[float, float, float, float] | None) -> None:
        pts = self._points
        if view is not None:
            x0, x1, y0, y1 = view
            pts = [p for p in pts if x0 <= self._x(p) <= x1 and y0 <= p.lat <= y1]
        self._aggregated = len(pts) > LOD_LIMIT
        if self._aggregated:
            x0 = min(self._x(p) for p in pts)
            x1 = max(self._x(p) for p in pts)
            cell = max((x1 - x0) / 200, 1e-6)
            cells = mq.grid_worst([self._x(p) for p in pts], [p.lat for p in pts],
                                  [p.level for p in pts], cell)
            self.scatter.setData(x=[c[0] for c in cells], y=[c[1] for c in cells],
                                 brush=[_brush(c[2]) for c in cells], data=[None] * len(cells))
        else:
            self.scatter.setData(x=[self._x(p) for p in pts], y=[p.lat for p in pts],
                                 brush=[_brush(p.level) for p in pts], data=pts)

    def _on_range_changed(self, *_args: object) -> None:
        if len(self._points) <= LOD_LIMIT:
            return  # every point always fits: no need to redraw on pan/zoom
        (x0, x1), (y0, y1) = self.plot.getViewBox().viewRange()
        self._draw((x0, x1, y0, y1))

    def _on_points_clicked(self, _item: object, spots: list, *_args: object) -> None:
        for spot in spots:
            if isinstance(spot.data(), mq.MapPoint):
                self.select_asset(spot.data().asset_id)
                return

    def select_asset(self, asset_id: str) -> None:
        """Show the asset's name and grade and announce it (what a click on its point does)."""
        point = next((p for p in self._points if p.asset_id == asset_id), None)
        if point is None:
            return
        grade = point.grade_symbol or self.tr("not inspected")
        self.selection_label.setText(f"{point.name}  ({point.asset_id})  {grade}")
        self.asset_selected.emit(asset_id)

    # -- rectangle selection ----------------------------------------------------------------
    def selected_ids(self) -> list[str]:
        """The ids of the assets in the selected rectangle (empty: nothing selected)."""
        return list(self._selected)

    def select_area(self, lon_min: float, lat_min: float, lon_max: float, lat_max: float) -> list[str]:
        """Select the assets of the current filters inside a lon/lat rectangle (what a drag does)."""
        lon0, lon1 = sorted((lon_min, lon_max))
        lat0, lat1 = sorted((lat_min, lat_max))
        self._set_selection([p.asset_id for p in self._points
                             if lon0 <= p.lon <= lon1 and lat0 <= p.lat <= lat1])
        return self.selected_ids()

    def clear_selection(self) -> None:
        """Drop the rectangle selection."""
        self._set_selection([])

    def _set_selection(self, ids: list[str]) -> None:
        if ids == self._selected:
            return
        self._selected = ids
        self._show_selection()
        self.selection_changed.emit(list(ids))

    def _show_selection(self) -> None:
        chosen = set(self._selected)
        pts = [p for p in self._points if p.asset_id in chosen] if len(chosen) <= LOD_LIMIT else []
        self.selection_marks.setData(x=[self._x(p) for p in pts], y=[p.lat for p in pts])
        self.clear_selection_button.setEnabled(bool(chosen))
        if chosen:
            owners = len({p.owner for p in self._points if p.asset_id in chosen})
            self.area_label.setText(self.tr("%1 assets of %2 organisations selected")
                                    .replace("%1", f"{len(chosen):,}").replace("%2", str(owners)))
        elif self.select_button.isChecked():
            self.area_label.setText(self.tr("Drag a rectangle on the map to select the assets in it."))
        else:
            self.area_label.setText("")
        self.area_label.setVisible(bool(self.area_label.text()))  # no blank line under the map

    def _on_select_toggled(self, on: bool) -> None:
        self._view_box.selecting = on
        self._show_selection()

    def _on_area_dragged(self, rect: QRectF) -> None:
        factor = self._factor or 1.0
        self.select_area(rect.left() / factor, rect.top(), rect.right() / factor, rect.bottom())

    def _ask_path(self, suffix: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export map"), f"map.{suffix}",
                                              f"*.{suffix}")
        return Path(name) if name else None

    def _on_export_geojson(self) -> None:
        path = self._ask_path("geojson")
        if path:
            mq.export_geojson(self._points, path)

    def _on_export_kml(self) -> None:
        path = self._ask_path("kml")
        if path:
            mq.export_kml(self._points, path)

    # -- background (boundary / road GeoJSON) -----------------------------------------------
    @property
    def overlay(self) -> OverlayDrawing | None:
        """The background drawn under the points (None: none)."""
        return self.overlay_layer.drawing

    @property
    def overlay_busy(self) -> bool:
        """True while a background file is being read."""
        return self._overlay_task is not None

    def load_overlay(self, path: Path | str) -> None:
        """Read a GeoJSON file on a worker and draw it under the points (``overlay_changed``
        when drawn, ``overlay_failed`` with the reason when refused; the old one stays then)."""
        if self._overlay_task is not None:
            return
        path = Path(path)
        self.overlay_label.setStyleSheet("")
        self.overlay_label.setText(self.tr("Reading %1…").replace("%1", path.name))
        self._overlay_task = (
            BackgroundTask(self, lambda _progress, _cancel: prepare_drawing(path),
                           self.tr("Reading the background…"), cancellable=False)
            .on_success(self._on_overlay_ready).on_failure(self._on_overlay_failed))
        self._overlay_task.finished.connect(self._on_overlay_task_finished)
        self._show_overlay_state()
        self._overlay_task.start()

    def clear_overlay(self) -> None:
        """Remove the background and forget it."""
        self._pending_overlay = None
        self.overlay_layer.show(None, self._factor)
        if self._settings is not None:
            self._settings.remove(OVERLAY_KEY)
        self.overlay_label.setStyleSheet("")
        self.overlay_label.setText("")
        self._show_overlay_state()
        self.overlay_changed.emit("")

    def _on_load_overlay_clicked(self) -> None:
        last = self._settings.value(OVERLAY_KEY, "") if self._settings is not None else ""
        start = str(Path(str(last)).parent) if last else ""
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Load a background GeoJSON"), start,
                                              self.tr("GeoJSON (*.geojson *.json);;All files (*)"))
        if name:
            self.load_overlay(name)

    def _on_overlay_ready(self, drawing: OverlayDrawing) -> None:
        self.overlay_layer.show(drawing, self._factor)
        if not self._points:  # nothing else sets the scale then: take it from the background
            self._factor = self._aspect_factor()
            self._lon_axis.factor = self._factor
            self.overlay_layer.redraw(self._factor)
        self.plot.getViewBox().autoRange(items=[self.scatter, *self.overlay_layer.items()])
        if self._settings is not None:
            self._settings.setValue(OVERLAY_KEY, str(drawing.path))
        o = drawing.overlay
        self.overlay_label.setStyleSheet("")
        self.overlay_label.setText(
            self.tr("Background: %1 (%2 outlines, %3 lines, %4 points)")
            .replace("%1", drawing.path.name).replace("%2", str(len(o.rings)))
            .replace("%3", str(len(o.lines))).replace("%4", str(len(o.points))))
        self.overlay_changed.emit(str(drawing.path))

    def _on_overlay_failed(self, exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, OverlayError) else user_message(exc)
        self.overlay_label.setStyleSheet(ERROR_STYLE)
        self.overlay_label.setText(self.tr("The background could not be used: %1").replace("%1", message))
        self.overlay_failed.emit(message)

    def _on_overlay_task_finished(self) -> None:
        self._overlay_task = None
        self._show_overlay_state()

    def _show_overlay_state(self) -> None:
        self.overlay_button.setEnabled(self._overlay_task is None)
        remembered = self._settings is not None and bool(self._settings.value(OVERLAY_KEY, ""))
        self.clear_overlay_button.setEnabled(
            self._overlay_task is None and (self.overlay is not None or remembered))
