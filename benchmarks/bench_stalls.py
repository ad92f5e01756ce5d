"""GUI-thread stalls of the dashboard and map pages on a 500,000-asset region, step by step.

``QT_QPA_PLATFORM=offscreen python benchmarks/bench_stalls.py --db REGION.sqlite``

A narrower, repeatable cut of ``bench_ui_500k.py``'s scripted session: the window is built
once, the dashboard and the map are loaded once (as the whole-window benchmark leaves them),
then the page switches, scope changes and map moves run ``--rounds`` times under a 10 ms
heartbeat. Each step prints its longest gap between ticks per round; a gap is time the user
could not interact (issue #3: never over 100 ms). Beside it, the most CPU time the GUI
thread used between two ticks: on a loaded machine the gaps grow with the waiting for a
core, the CPU time much less, so it is the figure to compare between runs. ``--profile``
runs cProfile on the GUI thread during the dashboard and map steps and prints where the
GUI thread spent it.

``REGION.sqlite`` must already be at the program's schema (the copy ``bench_ui_500k.py``
leaves in its ``--work`` folder): the file is opened in place, not copied.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_ui_500k import busy, settle  # the same waiting, deferred deletes flushed
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, Qt, QTimer

from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui.app import create_application, open_window
from gunmane_desktop.ui.i18n import install_translators

TARGET_MS = 100.0
PROFILED = ("open dashboard", "dashboard: region", "open map", "map pan", "map zoom out")


class Heartbeat:
    """A 10 ms timer on the GUI thread; the longest gap between ticks per label."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.label = "idle"
        self.stalls: dict[str, float] = {}
        self.cpu: dict[str, float] = {}  # the most GUI-thread CPU time between two ticks
        self._last = 0.0
        self._last_cpu = 0.0

    def start(self) -> None:
        self.stalls, self.cpu = {}, {}
        self.clock.start()
        self._last = 0.0
        self._last_cpu = time.thread_time() * 1e3
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _tick(self) -> None:
        now, cpu = self.clock.nsecsElapsed() / 1e6, time.thread_time() * 1e3
        gap, self._last = now - self._last, now
        busy, self._last_cpu = cpu - self._last_cpu, cpu
        if gap > self.stalls.get(self.label, 0.0):
            self.stalls[self.label] = gap
        self.cpu[self.label] = max(busy, self.cpu.get(self.label, 0.0))


def run_session(window, beat: Heartbeat, steps, profiles: dict[str, cProfile.Profile] | None,
                pause_ms: int = 250) -> None:
    """Run ``steps`` from the event loop ``pause_ms`` apart, as ``bench_ui_500k`` does."""
    loop = QEventLoop()
    queue = list(steps)
    current: list[cProfile.Profile] = []

    def next_step() -> None:
        if busy(window):
            QTimer.singleShot(5, next_step)
            return
        if current:
            current.pop().disable()
        if not queue:
            beat.label = "idle"
            QTimer.singleShot(pause_ms, loop.quit)
            return
        label, action = queue.pop(0)
        beat.label = label
        if profiles is not None and label in PROFILED:
            profile = profiles.setdefault(label, cProfile.Profile())
            profile.enable()
            current.append(profile)
        action()
        QTimer.singleShot(pause_ms, next_step)

    beat.start()
    QTimer.singleShot(pause_ms, next_step)
    loop.exec()
    beat.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    app = create_application([sys.argv[0]])
    install_translators(app, "ja", resources_dir() / "translations")
    tmp = tempfile.TemporaryDirectory()
    settings = QSettings(str(Path(tmp.name) / "settings.ini"), QSettings.Format.IniFormat)
    db = Database.open(args.db, quick_check=False)
    window = open_window(db, settings, "ja")
    window.resize(1600, 900)
    window.show()
    settle(app, window)
    org = rq.organisations(db.conn)[1][0]
    dash, view = window.dashboard_page, window.map_page.plot.getViewBox()
    for page in (window.PAGE_DASHBOARD, window.PAGE_MAP, window.PAGE_REGISTER):
        window.show_page(page)
        settle(app, window)

    steps = [
        ("open dashboard", lambda: window.show_page(window.PAGE_DASHBOARD)),
        ("dashboard: one town", lambda: dash.set_org(org)),
        ("dashboard: region", lambda: dash.set_org(None)),
        ("open map", lambda: window.show_page(window.PAGE_MAP)),
        ("map zoom in", lambda: view.scaleBy((0.5, 0.5))),
        ("map pan", lambda: view.translateBy(
            x=(view.viewRange()[0][1] - view.viewRange()[0][0]) * 0.2)),
        ("map zoom out", lambda: view.autoRange()),
        ("back to register", lambda: window.show_page(window.PAGE_REGISTER)),
    ]
    beat = Heartbeat()
    collections: list[tuple[str, float]] = []  # (step, ms) of each full garbage collection
    gc_started = [0.0]

    def watch_gc(phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            gc_started[0] = time.perf_counter()
        else:
            collections.append((beat.label, (time.perf_counter() - gc_started[0]) * 1e3))

    gc.callbacks.append(watch_gc)
    profiles: dict[str, cProfile.Profile] | None = {} if args.profile else None
    rounds: list[dict[str, float]] = []
    cpu_rounds: list[dict[str, float]] = []
    for k in range(args.rounds):
        load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"round {k + 1}: load average {load}", flush=True)
        run_session(window, beat, steps, profiles)
        rounds.append(dict(beat.stalls))
        cpu_rounds.append(dict(beat.cpu))
    window.close()
    db.close()

    print(f"\nlongest GUI-thread stall per step (10 ms heartbeat), ms, {args.rounds} rounds; "
          "then the GUI thread's CPU ms in its busiest gap"
          f"{' (under cProfile)' if args.profile else ''}:")
    for label in [label for label, _action in steps] + ["idle"]:
        gaps = [r.get(label, 0.0) for r in rounds]
        flag = "MISS" if max(gaps) > TARGET_MS else "ok"
        cpu = [r.get(label, 0.0) for r in cpu_rounds]
        print(f"  {label:22s} " + " ".join(f"{g:7.1f}" for g in gaps) + f"   {flag:4s}  GUI CPU "
              + " ".join(f"{c:6.1f}" for c in cpu))
    if collections:
        print("full garbage collections (step, ms): " + ", ".join(
            f"{label} {ms_:.0f}" for label, ms_ in collections))
    for label, profile in (profiles or {}).items():
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(25)
        print(f"\n== {label}: cumulative, all rounds ==\n{out.getvalue()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
