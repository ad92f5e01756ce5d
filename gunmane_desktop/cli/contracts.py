"""Verbs about bundled contracts: ``contracts list``, ``contracts show`` and ``bundle``."""

from __future__ import annotations

import argparse
import dataclasses
import json

from ..contracts.bundling import (
    DEFAULT_INSPECTION_COSTS,
    DEFAULT_TARGET_YEN,
    BundlingParams,
    Proposal,
    propose_for_region,
)
from ..core.contracts import (
    CONTRACT_STATUS_JA,
    PAYMENT_FORM_JA,
    PROCESS_JA,
    TENDER_RESULT_JA,
    Contract,
    shares_by_fiscal_year,
)
from ..core.performance import compliance_table
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .common import EXIT_OK, UserError, existing_file


def _contract_json(repo: ContractRepository, c: Contract, *, full: bool) -> dict:
    out = {"id": c.id, "number": c.number, "title": c.title, "owner": c.owner,
           "orderers": [o.org for o in c.orderers], "contractor": c.contractor,
           "start_on": c.start_on.isoformat(), "end_on": c.end_on.isoformat(),
           "amount_yen": c.amount_yen, "status": str(c.status),
           "payment_form": str(c.payment_form), "processes": [str(p) for p in c.processes]}
    if not full:
        return out
    by_owner = repo.scope_by_owner(c.id)
    try:
        shares = shares_by_fiscal_year(c, by_owner)
    except ValueError:  # e.g. scope assets of a non-orderer: show the amounts without shares
        shares = {}
    out.update({
        "orderers": [dataclasses.asdict(o) for o in c.orderers],
        "share_method": str(c.share_method),
        "budget_by_fy": {str(k): v for k, v in sorted(c.budget_by_fy.items())},
        "shares_by_fy": {str(fy): s for fy, s in shares.items()},
        "scope_assets": sum(by_owner.values()), "scope_by_owner": by_owner,
        "documents": repo.documents(c.id),
        "tenders": [{"id": t.id, "round": t.round, "notice_on": t.notice_on.isoformat(),
                     "ceiling_yen": t.ceiling_yen, "lowest_bid_yen": t.lowest_bid_yen,
                     "bidders": len(t.bids), "result": str(t.result), "previous_id": t.previous_id}
                    for t in repo.tenders(c.id)],
        "kpis": [], "note": c.note})
    kpis = repo.kpis(c.id)
    measurements = repo.measurements(c.id)
    periods = sorted({m.period for m in measurements})
    table = compliance_table(kpis, measurements, periods)
    for k in kpis:
        out["kpis"].append({
            "id": k.id, "name": k.name, "unit": k.unit, "target": k.target,
            "direction": str(k.direction), "measured_by": str(k.measured_by),
            "period": str(k.period),
            "compliance": [{"period": r.period, "value": r.value, "met": r.met}
                           for r in table if r.kpi_id == k.id and r.value is not None]})
    out["requests"] = len(repo.requests(c.id))
    out["work_orders"] = len(repo.work_orders(c.id))
    return out


def cmd_list(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db), readonly=True, lock=False) as db:
        repo = ContractRepository(db)
        rows = [_contract_json(repo, c, full=False) for c in repo.all()]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("契約はありません (no contracts)")
    for r in rows:
        amount = f"{r['amount_yen']:,}円" if r["amount_yen"] is not None else "-"
        print(f"{r['id']}  {r['number']}  {r['title']}  {r['start_on']}〜{r['end_on']}  {amount}  "
              f"発注者 {len(r['orderers'])}  {CONTRACT_STATUS_JA[r['status']]}")
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db), readonly=True, lock=False) as db:
        repo = ContractRepository(db)
        c = repo.get(args.id)
        if c is None:
            raise UserError(f"{args.db}: 契約 {args.id} はありません (no such contract)")
        info = _contract_json(repo, c, full=True)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{info['number']} {info['title']} ({CONTRACT_STATUS_JA[info['status']]})")
    print(f"期間 {info['start_on']}〜{info['end_on']}  契約額 {info['amount_yen'] or 0:,}円  "
          f"{PAYMENT_FORM_JA[info['payment_form']]}  受注者 {info['contractor'] or '-'}")
    print("業務: " + "・".join(PROCESS_JA[p] for p in info["processes"]))
    print(f"対象施設 {info['scope_assets']:,} 件: "
          + ", ".join(f"{o} {n}" for o, n in info["scope_by_owner"].items()))
    for fy, shares in info["shares_by_fy"].items():
        print(f"  {fy}年度 負担: " + ", ".join(f"{o} {y:,}円" for o, y in shares.items()))
    for t in info["tenders"]:
        print(f"入札 第{t['round']}回 {t['notice_on']} 予定価格 {t['ceiling_yen']:,}円 "
              f"最低 {t['lowest_bid_yen'] or '-'} → {TENDER_RESULT_JA[t['result']]}")
    for k in info["kpis"]:
        results = " ".join(f"{r['period']}:{r['value']}{'○' if r['met'] else '×'}" for r in k["compliance"])
        print(f"指標 {k['name']} 目標 {k['target']}{k['unit']}  {results}")
    print(f"住民通報 {info['requests']} 件 / 作業指示 {info['work_orders']} 件")
    return EXIT_OK


def proposal_json(p: Proposal) -> dict:
    return {
        "fiscal_year": p.fiscal_year, "target_yen": p.params.target_yen,
        "band_yen": list(p.params.band), "unlocated": p.unlocated,
        "lots": [{"number": lot.number, "kind": lot.kind, "organisations": list(lot.orgs),
                  "sectors": list(lot.sectors), "asset_count": len(lot.asset_ids),
                  "estimated_cost_yen": lot.cost_yen, "cost_by_org": lot.cost_by_org,
                  "travel_km": lot.travel_km, "centre": list(lot.centre), "in_band": lot.in_band}
                 for lot in p.lots],
        "bundled": dataclasses.asdict(p.bundled),
        "per_town": dataclasses.asdict(p.per_owner),
    }


def read_inspection_costs(path: str) -> dict[str, tuple[int, int, str, float]]:
    """Inspection unit costs from JSON: {"bridge": {"fixed_yen": .., "per_unit_yen": ..,
    "unit": "m2"|"m"|"each", "default_size": ..}, ...}, on top of the defaults."""
    costs = dict(DEFAULT_INSPECTION_COSTS)
    try:
        raw = json.loads(existing_file(path).read_text("utf-8"))
        for type_id, e in raw.items():
            fixed, per = int(e.get("fixed_yen", 0)), int(e.get("per_unit_yen", 0))
            unit, size = str(e.get("unit", "each")), float(e.get("default_size", 1))
            if fixed < 0 or per < 0 or size <= 0 or unit not in ("m2", "m", "each"):
                raise UserError(f"{path}: {type_id}: 単価は0以上、単位は m2/m/each にしてください")
            costs[str(type_id)] = (fixed, per, unit, size)
    except (ValueError, AttributeError, TypeError) as exc:
        raise UserError(f"{path}: 点検単価を読めません (cannot read inspection costs): {exc}") from exc
    return costs


def cmd_bundle(args: argparse.Namespace) -> int:
    if args.target_yen is not None and args.target_yen <= 0:
        raise UserError("--target-yen: 1 以上を指定してください (must be > 0)")
    costs = read_inspection_costs(args.inspection_costs) if args.inspection_costs else None
    params = BundlingParams(target_yen=args.target_yen or DEFAULT_TARGET_YEN,
                            include_repairs=args.repairs,
                            inspection_costs=costs or dict(DEFAULT_INSPECTION_COSTS))
    with Database.open(existing_file(args.db), readonly=True, lock=False) as db:
        proposal = propose_for_region(db.conn, args.fiscal_year, params)
    if args.json:
        print(json.dumps(proposal_json(proposal), ensure_ascii=False, indent=2))
        return EXIT_OK
    if not proposal.lots:
        print(f"{args.fiscal_year}年度に予定される点検はありません (nothing due)")
        return EXIT_OK
    for lot in proposal.lots:
        kind = "点検" if lot.kind == "inspection" else "修繕"
        mark = "" if lot.in_band else "  (目標の範囲外)"
        print(f"ロット{lot.number} [{kind}] {', '.join(lot.orgs)}  施設 {len(lot.asset_ids):,} 件  "
              f"概算 {lot.cost_yen:,}円  移動 {lot.travel_km:,.1f} km{mark}")
    print("\n            契約数  移動距離 km  諸経費 円     発注事務 h")
    for label, x in (("ロット案", proposal.bundled), ("団体ごと", proposal.per_owner)):
        print(f"{label}    {x.contracts:>6}  {x.travel_km:>11,.1f}  {x.mobilisation_yen:>12,}  "
              f"{x.staff_hours:>8,.0f}")
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    contracts = sub.add_parser("contracts", help="bundled contracts (契約)")
    verbs = contracts.add_subparsers(dest="contracts_command", metavar="VERB", required=True)
    ls = verbs.add_parser("list", help="list the contracts (契約一覧)")
    ls.add_argument("db")
    ls.add_argument("--json", action="store_true", help="machine-readable output")
    ls.set_defaults(handler=cmd_list)
    show = verbs.add_parser("show", help="one contract with shares, tenders and KPIs (契約の詳細)")
    show.add_argument("db")
    show.add_argument("id", help="contract id")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(handler=cmd_show)

    bundle = sub.add_parser("bundle", help="propose joint contract lots for a fiscal year (ロット案)")
    bundle.add_argument("db")
    bundle.add_argument("--fiscal-year", type=int, required=True, help="年度, e.g. 2027")
    bundle.add_argument("--target-yen", type=int, help="target amount per lot (default 100000000)")
    bundle.add_argument("--repairs", action="store_true", help="also bundle Ⅲ/Ⅳ repairs not started")
    bundle.add_argument("--inspection-costs", metavar="FILE",
                        help="JSON of inspection unit costs per asset type (点検単価)")
    bundle.add_argument("--json", action="store_true", help="machine-readable output")
    bundle.set_defaults(handler=cmd_bundle)
