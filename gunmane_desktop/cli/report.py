"""``gunmane report KIND DB OUT.pdf``: print a report to PDF without the window.

KIND is council (議会説明資料), ledger (施設台帳), inspection-sheets (点検調書), region
(地域比較), plan (長寿命化修繕計画: the planning engine's scenarios, cost per fiscal year and
per facility; --fiscal-year is the plan's first year) or contracts (契約・KPI: contracts,
tenders, KPI compliance, response times of residents' requests; --org keeps the contracts
the organisation orders). The file is opened read-only.

    gunmane report council DB OUT.pdf [--org CODE] [--fiscal-year Y] [--sector S] [--no-plan]
    gunmane report plan DB OUT.pdf [--org CODE] [--fiscal-year Y] [--sector S] [--years N]
    gunmane report contracts DB OUT.pdf [--org CODE]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..core.catalogue import UnknownCodeError, default_catalogue
from ..storage.database import Database
from .common import EXIT_OK, UserError, existing_file, progress_printer

KINDS = ("council", "ledger", "inspection-sheets", "region", "plan", "contracts")


def _sector(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return default_catalogue().sector(value).id
    except UnknownCodeError as exc:
        known = ", ".join(s.id for s in default_catalogue().sectors)
        raise UserError(f"--sector: {exc} (使えるもの: {known})") from exc


PLAN_YEARS = 30
"""The plan report's default horizon (``reports.plan_report.YEARS``, checked by a test)."""


def cmd_report(args: argparse.Namespace) -> int:
    # reportlab and the planning engine load here, not when the parser is built: every
    # other command (a ledger import, say) starts half a second sooner.
    from ..reports import render_pdf
    from ..reports.contracts_report import build_contracts_report
    from ..reports.council import build_council_pack
    from ..reports.inspection_sheets import build_inspection_sheets
    from ..reports.ledger_listing import build_ledger_listing
    from ..reports.plan_report import build_plan_report, run_plan
    from ..reports.queries import asset_owners, org_name
    from ..reports.region_comparison import build_region_comparison

    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise UserError(f"{out}: 出力ファイルは .pdf にしてください (output must be a .pdf file)")
    if not out.parent.exists():
        raise UserError(f"{out.parent}: フォルダがありません (folder not found)")
    sector = _sector(args.sector)
    if args.fiscal_year is not None and not 1990 <= args.fiscal_year <= 2100:
        raise UserError(f"--fiscal-year: {args.fiscal_year} は範囲外です (1990-2100)")
    started = time.perf_counter()
    with Database.open(existing_file(args.db), readonly=True, lock=False) as db:
        if args.org and org_name(db.conn, args.org) is None:
            raise UserError(f"--org: 団体コード {args.org} はこのファイルにありません (unknown organisation)")
        if args.org and args.kind != "contracts" and args.org not in {
                code for code, _n, _k in asset_owners(db.conn)}:
            raise UserError(f"--org: {org_name(db.conn, args.org)} ({args.org}) は施設を管理していません "
                            f"(the organisation owns no assets)")
        if args.kind == "council":
            report = build_council_pack(db.conn, org=args.org, sector=sector,
                                        fiscal_year=args.fiscal_year, with_plan=not args.no_plan)
        elif args.kind == "plan":
            if not 1 <= args.years <= 100:
                raise UserError("--years: 1 から 100 の間で指定してください (10-50 is usual)")
            result = run_plan(db.conn, org=args.org, sector=sector, fiscal_year=args.fiscal_year,
                              years=args.years, progress=progress_printer(sys.stderr.isatty()))
            if sys.stderr.isatty():
                print(file=sys.stderr)
            if not len(result.inputs.stock):
                raise UserError(f"{args.db}: 対象の施設がありません (no assets in scope)")
            report = build_plan_report(db.conn, result)
        elif args.kind == "contracts":
            if sector:
                raise UserError("contracts: --sector は使えません (contracts are not per sector)")
            report = build_contracts_report(db.conn, org=args.org)
        elif args.kind == "ledger":
            report = build_ledger_listing(db.conn, org=args.org, sector=sector)
        elif args.kind == "inspection-sheets":
            report = build_inspection_sheets(db.conn, org=args.org, sector=sector,
                                             fiscal_year=args.fiscal_year,
                                             asset_ids=args.asset or None)
        else:
            if args.org:
                raise UserError("region: --org は使えません (the region report covers every organisation)")
            report = build_region_comparison(db.conn, sector=sector, fiscal_year=args.fiscal_year)
        try:
            pages = render_pdf(report, out)
        except OSError as exc:
            raise UserError(f"{out}: 書き込めません (cannot write): {exc.strerror or exc}") from exc
    print(f"{out}: {pages} ページ ({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="print a report to PDF (帳票の印刷)",
                       description="council = 議会説明資料, ledger = 施設台帳, inspection-sheets = "
                                   "点検調書, region = 地域比較, plan = 長寿命化修繕計画 (scenarios, "
                                   "cost per fiscal year and per facility), contracts = 契約・KPI "
                                   "(contracts, tenders, KPI compliance, response times).")
    p.add_argument("kind", choices=KINDS, help="which report")
    p.add_argument("db", help="database file")
    p.add_argument("out", help="PDF file to write")
    p.add_argument("--org", help="団体コード: one organisation (default: the whole region)")
    p.add_argument("--fiscal-year", type=int,
                   help="年度 (西暦), e.g. 2026; for plan the first year (default: next year)")
    p.add_argument("--sector", help="分野: road, sewer, park, river, other (or 道路, 下水道 ...)")
    p.add_argument("--asset", action="append", help="inspection-sheets: an asset id (repeatable)")
    p.add_argument("--years", type=int, default=PLAN_YEARS,
                   help=f"plan: scenario horizon in fiscal years (default {PLAN_YEARS})")
    p.add_argument("--no-plan", action="store_true",
                   help="council: leave out the plan outlook (saves time on very large regions)")
    p.set_defaults(handler=cmd_report)
