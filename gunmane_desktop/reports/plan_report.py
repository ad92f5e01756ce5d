"""長寿命化修繕計画 (long-life repair plan) as a landscape PDF, from the planning engine.

The figures are ``planning.run.make_plan``'s, printed as they come: the scenario comparison
(preventive against reactive, life-cycle cost, cost per fiscal year with its 5-95% band),
the plan period's cost per fiscal year by asset type and by organisation, and an appendix
with one row per facility that has a measure in the period (cost per fiscal year in 千円,
the same amounts as ``gunmane plan --json`` and the .xlsx plan table). Every unit cost is
rounded to 千円 by the engine, so the 千円 columns add up exactly.

The assumptions (default unit costs, simplifications, replications) are printed on the
first page: a plan is only as good as them, and a council member should read them first.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable

from ..core.wareki import fiscal_year_of, format_fiscal_year
from ..planning.candidates import Candidate, removal_candidates
from ..planning.plan_table import OVERRIDE_MARK, build_plan_table
from ..planning.run import PlanOptions, PlanResult, make_plan
from ..planning.stock import Scope
from . import content as c
from . import queries
from .formats import count, era_fy, fy_label, oku, sen, short_fy
from .queries import scope_label

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

# The plan report's defaults: 30 years (the horizon of the national estimate), a 10-year
# plan period (the published 個別施設計画), 20 replications (the CLI's default).
YEARS = 30
PERIOD = 10
REPLICATIONS = 20
FIRST_YEAR_NOTE = ("初年度の額が大きいのは、すでに措置の目安 (予防保全ではⅡ) に達している施設の措置を"
                   "初年度にまとめて計上しているためです (実際には数年に分けて平準化します)。")
SCENARIO_COLOURS = {"preventive": "#4e79a7", "reactive": "#e15759", "budget": "#59a14f"}


def run_plan(conn: sqlite3.Connection, *, org: str | None = None, sector: str | None = None,
             fiscal_year: int | None = None, years: int = YEARS, replications: int = REPLICATIONS,
             seed: int = 2026, budget_yen: int | None = None, today: dt.date | None = None,
             progress: Progress | None = None, cancel: Cancel | None = None) -> PlanResult:
    """The plan the report prints: ``fiscal_year`` is its first year (default: next year)."""
    start = fiscal_year or fiscal_year_of(today or dt.date.today()) + 1
    options = PlanOptions(start_fy=start, years=years, budget_yen=budget_yen,
                          replications=replications, seed=seed)
    return make_plan(conn, Scope(org=org, sector=sector), options, progress=progress, cancel=cancel)


def period_costs(result: PlanResult, period_years: int = PERIOD) -> dict[str, dict[int, int]]:
    """asset id -> {fiscal year: 円} of the plan scenario's measures in the plan period."""
    first = result.options.start_fy
    last = first + min(period_years, result.options.years) - 1
    out: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for row in result.plan_rows():
        if first <= row["fiscal_year"] <= last:
            out[row["asset_id"]][row["fiscal_year"]] += row["cost_yen"]
    return out


def end_share_iii_iv(result: PlanResult, name: str) -> float:
    """Mean share of assets at the two worst grades (Ⅲ・Ⅳ相当) at the end of the horizon."""
    final = result.scenario(name).shares.mean(axis=0)[-1]
    return float(final[2] + final[3])


def _assumptions(result: PlanResult) -> list[c.Paragraph]:
    o = result.options
    models = result.models.regional
    pairs = sum(e.observations for e in models.values())
    never = int(result.inputs.imputed.sum())
    costs = ("単価は既定値 (判断による概算) です。実際の発注実績に基づく自団体の単価表に置き換えて"
             "ください (gunmane plan --unit-costs)。" if result.unit_costs.is_default
             else "単価は団体が指定した単価表によります。")
    texts = [
        costs,
        f"劣化の見込みは点検履歴の組 {pairs:,} 組 (地域全体、{len(models)} 種類の劣化モデル) から"
        f"推定し、データの少ない区分は全国の既定値 (事前分布) で補っています。",
        f"未点検の施設 {never:,} 件は、同種施設の現在の判定区分の分布で補っています。",
        "予防保全は判定区分Ⅱ (舗装B、公園b、下水道緊急度Ⅲ) から、事後保全は最も重い区分 (Ⅳ、D、d、"
        "緊急度Ⅰ) になってから更新するものとし、措置後は最も良い区分に戻るものとしています。",
        f"費用は {o.replications} 回の模擬計算 (乱数の種 {o.seed}) の平均で、帯は5-95%の範囲です。"
        "個別施設の計画は、そのうち推定値どおりの劣化で計算した1回分です (近い年度ほど確か、"
        "遠い年度は目安)。",
        "ライフサイクルコスト (LCC) は期間内の事業費に、期間末にすべての施設を最も良い区分に戻す"
        "費用と、期間中に消費した耐用年数の価値 (更新費 × 消費した耐用年数の割合、定額) を加えた"
        "もので、どのシナリオも同じ方法で評価しています。",
        "耐用年数 (既定値): 事後保全では法定耐用年数程度 (コンクリート橋 60年、下水道管きょ 50年等) で、"
        "予防保全では長寿命化の目標 (橋梁 100年等) で、判定区分にかかわらず更新します。"
        "架設年度が不明な施設は同じ種別の既知の年度から補っています。",
        "簡略化: 判定区分は毎年分かるものとし、割引率は用いず、点検費用は含めていません "
        "(どのシナリオでも同じ)。",
    ]
    return [c.Paragraph("・" + t, "body") for t in texts]


def _scenario_section(result: PlanResult) -> c.Section:
    o = result.options
    comp = result.comparison()
    sec = c.Section(f"1. シナリオの比較 ({o.years}年間)", new_page=True)
    rows = []
    for s in result.scenarios:
        rows.append([s.spec.label_ja, oku(s.total_cost), oku(float(s.backlog.mean())),
                     oku(s.service_life_used), oku(s.life_cycle_cost),
                     f"{end_share_iii_iv(result, s.spec.name):.1%}"])
    sec.add(c.Table([c.Column("シナリオ", 3.4), c.Column("期間内の事業費", 1.8, "right"),
                     c.Column("期間末の残る補修費", 1.8, "right"),
                     c.Column("耐用年数の消費", 1.6, "right"),
                     c.Column("ライフサイクルコスト", 1.9, "right"),
                     c.Column("期間末のⅢ・Ⅳ相当", 1.6, "right")], rows,
                    caption=f"{format_fiscal_year(o.start_fy)}から{o.years}年間の比較 "
                            f"({o.replications} 回の平均)"))
    if comp["preventive_saving_share"] is not None:
        saving = comp["preventive_saving_yen"]
        verb = "安く" if saving >= 0 else "高く"
        sec.add(c.Paragraph(
            f"予防保全のライフサイクルコストは事後保全より {oku(abs(saving))} "
            f"({abs(comp['preventive_saving_share']):.1%}) {verb}なります。期間内の事業費だけで比べると"
            f"予防保全は {-comp['spend_only_saving_share']:+.1%} です (正: 予防保全が高い)。"
            "参考 (全国): 国土交通省の推計では、予防保全により30年間の維持管理・更新費が約32%縮減"
            "されます。", "body"))
    fys = list(range(o.start_fy, o.start_fy + o.years))
    sec.add(c.Figure(c.BarChart(
        "年度別の事業費 (百万円、平均)", [era_fy(fy) for fy in fys],
        [c.Series(s.spec.label_ja, [float(v) / 1e6 for v in s.annual_cost.mean(axis=0)],
                  colour=SCENARIO_COLOURS.get(s.spec.name)) for s in result.scenarios],
        horizontal=False, show_values=False), height_mm=75))
    table_rows = []
    scen = [s.to_json() for s in result.scenarios]
    for t, fy in enumerate(fys):
        row = [short_fy(fy)]
        for s in scen:
            row += [f"{s['annual_cost_yen'][t] / 1e6:,.1f}",
                    f"{s['annual_cost_p05_yen'][t] / 1e6:,.1f} - {s['annual_cost_p95_yen'][t] / 1e6:,.1f}"]
        table_rows.append(row)
    columns = [c.Column("年度", 1.6)]
    for s in result.scenarios:
        columns += [c.Column(f"{s.spec.label_ja} 平均", 1.8, "right"), c.Column("5-95%", 1.8, "right")]
    sec.add(c.Table(columns, table_rows, font_size=7, max_lines=1,
                    caption="年度別の事業費 (百万円): 平均と5-95%の範囲"))
    return sec


def _period_section(conn: sqlite3.Connection, result: PlanResult, costs: dict[str, dict[int, int]],
                    fys: list[int], names: dict[str, str]) -> c.Section:
    stock = result.inputs.stock
    types = queries.type_names(conn)
    by_type: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    by_owner: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    assets_by_type: dict[str, int] = defaultdict(int)
    acting_by_type: dict[str, int] = defaultdict(int)
    for asset_id, owner, type_id in zip(stock.ids, stock.owners, stock.asset_types, strict=True):
        assets_by_type[type_id] += 1
        per = costs.get(asset_id)
        if not per:
            continue
        acting_by_type[type_id] += 1
        for fy, yen in per.items():
            by_type[type_id][fy] += yen
            by_owner[owner][fy] += yen
    totals = {fy: sum(v.get(fy, 0) for v in by_type.values()) for fy in fys}
    grand = sum(totals.values())
    sec = c.Section(f"2. 計画期間の年度別概算事業費 ({short_fy(fys[0])}〜{short_fy(fys[-1])})",
                    new_page=True)
    sec.add(c.Paragraph(
        f"計画 ({result.scenario(result.plan_scenario).spec.label_ja}) で措置を行う年度と"
        "概算事業費 (千円) です。"
        f"計画期間 {len(fys)} 年間の合計は {sen(grand)} 千円 ({oku(grand)}) です。" + FIRST_YEAR_NOTE,
        "body"))
    fy_cols = [c.Column(era_fy(fy), 1.15, "right") for fy in fys]
    type_order = [t for t in types if t in assets_by_type] + sorted(set(assets_by_type) - set(types))
    rows = []
    for type_id in type_order:
        name = types[type_id].name_ja if type_id in types else type_id
        per = by_type.get(type_id, {})
        rows.append([name, count(assets_by_type[type_id]), count(acting_by_type.get(type_id, 0)),
                     *(sen(per.get(fy, 0)) for fy in fys), sen(sum(per.values()))])
    rows.append(["計", count(len(stock)), count(sum(acting_by_type.values())),
                 *(sen(totals[fy]) for fy in fys), sen(grand)])
    sec.add(c.Table([c.Column("施設種別", 2.4), c.Column("施設数", 1.0, "right"),
                     c.Column("措置あり", 1.0, "right"), *fy_cols, c.Column("計", 1.5, "right")],
                    rows, total_rows=1, font_size=7, max_lines=1,
                    caption="施設種別ごとの年度別概算事業費 (千円)"))
    if len(by_owner) > 1 or not result.scope.org:
        owner_rows = []
        for owner in sorted(by_owner, key=lambda o: (names.get(o, o) != "", o)):
            per = by_owner[owner]
            owner_rows.append([names.get(owner, owner), *(sen(per.get(fy, 0)) for fy in fys),
                               sen(sum(per.values()))])
        owner_rows.append(["計", *(sen(totals[fy]) for fy in fys), sen(grand)])
        sec.add(c.Table([c.Column("管理者", 2.4), *fy_cols, c.Column("計", 1.5, "right")],
                        owner_rows, total_rows=1, font_size=7, max_lines=1,
                        caption="管理者ごとの年度別概算事業費 (千円)"))
    sec.add(c.Figure(c.BarChart(
        "年度別の概算事業費 (百万円、施設種別ごと)", [era_fy(fy) for fy in fys],
        [c.Series(types[t].name_ja if t in types else t,
                  [by_type.get(t, {}).get(fy, 0) / 1e6 for fy in fys]) for t in type_order
         if by_type.get(t)],
        stacked=True, horizontal=False, show_values=True), height_mm=70))
    return sec


def _appendix(result: PlanResult, costs: dict[str, dict[int, int]], fys: list[int],
              names: dict[str, str], table_rows: dict[str, tuple]) -> c.Section:
    stock = result.inputs.stock
    rows = []
    for i, asset_id in enumerate(stock.ids):
        per = costs.get(asset_id)
        t = table_rows.get(asset_id)
        if not per or t is None:
            continue
        # "撤去候補: 縮減 12,345 千円 (迂回路 要確認)" -> "候補 縮減12,345千円": one line
        decided = t[-1].replace("撤去候補: 縮減 ", "候補 縮減").replace(" 千円", "千円").split(" (")[0]
        # The unit-cost labels' examples in brackets do not fit a cell; the kind does.
        measures = re.sub(r" \([^)]*\)", "", str(t[17]))
        rows.append([str(len(rows) + 1), names.get(stock.owners[i], stock.owners[i]), t[1], t[3], t[4],
                     str(t[15]), short_fy(t[14]) if isinstance(t[14], int) else str(t[14]),
                     measures, *(sen(per[fy]) if per.get(fy) else "" for fy in fys),
                     sen(sum(per.values())), decided])
    sec = c.Section("付表 個別施設の計画", new_page=True)
    sec.add(c.Paragraph(
        f"計画期間に措置を行う施設 {len(rows):,} 件の一覧です (措置のない施設 "
        f"{len(stock) - len(rows):,} 件は省略)。金額は千円、対策内容は単価表の区分です。", "note"))
    marked = sum(1 for r in rows if str(r[7]).startswith(OVERRIDE_MARK))
    if marked:
        sec.add(c.Paragraph(f"対策内容の{OVERRIDE_MARK}は、担当者が時期・対策・事業費を手で変更した行です "
                            f"({marked:,} 件)。", "note"))
    sec.add(c.Table(
        [c.Column("No.", 0.8, "right"), c.Column("管理者", 1.4), c.Column("施設種別", 1.6),
         c.Column("名称", 2.2), c.Column("路線名", 2.0), c.Column("健全性", 0.9, "center"),
         c.Column("前回点検", 1.5, "center"), c.Column("対策内容", 2.4),
         *(c.Column(era_fy(fy), 1.0, "right") for fy in fys), c.Column("計", 1.2, "right"),
         c.Column("集約・撤去", 2.0)],
        rows, font_size=6.5, max_lines=1))
    return sec


def build_plan_report(conn: sqlite3.Connection, result: PlanResult, *, period_years: int = PERIOD,
                      candidates: list[Candidate] | None = None,
                      today: dt.date | None = None) -> c.Report:
    """The plan report of ``result`` (a ``make_plan`` run on the same connection)."""
    o = result.options
    label = scope_label(conn, result.scope)
    fys = list(range(o.start_fy, o.start_fy + min(period_years, o.years)))
    if candidates is None:
        candidates = removal_candidates(result.inputs, result.scenario("preventive"))
    table = build_plan_table(conn, result, period_years=period_years, candidates=candidates)
    by_id = {result.inputs.stock.ids[int(r[0]) - 1]: r for r in table.rows}
    costs = period_costs(result, period_years)
    names = queries.org_names(conn)
    stock = result.inputs.stock
    report = c.Report(title="長寿命化修繕計画", organisation=label, orientation="landscape",
                      subtitle=f"{fy_label(fys[0])}〜{fy_label(fys[-1])}", toc=True,
                      printed_on=today or dt.date.today())
    comp = result.comparison()
    plan_total = sum(sum(v.values()) for v in costs.values())
    sec = c.Section("計画の概要と前提条件")
    sec.add(c.KeyFigures([
        c.KeyFigure("対象施設", f"{len(stock):,} 件",
                    f"未点検 {int(result.inputs.imputed.sum()):,} 件を含む"),
        c.KeyFigure("計画期間の概算事業費", oku(plan_total),
                    f"{short_fy(fys[0])}〜{short_fy(fys[-1])} ({len(fys)}年間)"),
        c.KeyFigure(f"予防保全のLCC ({o.years}年)", oku(comp["preventive_lcc_yen"]),
                    f"事後保全 {oku(comp['reactive_lcc_yen'])}"),
        c.KeyFigure("予防保全による縮減", "―" if comp["preventive_saving_share"] is None
                    else f"{comp['preventive_saving_share']:.1%}",
                    f"{oku(comp['preventive_saving_yen'])} (LCC)"),
    ]))
    sec.add(c.Paragraph(
        f"{label}が管理する施設について、点検結果から将来の劣化を見込み、予防保全 (早めの補修) と"
        f"事後保全 (壊れてから更新) の費用を{o.years}年間で比べ、{len(fys)}年間の措置の時期と概算事業費を"
        "施設ごとに示します。", "lead"))
    sec.add(c.Paragraph("前提条件", "heading"), *_assumptions(result))
    if candidates:
        sec.add(c.Paragraph(
            f"集約・撤去の候補: 撤去費が維持費を下回る施設が {len(candidates):,} 件あります "
            "(付表の「集約・撤去」欄。迂回路の有無は要確認)。", "note"))
    report.add(sec, _scenario_section(result), _period_section(conn, result, costs, fys, names),
               _appendix(result, costs, fys, names, by_id))
    return report
