"""The whole window on a 500,000-asset region: first paint, filters, searches, charts, map, stalls, memory.

``QT_QPA_PLATFORM=offscreen python benchmarks/bench_ui_500k.py --db REGION.sqlite``

The region file (made by ``bench_register_window.py`` or ``gunmane demo --scale``) is
copied into ``--work`` first, because opening upgrades it to the program's schema; the
upgrade of the copy is timed too. Every figure is compared in the same run with a floor:

* first paint, filters, searches, sorts: the bare SQL of the same query (``SELECT count(*)``
  over ``filtered_sql``), and for searches also the ``LIKE`` scan the register used before
  its search index;
* dashboard: the ``storage.analytics`` queries it draws, without drawing;
* map: ``map_query.point_set`` alone (the columns the page reads), and pyqtgraph drawing
  the same number of markers in a bare plot with one brush per grade (the page's way);
* stalls: a 10 ms QTimer heartbeat on the GUI thread during a scripted session (typing,
  filters, sorts, scrolling, page switches, map pan and zoom); a late tick is time the user
  could not interact;
* memory: VmHWM / VmRSS of /proc/self/status against the process with Qt up and no file.

Targets (issue #3): first paint < 2 s, filter and search < 200 ms, no stall over 100 ms,
under 600 MB resident.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import resource
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEvent, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.storage import analytics as an
from gunmane_desktop.storage import map_query as mq
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import NOT_INSPECTED, RegisterFilter
from gunmane_desktop.ui.app import create_application, open_window
from gunmane_desktop.ui.i18n import install_translators
from gunmane_desktop.ui.integrity_watch import check_before_opening

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "region-500k.sqlite"
DEFAULT_WORK = Path(__file__).resolve().parent / "out" / "ui500k"
TARGET_PAINT, TARGET_QUERY, TARGET_STALL, TARGET_MB = 2.0, 0.200, 0.100, 600


# -- measuring helpers ---------------------------------------------------------------------
def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def proc_status_mb(key: str) -> float:
    """VmRSS / VmHWM of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def machine() -> str:
    cpu = "?"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = proc_meminfo_gb()
    return (f"{os.cpu_count()} CPU ({cpu}), {mem:.0f} GiB RAM, {platform.platform()}, "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}")


def proc_meminfo_gb() -> float:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 / 1024
    return float("nan")


def idle(app: QApplication, until: Callable[[], bool]) -> None:
    """Run the event loop until ``until()``, sleeping between events as a user's window does.

    ``processEvents(flags, maxtime)`` ignores WaitForMoreEvents: a loop of it spins at about
    250,000 turns a second and took a core from the workers it waited for (on 2 cores the
    register's worker queries ran 2-3 times slower). A 5 ms timer bounds each real wait.
    """
    tick = QTimer()
    tick.setInterval(5)
    tick.start()
    try:
        while not until():
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        tick.stop()


def settle(app: QApplication, window, *, timeout: float = 30.0) -> None:
    """Let the window finish what the last action started (a query on a worker, a pending
    redraw) and render it once, as the next screen refresh would."""
    deadline = time.perf_counter() + timeout
    app.processEvents()
    idle(app, lambda: not busy(window) or time.perf_counter() >= deadline)
    app.processEvents()
    flush_deletes()
    window.grab()


def flush_deletes() -> None:
    """Delete what deleteLater() left: the running application's event loop does it every
    turn, but this script never runs it, so objects piled up (finished workers, the floor's
    500,000-marker plot) and were all deleted in the first turn of the scripted session's
    loop, a stall of 80-150 ms that the program itself never has."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def busy(window) -> bool:
    """True while a page still waits for a query it started on a worker."""
    pages = (window.register_page.model, window.dashboard_page, window.map_page)
    return any(getattr(page, "busy", False) for page in pages)


_T0 = time.perf_counter()


def phase(name: str) -> None:
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  [{time.perf_counter() - _T0:6.1f} s] {name} (load average {load})", flush=True)


def best(run: Callable[[], float], repeat: int) -> float:
    return min(run() for _ in range(repeat))


def sql_floor(conn: sqlite3.Connection, flt: RegisterFilter, column: int | None = None,
              descending: bool = False) -> float:
    sql, params = rq.filtered_sql(flt, column, descending)
    started = time.perf_counter()
    conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
    return time.perf_counter() - started


def like_floor(conn: sqlite3.Connection, text: str) -> float:
    """The free-text scan the register ran before its search index: LIKE over four columns."""
    clauses, params = ["a.deleted = 0", "a.status = 'in_service'"], []
    for word in text.split():
        pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        clauses.append("(a.name LIKE ? ESCAPE '\\' OR a.route LIKE ? ESCAPE '\\' "
                       "OR a.external_id LIKE ? ESCAPE '\\' OR a.address LIKE ? ESCAPE '\\')")
        params.extend([pattern] * 4)
    started = time.perf_counter()
    conn.execute(f"SELECT count(*) FROM assets a WHERE {' AND '.join(clauses)}",
                 params).fetchone()
    return time.perf_counter() - started


class Heartbeat:
    """A 10 ms timer on the GUI thread; the longest gap between ticks is the worst stall."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.interval = interval_ms / 1000
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.clock = QElapsedTimer()
        self.label = "idle"
        self.stalls: dict[str, float] = {}
        self._last = 0.0
        # The longest full (generation 2) collection per step, on whichever thread: it holds
        # the interpreter lock, so the GUI thread waits for it too.
        self.collections: dict[str, float] = {}
        self._gc_started = 0.0

    def start(self) -> None:
        self.clock.start()
        self._last = 0.0
        self.timer.start()
        gc.callbacks.append(self._on_gc)

    def stop(self) -> None:
        self.timer.stop()
        gc.callbacks.remove(self._on_gc)

    def _on_gc(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            took = time.perf_counter() - self._gc_started
            self.collections[self.label] = max(self.collections.get(self.label, 0.0), took)

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed() / 1e9
        gap = now - self._last
        self._last = now
        if gap > self.stalls.get(self.label, 0.0):
            self.stalls[self.label] = gap


def scripted_session(app: QApplication, window, beat: Heartbeat, steps, pause_ms: int = 250):
    """Run ``steps`` [(label, action)] from the event loop, ``pause_ms`` apart, while the
    heartbeat ticks; each action is what a click or key press would do."""
    loop = QEventLoop()
    queue = list(steps)

    def next_step() -> None:
        if busy(window):  # the previous step's query has not come back yet
            QTimer.singleShot(5, next_step)
            return
        if not queue:
            beat.label = "after the last step"
            QTimer.singleShot(pause_ms, loop.quit)
            return
        label, action = queue.pop(0)
        beat.label = label
        action()
        QTimer.singleShot(pause_ms, next_step)

    beat.label = "before the first step"
    beat.start()
    QTimer.singleShot(pause_ms, next_step)
    loop.exec()
    beat.stop()


def type_text(app: QApplication, edit, text: str, key_ms: int = 120) -> None:
    """Type ``text`` a character at a time, ``key_ms`` apart, as a user would."""
    for i in range(1, len(text) + 1):
        edit.setText(text[:i])
        end = time.perf_counter() + key_ms / 1000
        idle(app, lambda end=end: time.perf_counter() >= end)


def print_report(report: list[tuple[str, str, float, float, str]], total: int, path: Path,
                 repeat: int, upgrade_s: float | None) -> None:
    print()
    print(f"{total:,} assets in service, {path.stat().st_size / 1e6:,.0f} MB file; best of "
          f"{repeat}, ms; floor kinds: SQL = SELECT count(*) over the register's query as one "
          f"statement (filtered_sql)")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average at the end: {load}")
    if upgrade_s is not None:
        print(f"schema upgrade of the copy (search index build included): {upgrade_s:.1f} s")
    print(f"{'case':44s} {'rows':>9s} {'window':>8s} {'floor':>8s} {'ratio':>6s} target")
    for label, rows, seconds, floor, kind in report:
        target = ""
        if label.startswith("first paint"):
            target = "ok" if seconds < TARGET_PAINT else "MISS"
        elif label.startswith(("filter", "search")):
            target = "ok" if seconds < TARGET_QUERY else "MISS"
        ratio = f"{seconds / floor:6.1f}" if floor == floor and floor > 0 else "     –"
        print(f"{label:44s} {rows:>9s} {ms(seconds)} {ms(floor) if floor == floor else '       –'}"
              f" {ratio} {target} {kind if kind != 'SQL' else ''}")
    print()


# -- the benchmark -----------------------------------------------------------------------
def prepare(source: Path, work: Path, reuse: bool) -> tuple[Path, float | None]:
    """Copy the region into ``work`` and open it once (schema upgrade); the upgrade's time."""
    work.mkdir(parents=True, exist_ok=True)
    path = work / "region.sqlite"
    if reuse and path.exists():
        return path, None
    for old in work.glob("region*"):
        old.unlink()
    print(f"copying {source} ({source.stat().st_size / 1e6:,.0f} MB) to {path} ...", flush=True)
    shutil.copy(source, path)
    started = time.perf_counter()
    with Database.open(path, quick_check=False) as db:
        upgraded = db.upgraded_from
        backup = db.backup_path
    upgrade_s = time.perf_counter() - started
    if backup is not None:
        backup.unlink()  # a second 1 GB copy is of no use to the benchmark
    done = f"upgraded from schema {upgraded}" if upgraded else "no upgrade needed"
    print(f"  opened ({done}: {upgrade_s:.1f} s); "
          f"file now {path.stat().st_size / 1e6:,.0f} MB", flush=True)
    return path, upgrade_s if upgraded else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB,
                        help="the 500,000-asset region (bench_register_window.py makes it)")
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK)
    parser.add_argument("--reuse", action="store_true",
                        help="use the copy already in --work (skip copy and upgrade)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--register-only", action="store_true",
                        help="first paint, filters, searches and sorts only (no dashboard, "
                             "map or scripted session)")
    args = parser.parse_args(argv)

    print(f"{dt.datetime.now():%Y-%m-%d %H:%M}  {machine()}", flush=True)
    path, upgrade_s = prepare(args.db, args.work, args.reuse)

    app = create_application([sys.argv[0]])
    install_translators(app, "ja", resources_dir() / "translations")
    settings = QSettings(str(args.work / "settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    rss_bare = proc_status_mb("VmRSS")
    report: list[tuple[str, str, float, float, str]] = []  # label, rows, time, floor, floor kind

    phase("first paint")
    # -- first paint: open the file, build the window, show the first rows ----------------
    first = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        db = Database.open(path, quick_check=check_before_opening(path))
        window = open_window(db, settings, "ja")
        window.resize(1600, 900)
        window.show()
        settle(app, window)
        first.append(time.perf_counter() - started)
        window.close()
        window.deleteLater()
        app.processEvents()
        db.close()
    db = Database.open(path, quick_check=False)
    conn = db.conn
    total = rq.count_assets(conn)
    report.append(("first paint (open + window + rows)", f"{total:,}", min(first),
                   best(lambda: sql_floor(conn, RegisterFilter()), args.repeat), "SQL"))

    window = open_window(db, settings, "ja")
    window.resize(1600, 900)
    window.show()
    settle(app, window)
    page = window.register_page
    bar = page.filter_bar
    org = rq.organisations(conn)[1][0]

    def reset() -> None:
        bar.apply(RegisterFilter())
        settle(app, window)

    phase("filters and searches")
    # -- filters and searches, end to end through the register page ----------------------
    cases: list[tuple[str, dict, RegisterFilter]] = [
        ("filter: owner (one town)", {"org": org}, RegisterFilter(org=org)),
        ("filter: type 橋梁", {"asset_type": "bridge"}, RegisterFilter(asset_type="bridge")),
        ("filter: sector 道路", {"sector": "road"}, RegisterFilter(sector="road")),
        ("filter: grade 健全性 Ⅲ", {"grade": "III", "grade_scale": "soundness"},
         RegisterFilter(grade="III", grade_scale="soundness")),
        ("filter: not inspected", {"grade": NOT_INSPECTED}, RegisterFilter(grade=NOT_INSPECTED)),
        ("filter: town + 橋梁 + Ⅲ", {"org": org, "asset_type": "bridge", "grade": "III",
                                    "grade_scale": "soundness"},
         RegisterFilter(org=org, asset_type="bridge", grade="III", grade_scale="soundness")),
    ]
    searches = [
        ("search kanji 1 char: 橋", "橋"),
        ("search kanji 2 chars: 滝島", "滝島"),
        ("search kanji 3 chars: 滝島橋", "滝島橋"),
        ("search kanji place: 大字芦畑", "大字芦畑"),
        ("search kana: たきしま", "たきしま"),
        ("search ID: BR0-156019-0000", "BR0-156019-0000"),
        ("search ID 2 chars: 19", "19"),
        ("search route: 町道滝尾竹袋線", "町道滝尾竹袋線"),
        ("search two words: 市道 橋", "市道 滝島"),
    ]
    cases += [(label, {"text": text}, RegisterFilter(text=text)) for label, text in searches]
    first_short: tuple[str, float] | None = None
    for label, choice, flt in cases:
        times = []
        for _ in range(args.repeat):
            reset()
            started = time.perf_counter()
            bar.select(**choice)
            settle(app, window)
            times.append(time.perf_counter() - started)
        shown = page.model.rowCount()
        assert ([page.model.seq_at(r) for r in range(shown)]
                == list(rq.filtered_seqs(conn, flt))), label
        floor = best(lambda flt=flt: sql_floor(conn, flt), args.repeat)
        report.append((label, f"{shown:,}", min(times), floor, "SQL"))
        if first_short is None and rq.needs_texts(flt):
            # The first search of a word under 3 characters also reads the search text into
            # memory (the later ones, best of the repeats, use it): reported on its own.
            first_short = (label, times[0])
        if flt.text:  # the old LIKE scan against today's query: ratio = how much faster
            report.append(("  LIKE scan over assets (the old search)", "", best(
                lambda flt=flt: like_floor(conn, flt.text), args.repeat), floor, "÷ new SQL"))

    if first_short is not None:
        report.append((f"  first time ({first_short[0].split(': ')[-1]}: also reads "
                       f"{page.model.search_texts_bytes / 1e6:.0f} MB of search text)", "",
                       first_short[1], float("nan"), ""))

    phase("sorts")
    reset()
    for label, column, descending in (("sort: 名称", rq.COL_NAME, False),
                                      ("sort: 最新判定 desc", rq.COL_GRADE, True),
                                      ("sort: 架設年", rq.COL_BUILT, False),
                                      ("sort: 管理者", rq.COL_OWNER, False)):
        times = []
        for _ in range(args.repeat):
            page.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
            settle(app, window)
            started = time.perf_counter()
            page.table.sortByColumn(column, Qt.SortOrder.DescendingOrder if descending
                                    else Qt.SortOrder.AscendingOrder)
            settle(app, window)
            times.append(time.perf_counter() - started)
        floor = best(lambda c=column, d=descending: sql_floor(conn, RegisterFilter(), c, d),
                     args.repeat)
        report.append((label, f"{page.model.rowCount():,}", min(times), floor, "SQL"))
    page.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    settle(app, window)
    rss_register = proc_status_mb("VmRSS")
    if args.register_only:
        window.close()
        db.close()
        print_report(report, total, path, args.repeat, upgrade_s)
        print(f"memory: Qt up, no file {rss_bare:.0f} MB; after register {rss_register:.0f} MB "
              f"(search text kept: {page.model.search_texts_bytes / 1e6:.0f} MB); peak "
              f"(VmHWM) {proc_status_mb('VmHWM'):.0f} MB")
        return 0

    phase("dashboard")
    # -- dashboard ------------------------------------------------------------------------
    dash = window.dashboard_page
    started = time.perf_counter()
    window.show_page(window.PAGE_DASHBOARD)
    settle(app, window)
    dash_first = time.perf_counter() - started

    def dash_queries() -> float:
        started = time.perf_counter()
        today = dt.date.today()
        scope = an.Scope(org=dash.org)
        an.grade_distribution(conn, scope)
        an.age_distribution(conn, scope, today=today)
        an.ageing(conn, scope, today=today)
        an.inspections_due(conn, scope, today=today)
        an.action_cohorts(conn, scope)
        an.urgent_items(conn, scope, limit=50)
        return time.perf_counter() - started

    dash_floor = best(dash_queries, args.repeat)
    report.append(("dashboard: first draw", "", dash_first, dash_floor, "queries"))

    def redraw() -> float:
        started = time.perf_counter()
        dash.refresh()
        settle(app, window)
        return time.perf_counter() - started

    report.append(("dashboard: redraw (region)", "", best(redraw, args.repeat), dash_floor,
                   "queries"))

    def redraw_town() -> float:
        dash.set_org(None)
        settle(app, window)
        started = time.perf_counter()
        dash.set_org(org)
        settle(app, window)
        return time.perf_counter() - started

    dash.set_org(org)
    town_floor = best(dash_queries, args.repeat)
    report.append(("dashboard: choose one town", "", best(redraw_town, args.repeat), town_floor,
                   "queries"))
    dash.set_org(None)
    settle(app, window)
    rss_dashboard = proc_status_mb("VmRSS")

    phase("map")
    # -- map ------------------------------------------------------------------------------
    mp = window.map_page
    started = time.perf_counter()
    window.show_page(window.PAGE_MAP)
    settle(app, window)
    map_first = time.perf_counter() - started
    n_points = mp.point_count
    drawn = mp.markers.drawn
    started = time.perf_counter()
    mq.point_set(conn, mp.scope())
    points_floor = time.perf_counter() - started
    report.append(("map: first draw", f"{n_points:,}", map_first, points_floor, "point_set()"))
    view = mp.plot.getViewBox()
    (x0, x1), (y0, y1) = view.viewRange()

    def zoom(fraction: float) -> float:
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        w, h = (x1 - x0) * fraction / 2, (y1 - y0) * fraction / 2
        started = time.perf_counter()
        view.setRange(xRange=(cx - w, cx + w), yRange=(cy - h, cy + h), padding=0)
        settle(app, window)
        return time.perf_counter() - started

    def pan(dx: float) -> float:
        (a0, a1), (b0, b1) = view.viewRange()
        shift = (a1 - a0) * dx
        started = time.perf_counter()
        view.setRange(xRange=(a0 + shift, a1 + shift), yRange=(b0, b1), padding=0)
        settle(app, window)
        return time.perf_counter() - started

    map_zoom_in = zoom(0.5)
    drawn_zoom = mp.markers.drawn
    map_pan = pan(0.2)
    map_zoom_deep = zoom(0.1)
    drawn_deep = mp.markers.drawn
    map_zoom_out = zoom(1.0)

    def bare_scatter(n: int) -> float:
        """pyqtgraph drawing ``n`` markers in four colours, one item per colour, in a bare
        plot: the floor."""
        import numpy as np

        plot = pg.PlotWidget(background="w")
        plot.resize(1200, 700)
        plot.show()
        colours = ("#4e8f57", "#e0c341", "#e08a1e", "#c62828")
        items = [pg.ScatterPlotItem(size=7, pen=pg.mkPen("#444444", width=0.5), brush=c)
                 for c in colours]
        for item in items:
            plot.addItem(item)
        app.processEvents()
        rng = np.random.default_rng(1)
        xs, ys = rng.random(n), rng.random(n)
        started = time.perf_counter()
        for k, item in enumerate(items):
            item.setData(x=xs[k::4], y=ys[k::4])
        plot.autoRange()
        app.processEvents()
        plot.grab()
        elapsed = time.perf_counter() - started
        plot.close()
        plot.deleteLater()
        app.processEvents()
        flush_deletes()
        return elapsed

    report.append((f"map: zoom in ×2 ({drawn_zoom:,} drawn)", "", map_zoom_in,
                   bare_scatter(drawn_zoom), "pyqtgraph"))
    report.append(("map: pan 20 %", "", map_pan, bare_scatter(drawn_zoom), "pyqtgraph"))
    report.append((f"map: zoom in ×10 ({drawn_deep:,} drawn)", "", map_zoom_deep,
                   bare_scatter(drawn_deep), "pyqtgraph"))
    report.append((f"map: zoom out to all ({drawn:,} drawn)", "", map_zoom_out,
                   bare_scatter(drawn), "pyqtgraph"))
    report.append((f"  (pyqtgraph, {n_points:,} markers unaggregated)", "",
                   bare_scatter(n_points), float("nan"), ""))
    rss_map = proc_status_mb("VmRSS")

    phase("scripted session")
    # -- a scripted session under the heartbeat -----------------------------------------------
    window.show_page(window.PAGE_REGISTER)
    settle(app, window)
    beat = Heartbeat()
    table = page.table
    steps = [
        ("type 滝島橋 in search", lambda: type_text(app, bar.search_edit, "滝島橋")),
        ("clear search", lambda: bar.select(text="")),
        ("type 橋 in search", lambda: type_text(app, bar.search_edit, "橋")),
        ("clear search", lambda: bar.select(text="")),
        ("filter owner", lambda: bar.select(org=org)),
        ("filter type 橋梁", lambda: bar.select(asset_type="bridge")),
        ("filter grade Ⅲ", lambda: bar.select(grade="III", grade_scale="soundness")),
        ("clear filters", lambda: bar.apply(RegisterFilter())),
        ("sort 名称", lambda: table.sortByColumn(rq.COL_NAME, Qt.SortOrder.AscendingOrder)),
        ("sort 最新判定", lambda: table.sortByColumn(rq.COL_GRADE, Qt.SortOrder.DescendingOrder)),
        ("scroll to bottom", table.scrollToBottom),
        ("scroll to middle", lambda: table.verticalScrollBar().setValue(
            table.verticalScrollBar().maximum() // 2)),
        ("select a row", lambda: page.select_row(page.model.rowCount() // 2)),
        ("unsort", lambda: table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)),
        ("open dashboard", lambda: window.show_page(window.PAGE_DASHBOARD)),
        ("dashboard: one town", lambda: dash.set_org(org)),
        ("dashboard: region", lambda: dash.set_org(None)),
        ("open map", lambda: window.show_page(window.PAGE_MAP)),
        ("map zoom in", lambda: view.scaleBy((0.5, 0.5))),
        ("map pan", lambda: view.translateBy(x=(view.viewRange()[0][1] - view.viewRange()[0][0])
                                             * 0.2)),
        ("map zoom out", lambda: view.autoRange()),
        ("back to register", lambda: window.show_page(window.PAGE_REGISTER)),
    ]
    scripted_session(app, window, beat, steps)
    window.close()
    db.close()

    phase("done")
    hwm = proc_status_mb("VmHWM")
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    # -- report -----------------------------------------------------------------------------
    print_report(report, total, path, args.repeat, upgrade_s)
    print("longest GUI-thread stall per step of the scripted session (10 ms heartbeat), ms:")
    for label, gap in sorted(beat.stalls.items(), key=lambda kv: -kv[1]):
        flag = "MISS" if gap > TARGET_STALL else "ok"
        collected = beat.collections.get(label)
        gc_note = f"  (a full garbage collection took {ms(collected)})" if collected else ""
        print(f"  {label:30s} {ms(gap)} {flag}{gc_note}")
    print()
    print(f"memory: Qt up, no file {rss_bare:.0f} MB; after register {rss_register:.0f} MB; "
          f"after dashboard {rss_dashboard:.0f} MB; after map {rss_map:.0f} MB")
    print(f"peak resident (VmHWM) {hwm:.0f} MB, ru_maxrss {maxrss:.0f} MB "
          f"({'ok' if hwm < TARGET_MB else 'MISS'}, target {TARGET_MB} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
