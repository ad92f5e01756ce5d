"""契約・KPI: the region's bundled contracts, their tenders, KPIs and residents' requests.

Per contract: number, title, orderers with their cost shares (of the contract amount and of
each fiscal year's 債務負担行為), contractor (a JV with its members), period, amount,
processes and the scope assets each town put in; its tenders with the re-tender chain; its
KPIs with compliance and deductions per period; and the response times of residents'
requests. Across contracts: the failed-tender (不調・不落) rate per fiscal year and orderer.

The domain rules are core.contracts / core.performance (cost_shares, compliance,
response_stats, failed_tender_rate), the records storage.contracts.ContractRepository, read
only. Residents' requests are printed as counts and times only: the reporters' names and
phone numbers (request_contacts, local to the town's file) are never read here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict

from ..core.contracts import (
    CONTRACT_STATUS_JA,
    FAILED_RESULTS,
    PAYMENT_FORM_JA,
    PROCESS_JA,
    TENDER_RESULT_JA,
    Contract,
    FailureRate,
    ShareMethod,
    Tender,
    TenderResult,
    cost_shares,
    failed_tender_rate,
    shares_by_fiscal_year,
)
from ..core.performance import (
    REQUEST_CATEGORY_JA,
    Compliance,
    Kpi,
    MeasuredBy,
    Period,
    ResidentRequest,
    ResponseStats,
    WorkOrder,
    compliance,
    response_stats,
)
from ..storage.analytics import Scope
from ..storage.contracts import ContractRepository
from . import content as c
from . import queries
from .formats import count, era_date, era_fy, oku, short_date, short_fy
from .queries import scope_label

DEFAULT_LIMIT_HOURS = 24.0


class _Reader:
    """ContractRepository reads through ``db.conn`` only; a report has just a connection."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn


def repository(conn: sqlite3.Connection) -> ContractRepository:
    """The contracts repository on a (read-only) connection, for reading only."""
    return ContractRepository(_Reader(conn))  # type: ignore[arg-type]


def yen(value: int | None) -> str:
    return "―" if value is None else f"{value:,}"


def hours(value: float | None) -> str:
    return "―" if value is None else f"{value:,.1f}"


def percent(value: float | None) -> str:
    return "―" if value is None else f"{value:.1f}%"


def rate(r: FailureRate) -> str:
    return f"{r.rate:.1%}" if r.tenders else "―"


def period_label(period: str) -> str:
    """"2026" -> "R8 (2026)", "2026-Q1" -> "R8 第1四半期", "2026-04" -> "2026年4月"."""
    if len(period) == 4:
        return short_fy(int(period))
    if "-Q" in period:
        return f"{era_fy(int(period[:4]))} 第{period[-1]}四半期"
    return f"{int(period[:4])}年{int(period[5:7])}月"


def period_payment(contract: Contract, kpi: Kpi, period: str) -> int:
    """The payment a deduction is a share of: the fiscal year's 債務負担行為 amount, split
    evenly over the KPI's quarters or months (the contract's payment schedule is not kept)."""
    fy = int(period[:4])
    if kpi.period is Period.MONTH:
        month = int(period[5:7])
        fy = fy if month >= 4 else fy - 1
    year = contract.budget_by_fy.get(fy, 0)
    return {Period.FISCAL_YEAR: year, Period.QUARTER: year // 4, Period.MONTH: year // 12}[kpi.period]


def kpi_compliance(contract: Contract, kpis: list[Kpi], repo: ContractRepository) -> list[Compliance]:
    """Every recorded measurement of the contract's KPIs judged against its target."""
    by_kpi = defaultdict(list)
    for m in repo.measurements(contract.id):
        by_kpi[m.kpi_id].append(m)
    out = []
    for k in kpis:
        for m in sorted(by_kpi.get(k.id, []), key=lambda m: m.period):
            out.append(compliance(k, m, period_payment_yen=period_payment(contract, k, m.period)))
    return out


def limit_hours(kpis: list[Kpi]) -> float:
    """The response limit the contract measures (its 時間内対応率 KPI), else 24 hours."""
    for k in kpis:
        if k.measured_by is MeasuredBy.RESPONSE_WITHIN and k.params.get("hours"):
            return float(k.params["hours"])
    return DEFAULT_LIMIT_HOURS


def _stats_row(label: str, s: ResponseStats) -> list[str]:
    return [label, count(s.requests), count(s.completed), count(s.open), hours(s.mean_hours),
            hours(s.median_hours), hours(s.p90_hours), f"{s.within_limit:,} / {s.judged:,}",
            percent(s.share_within)]


def _requests_block(requests: list[ResidentRequest], orders: list[WorkOrder], limit: float,
                    as_of: dt.datetime, names: dict[str, str]) -> list[c.Block]:
    h = f"{limit:g}時間"
    columns = [c.Column("区分", 2.6), c.Column("通報", 0.9, "right"), c.Column("完了", 0.9, "right"),
               c.Column("未完了", 0.9, "right"), c.Column("平均 (h)", 1.0, "right"),
               c.Column("中央値 (h)", 1.1, "right"), c.Column("90% (h)", 1.0, "right"),
               c.Column(f"{h}以内 / 判定", 1.5, "right"), c.Column(f"{h}以内の割合", 1.4, "right")]
    rows = [_stats_row("全体", response_stats(requests, orders, limit_hours=limit, as_of=as_of))]
    by_owner: dict[str, list[ResidentRequest]] = defaultdict(list)
    by_category: dict[str, list[ResidentRequest]] = defaultdict(list)
    for r in requests:
        by_owner[r.owner].append(r)
        by_category[r.category].append(r)
    for owner in sorted(by_owner):
        rows.append(_stats_row(f"受付: {names.get(owner, owner)}",
                               response_stats(by_owner[owner], orders, limit_hours=limit, as_of=as_of)))
    for cat, label in REQUEST_CATEGORY_JA.items():
        if by_category.get(cat):
            rows.append(_stats_row(f"種類: {label}", response_stats(by_category[cat], orders,
                                                                   limit_hours=limit, as_of=as_of)))
    return [c.Table(columns, rows, font_size=7, max_lines=1, zebra=True,
                    caption="住民からの通報への対応時間 (通報受付から作業完了まで)"),
            c.Paragraph(f"{short_date(as_of.date())} 時点。未完了で{h}を過ぎたものは「以内」に含めず判定に"
                        f"数え、{h}以内の未完了はまだ判定しません。通報者の氏名・連絡先は掲載していません。",
                        "note")]


def _tender_rows(tenders: list[Tender], names: dict[str, str]) -> list[list[str]]:
    rows = []
    for t in sorted(tenders, key=lambda t: (t.round, t.notice_on)):
        rows.append([f"第{t.round}回", era_date(t.notice_on), era_date(t.opened_on),
                     yen(t.ceiling_yen), yen(t.lowest_bid_yen), count(len(t.bids)),
                     TENDER_RESULT_JA[t.result], names.get(t.winner, t.winner or "") if t.winner else "",
                     t.note])
    return rows


def _contract_section(n: int, contract: Contract, repo: ContractRepository, conn: sqlite3.Connection,
                      names: dict[str, str], types: dict, as_of: dt.datetime) -> c.Section:
    sec = c.Section(f"{n}. {contract.title}", new_page=True)
    contractor = names.get(contract.contractor, contract.contractor or "未定") if contract.contractor \
        else "未定 (入札前)"
    if contract.contractor:
        members, representative = queries.jv_members(conn, contract.contractor)
        if members:
            contractor += " (構成員: " + "、".join(
                names.get(m, m) + (" ※代表" if m == representative else "") for m in members) + ")"
    fys = contract.fiscal_years
    sec.add(c.FieldGrid([
        ("契約番号", contract.number), ("状態", CONTRACT_STATUS_JA[contract.status]),
        ("件名", contract.title), ("契約額", f"{yen(contract.amount_yen)} 円"),
        ("履行期間", f"{short_date(contract.start_on)} 〜 {short_date(contract.end_on)} ({len(fys)}年度)"),
        ("支払方法", PAYMENT_FORM_JA[contract.payment_form]),
        ("業務内容", "・".join(PROCESS_JA[p] for p in contract.processes) or "―"),
        ("負担の方法", "合意した割合" if contract.share_method is ShareMethod.FIXED
         else "対象施設数による按分"),
        ("受注者", contractor), ("備考", contract.note or "―"),
    ], columns=2))

    # Orderers and their shares of the amount and of each year's 債務負担行為.
    scope = repo.scope_by_owner(contract.id)
    basis = scope if contract.share_method is ShareMethod.BY_ASSETS else None
    try:
        total_shares = cost_shares(contract.amount_yen or 0, contract.orderers, contract.share_method,
                                   basis) if contract.amount_yen is not None else {}
        by_fy = shares_by_fiscal_year(contract, basis)
        problem = ""
    except ValueError as exc:  # e.g. a scope asset of an organisation that is not an orderer
        total_shares, by_fy, problem = {}, {}, str(exc)
    budget_fys = sorted(contract.budget_by_fy)
    rows = []
    for o in contract.orderers:
        weight = (f"{o.ratio:g}" if contract.share_method is ShareMethod.FIXED
                  else f"{scope.get(o.org, 0):,} 件")
        rows.append([names.get(o.org, o.org), "○" if o.lead else "", weight,
                     *(yen(by_fy.get(fy, {}).get(o.org)) for fy in budget_fys),
                     yen(total_shares.get(o.org))])
    rows.append(["計", "", "", *(yen(contract.budget_by_fy[fy]) for fy in budget_fys),
                 yen(contract.amount_yen)])
    sec.add(c.Table([c.Column("発注者", 2.2), c.Column("幹事", 0.8, "center"),
                     c.Column("負担の基準", 1.3, "right"),
                     *(c.Column(short_fy(fy), 2.0, "right") for fy in budget_fys),
                     c.Column("契約額の負担", 2.0, "right")], rows, total_rows=1, font_size=7,
                    caption="発注者と負担額 (円): 年度ごとの債務負担行為額と契約額の負担"))
    if problem:
        sec.add(c.Paragraph(f"負担額を計算できません: {problem}", "note"))

    # What each town put into the contract.
    counts = queries.scope_counts(conn, contract.id)
    if counts:
        type_ids = [t for t in types if any(ct == t for _o, ct, _n in counts)]
        per: dict[str, dict[str, int]] = defaultdict(dict)
        for owner, type_id, k in counts:
            per[owner][type_id] = k
        rows = [[names.get(owner, owner), *(count(per[owner].get(t, 0)) for t in type_ids),
                 count(sum(per[owner].values()))] for owner in per]
        rows.append(["計", *(count(sum(p.get(t, 0) for p in per.values())) for t in type_ids),
                     count(sum(k for _o, _t, k in counts))])
        sec.add(c.Table([c.Column("管理者", 2.4), *(c.Column(types[t].name_ja if t in types else t,
                                                              1.4, "right") for t in type_ids),
                         c.Column("計", 1.2, "right")], rows, total_rows=1, font_size=7.5,
                        caption="対象施設数 (管理者・施設種別ごと)"))
    else:
        sec.add(c.Paragraph("対象施設は個別に登録されていません (区域・路線による包括契約など)。", "note"))

    tenders = repo.tenders(contract.id)
    if tenders:
        sec.add(c.Table([c.Column("回", 0.8), c.Column("公告日", 1.3), c.Column("開札日", 1.3),
                         c.Column("予定価格", 1.6, "right"), c.Column("最低入札額", 1.6, "right"),
                         c.Column("入札者", 0.9, "right"), c.Column("結果", 0.9, "center"),
                         c.Column("落札者", 2.6), c.Column("備考", 3.2)],
                        _tender_rows(tenders, names), font_size=7,
                        caption="入札の経過 (再入札を含む)"))
    kpis = repo.kpis(contract.id)
    if kpis:
        table = kpi_compliance(contract, kpis, repo)
        by_kpi = {k.id: k for k in kpis}
        sources = {(m.kpi_id, m.period): m.source for m in repo.measurements(contract.id)}
        rows, levels = [], {}
        for comp in table:
            k = by_kpi[comp.kpi_id]
            sign = "≧" if k.direction == "at_least" else "≦"
            if comp.met is False:
                levels[(len(rows), 4)] = 2
            value = "―" if comp.value is None else f"{comp.value:,.1f} {k.unit}"
            rows.append([k.name, period_label(comp.period), value,
                         f"{sign} {k.target:g} {k.unit}", "達成" if comp.met else "未達",
                         f"{comp.shortfall:,.1f}" if comp.shortfall else "", yen(comp.deduction_yen or None)
                         if comp.deduction_yen else "",
                         "計算" if sources.get((comp.kpi_id, comp.period)) == "computed" else "手入力"])
        unmeasured = [k.name for k in kpis if not any(t.kpi_id == k.id for t in table)]
        sec.add(c.Table([c.Column("指標", 3.2), c.Column("期間", 1.1), c.Column("実績", 1.4, "right"),
                         c.Column("目標", 1.4, "right"), c.Column("判定", 0.9, "center"),
                         c.Column("不足", 0.9, "right"), c.Column("減額 (円)", 1.4, "right"),
                         c.Column("計測", 0.9, "center")], rows, levels=levels, font_size=7,
                        caption="性能指標 (KPI) の達成状況"))
        sec.add(c.Paragraph("減額は契約の減額規定によります (年度の債務負担額を期間で按分した額に対して)。"
                            + (f" 実績が未登録の指標: {'、'.join(unmeasured)}。" if unmeasured else ""),
                            "note"))
    requests = repo.requests(contract.id)
    if requests:
        sec.add(*_requests_block(requests, repo.work_orders(contract.id), limit_hours(kpis), as_of, names))
    return sec


def build_contracts_report(conn: sqlite3.Connection, *, org: str | None = None,
                           today: dt.date | None = None) -> c.Report:
    """The contracts of the file, or those ``org`` is an orderer of."""
    day = today or dt.date.today()
    as_of = dt.datetime.combine(day, dt.time.min)
    repo = repository(conn)
    names = queries.org_names(conn)
    types = queries.type_names(conn)
    contracts = [ct for ct in (repo.get(i) for i in queries.contract_ids(conn, org)) if ct is not None]
    label = scope_label(conn, Scope(org=org))
    report = c.Report(title="契約・性能指標 (KPI) の状況", organisation=label,
                      subtitle=f"{short_date(day)} 時点", toc=len(contracts) > 1, printed_on=day)
    ids = {ct.id for ct in contracts}
    tenders = [t for t in repo.tenders() if t.contract_id in ids]
    opened = [t for t in tenders if t.result is not TenderResult.PENDING]
    failed = [t for t in opened if t.result in FAILED_RESULTS]
    compliance_all: list[tuple[Contract, Kpi, list[Compliance]]] = []
    for ct in contracts:
        kpis = repo.kpis(ct.id)
        table = kpi_compliance(ct, kpis, repo)
        for k in kpis:
            compliance_all.append((ct, k, [x for x in table if x.kpi_id == k.id]))
    measured = sum(len(v) for _c, _k, v in compliance_all)
    met = sum(1 for _c, _k, v in compliance_all for x in v if x.met)

    sec = c.Section("概要")
    sec.add(c.KeyFigures([
        c.KeyFigure("契約", f"{len(contracts):,} 件",
                    f"うち共同発注 {sum(len(ct.orderers) > 1 for ct in contracts):,} 件"),
        c.KeyFigure("契約額の合計", oku(sum(ct.amount_yen or 0 for ct in contracts)),
                    f"{yen(sum(ct.amount_yen or 0 for ct in contracts))} 円"),
        c.KeyFigure("不調・不落", f"{len(failed):,} / {len(opened):,} 回",
                    f"率 {len(failed) / len(opened):.1%}" if opened else "入札なし",
                    level=2 if failed else None),
        c.KeyFigure("性能指標の達成", f"{met:,} / {measured:,}", "期間 (達成 / 測定済み)",
                    level=None if met == measured else 2),
    ]))
    sec.add(c.Paragraph(
        f"{label}が発注者となっている包括・共同契約の一覧、発注者ごとの負担額、入札の経過、"
        "性能指標 (KPI) の達成状況と住民からの通報への対応時間を示します。"
        "住民の通報は件数と対応時間の統計だけを示し、通報者の個人情報は掲載しません。", "body"))
    if contracts:
        sec.add(c.Table(
            [c.Column("契約番号", 1.7), c.Column("件名", 4.0), c.Column("発注者", 2.8),
             c.Column("受注者", 2.8),
             c.Column("期間", 1.8), c.Column("契約額 (円)", 1.9, "right"), c.Column("状態", 1.0, "center")],
            [[ct.number, ct.title, "、".join(names.get(o.org, o.org) for o in ct.orderers),
              names.get(ct.contractor, ct.contractor) if ct.contractor else "未定",
              f"{short_fy(ct.fiscal_years[0])}-{ct.fiscal_years[-1]}", yen(ct.amount_yen),
              CONTRACT_STATUS_JA[ct.status]] for ct in contracts]
            + [["計", "", "", "", "", yen(sum(ct.amount_yen or 0 for ct in contracts)), ""]],
            total_rows=1, font_size=7, caption="契約の一覧"))
    else:
        sec.add(c.Paragraph("登録されている契約はありません。"))
    report.add(sec)

    # Tenders across contracts: the 不調・不落 rate per fiscal year and orderer.
    sec = c.Section("入札の状況 (不調・不落率)")
    orderers = {ct.id: [o.org for o in ct.orderers] for ct in contracts}
    by_year = failed_tender_rate(opened, by="year")
    by_org = failed_tender_rate(opened, by="org", orderers=orderers)
    sec.add(c.Paragraph("開札した入札 (再入札を含め1回ごと) のうち、有効な入札がなかった (不調) か予定価格"
                        "を上回った (不落) ものの割合です。共同発注の入札は各発注者に数えます。"))
    if opened:
        cols = [c.Column("入札", 1.2, "right"), c.Column("不調・不落", 1.2, "right"),
                c.Column("率", 1.0, "right")]
        sec.add(c.Table([c.Column("年度 (公告)", 2.4), *cols],
                        [[short_fy(int(r.key)), count(r.tenders), count(r.failed), rate(r)] for r in by_year],
                        caption="年度別"),
                c.Table([c.Column("発注者", 2.4), *cols],
                        [[names.get(str(r.key), str(r.key)), count(r.tenders), count(r.failed), rate(r)]
                         for r in by_org], caption="発注者別"))
        chain_rows = []
        for ct in contracts:
            for t in sorted((t for t in tenders if t.contract_id == ct.id), key=lambda t: t.round):
                chain_rows.append([ct.number, f"第{t.round}回", era_date(t.notice_on),
                                   TENDER_RESULT_JA[t.result], t.note])
        sec.add(c.Table([c.Column("契約番号", 1.8), c.Column("回", 0.8), c.Column("公告日", 2.2),
                         c.Column("結果", 0.9, "center"), c.Column("備考", 4.0)], chain_rows,
                        font_size=7.5, caption="入札と再入札の経過"))
    else:
        sec.add(c.Paragraph("開札した入札はありません。"))
    # KPI overview across contracts.
    if compliance_all:
        rows = []
        levels = {}
        for ct, k, v in compliance_all:
            n_met = sum(1 for x in v if x.met)
            n_missed = sum(1 for x in v if x.met is False)
            if n_missed:
                levels[(len(rows), 4)] = 2
            target = f"{'≧' if k.direction == 'at_least' else '≦'} {k.target:g} {k.unit}"
            rows.append([ct.number, k.name, target,
                         count(n_met), count(n_missed), count(len(v)),
                         yen(sum(x.deduction_yen for x in v))])
        sec.add(c.Table([c.Column("契約番号", 1.6), c.Column("指標", 3.4), c.Column("目標", 1.4, "right"),
                         c.Column("達成", 0.9, "right"), c.Column("未達", 0.9, "right"),
                         c.Column("測定期間", 1.1, "right"), c.Column("減額計 (円)", 1.5, "right")],
                        rows, levels=levels, font_size=7.5, caption="性能指標の達成状況 (期間数)"))
    report.add(sec)
    for n, ct in enumerate(contracts, start=1):
        report.add(_contract_section(n, ct, repo, conn, names, types, as_of))
    return report


def fiscal_year_budget(conn: sqlite3.Connection, org: str | None, fiscal_years: list[int]
                       ) -> list[tuple[Contract, dict[int, int]]]:
    """Per contract, ``org``'s share (or the whole amount for the region) of each fiscal
    year's 債務負担行為: the committed side of the council pack's budget summary."""
    repo = repository(conn)
    out = []
    for cid in queries.contract_ids(conn, org):
        ct = repo.get(cid)
        if ct is None:
            continue
        basis = repo.scope_by_owner(cid) if ct.share_method is ShareMethod.BY_ASSETS else None
        try:
            shares = shares_by_fiscal_year(ct, basis)
        except ValueError:
            continue
        per = {fy: (shares.get(fy, {}).get(org, 0) if org else ct.budget_by_fy.get(fy, 0))
               for fy in fiscal_years}
        out.append((ct, per))
    return out


__all__ = ["build_contracts_report", "fiscal_year_budget", "kpi_compliance",
           "limit_hours", "period_payment", "repository"]
