"""The plan table in the layout municipalities publish (長寿命化修繕計画 / 個別施設計画).

One row per facility: 整理番号, 施設ID, 名称, 路線名, 所在地, 橋種/形式, 架設年度, 橋長, 幅員,
橋面積, flags (緊急輸送道路, 跨線橋, 跨道橋), 前回点検年度, 健全性, 次回点検年度, 対策内容,
対策時期 (one column per fiscal year of the plan period, usually 10), 概算事業費 (千円),
新技術活用, 集約・撤去検討結果. Content only (rows of plain values); xlsx.py renders it.
Rows the user set by hand are marked (OVERRIDE_MARK in 対策内容, ◎/○ in the year cells) and
the user's decisions fill 集約・撤去検討結果, so a printed plan says what was decided by hand.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..core.unit_costs import MEASURES
from ..core.wareki import format_fiscal_year
from .candidates import Candidate
from .run import PlanResult, removal_years

FIXED_HEADERS = ("整理番号", "施設種別", "施設ID", "名称", "路線名", "所在地", "橋種/形式", "架設年度",
                 "橋長 (m)", "幅員 (m)", "橋面積 (m²)", "緊急輸送道路", "跨線橋", "跨道橋",
                 "前回点検年度", "健全性", "次回点検年度", "対策内容")
TAIL_HEADERS = ("概算事業費 (千円)", "新技術活用", "集約・撤去検討結果")

_TYPE_JA = {"bridge": "橋梁", "tunnel": "トンネル", "footbridge": "横断歩道橋", "sign_gantry": "門型標識",
            "shed_culvert": "シェッド・大型カルバート", "pavement": "舗装", "sewer": "下水道管渠",
            "park": "公園施設", "river": "河川管理施設", "other": "その他"}


#: Marks of what the user set by hand: in 対策内容 before the measures, and in a fiscal-year
#: cell instead of ● (○ for a year the user left without a measure).
OVERRIDE_MARK = "【変更】"
OVERRIDDEN_CELL, CLEARED_CELL, PLANNED_CELL = "◎", "○", "●"
_DECISION_TEXT = {"downsize": "機能縮小 (決定)", "keep": "存続 (決定)", "remove": "撤去 (決定)"}


def _timing(actions: list[dict]) -> str:
    """The fiscal-year cell: ● planned, ◎ set by hand, ○ cleared by hand, blank otherwise."""
    if any(a.get("overridden") for a in actions):
        return CLEARED_CELL if all(a["measure"] == "none" for a in actions) else OVERRIDDEN_CELL
    return PLANNED_CELL if actions else ""


@dataclass(frozen=True, slots=True)
class PlanTable:
    title: str
    fiscal_years: tuple[int, ...]
    headers: tuple[str, ...]
    rows: list[tuple]
    total_thousand_yen: int


def _details(conn: sqlite3.Connection, ids: list[str]) -> dict[str, tuple]:
    out: dict[str, tuple] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        for r in conn.execute(
                f"""SELECT a.id, a.external_id, a.route, a.address, a.structure, a.built_year,
                           a.built_year_text, a.length_m, a.width_m, a.area_m2, a.emergency_route,
                           a.over_railway, a.over_road, s.last_fiscal_year, g.symbol, s.next_due_fy
                    FROM assets a LEFT JOIN asset_status s ON s.asset_seq = a.seq
                    LEFT JOIN grades g ON g.scale_id = s.scale_id AND g.code = s.grade
                    WHERE a.id IN ({', '.join('?' * len(chunk))})""", chunk):
            out[r[0]] = tuple(r[1:])
    return out


def build_plan_table(conn: sqlite3.Connection, result: PlanResult, *, period_years: int = 10,
                     candidates: list[Candidate] | None = None) -> PlanTable:
    """The published table for the plan scenario's first ``period_years`` fiscal years."""
    start = result.options.start_fy
    fys = tuple(range(start, start + min(period_years, result.options.years)))
    labels = {t: {m: c.label_ja for m, c in tc.measures.items()} for t, tc in result.unit_costs.types.items()}
    stock = result.inputs.stock
    by_asset: dict[str, list[dict]] = {}
    for row in result.plan_rows():
        if row["fiscal_year"] in fys:
            by_asset.setdefault(row["asset_id"], []).append(row)
    cand = {c.asset_id: c for c in candidates or []}
    decisions = result.options.decisions
    removals = removal_years(result.options)
    details = _details(conn, stock.ids)
    rows = []
    total = 0
    for n, (asset_id, name, asset_type) in enumerate(zip(stock.ids, stock.names, stock.asset_types,
                                                         strict=True), start=1):
        d = details.get(asset_id)
        if d is None:
            continue
        (external, route, address, structure, built, built_text, length, width, area, emergency,
         railway, road, last_fy, symbol, next_fy) = d
        actions = by_asset.get(asset_id, [])
        type_labels = labels.get(asset_type) or labels["other"]
        measures = [a["measure"] for a in actions]
        text = "・".join(dict.fromkeys(type_labels.get(m, m) for m in measures if m in MEASURES))
        if any(a.get("overridden") for a in actions):
            text = f"{OVERRIDE_MARK}{text}"
        cost = sum(a["cost_yen"] for a in actions)
        total += cost
        timing = tuple(_timing([a for a in actions if a["fiscal_year"] == fy]) for fy in fys)
        decision = decisions.get(asset_id)
        if decision == "remove" and asset_id in removals:
            removal = f"撤去 (決定: {format_fiscal_year(removals[asset_id])})"
        elif decision in _DECISION_TEXT:
            removal = _DECISION_TEXT[decision]
        elif asset_id in cand:
            c = cand[asset_id]
            detour = "有" if c.detour == "available" else "要確認"
            removal = f"撤去候補: 縮減 {c.saving_yen // 1000:,} 千円 (迂回路 {detour})"
        else:
            removal = ""
        rows.append((n, _TYPE_JA.get(asset_type, asset_type), external or asset_id, name, route, address,
                     structure, built if built else (built_text or "不明"), length, width, area,
                     "○" if emergency else "", "○" if railway else "", "○" if road else "",
                     last_fy or "未点検", symbol or "未点検", next_fy or "", text, *timing,
                     round(cost / 1000), "", removal))
    headers = (*FIXED_HEADERS, *(f"{format_fiscal_year(fy)}" for fy in fys), *TAIL_HEADERS)
    return PlanTable(f"長寿命化修繕計画 ({fys[0]}〜{fys[-1]}年度)", fys, headers, rows, round(total / 1000))
