"""The map's background layer: a boundary or road GeoJSON drawn under the asset points.

Reading and checking the file is the core's (``core.geojson_overlay``); ``prepare_drawing``
also turns the paths into NaN-separated coordinate arrays, so a file with a million
vertices becomes two plot items rather than thousands, and that work runs on the worker.
``OverlayLayer`` owns the plot items and redraws them when the page's x scale
(lon * cos(lat)) changes with the filters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
import pyqtgraph as pg

from ..core.geojson_overlay import Overlay, Path2D, load_overlay

Z_VALUE = -10  # under the asset points (z 0) and the selection marks
LINE_COLOUR = "#7f9bb3"  # light grey-blue: roads and rivers stay behind the grade colours
RING_COLOUR = "#5f7f9f"
POINT_COLOUR = "#8a9aa8"


def _joined(paths: tuple[Path2D, ...]) -> tuple[np.ndarray, np.ndarray]:
    """All paths in two arrays (lon, lat), each path followed by a NaN that breaks the line."""
    count = sum(len(path) + 1 for path in paths)
    gap = (math.nan, math.nan)
    numbers = chain.from_iterable(chain.from_iterable((*path, gap)) for path in paths)
    flat = np.fromiter(numbers, dtype=float, count=2 * count).reshape(-1, 2)
    return flat[:, 0].copy(), flat[:, 1].copy()


@dataclass(frozen=True)
class OverlayDrawing:
    """A checked background with its coordinates as arrays, ready for the plot."""

    path: Path
    overlay: Overlay
    line_lons: np.ndarray
    line_lats: np.ndarray
    ring_lons: np.ndarray
    ring_lats: np.ndarray
    point_lons: np.ndarray
    point_lats: np.ndarray

    def mid_latitude(self) -> float:
        _lon0, lat0, _lon1, lat1 = self.overlay.bounds()
        return (lat0 + lat1) / 2


def prepare_drawing(path: Path | str) -> OverlayDrawing:
    """Read, check and lay out a GeoJSON file (worker side: no widgets). Raises OverlayError."""
    overlay = load_overlay(path)
    line_lons, line_lats = _joined(overlay.lines)
    ring_lons, ring_lats = _joined(overlay.rings)
    points = np.asarray(overlay.points, dtype=float).reshape(-1, 2)
    return OverlayDrawing(Path(path), overlay, line_lons, line_lats, ring_lons, ring_lats,
                          points[:, 0].copy(), points[:, 1].copy())


class OverlayLayer:
    """Three plot items (lines, polygon outlines, points) holding the current background."""

    def __init__(self, plot: pg.PlotWidget) -> None:
        # One-pixel pens: Qt draws them on a fast path; at 1.5 px a road network of 1.7 million
        # vertices took 4 s per pan instead of 0.4 s (docs/performance.md).
        self.lines = pg.PlotDataItem(pen=pg.mkPen(LINE_COLOUR, width=1), connect="finite")
        self.rings = pg.PlotDataItem(pen=pg.mkPen(RING_COLOUR, width=1), connect="finite")
        self.points = pg.ScatterPlotItem(size=6, symbol="s", brush=None,
                                         pen=pg.mkPen(POINT_COLOUR, width=1.5))
        for item in self.items():
            item.setZValue(Z_VALUE)
            plot.addItem(item)
        self.drawing: OverlayDrawing | None = None

    def items(self) -> list[pg.GraphicsObject]:
        return [self.lines, self.rings, self.points]

    def show(self, drawing: OverlayDrawing | None, factor: float) -> None:
        """Draw this background (None: none) with x = lon * factor."""
        self.drawing = drawing
        self.redraw(factor)

    def redraw(self, factor: float) -> None:
        """Draw the current background again for a new x scale."""
        d = self.drawing
        if d is None:
            for item in (self.lines, self.rings):
                item.setData([], [])
            self.points.setData([], [])
            return
        self.lines.setData(d.line_lons * factor, d.line_lats, connect="finite")
        self.rings.setData(d.ring_lons * factor, d.ring_lats, connect="finite")
        self.points.setData(x=d.point_lons * factor, y=d.point_lats)
