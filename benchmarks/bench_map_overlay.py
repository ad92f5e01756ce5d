"""Benchmark: a 46 MB road GeoJSON (1.7 million vertices) as the map's background.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_map_overlay.py [--vertices 1700000]

Compares, in one run, the background reader with json.loads of the same file (its floor:
the checks should cost little beside decoding), and a pan repaint with the 1 px pens the
page uses against 1.5 px pens (Qt's wide-line path), on a 1200 x 800 plot offscreen.
Print the load average with the numbers: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyqtgraph as pg
from PySide6.QtWidgets import QApplication

from gunmane_desktop.core.geojson_overlay import load_overlay
from gunmane_desktop.ui.map_overlay import prepare_drawing


def make_roads(path: Path, vertices: int, per_road: int = 50, seed: int = 1) -> None:
    """Random-walk roads over the demo region's area, ``per_road`` vertices each."""
    rng = random.Random(seed)
    features = []
    for _ in range(vertices // per_road):
        x, y = 138.6 + rng.random(), 36.9 + rng.random() * 1.4
        coords = []
        for _ in range(per_road):
            x += rng.uniform(-0.002, 0.002)
            y += rng.uniform(-0.002, 0.002)
            coords.append([round(x, 6), round(y, 6)])
        features.append({"type": "Feature", "properties": {"name": "道路"},
                         "geometry": {"type": "LineString", "coordinates": coords}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pan_seconds(app: QApplication, drawing, width: float) -> float:
    plot = pg.PlotWidget()
    plot.resize(1200, 800)
    plot.show()
    item = pg.PlotDataItem(pen=pg.mkPen("#7f9bb3", width=width), connect="finite")
    plot.addItem(item)
    item.setData(drawing.line_lons * 0.79, drawing.line_lats, connect="finite")
    plot.getViewBox().autoRange()
    app.processEvents()
    plot.grab()

    def pan() -> None:
        plot.getViewBox().translateBy(x=0.01)
        app.processEvents()
        plot.grab()
    seconds = min(_timed(pan) for _ in range(3))
    plot.close()
    return seconds


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--vertices", type=int, default=1_700_000)
    args = p.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "roads.geojson"
        make_roads(path, args.vertices)
        print(f"{path.stat().st_size / 1e6:.1f} MB, {args.vertices:,} vertices, "
              f"load average {os.getloadavg()[0]:.1f}")
        floor = _timed(lambda: json.loads(path.read_text(encoding="utf-8")))
        read = _timed(lambda: load_overlay(path))
        holder = []
        prepared = _timed(lambda: holder.append(prepare_drawing(path)))
        print(f"json.loads {floor:.2f} s, load_overlay {read:.2f} s ({read / floor:.2f} x the floor), "
              f"prepare_drawing (read + arrays) {prepared:.2f} s")
        thin, wide = pan_seconds(app, holder[0], 1.0), pan_seconds(app, holder[0], 1.5)
        print(f"pan repaint: 1 px pens {thin:.2f} s, 1.5 px pens {wide:.2f} s ({wide / thin:.1f} x)")
        print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
