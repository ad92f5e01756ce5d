"""Regional comparison for the regional meeting: one row per organisation, key indicators.

Every figure is the dashboard's (storage.analytics) for that organisation's scope, so a
town's row equals the numbers on its own council pack. Bridges get their own Ⅲ/Ⅳ share
because that is the figure with a national reference (labelled 参考).
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from ..core.wareki import fiscal_year_of
from ..storage import analytics
from ..storage.analytics import Scope
from . import content as c
from . import queries
from .council import NATIONAL_III_IV_FY2024, NATIONAL_SOURCE
from .formats import count, fy_label, share, today_in_fiscal_year

COLUMNS = [
    c.Column("団体", 2.2), c.Column("施設数", 1.3, "right"), c.Column("橋梁", 1.1, "right"),
    c.Column("措置が必要", 1.4, "right"), c.Column("割合", 1.1, "right"),
    c.Column("橋梁Ⅲ・Ⅳ", 1.3, "right"), c.Column("橋梁Ⅲ・Ⅳ割合", 1.4, "right"),
    c.Column("措置着手", 1.2, "right"), c.Column("着手率", 1.1, "right"),
    c.Column("50年以上 現在", 1.4, "right"), c.Column("20年後", 1.1, "right"),
    c.Column("今年度 点検実施", 1.4, "right"), c.Column("今年度 予定", 1.3, "right"),
    c.Column("期限超過・未点検", 1.6, "right"), c.Column("措置未着手", 1.3, "right"),
]


def indicators(conn: sqlite3.Connection, scope: Scope, today: dt.date,
               due: tuple[int, int, int]) -> dict[str, float | int]:
    """The key figures of one scope (an organisation or the whole region); ``due`` is
    (done, pending, overdue) of the current fiscal year."""
    stock = queries.stock_by_type(conn, scope)
    act = queries.action_state(conn, scope)
    bridge_dist = analytics.grade_distribution(conn, Scope(scope.org, "bridge", scope.sector))
    age = {a.years_ahead: a for a in analytics.ageing(conn, scope, today=today)}
    return {
        "assets": sum(n for _t, n, _m in stock),
        "bridges": sum(n for t, n, _m in stock if t == "bridge"),
        "action": act.assets, "started": act.started, "completed": act.completed,
        "bridge_iii_iv": sum(g.count for g in bridge_dist if g.action_required),
        "bridge_graded": sum(g.count for g in bridge_dist if g.grade is not None),
        "old_now": age[0].share_of_known, "old_20": age[20].share_of_known,
        "done": due[0], "pending": due[1], "overdue": due[2],
        "waiting": act.assets - act.started,
    }


def _row(name: str, k: dict) -> list[str]:
    return [name, count(k["assets"]), count(k["bridges"]), count(k["action"]),
            share(k["action"], k["assets"]), count(k["bridge_iii_iv"]),
            share(k["bridge_iii_iv"], k["bridge_graded"]), count(k["started"]),
            share(k["started"], k["action"]), f"{k['old_now']:.1%}", f"{k['old_20']:.1%}",
            count(k["done"]), count(k["pending"]), count(k["overdue"]), count(k["waiting"])]


def build_region_comparison(conn: sqlite3.Connection, *, sector: str | None = None,
                            fiscal_year: int | None = None,
                            today: dt.date | None = None) -> c.Report:
    """One row per organisation owning assets, and the region's total."""
    as_of = today_in_fiscal_year(fiscal_year, today)
    fy = fiscal_year_of(as_of)
    owners = queries.asset_owners(conn)
    label = queries.region_label(conn)
    report = c.Report(title="地域比較 (広域連携会議資料)", organisation=label, orientation="landscape",
                      subtitle=fy_label(fy), printed_on=today or dt.date.today())
    rows, names, shares = [], [], []
    due = queries.due_this_year_by_owner(conn, Scope(sector=sector), fy)
    for code, name, _kind in owners:
        k = indicators(conn, Scope(org=code, sector=sector), as_of, due.get(code, (0, 0, 0)))
        rows.append(_row(name, k))
        names.append(name)
        shares.append(100 * k["bridge_iii_iv"] / k["bridge_graded"] if k["bridge_graded"] else 0.0)
    total = indicators(conn, Scope(sector=sector), as_of,
                       tuple(sum(v[i] for v in due.values()) for i in range(3)))  # type: ignore[arg-type]
    rows.append(_row("地域計", total))
    report.add(
        c.Paragraph("団体ごとの主な指標です。「措置が必要」は各分野の基準で早期・緊急の措置が必要と"
                    "判定された施設 (健全性Ⅲ・Ⅳ等)、「50年以上」は建設年が分かる施設に対する割合、"
                    "「今年度」は" + fy_label(fy) + "です。"),
        c.Table(COLUMNS, rows, total_rows=1, font_size=7.5, caption="団体別の主な指標"),
        c.Figure(c.BarChart("橋梁のうち健全性Ⅲ・Ⅳの割合 (点検済みの橋梁に対して)", names,
                            [c.Series("Ⅲ・Ⅳの割合", shares, colour="#f28e2b")], value_suffix="%",
                            references=[c.Reference("全国 令和6年度 (参考)", NATIONAL_III_IV_FY2024)]),
                 width_share=0.7),
        c.Paragraph(NATIONAL_SOURCE, "note"))
    return report
