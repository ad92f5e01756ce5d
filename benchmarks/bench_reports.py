"""Benchmark: report printing against a bare reportlab table of the same rows (the floor).

    .venv/bin/python benchmarks/bench_reports.py [--db PATH] [--towns 10]
        [--assets-per-town 1000] [--sheets 500] [--repeat 3]

Makes a region with ``gunmane_desktop.demo.generate_region`` (10 towns x 1,000 assets by
default, or reuses ``--db``), then measures, best of ``--repeat``:
- the 施設台帳 listing of every asset (10,000 rows): query + build + render, against the
  floor: one reportlab ``Table`` (repeatRows=1, the same font and strings, a grid) in a
  ``SimpleDocTemplate``, rendered from rows already in memory;
- 500 点検調書: build + render, against the floor: per asset one bare Table of the same
  fields, member rows and history rows, with a page break between assets;
- the council pack of the whole region (target under 10 s).
Prints a table with the ratios (target: report / floor <= 1.5).
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import PageBreak, SimpleDocTemplate, Table, TableStyle

from gunmane_desktop.demo import generate_region
from gunmane_desktop.reports import queries, render_pdf
from gunmane_desktop.reports.council import build_council_pack
from gunmane_desktop.reports.fonts import REGULAR, register_fonts
from gunmane_desktop.reports.inspection_sheets import build_inspection_sheets
from gunmane_desktop.reports.ledger_listing import COLUMNS, build_ledger_listing
from gunmane_desktop.storage.analytics import Scope
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import asset_detail, history, measures

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "region-10k.sqlite"
GRID = [("FONT", (0, 0), (-1, -1), REGULAR, 7), ("GRID", (0, 0), (-1, -1), 0.25, "#888888")]


def _best(fn, repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - started)
    return best, result


def _bare_pdf(story: list, pagesize) -> int:
    """The floor: reportlab defaults, except the stream encoding, which is set as the
    renderer sets it (Flate without ASCII85) so the ratio measures layout, not encoding."""
    buf = io.BytesIO()
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        SimpleDocTemplate(buf, pagesize=pagesize, initialFontName=REGULAR).build(story)
    finally:
        rl_config.useA85 = a85
    return len(buf.getvalue())


def ledger_floor(rows: list[list[str]]) -> int:
    header = [col.title for col in COLUMNS]
    return _bare_pdf([Table([header, *rows], repeatRows=1, style=TableStyle(GRID))], landscape(A4))


def sheets_floor(tables: list[list[list[str]]]) -> int:
    story: list = []
    for rows in tables:
        story += [Table(rows, style=TableStyle(GRID)), PageBreak()]
    return _bare_pdf(story, A4)


def sheet_rows(db: Database, asset_id: str, inspection_id: str | None,
               grades: dict[str, list[queries.GradeInfo]]) -> list[list[str]]:
    """The strings one sheet prints (facility, inspection, judgement and its definition,
    members, findings, history, measures), as a bare 4-column table."""
    d = asset_detail(db.conn, asset_id) or {}
    rows = [[str(k), str(d.get(k) or ""), "", ""] for k in
            ("name", "external_id", "owner_name", "type_name", "route", "address", "structure",
             "built_year", "length_m", "width_m", "area_m2", "lat", "lon", "next_due_fy")]
    insp = queries.inspection(db.conn, inspection_id) if inspection_id else None
    if insp is not None:
        g = {x.code: x for x in grades.get(insp["scale_id"], [])}.get(insp["grade"])
        rows.append([insp["inspected_on"], insp["method"], insp["inspector_name"],
                     insp["inspector_org_name"]])
        if g:
            rows.append([g.symbol, g.label, g.definition[:60], g.definition[60:]])
        for m in queries.members(db.conn, insp["id"]):
            rows.append([m["member"], m["damage_type"], m["degree"], m["member_grade"]])
        rows.append([insp["findings"][:40], insp["findings"][40:], "", ""])
    for h in history(db.conn, asset_id):
        rows.append([h.inspected_on.isoformat(), h.grade_symbol, h.method, h.findings[:40]])
    for m in measures(db.conn, asset_id):
        rows.append([m.kind_name, m.status_name, m.description[:40], str(m.planned_fy or "")])
    return rows


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--db", type=Path, default=DEFAULT_DB)
    p.add_argument("--towns", type=int, default=10)
    p.add_argument("--assets-per-town", type=int, default=1000)
    p.add_argument("--sheets", type=int, default=500)
    p.add_argument("--repeat", type=int, default=3)
    args = p.parse_args()
    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {args.db} ...", file=sys.stderr)
        generate_region(args.db, towns=args.towns, assets_per_town=args.assets_per_town)
    register_fonts()
    results = []
    with Database.open(args.db, readonly=True, lock=False) as db:
        # 施設台帳
        def ledger() -> int:
            return render_pdf(build_ledger_listing(db.conn), io.BytesIO())
        listing = build_ledger_listing(db.conn)
        raw_rows = listing.blocks[-1].rows  # the same strings, before fitting to the columns
        t_report, pages = _best(ledger, args.repeat)
        t_floor, _ = _best(lambda: ledger_floor(raw_rows), args.repeat)
        results.append((f"施設台帳 {len(raw_rows):,} rows ({pages} pages)", t_report, t_floor))

        # 点検調書
        selection = queries.sheet_assets(db.conn, Scope())[:args.sheets]
        ids = [asset_id for asset_id, _ in selection]
        grades = queries.grade_table(db.conn)

        def sheets() -> int:
            return render_pdf(build_inspection_sheets(db.conn, asset_ids=ids), io.BytesIO())

        def floor_sheets() -> int:
            return sheets_floor([sheet_rows(db, asset_id, iid, grades) for asset_id, iid in selection])
        t_report, pages = _best(sheets, args.repeat)
        t_floor, _ = _best(floor_sheets, args.repeat)
        results.append((f"点検調書 {len(ids)} sheets ({pages} pages)", t_report, t_floor))

        # 議会説明資料 (no floor: target is an absolute time)
        t_council, pages = _best(
            lambda: render_pdf(build_council_pack(db.conn), io.BytesIO()), args.repeat)
        assets = db.conn.execute("SELECT count(*) FROM assets WHERE deleted = 0").fetchone()[0]
    print(f"region: {args.db} ({assets:,} assets)")
    print(f"{'report':44} {'report s':>9} {'floor s':>9} {'ratio':>6}")
    for name, t_report, t_floor in results:
        print(f"{name:44} {t_report:9.2f} {t_floor:9.2f} {t_report / t_floor:6.2f}")
    print(f"{'議会説明資料 region (' + str(pages) + ' pages)':44} {t_council:9.2f} {'(< 10 s)':>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
