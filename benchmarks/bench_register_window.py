"""Benchmark: the register window on a 500,000-asset region, against the bare SQL floor.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_register_window.py \
        [--db PATH] [--towns 10] [--assets-per-town 50000] [--repeat 3]

Makes the region with ``gunmane_desktop.demo.generate_region`` (or reuses ``--db``), then,
offscreen, measures:
- first paint: from building the main window to the first page of rows read and painted;
- filter latency (owner, type, sector, grade, not inspected, text) and sort latency, each
  from the user's action to the view painted with the new rows;
- the floor for each: the same SQL query alone (``SELECT count(*)`` over it, no Python rows).
Prints a table with the ratios window / floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import NOT_INSPECTED, RegisterFilter
from gunmane_desktop.ui.app import create_application, open_window
from gunmane_desktop.ui.i18n import install_translators

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "region-500k.sqlite"


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f}"


def _paint(app: QApplication, window) -> None:
    """Process events, wait for the register's query if it runs on the worker (registers
    over 50,000 assets), and render the window once, as a screen refresh would."""
    app.processEvents()
    window.register_page.model.wait()
    app.processEvents()
    window.grab()


def _floor(db: Database, flt: RegisterFilter, column: int | None, descending: bool) -> float:
    sql, params = rq.filtered_sql(flt, column, descending)
    started = time.perf_counter()
    db.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()
    return time.perf_counter() - started


def _seqs(db: Database, flt: RegisterFilter, column: int | None, descending: bool) -> float:
    started = time.perf_counter()
    rq.filtered_seqs(db.conn, flt, column, descending)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--towns", type=int, default=10)
    parser.add_argument("--assets-per-town", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {args.towns} x {args.assets_per_town:,} assets into {args.db} ...",
              flush=True)
        summary = generate_region(args.db, towns=args.towns,
                                  assets_per_town=args.assets_per_town)
        rate = (summary.assets + summary.inspections) / summary.seconds
        print(f"  {summary.assets:,} assets, {summary.inspections:,} inspections "
              f"in {summary.seconds:.1f} s ({rate:,.0f} asset+inspection rows/s)", flush=True)

    app = create_application([sys.argv[0]])
    install_translators(app, "ja", resources_dir() / "translations")
    settings = QSettings(str(args.db.with_suffix(".bench-settings.ini")),
                         QSettings.Format.IniFormat)
    started = time.perf_counter()
    db = Database.open(args.db)  # header check, quick_check, pragmas: what the user waits for
    print(f"open the file (quick_check included): {_ms(time.perf_counter() - started)} ms",
          flush=True)
    try:
        total = rq.count_assets(db.conn)
        org = rq.organisations(db.conn)[1][0]  # the first town

        # -- first paint --------------------------------------------------------------------
        first_paint = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            window = open_window(db, settings, "ja")
            window.resize(1600, 900)
            window.show()
            _paint(app, window)
            elapsed = time.perf_counter() - started
            assert window.register_page.model.pages_fetched >= 1
            first_paint.append(elapsed)
            window.close()
            window.deleteLater()
            app.processEvents()
        floor_all = min(_floor(db, RegisterFilter(), None, False) for _ in range(args.repeat))
        seqs_all = min(_seqs(db, RegisterFilter(), None, False) for _ in range(args.repeat))

        window = open_window(db, settings, "ja")
        window.resize(1600, 900)
        window.show()
        _paint(app, window)
        page = window.register_page
        bar = page.filter_bar

        def act_filter(**choice):
            def run():
                bar.select(**choice)
            return run

        def reset():
            bar.select(text="")  # applies at once, no pending debounce timer
            bar.org_combo.setCurrentIndex(0)
            bar.type_combo.setCurrentIndex(0)
            bar.grade_combo.setCurrentIndex(0)

        cases = [
            ("filter: owner (one town)", act_filter(org=org), RegisterFilter(org=org)),
            ("filter: type 橋梁", act_filter(asset_type="bridge"),
             RegisterFilter(asset_type="bridge")),
            ("filter: sector 道路", act_filter(sector="road"), RegisterFilter(sector="road")),
            ("filter: grade 健全性 Ⅲ", act_filter(grade="III", grade_scale="soundness"),
             RegisterFilter(grade="III", grade_scale="soundness")),
            ("filter: not inspected", act_filter(grade=NOT_INSPECTED),
             RegisterFilter(grade=NOT_INSPECTED)),
            ("filter: town+橋梁+Ⅲ", act_filter(org=org, asset_type="bridge", grade="III",
                                             grade_scale="soundness"),
             RegisterFilter(org=org, asset_type="bridge", grade="III", grade_scale="soundness")),
            ("search: 橋 (text)", act_filter(text="橋"), RegisterFilter(text="橋")),
            ("search: 1-2 (text)", act_filter(text="1-2"), RegisterFilter(text="1-2")),
        ]
        rows = []
        for label, action, flt in cases:
            times = []
            for _ in range(args.repeat):
                reset()
                _paint(app, window)
                started = time.perf_counter()
                action()
                _paint(app, window)
                times.append(time.perf_counter() - started)
            shown = page.model.rowCount()
            assert shown == len(rq.filtered_seqs(db.conn, flt)), label
            floor = min(_floor(db, flt, None, False) for _ in range(args.repeat))
            seqs = min(_seqs(db, flt, None, False) for _ in range(args.repeat))
            rows.append((label, shown, min(times), seqs, floor))

        reset()
        _paint(app, window)
        for label, column, descending in (("sort: 名称", rq.COL_NAME, False),
                                          ("sort: 最新判定 desc", rq.COL_GRADE, True),
                                          ("sort: 架設年", rq.COL_BUILT, False),
                                          ("sort: 管理者", rq.COL_OWNER, False)):
            times = []
            for _ in range(args.repeat):
                page.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
                _paint(app, window)
                started = time.perf_counter()
                page.table.sortByColumn(column,
                                        Qt.SortOrder.DescendingOrder if descending
                                        else Qt.SortOrder.AscendingOrder)
                _paint(app, window)
                times.append(time.perf_counter() - started)
            floor = min(_floor(db, RegisterFilter(), column, descending)
                        for _ in range(args.repeat))
            seqs = min(_seqs(db, RegisterFilter(), column, descending)
                       for _ in range(args.repeat))
            rows.append((label, page.model.rowCount(), min(times), seqs, floor))
        window.close()
    finally:
        db.close()

    print()
    print(f"register window on {args.db.name}: {total:,} assets in service "
          f"(best of {args.repeat}; ms)")
    print(f"{'case':28s} {'rows':>8s} {'window':>8s} {'seqs':>8s} {'SQL floor':>9s} "
          f"{'win/floor':>9s}")
    print(f"{'first paint (build+rows)':28s} {total:8,d} {_ms(min(first_paint))} "
          f"{_ms(seqs_all)} {_ms(floor_all)} {min(first_paint) / floor_all:9.1f}")
    for label, shown, window_s, seqs_s, floor_s in rows:
        print(f"{label:28s} {shown:8,d} {_ms(window_s)} {_ms(seqs_s)} {_ms(floor_s)} "
              f"{window_s / max(floor_s, 1e-6):9.1f}")
    print()
    print("window: user action to repainted view (search: after the 250 ms typing pause); "
          "seqs: filtered_seqs() alone (SQL + the seq list in Python);")
    print("SQL floor: SELECT count(*) over the same query (SQLite's work, no rows to Python). "
          f"median first paint {statistics.median(first_paint) * 1000:.0f} ms.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
