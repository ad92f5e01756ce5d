"""Benchmark: report printing against a bare reportlab table of the same rows (the floor).

    .venv/bin/python benchmarks/bench_reports.py [--db PATH] [--towns 10]
        [--assets-per-town 1000] [--sheets 500] [--repeat 3] [--only listing sheets council]

Makes a region with ``gunmane_desktop.demo.generate_region`` (10 towns x 1,000 assets by
default, or reuses ``--db``), then measures, best of ``--repeat``, wall clock and CPU time:
- the 施設台帳 listing of every asset (10,000 rows): query + build + render, against the
  floor: one reportlab ``Table`` (repeatRows=1, the same font and strings, a grid) in a
  ``SimpleDocTemplate``, rendered from rows already in memory;
- 500 点検調書: query + build + render, against the floor: the same strings, already in
  memory (every label, value, heading, caption, table header and cell the sheets print),
  per sheet one bare 7-column Table with known column widths, headings in the bold face
  (both faces embedded, as on the sheets), a page break between sheets, and the page
  header and footer strings drawn on every page;
- the council pack of the whole region (target under 10 s).
Prints the load average and a table with the ratios (target: report / floor <= 1.5).
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import time
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from gunmane_desktop.core.wareki import format_date
from gunmane_desktop.demo import generate_region
from gunmane_desktop.reports import content as c
from gunmane_desktop.reports import queries, render_pdf
from gunmane_desktop.reports.council import build_council_pack
from gunmane_desktop.reports.fonts import BOLD, REGULAR, register_fonts
from gunmane_desktop.reports.inspection_sheets import build_inspection_sheets
from gunmane_desktop.reports.ledger_listing import COLUMNS, build_ledger_listing
from gunmane_desktop.storage.analytics import Scope
from gunmane_desktop.storage.database import Database, NewerOrOlderReadonlyError

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "region-10k.sqlite"
SHEET_COLUMN = (A4[0] - 2 * 72) / 7  # the floor's sheet tables: known widths, none measured
GRID = [("FONT", (0, 0), (-1, -1), REGULAR, 7), ("GRID", (0, 0), (-1, -1), 0.25, "#888888")]


def _best(fn, repeat: int) -> tuple[float, float, object]:
    """Best wall-clock and best CPU time of ``repeat`` runs, and the last result. On a
    shared machine the CPU time of this process moves far less with the load than the wall
    clock does; the two ratios are printed side by side."""
    wall, cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        result = fn()
        wall = min(wall, time.perf_counter() - w0)
        cpu = min(cpu, time.process_time() - c0)
    return wall, cpu, result


def _bare_pdf(story: list, pagesize, furniture: list[str] | None = None) -> int:
    """The floor: reportlab defaults, except the stream encoding, which is set as the
    renderer sets it (Flate without ASCII85) so the ratio measures layout, not encoding.
    ``furniture``: header and footer strings drawn on every page, with the page number."""
    def on_page(canv, doc) -> None:
        if furniture:
            canv.setFont(BOLD, 8.5)
            canv.drawString(40, pagesize[1] - 40, furniture[0])
            canv.setFont(REGULAR, 8)
            for k, text in enumerate(furniture[1:]):
                canv.drawString(40 + 150 * k, 30, text)
            canv.drawString(pagesize[0] - 80, 30, str(doc.page))

    buf = io.BytesIO()
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        SimpleDocTemplate(buf, pagesize=pagesize, initialFontName=REGULAR).build(
            story, onFirstPage=on_page, onLaterPages=on_page)
    finally:
        rl_config.useA85 = a85
    return len(buf.getvalue())


def ledger_floor(rows: list[list[str]]) -> int:
    header = [col.title for col in COLUMNS]
    return _bare_pdf([Table([header, *rows], repeatRows=1, style=TableStyle(GRID))], landscape(A4))


def sheets_floor(sheets: list[list[tuple[list[list[str]], list[int]]]], furniture: list[str]) -> int:
    """Per sheet one bare Table per page of the sheet (the facility grid, the inspection,
    the grade box, every table's header and rows, headings and captions: every string the
    sheet prints), headings and header rows in the bold face as on the sheet, a page break
    after each, and the page header and footer drawn on every page."""
    story: list = []
    for pages in sheets:
        for rows, bold in pages:
            style = [*GRID, *(("FONT", (0, r), (-1, r), BOLD, 7) for r in bold)]
            story += [Table(rows, colWidths=[SHEET_COLUMN] * 7, style=TableStyle(style)), PageBreak()]
    return _bare_pdf(story[:-1], A4, furniture)


def sheet_strings(report: c.Report) -> list[list[tuple[list[list[str]], list[int]]]]:
    """The strings of built sheets, as floor rows: per asset, per page (様式1, 様式2) the
    rows of a 7-column table and which rows are bold."""
    sheets: list[list[tuple[list[list[str]], list[int]]]] = []
    for section in report.sections():
        page = _section_rows(section)
        if section.level > 1 and sheets:  # 様式2: a page of the same sheet
            sheets[-1].append(page)
        else:
            sheets.append([page])
    return sheets


def _section_rows(section: c.Section) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    bold: list[int] = []

    def add(cells: list[str], heavy: bool = False) -> None:
        if heavy:
            bold.append(len(rows))
        rows.append([*cells, *[""] * (7 - len(cells))])

    add([section.title], True)
    blocks = list(section.blocks)
    while blocks:
        b = blocks.pop(0)
        if isinstance(b, c.Form):
            blocks[:0] = b.blocks
        elif isinstance(b, c.Paragraph):
            add([b.text], b.style == "heading")
        elif isinstance(b, c.FieldGrid):
            for k in range(0, len(b.fields), b.columns):
                add([x for pair in b.fields[k:k + b.columns] for x in pair])
        elif isinstance(b, c.GradeBox):
            add([b.symbol, f"{b.scale_name}: {b.symbol} {b.label}", b.definition, b.source])
        elif isinstance(b, c.Table):
            if b.caption:
                add([b.caption], True)
            add([col.title for col in b.columns], True)
            for row in b.rows:
                add(row)
        elif isinstance(b, c.PhotoGrid):
            for photo in b.photos:
                add([photo.caption])
    return rows, bold


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--towns", type=int, default=10)
    p.add_argument("--assets-per-town", type=int, default=1000)
    p.add_argument("--sheets", type=int, default=500)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--only", nargs="+", default=["listing", "sheets", "council"],
                   choices=["listing", "sheets", "council"])
    args = p.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {args.db} ...", file=sys.stderr)
        generate_region(args.db, towns=args.towns, assets_per_town=args.assets_per_town)
    register_fonts()
    try:
        Database.open(args.db, readonly=True, lock=False).close()
    except NewerOrOlderReadonlyError:  # generated by an older version: upgrade it once
        Database.open(args.db).close()
    load_before = os.getloadavg()
    results = []
    with Database.open(args.db, readonly=True, lock=False) as db:
        if "listing" in args.only:  # 施設台帳
            def ledger() -> int:
                return render_pdf(build_ledger_listing(db.conn), io.BytesIO())
            listing = build_ledger_listing(db.conn)
            raw_rows = listing.blocks[-1].rows  # the same strings, before fitting to the columns
            *t_report, pages = _best(ledger, args.repeat)
            *t_floor, _ = _best(lambda: ledger_floor(raw_rows), args.repeat)
            results.append((f"施設台帳 {len(raw_rows):,} rows ({pages} pages)", t_report, t_floor))

        if "sheets" in args.only:  # 点検調書
            ids = [asset_id for asset_id, _ in queries.sheet_assets(db.conn, Scope())[:args.sheets]]
            built = build_inspection_sheets(db.conn, asset_ids=ids)
            strings = sheet_strings(built)  # every string the sheets print, built once
            furniture = [f"{built.title}  {built.subtitle}", built.organisation,
                         format_date(built.printed_on, with_western=True)]

            def sheets() -> int:
                return render_pdf(build_inspection_sheets(db.conn, asset_ids=ids), io.BytesIO())
            *t_report, pages = _best(sheets, args.repeat)
            *t_floor, _ = _best(lambda: sheets_floor(strings, furniture), args.repeat)
            results.append((f"点検調書 {len(ids)} sheets ({pages} pages)", t_report, t_floor))

        if "council" in args.only:  # 議会説明資料 (no floor: target is an absolute time)
            *t_council, council_pages = _best(
                lambda: render_pdf(build_council_pack(db.conn), io.BytesIO()), args.repeat)
        assets = db.conn.execute("SELECT count(*) FROM assets WHERE deleted = 0").fetchone()[0]
    load_after = os.getloadavg()
    print(f"region: {args.db} ({assets:,} assets); best of {args.repeat}")
    print("load average (1, 5, 15 min): before " + " ".join(f"{x:.2f}" for x in load_before)
          + ", after " + " ".join(f"{x:.2f}" for x in load_after))
    print(f"{'report':36} {'report s':>9} {'floor s':>8} {'ratio':>6} {'cpu s':>7} {'floor':>7} {'ratio':>6}")
    for name, (w, cpu), (fw, fcpu) in results:
        print(f"{name:36} {w:9.2f} {fw:8.2f} {w / fw:6.2f} {cpu:7.2f} {fcpu:7.2f} {cpu / fcpu:6.2f}")
    if "council" in args.only:
        print(f"{'議会説明資料 region (' + str(council_pages) + ' pages)':36} {t_council[0]:9.2f} "
              f"{'(< 10 s)':>8} {'':6} {t_council[1]:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
