"""議会説明資料 (council pack) for one organisation or the whole region.

Page one is a plain-language summary for council members; then stock by sector, grade
distributions, ageing now / in 10 / in 20 years, inspections done against due, progress of
measures on Ⅲ/Ⅳ per statutory cycle (national figures beside, labelled 参考), the items
that need action first and a map of the action-required assets. Every figure comes from
storage.analytics with the same Scope the dashboard uses, so the paper and the screen agree.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from ..core.contracts import FAILED_RESULTS, TenderResult
from ..core.performance import response_stats
from ..core.wareki import fiscal_year_of, format_fiscal_year
from ..planning.run import PlanResult
from ..storage import analytics
from ..storage.analytics import Scope
from . import content as c
from . import contracts_report, plan_report, queries
from .contracts_report import fiscal_year_budget
from .formats import count, fy_label, length, oku, share, short_date, short_fy, today_in_fiscal_year
from .plan_report import FIRST_YEAR_NOTE
from .queries import scope_label

# National context (domain reference, MLIT 道路メンテナンス年報); always printed as 参考.
NATIONAL_III_IV_CYCLE1 = 9.6  # % of road bridges Ⅲ/Ⅳ, cycle 1 (FY2014-18)
NATIONAL_III_IV_FY2024 = 7.3  # % in FY2024
NATIONAL_CYCLE1_STARTED = 75.0  # % of local governments' cycle-1 Ⅲ/Ⅳ bridges, by FY2022
NATIONAL_CYCLE1_COMPLETED = 56.0
NATIONAL_SOURCE = ("参考 (全国): 国土交通省「道路メンテナンス年報」による道路橋の値です。"
                   "本資料の他の数値は当該団体のデータベースから集計したものです。")


def grade_tables(conn: sqlite3.Connection, scope: Scope) -> list[tuple[str, c.Table, c.BarChart]]:
    """Per grade scale: a table of counts per asset type and grade and its chart."""
    dist = analytics.grade_distribution(conn, scope)
    grades = queries.grade_table(conn)
    types = queries.type_names(conn)
    scales = queries.scale_names(conn)
    counts: dict[str, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    for g in dist:
        counts[g.asset_type][g.grade] += g.count
    by_scale: dict[str, list[str]] = defaultdict(list)
    for type_id in types:
        if type_id in counts:
            by_scale[types[type_id].scale_id].append(type_id)
    out = []
    for scale_id, type_ids in by_scale.items():
        scale_grades = grades.get(scale_id, [])
        columns = [c.Column("施設種別", 3.2)] + [
            c.Column(g.symbol, 1.1, "right") for g in scale_grades] + [
            c.Column("未点検", 1.1, "right"), c.Column("計", 1.2, "right"),
            c.Column("措置が必要", 1.4, "right"), c.Column("割合", 1.2, "right")]
        rows, levels = [], {}
        totals = [0] * (len(scale_grades) + 2)
        for type_id in type_ids:
            per = counts[type_id]
            values = [per.get(g.code, 0) for g in scale_grades] + [per.get(None, 0)]
            total = sum(values)
            action = sum(per.get(g.code, 0) for g in scale_grades if g.action_required)
            values.append(total)
            totals = [a + b for a, b in zip(totals, values, strict=True)]
            r = len(rows)
            for k, g in enumerate(scale_grades):
                if per.get(g.code, 0):
                    levels[(r, k + 1)] = g.level
            rows.append([types[type_id].name_ja, *map(count, values), count(action),
                         share(action, total)])
        if len(type_ids) > 1:
            action_total = sum(sum(counts[t].get(g.code, 0) for g in scale_grades
                                   if g.action_required) for t in type_ids)
            rows.append(["計", *map(count, totals), count(action_total),
                         share(action_total, totals[-1])])
        table = c.Table(columns, rows, total_rows=1 if len(type_ids) > 1 else 0, levels=levels,
                        caption=f"{scales.get(scale_id, (scale_id,))[0]}の判定区分別施設数")
        chart = c.BarChart(
            f"{scales.get(scale_id, (scale_id,))[0]}: 施設種別ごとの判定区分",
            [types[t].name_ja for t in type_ids],
            [c.Series(g.symbol if g.symbol == g.label else f"{g.symbol} {g.label}",
                      [counts[t].get(g.code, 0) for t in type_ids],
                      level=g.level) for g in scale_grades]
            + [c.Series("未点検", [counts[t].get(None, 0) for t in type_ids])],
            stacked=True, value_suffix="件")
        out.append((scale_id, table, chart))
    return out


@dataclass(frozen=True, slots=True)
class CouncilFigures:
    """The figures the pack prints more than once, read once (500,000 assets: seconds each)."""

    stock: list[tuple[str, int, float]]
    action: queries.ActionState
    ageing: list[analytics.Ageing]
    due: list[analytics.DueYear]
    cohorts: list[analytics.ActionCohort]

    @classmethod
    def read(cls, conn: sqlite3.Connection, scope: Scope, today: dt.date) -> CouncilFigures:
        # The cycle cohorts are the slowest query (about 4 s for 500,000 assets); SQLite
        # releases the GIL while it works, so they run on a second read-only connection
        # while this one reads the rest.
        with queries.side_query(conn, analytics.action_cohorts, scope) as cohorts:
            stock = queries.stock_by_type(conn, scope)
            action = queries.action_state(conn, scope)
            ageing = analytics.ageing(conn, scope, today=today)
            due = analytics.inspections_due(conn, scope, today=today)
        return cls(stock, action, ageing, due, cohorts.result())


def _summary(f: CouncilFigures, today: dt.date, label: str) -> c.Section:
    fy = fiscal_year_of(today)
    total = sum(n for _t, n, _l in f.stock)
    bridges = sum(n for t, n, _l in f.stock if t == "bridge")
    act = f.action
    age = {a.years_ahead: a for a in f.ageing}
    this = {d.fiscal_year: d for d in f.due}[fy]
    cohorts = f.cohorts
    sec = c.Section("要点 (議員の皆様へ)", in_toc=True)
    sec.add(c.KeyFigures([
        c.KeyFigure("管理している施設", f"{total:,} 件", f"うち橋梁 {bridges:,} 橋"),
        c.KeyFigure("早期・緊急の措置が必要", f"{act.assets:,} 件",
                    f"全施設の {share(act.assets, total)}", level=2 if act.assets else 0),
        c.KeyFigure("措置に着手済み", share(act.started, act.assets),
                    f"{act.started:,} / {act.assets:,} 件 (完了 {act.completed:,})"),
        c.KeyFigure(f"{format_fiscal_year(fy)}の点検", f"{this.done:,} 件実施",
                    f"予定 {this.pending:,} 件 / 期限超過・未点検 {this.overdue:,} 件"),
    ]))
    lines = [
        f"{label}が管理する道路・橋梁・下水道・公園・河川などの施設は {total:,} 件です。"
        f"このうち橋梁は {bridges:,} 橋です。",
        f"最新の点検で「早期に措置が必要」または「緊急に措置が必要」(橋梁などの健全性Ⅲ・Ⅳに当たる区分) "
        f"と判定された施設は {act.assets:,} 件 ({share(act.assets, total)}) です。"
        f"そのうち {act.started:,} 件で補修などの措置に着手し、{act.completed:,} 件は完了しています。",
        f"建設から50年以上たった施設は、建設年の分かる施設のうち現在 {age[0].share_of_known:.0%} ですが、"
        f"10年後には {age[10].share_of_known:.0%}、20年後には {age[20].share_of_known:.0%} になります "
        f"(建設年が不明の施設 {age[0].unknown:,} 件は含みません)。",
        f"{format_fiscal_year(fy)}はこれまでに {this.done:,} 件の点検を行いました。"
        f"今年度中に点検予定の施設が {this.pending:,} 件、期限を過ぎたか未点検の施設が "
        f"{this.overdue:,} 件あります。",
    ]
    if cohorts:
        first = cohorts[0]
        lines.append(
            f"{first.label} ({first.first_fy}-{first.last_fy}年度) の点検で措置が必要とされた "
            f"{first.assets:,} 件のうち、措置に着手したのは {first.started_share:.0%}、完了は "
            f"{first.completed_share:.0%} です。参考までに、全国の地方公共団体の橋梁では第1巡の"
            f"Ⅲ・Ⅳ のうち 75% が着手、56% が完了しています (令和4年度末)。")
    sec.add(*(c.Paragraph(t, "lead") for t in lines))
    sec.add(c.Paragraph("措置が必要な施設は、第6章の一覧 (措置未着手の施設) と地図で確認できます。"
                        "数値は印刷日時点のデータベースの集計です。", "note"))
    return sec


def _plan_section(conn: sqlite3.Connection, plan: PlanResult | None, scope: Scope, label: str,
                  fy: int) -> c.Section:
    """8. The budget outlook: the plan's cost per fiscal year against the contracts' 債務負担."""
    sec = c.Section("8. 予算と長寿命化修繕計画の見通し", new_page=True)
    if plan is None:
        sec.add(c.Paragraph("この資料では長寿命化修繕計画の試算を省略しました。"
                            "「長寿命化修繕計画」の帳票 (gunmane report plan) で確認できます。"))
        fys = list(range(fy + 1, fy + 1 + plan_report.PERIOD))
    else:
        o = plan.options
        fys = list(range(o.start_fy, o.start_fy + min(plan_report.PERIOD, o.years)))
    committed = fiscal_year_budget(conn, scope.org, fys)
    committed_fy = {y: sum(per[y] for _ct, per in committed) for y in fys}
    if plan is not None:
        annual = plan.annual_plan_cost()
        planned = {y: annual.get(y, 0) for y in fys}
        reactive = {y: float(v) for y, v in zip(
            range(plan.options.start_fy, plan.options.start_fy + plan.options.years),
            plan.scenario("reactive").annual_cost.mean(axis=0), strict=False)}
        comp = plan.comparison()
        total = sum(planned.values())
        sec.add(c.Paragraph(
            f"{label}の施設を予防保全 (早めの補修) で維持する計画では、{short_fy(fys[0])}からの"
            f"{len(fys)}年間に約 {oku(total)} (年平均 {oku(total / len(fys))}) の事業費が見込まれます。"
            f"{plan.options.years}年間のライフサイクルコストは予防保全 {oku(comp['preventive_lcc_yen'])}、"
            f"事後保全 {oku(comp['reactive_lcc_yen'])} です。", "lead"))
        sec.add(c.Table(
            [c.Column("年度", 2.2), c.Column("計画の事業費 (予防保全)", 2.4, "right"),
             c.Column("参考: 事後保全の場合 (平均)", 2.4, "right"),
             c.Column("契約の債務負担 (決定済み)", 2.4, "right")],
            [[short_fy(y), f"{planned[y] / 1e6:,.1f}", f"{reactive.get(y, 0.0) / 1e6:,.1f}",
              f"{committed_fy[y] / 1e6:,.1f}"] for y in fys]
            + [["計", f"{total / 1e6:,.1f}", f"{sum(reactive.get(y, 0.0) for y in fys) / 1e6:,.1f}",
                f"{sum(committed_fy.values()) / 1e6:,.1f}"]],
            total_rows=1, caption="年度別の概算事業費と契約の債務負担 (百万円)"),
            c.Figure(c.BarChart("年度別の概算事業費 (百万円)", [short_fy(y) for y in fys],
                                [c.Series("計画 (予防保全)", [planned[y] / 1e6 for y in fys],
                                          colour="#4e79a7"),
                                 c.Series("事後保全の場合", [reactive.get(y, 0.0) / 1e6 for y in fys],
                                          colour="#e15759"),
                                 c.Series("契約の債務負担", [committed_fy[y] / 1e6 for y in fys],
                                          colour="#59a14f")],
                                horizontal=False, show_values=False)),
            c.Paragraph("計画の事業費は点検結果から劣化を見込んだ試算で、単価は"
                        + ("既定値 (判断による概算) です。" if plan.unit_costs.is_default
                           else "団体の単価表によります。")
                        + f"事後保全は {plan.options.replications} 回の模擬計算の平均です。"
                        + FIRST_YEAR_NOTE
                        + "前提条件と施設ごとの計画は「長寿命化修繕計画」の帳票に示します。", "note"))
    elif committed:
        sec.add(c.Table([c.Column("年度", 2.2), c.Column("契約の債務負担 (百万円)", 2.4, "right")],
                        [[short_fy(y), f"{committed_fy[y] / 1e6:,.1f}"] for y in fys],
                        caption="年度別の契約の債務負担"))
    if committed and scope.org:
        sec.add(c.Paragraph("契約の債務負担は、共同発注の契約のうち当団体の負担分です。", "note"))
    return sec


def _contracts_section(conn: sqlite3.Connection, org: str | None, today: dt.date) -> c.Section:
    """9. The bundled contracts the organisation orders, and how their KPIs stand."""
    sec = c.Section("9. 包括・共同契約と性能指標", new_page=True)
    repo = contracts_report.repository(conn)
    names = queries.org_names(conn)
    contracts = [ct for ct in (repo.get(i) for i in queries.contract_ids(conn, org)) if ct is not None]
    if not contracts:
        sec.add(c.Paragraph("登録されている包括・共同契約はありません。"))
        return sec
    total = sum(ct.amount_yen or 0 for ct in contracts)
    sec.add(c.Paragraph(
        f"複数の団体・複数の業務・複数年度をまとめた契約が {len(contracts):,} 件 (契約額の合計 {oku(total)})"
        "あります。性能指標 (KPI) は契約で定めた水準で、達成できない期間は契約代金が減額されます。"))
    sec.add(c.Table(
        [c.Column("契約番号", 1.6), c.Column("件名", 3.6), c.Column("発注者", 2.6), c.Column("受注者", 2.4),
         c.Column("期間", 1.5), c.Column("契約額 (百万円)", 2.0, "right")],
        [[ct.number, ct.title, "、".join(names.get(o.org, o.org) for o in ct.orderers),
          names.get(ct.contractor, ct.contractor) if ct.contractor else "未定",
          f"{short_fy(ct.fiscal_years[0])}-{ct.fiscal_years[-1]}",
          f"{(ct.amount_yen or 0) / 1e6:,.1f}"] for ct in contracts],
        font_size=7.5, caption="包括・共同契約"))
    rows, levels = [], {}
    as_of = dt.datetime.combine(today, dt.time.min)
    for ct in contracts:
        kpis = repo.kpis(ct.id)
        table = contracts_report.kpi_compliance(ct, kpis, repo)
        for k in kpis:
            mine = [x for x in table if x.kpi_id == k.id]
            met = sum(1 for x in mine if x.met)
            last = mine[-1] if mine else None
            if last is not None and last.met is False:
                levels[(len(rows), 4)] = 2
            target = f"{'≧' if k.direction == 'at_least' else '≦'} {k.target:g} {k.unit}"
            latest = ("―" if last is None or last.value is None else
                      f"{last.value:,.1f} {k.unit} ({contracts_report.period_label(last.period)})")
            rows.append([ct.number, k.name, target, latest,
                         "―" if last is None else ("達成" if last.met else "未達"),
                         f"{met:,} / {len(mine):,}"])
        requests = repo.requests(ct.id)
        if requests:
            limit = contracts_report.limit_hours(kpis)
            stats = response_stats(requests, repo.work_orders(ct.id), limit_hours=limit, as_of=as_of)
            rows.append([ct.number, f"住民通報 {limit:g}時間以内の対応 (全期間)", "",
                         contracts_report.percent(stats.share_within), "",
                         f"{stats.within_limit:,} / {stats.judged:,} 件"])
    if rows:
        sec.add(c.Table([c.Column("契約番号", 1.6), c.Column("指標", 3.6), c.Column("目標", 1.4, "right"),
                         c.Column("最新の実績", 2.4, "right"), c.Column("判定", 0.9, "center"),
                         c.Column("達成 / 測定", 1.4, "right")], rows, levels=levels, font_size=7.5,
                        caption="性能指標の達成状況"))
    tenders = [t for t in repo.tenders() if t.contract_id in {ct.id for ct in contracts}
               and t.result is not TenderResult.PENDING]
    failed = sum(t.result in FAILED_RESULTS for t in tenders)
    if tenders:
        sec.add(c.Paragraph(f"入札 {len(tenders):,} 回のうち不調・不落は {failed:,} 回 "
                            f"({failed / len(tenders):.0%}) でした。詳細は「契約・KPI」の帳票に示します。",
                            "note"))
    return sec


def build_council_pack(conn: sqlite3.Connection, *, org: str | None = None,
                       sector: str | None = None, fiscal_year: int | None = None,
                       today: dt.date | None = None, urgent_limit: int = 40,
                       plan: PlanResult | None = None, with_plan: bool = True,
                       plan_replications: int = 10) -> c.Report:
    """The council pack for one organisation (``org``) or the whole file's region.

    The budget outlook (section 8) prints ``plan`` or, with ``with_plan``, runs the
    planning engine for the ten fiscal years after ``fiscal_year`` (a second or so for a
    few thousand assets, tens of seconds for 500,000: ``with_plan=False`` leaves it out).
    """
    as_of = today_in_fiscal_year(fiscal_year, today)
    fy = fiscal_year_of(as_of)
    scope = Scope(org=org, sector=sector)
    label = scope_label(conn, scope)
    report = c.Report(title="議会説明資料 インフラ施設の維持管理の状況", organisation=label,
                      subtitle=fy_label(fy), toc=True,
                      printed_on=today or dt.date.today())
    figures = CouncilFigures.read(conn, scope, as_of)
    report.add(_summary(figures, as_of, label))
    types = queries.type_names(conn)

    # 1. Stock by sector
    stock = {t: (n, m) for t, n, m in figures.stock}
    rows, sector_totals = [], defaultdict(int)
    for type_id, t in types.items():
        if type_id in stock:
            n, m = stock[type_id]
            sector_totals[t.sector_ja] += n
            rows.append([t.sector_ja, t.name_ja, count(n), length(m) if m else "―"])
    total = sum(n for n, _m in stock.values())
    rows.append(["計", "", count(total), ""])
    sec = c.Section("1. 管理している施設", new_page=True)
    sec.add(c.Paragraph(f"{label}が管理している供用中の施設を分野・種別ごとに示します。"
                        "延長は橋長・区間延長・管渠延長などの合計 (m) です。"),
            c.Table([c.Column("分野", 2), c.Column("施設種別", 4), c.Column("施設数", 2, "right"),
                     c.Column("延長計 (m)", 2.4, "right")], rows, total_rows=1,
                    caption="分野・種別ごとの施設数"),
            c.Figure(c.BarChart("分野ごとの施設数", list(sector_totals),
                                [c.Series("施設数", list(sector_totals.values()))],
                                value_suffix="件")))
    report.add(sec)

    # 2. Grades
    sec = c.Section("2. 点検結果 (判定区分の分布)", new_page=True)
    sec.add(c.Paragraph("各施設の最新の点検結果です。判定区分は分野ごとに基準が異なるため、"
                        "基準 (尺度) ごとに分けて示します。"
                        "色は区分の重さ (緑: 健全 〜 赤: 緊急) を表します。"))
    for _scale, table, chart in grade_tables(conn, scope):
        sec.add(c.KeepTogether([table, c.Figure(chart)]))
    sec.add(c.Paragraph(f"参考 (全国): 道路橋のうち健全性Ⅲ・Ⅳの割合は第1巡 (平成26-30年度) "
                        f"{NATIONAL_III_IV_CYCLE1}% から令和6年度 {NATIONAL_III_IV_FY2024}% "
                        f"に減少しています。"
                        f"トンネルは約32%がⅢ・Ⅳです。", "note"))
    report.add(sec)

    # 3. Ageing
    ageing = figures.ageing
    buckets = analytics.age_distribution(conn, scope, today=as_of)
    sec = c.Section("3. 老朽化の見通し", new_page=True)
    sec.add(c.Paragraph("建設から50年以上たつ施設の割合を、現在・10年後・20年後について示します。"
                        "建設年が不明の施設は割合の計算から除き、件数を別に示します。"),
            c.Table([c.Column("時点", 2.4), c.Column("50年以上の施設", 2, "right"),
                     c.Column("建設年が分かる施設", 2, "right"), c.Column("割合", 1.5, "right"),
                     c.Column("建設年不明", 1.6, "right")],
                    [[("現在" if a.years_ahead == 0 else f"{a.years_ahead}年後")
                      + f" ({as_of.year + a.years_ahead}年)", count(a.over_threshold),
                      count(a.known), f"{a.share_of_known:.1%}", count(a.unknown)] for a in ageing],
                    caption="建設後50年以上の施設の割合"),
            c.Figure(c.BarChart("建設後50年以上の施設の割合 (建設年が分かる施設に対して)",
                                [("現在" if a.years_ahead == 0 else f"{a.years_ahead}年後")
                                 for a in ageing],
                                [c.Series("50年以上の割合", [100 * a.share_of_known for a in ageing],
                                          colour="#e15759")],
                                value_suffix="%", value_max=100,
                                references=[c.Reference("全国の道路橋・現在 (参考)", 30.0)]),
                     caption="参考 (全国): 建設後50年を経過する道路橋は約30%で、"
                             "2030年頃に50%を超える見込みです。"),
            c.Figure(c.BarChart("経過年数別の施設数 (10年ごと)",
                                [("不明" if b.start is None else f"{b.start}-{b.start + 9}年")
                                 for b in buckets],
                                [c.Series("施設数", [b.count for b in buckets])], horizontal=False,
                                value_suffix="")))
    report.add(sec)

    # 4. Inspections
    due = figures.due
    sec = c.Section("4. 点検の実施状況", new_page=True)
    sec.add(c.Paragraph(f"{format_fiscal_year(fy)}を中心に、年度ごとの点検実施件数と予定件数を示します。"
                        "道路橋などの法定点検は5年に1回です。期限超過・未点検は、前回点検から"
                        "5年を過ぎた施設と一度も点検されていない施設の数です。"),
            c.Table([c.Column("年度", 3), c.Column("実施", 1.5, "right"),
                     c.Column("予定 (未実施)", 1.8, "right"), c.Column("期限超過・未点検", 2, "right")],
                    [[short_fy(d.fiscal_year) + (" 今年度" if d.fiscal_year == fy else ""),
                      count(d.done) if d.fiscal_year <= fy else "―",
                      count(d.pending) if d.fiscal_year >= fy else "―",
                      count(d.overdue) if d.fiscal_year == fy else "―"] for d in due],
                    caption="年度別の点検件数"),
            c.Figure(c.BarChart("年度別の点検 (実施・予定)", [short_fy(d.fiscal_year) for d in due],
                                [c.Series("実施", [d.done for d in due], colour="#4e79a7"),
                                 c.Series("予定 (未実施)", [d.pending for d in due], colour="#f28e2b"),
                                 c.Series("期限超過・未点検", [d.overdue for d in due], colour="#e15759")],
                                stacked=True, horizontal=False)))
    report.add(sec)

    # 5. Measures per cycle
    cohorts = figures.cohorts
    sec = c.Section("5. 措置が必要な施設への対応 (点検サイクル別)", new_page=True)
    sec.add(c.Paragraph("各点検サイクル (5年) で「措置が必要」(健全性Ⅲ・Ⅳ、舗装Ⅲ、下水道緊急度Ⅰ・Ⅱ、"
                        "公園C・D、河川d) と判定された施設のうち、その後に措置に着手・完了した割合です。"))
    if cohorts:
        sec.add(c.Table([c.Column("点検サイクル", 3), c.Column("措置が必要", 1.6, "right"),
                         c.Column("着手", 1.3, "right"), c.Column("着手率", 1.3, "right"),
                         c.Column("完了", 1.3, "right"), c.Column("完了率", 1.3, "right")],
                        [[f"{k.label} ({short_fy(k.first_fy)}-{k.last_fy})", count(k.assets),
                          count(k.started), f"{k.started_share:.1%}", count(k.completed),
                          f"{k.completed_share:.1%}"] for k in cohorts],
                        caption="点検サイクル別の措置の進捗"),
                c.Figure(c.BarChart("措置の着手率・完了率 (%)", [k.label for k in cohorts],
                                    [c.Series("着手率", [100 * k.started_share for k in cohorts],
                                              colour="#4e79a7"),
                                     c.Series("完了率", [100 * k.completed_share for k in cohorts],
                                              colour="#59a14f")],
                                    value_suffix="%", value_max=100,
                                    references=[c.Reference("全国 第1巡 着手 (参考)",
                                                            NATIONAL_CYCLE1_STARTED),
                                                c.Reference("全国 第1巡 完了 (参考)",
                                                            NATIONAL_CYCLE1_COMPLETED)]),
                         caption="参考 (全国): 地方公共団体の橋梁で第1巡に Ⅲ・Ⅳ と判定されたもののうち、"
                                 "令和4年度末までに75%が措置に着手、56%が完了。令和元年度の判定分の着手は"
                                 "令和6年度末で76%。"))
    else:
        sec.add(c.Paragraph("点検サイクルの中で措置が必要と判定された施設はありません。"))
    sec.add(c.Paragraph(NATIONAL_SOURCE, "note"))
    report.add(sec)

    # 6. Urgent items
    urgent = analytics.urgent_items(conn, scope, limit=urgent_limit)
    act = figures.action
    waiting = act.assets - act.started
    sec = c.Section("6. 早急に対応が必要な施設 (措置未着手)", new_page=True)
    sec.add(c.Paragraph(f"最新の判定で措置が必要で、まだ措置に着手していない施設は {waiting:,} 件です。"
                        f"判定の重い順、緊急輸送道路を優先し、点検日の古い順に"
                        f"{'上位 ' + str(len(urgent)) + ' 件を' if waiting > len(urgent) else ''}示します。"))
    if urgent:
        grade_levels = {(g.symbol): g.level for gs in queries.grade_table(conn).values() for g in gs}
        sec.add(c.Table(
            [c.Column("管理者", 1.6), c.Column("施設種別", 2.2), c.Column("名称", 2.6),
             c.Column("路線名", 3), c.Column("判定", 1, "center"), c.Column("点検日", 2.4),
             c.Column("措置", 1.2, "center"), c.Column("緊急輸送道路", 1.4, "center")],
            [[u.owner_name, types[u.asset_type].name_ja if u.asset_type in types else u.asset_type,
              u.name, u.route, u.grade_symbol,
              short_date(dt.date.fromisoformat(u.last_inspected_on)) if u.last_inspected_on else "―",
              "計画" if u.measure_state == "planned" else "未着手", "○" if u.emergency_route else ""]
             for u in urgent],
            levels={(i, 4): grade_levels.get(u.grade_symbol, 2) for i, u in enumerate(urgent)},
            font_size=7.5))
    report.add(sec)

    # 7. Map
    pts = queries.action_points(conn, scope)
    located, action_total = queries.located_share(conn, scope)
    sec = c.Section("7. 措置が必要な施設の位置", new_page=True)
    sec.add(c.Figure(c.PointMap("措置が必要な施設 (最新の判定)",
                                [c.MapPoint(lat, lon, level) for lat, lon, level in pts],
                                legend=[("Ⅲ相当 (早期措置)", 2), ("Ⅳ相当 (緊急措置)", 3)],
                                places=[c.MapPoint(lat, lon, None, name) for name, lat, lon
                                        in queries.owner_centres(conn, scope)]
                                if not scope.org else []),
                     caption=f"座標が登録されている {located:,} 件 / {action_total:,} 件を表示。"
                             "背景地図はありません (オフライン環境のため)。", height_mm=150))
    report.add(sec)

    # 8. Budget and plan, 9. contracts and KPIs
    if plan is None and with_plan and figures.stock:
        plan = plan_report.run_plan(conn, org=org, sector=sector, fiscal_year=fy + 1,
                                    replications=plan_replications)
    report.add(_plan_section(conn, plan, scope, label, fy),
               _contracts_section(conn, org, today or dt.date.today()))
    return report
