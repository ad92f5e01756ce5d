"""The 地図 page: assets by lat/lon coloured by grade, offline (no tiles), with export.

The points are numpy columns (``map_query.PointSet``) drawn by ``GradeMarkers``: above its
``LOD_LIMIT`` points in view it draws one marker per grid cell with the worst grade in it,
so a whole prefecture stays fluid. On a large file the points are read on a worker thread
(``ReadQuery``), so the window does not freeze while half a million rows stream in. With
範囲選択 on, dragging a rectangle selects the assets inside it (every asset of the filters,
not only the drawn markers), for example to start a joint contract over them.

A background (a boundary or road GeoJSON the user has, see ``map_overlay``) can be drawn
under the points; it stays through filtering and panning, and with settings the page
remembers its file for the next start.
"""

from __future__ import annotations

import math
import sqlite3
from functools import partial
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF, QSettings, Qt, Signal
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
from .catalogue_names import DEFAULT_LANGUAGE, localised
from .inspection_form import ERROR_STYLE
from .map_markers import LOD_LIMIT, Cells, GradeMarkers, read_points
from .map_overlay import OverlayDrawing, OverlayLayer, prepare_drawing
from .plot_grid import FlatGridAxis, show_flat_grid
from .read_worker import ReadQuery, asset_capacity, database_file

OVERLAY_KEY = "map/overlay_path"
WORKER_ABOVE = 50_000
"""Files with more assets than this read the map's points on a worker thread."""


class _LonAxis(FlatGridAxis):
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
                 load: bool = True, settings: QSettings | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._conn = conn
        self._settings = settings
        self._overlay_task: BackgroundTask | None = None
        remembered = settings.value(OVERLAY_KEY, "") if settings is not None else ""
        self._pending_overlay: Path | None = Path(str(remembered)) if remembered else None
        self._set: mq.PointSet | None = None
        self._factor = 1.0
        self._selected: list[str] = []
        self._selected_index = np.empty(0, dtype=np.int64)  # into self._set
        self._path = database_file(conn)
        self.uses_worker = self._path is not None and asset_capacity(conn) > WORKER_ABOVE
        self._query: ReadQuery | None = None

        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("All organisations"), None)
        for code, name in rq.organisations(conn):
            self.org_combo.addItem(name, code)
        self.type_combo = QComboBox()
        self.type_combo.addItem(self.tr("All asset types"), None)
        for t in rq.asset_types(conn):
            self.type_combo.addItem(localised(t.name_ja, t.name_en, language), t.id)
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
                                  axisItems={"bottom": self._lon_axis,
                                             "left": FlatGridAxis("left")})
        self.plot.setAspectLocked(True)
        show_flat_grid(self.plot.getPlotItem(), x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", self.tr("Longitude"))
        self.plot.setLabel("left", self.tr("Latitude"))
        self.markers = GradeMarkers(self.plot.getPlotItem(), self)
        self.markers.clicked.connect(self._on_marker_clicked)
        self.selection_marks = pg.ScatterPlotItem(size=11, brush=None, pen=pg.mkPen("#1565c0", width=2))
        self.selection_marks.setZValue(100)
        self.plot.addItem(self.selection_marks)
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
        """The points of the current filters, with names and ids (read from the file)."""
        return mq.map_points(self._conn, self._set.seqs) if self._set is not None else []

    @property
    def point_count(self) -> int:
        return len(self._set) if self._set is not None else 0

    @property
    def busy(self) -> bool:
        """True while the points are read on the worker (large files) or a redraw waits."""
        return self._query is not None or self.markers.pending

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the points being read are shown (tests, scripts)."""
        while self._query is not None:
            if not self._query.wait(timeout_ms):
                return False
            QCoreApplication.sendPostedEvents(self)
        return True

    def refresh(self) -> None:
        """Reload the points for the chosen filters and fit the view to them."""
        if not self.uses_worker:
            self._show_points(mq.point_set(self._conn, self.scope()))
            return
        if self._query is not None:
            self._query.cancel()
        assert self._path is not None
        self._query = ReadQuery(self._path, partial(read_points, scope=self.scope()))
        self._query.answered.connect(self._on_points_answered, Qt.ConnectionType.QueuedConnection)
        self._query.start()
        self.count_label.setText(self.tr("Reading the file…"))

    def _on_points_answered(self, query: ReadQuery,
                            answer: tuple[mq.PointSet, Cells | None] | None) -> None:
        query.release()
        if query is not self._query:
            return  # the filters changed meanwhile
        self._query = None
        if answer is not None:
            self._show_points(*answer)

    def _show_points(self, points: mq.PointSet, overview: Cells | None = None) -> None:
        self._set = points
        self._factor = self._aspect_factor()
        self._lon_axis.factor = self._factor
        self.overlay_layer.redraw(self._factor)
        self.count_label.setText(self.tr("%1 assets on the map, %2 without coordinates")
                                 .replace("%1", f"{len(points):,}")
                                 .replace("%2", f"{points.missing:,}"))
        # The worker's overview is in the points' own scale, which is the page's whenever
        # there are points (the background sets the scale only for an empty map).
        same_scale = overview is not None and self._factor == points.aspect_factor()
        self.markers.set_points(points, self._factor, overview if same_scale else None)
        self.clear_selection()  # the filters may have dropped selected assets
        self._fit_view()
        if self._pending_overlay is not None:  # the remembered background, on first display
            path, self._pending_overlay = self._pending_overlay, None
            self.load_overlay(path)

    def _fit_view(self) -> None:
        bounds = self.markers.bounds()
        items = self.overlay_layer.items()
        if bounds is None and not items:
            return
        if bounds is not None and not items:
            x0, x1, y0, y1 = bounds
            pad_x, pad_y = max((x1 - x0) * 0.02, 1e-4), max((y1 - y0) * 0.02, 1e-4)
            self.plot.getViewBox().setRange(xRange=(x0 - pad_x, x1 + pad_x),
                                            yRange=(y0 - pad_y, y1 + pad_y))
        else:
            self.plot.getViewBox().autoRange(items=[*self.markers.items(), *items])

    def _aspect_factor(self) -> float:
        """The x scale from the points; from the background when no point is shown."""
        drawing = self.overlay_layer.drawing
        if not self.point_count and drawing is not None:
            return math.cos(math.radians(drawing.mid_latitude()))
        return self._set.aspect_factor() if self._set is not None else 1.0

    def _on_marker_clicked(self, seq: int) -> None:
        for point in mq.map_points(self._conn, [seq]):
            self.select_asset(point.asset_id)

    def select_asset(self, asset_id: str) -> None:
        """Show the asset's name and grade and announce it (what a click on its point does)."""
        row = self._conn.execute("SELECT seq FROM assets WHERE id = ?", (asset_id,)).fetchone()
        if row is None or self._set is None:
            return
        k = int(np.searchsorted(self._set.seqs, row[0]))
        if k >= len(self._set) or self._set.seqs[k] != row[0]:
            return  # not among the points of the current filters
        [point] = mq.map_points(self._conn, [row[0]])
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
        if self._set is None:
            return []
        index = self._set.in_box(lon0, lon1, lat0, lat1)
        ids = mq.asset_ids(self._conn, self._set.seqs[index])
        self._set_selection(ids, index)
        return self.selected_ids()

    def clear_selection(self) -> None:
        """Drop the rectangle selection."""
        self._set_selection([], np.empty(0, dtype=np.int64))

    def _set_selection(self, ids: list[str], index: np.ndarray) -> None:
        if ids == self._selected:
            return
        self._selected = ids
        self._selected_index = index
        self._show_selection()
        self.selection_changed.emit(list(ids))

    def _show_selection(self) -> None:
        chosen = self._selected
        index = self._selected_index if len(chosen) <= LOD_LIMIT else np.empty(0, dtype=np.int64)
        if self._set is not None and len(index):
            self.selection_marks.setData(x=self._set.lon[index] * self._factor,
                                         y=self._set.lat[index])
        else:
            self.selection_marks.setData(x=[], y=[])
        self.clear_selection_button.setEnabled(bool(chosen))
        if chosen and self._set is not None:
            owners = len(np.unique(self._set.owners[self._selected_index]))
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
            mq.export_geojson(self.points(), path)

    def _on_export_kml(self) -> None:
        path = self._ask_path("kml")
        if path:
            mq.export_kml(self.points(), path)

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
        if not self.point_count:  # nothing else sets the scale then: take it from the background
            self._factor = self._aspect_factor()
            self._lon_axis.factor = self._factor
            self.overlay_layer.redraw(self._factor)
        self.plot.getViewBox().autoRange(items=[*self.markers.items(), *self.overlay_layer.items()])
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
