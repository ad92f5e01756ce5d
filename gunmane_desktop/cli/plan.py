"""The ``plan`` verb: deterioration forecasts, scenarios and the long-life repair plan.

    gunmane plan DB [--org CODE] [--sector SECTOR] [--years N] [--budget YEN_PER_YEAR] [--json]

Reads the file read-only (works while the GUI has it open). With --json the output is the
contract of planning.run.PlanResult.to_json: ``scenarios`` (name, total_cost_yen,
annual_cost_yen, grade_share_by_year, ...), ``plan`` (asset_id, fiscal_year, measure,
cost_yen; ``overridden: true`` and ``note`` on a row the user set by hand, ``decided: true``
on a decided removal), ``decisions``, ``comparison``, ``candidates`` and ``models``. The
decisions and overrides the file keeps are carried out unless --ignore-decisions is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from ..core.catalogue import UnknownCodeError, default_catalogue
from ..core.unit_costs import UnitCostError, read_unit_costs
from ..core.wareki import fiscal_year_of, format_fiscal_year
from ..storage.database import Database
from .common import EXIT_OK, UserError, existing_file, progress_printer


def _oku(yen: float) -> str:
    return f"{yen / 1e8:,.2f} 億円"


def cmd_plan(args: argparse.Namespace) -> int:
    # numpy, the engine and openpyxl load here, not when the parser is built.
    from ..planning.candidates import removal_candidates
    from ..planning.plan_table import build_plan_table
    from ..planning.run import PlanOptions, make_plan
    from ..planning.stock import Scope
    from ..planning.xlsx import write_plan_xlsx

    if not 1 <= args.years <= 100:
        raise UserError("--years: 1 から 100 の間で指定してください (10-50 is usual)")
    if args.budget is not None and args.budget < 0:
        raise UserError("--budget: 0 以上の円で指定してください (yen per year, not negative)")
    if args.xlsx and not args.xlsx.lower().endswith(".xlsx"):
        raise UserError(f"--xlsx: {args.xlsx}: 拡張子は .xlsx にしてください (must end in .xlsx)")
    if not 1 <= args.period <= args.years:
        raise UserError("--period: 1 から --years の間で指定してください (plan-table columns)")
    if args.replications < 1:
        raise UserError("--replications: 1 以上を指定してください (must be >= 1)")
    sector = None
    if args.sector:
        try:
            sector = default_catalogue().sector(args.sector).id
        except UnknownCodeError as exc:
            raise UserError(f"--sector: {exc}") from exc
    unit_costs = None
    if args.unit_costs:
        try:
            unit_costs = read_unit_costs(existing_file(args.unit_costs))
        except UnitCostError as exc:
            raise UserError(str(exc)) from exc
    start = args.start_fy or fiscal_year_of(dt.date.today()) + 1
    scope = Scope(org=args.org, sector=sector)
    options = PlanOptions(start_fy=start, years=args.years, budget_yen=args.budget,
                          replications=args.replications, seed=args.seed,
                          stored_choices=not args.ignore_decisions)
    with Database.open(existing_file(args.db), readonly=True, lock=False, quick_check=False) as db:
        if args.org and not db.conn.execute("SELECT 1 FROM assets WHERE owner = ? AND deleted = 0 LIMIT 1",
                                            (args.org,)).fetchone():
            raise UserError(f"{args.db}: 団体コード {args.org} の施設がありません (no assets for this org)")
        result = make_plan(db.conn, scope, options, unit_costs=unit_costs,
                           progress=progress_printer(not args.json and sys.stderr.isatty()))
        if not len(result.inputs.stock):
            raise UserError(f"{args.db}: 対象の施設がありません (no assets in scope)")
        candidates = removal_candidates(result.inputs, result.scenario("preventive"), limit=args.candidates,
                                        include=result.options.decisions)
        if args.xlsx:
            table = build_plan_table(db.conn, result, period_years=args.period, candidates=candidates)
            written = write_plan_xlsx(args.xlsx, table, result)
            print(f"{written}: 計画表を書き出しました ({len(table.rows):,} 施設) (plan table written)",
                  file=sys.stderr)
    if args.json:
        out = result.to_json()
        out["candidates"] = [c.to_json() for c in candidates]
        print(json.dumps(out, ensure_ascii=False))
        return EXIT_OK
    print(file=sys.stderr)
    _print_text(result, candidates)
    return EXIT_OK


def _print_text(result, candidates) -> None:
    o = result.options
    print(f"計画期間: {format_fiscal_year(o.start_fy)} から {o.years} 年 / 施設 {len(result.inputs.stock):,} "
          f"(未点検 {int(result.inputs.imputed.sum()):,} は同種施設の現状分布で補完)")
    if result.unit_costs.is_default:
        print("単価: 既定値 (判断による概算。自団体の単価表に置き換えてください) (default unit costs)")
    print("劣化モデル (地域全体、1点検周期あたり。区分は良い順に1-4、"
          "括弧内は90%信用区間、n は使った点検の組数):")
    for group, est in sorted(result.models.regional.items()):
        lo, hi = est.interval(0, 0)
        lo2, hi2 = est.interval(1, 1)
        weight = ", ".join(f"{w:.0%}" for w in est.data_weight[:3])
        print(f"  {group:15s} n={est.observations:>7,}  1→1 {est.mean[0][0]:.3f} ({lo:.3f}-{hi:.3f})  "
              f"2→2 {est.mean[1][1]:.3f} ({lo2:.3f}-{hi2:.3f})  データの重み {weight}")
    for s in result.scenarios:
        final = s.shares.mean(axis=0)[-1]
        shares = " ".join(f"{x:.0%}" for x in final)
        print(f"  {s.spec.label_ja}: 期間計 {_oku(s.total_cost)}, LCC {_oku(s.life_cycle_cost)}, "
              f"最終年度の健全度分布 [{shares}]")
    c = result.comparison()
    if c["preventive_saving_share"] is not None:
        print(f"予防保全の縮減効果 (LCC): {_oku(c['preventive_saving_yen'])} "
              f"({c['preventive_saving_share']:.0%})")
    rows = result.plan_rows()
    print(f"計画 ({result.plan_scenario}): 措置 {len(rows):,} 件")
    changed = sum(1 for r in rows if r.get("overridden"))
    decided = len(result.options.decisions)
    if changed or decided:
        print(f"  うち担当者が変更した行 {changed:,} 件、集約・撤去の決定 {decided:,} 件 "
              "(--ignore-decisions で除いた計画)")
    for s in result.scenarios:
        for fy, yen in s.extra.get("committed_over_budget_yen", {}).items():
            print(f"  注意: {fy}年度は決定・変更した措置だけで予算を {_oku(yen)} 超えています")
    if candidates:
        print("集約・撤去の候補 (撤去費 < 維持費):")
        for cand in candidates[:10]:
            print(f"  {cand.name} ({cand.asset_type}, 迂回路 {cand.detour}): 縮減 {_oku(cand.saving_yen)}")


def add_commands(sub: argparse._SubParsersAction) -> None:
    plan = sub.add_parser("plan", help="long-life repair plan and scenarios (長寿命化修繕計画)")
    plan.add_argument("db", help="database file (read only)")
    plan.add_argument("--org", help="全国地方公共団体コード: only this organisation's assets")
    plan.add_argument("--sector", help="sector id or name, e.g. road / 道路")
    plan.add_argument("--years", type=int, default=30, help="plan horizon in fiscal years (default 30)")
    plan.add_argument("--budget", type=int, help="annual budget in yen: adds the budget-constrained scenario")
    plan.add_argument("--start-fy", type=int, help="first fiscal year (default: next fiscal year)")
    plan.add_argument("--replications", type=int, default=20,
                      help="simulation runs for the bands (default 20)")
    plan.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    plan.add_argument("--unit-costs", help="a unit-cost JSON file replacing the defaults")
    plan.add_argument("--candidates", type=int, default=100, help="how many removal candidates to list")
    plan.add_argument("--xlsx", help="also write the plan table (公表様式) to this .xlsx file")
    plan.add_argument("--period", type=int, default=10,
                      help="fiscal-year columns in the plan table (default 10)")
    plan.add_argument("--ignore-decisions", action="store_true",
                      help="leave out the decisions and plan rows set by hand that the file keeps")
    plan.add_argument("--json", action="store_true", help="machine-readable output")
    plan.set_defaults(handler=cmd_plan)
