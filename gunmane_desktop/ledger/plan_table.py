"""The per-facility table of a 個別施設計画 (長寿命化修繕計画), as councils and subsidies expect.

This is the closest documented layout we can write: the column set of the plan's
per-facility table (shared/domain.md section 3): 整理番号, 施設ID, 名称, 路線名, 所在地, 橋種・形式,
架設年度, 橋長, 幅員, 橋面積, the 緊急輸送道路/跨線橋/跨道橋 flags, 前回点検年度, 健全性, 次回点検年度,
対策内容, 対策時期 and 概算事業費 (千円). Years are printed in 和暦 and money in 千円, as plans do.
It is not the national road-structure database's bulk-registration CSV set, whose layout we
could not verify. The asset columns use headers the importer knows, so the table imports
back with nothing changed (対策内容, 対策時期, 次回点検年度 and 概算事業費 are listed as ignored).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.catalogue import Catalogue, default_catalogue
from ..core.wareki import format_fiscal_year
from ..storage.database import Database
from .export import Table, filter_sql

SHEET_PLAN = "個別施設計画"
PLAN_HEADERS = ("整理番号", "施設ID", "名称", "路線名", "所在地", "橋種・形式", "架設年度", "橋長 (m)",
                "幅員 (m)", "橋面積 (㎡)", "緊急輸送道路", "跨線橋", "跨道橋", "前回点検年度", "健全性",
                "次回点検年度", "対策内容", "対策時期", "概算事業費 (千円)")
PLAN_KINDS = ("int", "text", "text", "text", "text", "text", "text", "number", "number", "number", "text",
              "text", "text", "text", "text", "text", "text", "text", "int")


def _fy(year: int | None) -> str:
    return format_fiscal_year(year) if year else ""


def build_plan_table(db: Database, *, org: str | None = None, sector: str | None = None,
                     asset_types: Iterable[str] | None = None, include_retired: bool = False,
                     catalogue: Catalogue | None = None) -> Table:
    """One row per asset with its latest grade and its open (planned or started) measures."""
    catalogue = catalogue or default_catalogue()
    where, params = filter_sql(catalogue, org, sector, asset_types, include_retired)
    symbols = {(g.scale, g.code): g.symbol for s in catalogue.scales for g in s.grades}
    rows = []
    query = (
        "SELECT a.*, s.last_fiscal_year, s.scale_id AS s_scale, s.grade AS s_grade, s.next_due_fy,"
        " m.descriptions, m.first_fy, m.cost FROM assets a JOIN asset_types t ON t.id = a.asset_type"
        " LEFT JOIN asset_status s ON s.asset_seq = a.seq"
        " LEFT JOIN (SELECT asset_id, group_concat(description, '、') AS descriptions,"
        "            min(planned_fy) AS first_fy, sum(cost_planned_yen) AS cost FROM measures"
        "            WHERE deleted = 0 AND status IN ('planned', 'started') GROUP BY asset_id) m"
        "   ON m.asset_id = a.id"
        f" WHERE {where} ORDER BY a.owner, a.seq")
    for n, r in enumerate(db.conn.execute(query, params), start=1):
        built = r["built_year_text"] or ("" if r["built_year"] is None else str(r["built_year"]))
        rows.append([
            n, r["external_id"], r["name"], r["route"], r["address"], r["structure"], built,
            r["length_m"], r["width_m"], r["area_m2"], "○" if r["emergency_route"] else "",
            "○" if r["over_railway"] else "", "○" if r["over_road"] else "", _fy(r["last_fiscal_year"]),
            symbols.get((r["s_scale"], r["s_grade"]), r["s_grade"] or ""), _fy(r["next_due_fy"]),
            r["descriptions"] or "", _fy(r["first_fy"]),
            None if r["cost"] is None else round(r["cost"] / 1000),
        ])
    return Table(SHEET_PLAN, PLAN_HEADERS, rows, PLAN_KINDS)
