"""施設台帳 (register listing): every asset of a selection as a landscape table.

Uses the register's own SQL (storage.register_query) so the listing holds exactly the
rows the register screen shows for the same filter, in ledger order. The header row is
repeated on every page; grades are coloured by their level within their own scale.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter

from ..storage.analytics import Scope
from ..storage.register_query import RegisterFilter, fetch_rows, filtered_seqs
from . import content as c
from . import queries
from .council import scope_label
from .formats import length, short_fy, short_year

COLUMNS = [
    c.Column("No.", 0.9, "right"), c.Column("管理者", 1.6), c.Column("施設種別", 2.3),
    c.Column("名称", 2.8), c.Column("路線名", 3.0), c.Column("所在地", 3.3),
    c.Column("施設ID", 2.5), c.Column("架設年", 1.6, "center"), c.Column("延長 (m)", 1.2, "right"),
    c.Column("判定", 1.0, "center"), c.Column("点検年度", 1.6, "center"),
    c.Column("次回点検", 1.6, "center"), c.Column("措置", 0.9, "center"),
]
GRADE_COLUMN = 9


def build_ledger_listing(conn: sqlite3.Connection, *, org: str | None = None,
                         sector: str | None = None, asset_type: str | None = None,
                         include_retired: bool = False, today: dt.date | None = None) -> c.Report:
    """The listing of the assets matching the filter (all in-service assets by default)."""
    flt = RegisterFilter(org=org, sector=sector, asset_type=asset_type,
                         include_retired=include_retired)
    seqs = filtered_seqs(conn, flt)
    fetched = fetch_rows(conn, seqs)
    rows, levels, grades = [], {}, Counter()
    for seq in seqs:
        r = fetched.get(seq)
        if r is None:
            continue
        i = len(rows)
        if r.grade_symbol is not None:
            levels[(i, GRADE_COLUMN)] = r.grade_level
            grades[(r.scale_id, r.grade_level, r.grade_symbol)] += 1
        else:
            grades[("", -1, "未点検")] += 1
        rows.append([str(i + 1), r.owner_name, r.type_name, r.name, r.route, r.address,
                     r.external_id, short_year(r.built_year, r.built_year_text),
                     length(r.length_m) if r.length_m is not None else "―",
                     r.grade_symbol or "未点検", short_fy(r.fiscal_year) if r.fiscal_year else "―",
                     short_fy(r.next_due_fy) if r.next_due_fy else "―",
                     r.measure_label or ""])
    label = scope_label(conn, Scope(org=org, sector=sector))
    report = c.Report(title="施設台帳", organisation=label, orientation="landscape",
                      printed_on=today or dt.date.today())
    conditions = [f"管理者: {label}"] + (["供用廃止・撤去済を含む"] if include_retired else
                                         ["供用中の施設"])
    scales = queries.scale_names(conn)
    parts: dict[str, list[str]] = {}
    for (scale, _lvl, sym), n in sorted(grades.items()):
        parts.setdefault(scales.get(scale, ("",))[0] if scale else "", []).append(f"{sym} {n:,}")
    tally = " / ".join(f"{name}: {' '.join(v)}" if name else " ".join(v)
                       for name, v in parts.items())
    report.add(c.Paragraph(f"抽出条件: {' / '.join(conditions)}    全 {len(rows):,} 件", "body"),
               c.Paragraph(f"最新判定の内訳 (判定の尺度ごと): {tally}", "note"),
               c.Table(COLUMNS, rows, font_size=7, max_lines=2, levels=levels))
    return report
