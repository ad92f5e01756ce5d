"""``gunmane report KIND DB OUT.pdf``: print a report to PDF without the window.

KIND is council (議会説明資料), ledger (施設台帳), inspection-sheets (点検調書) or region
(地域比較). plan (長寿命化修繕計画) and contracts (契約・KPI) arrive with the planning and
contracts features; asking for them now exits 2 with a message saying so.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ..core.catalogue import UnknownCodeError, default_catalogue
from ..reports import render_pdf
from ..reports.council import build_council_pack
from ..reports.inspection_sheets import build_inspection_sheets
from ..reports.ledger_listing import build_ledger_listing
from ..reports.queries import asset_owners, org_name
from ..reports.region_comparison import build_region_comparison
from ..storage.database import Database
from .common import EXIT_OK, UserError, existing_file

KINDS = ("council", "ledger", "inspection-sheets", "region", "plan", "contracts")
NOT_YET = {
    "plan": "長寿命化修繕計画の帳票は計画機能とともに追加されます (the plan report comes with "
            "the planning feature; not available yet)",
    "contracts": "契約・KPI の帳票は契約機能とともに追加されます (the contracts report comes with "
                 "the contracts feature; not available yet)",
}


def _sector(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return default_catalogue().sector(value).id
    except UnknownCodeError as exc:
        known = ", ".join(s.id for s in default_catalogue().sectors)
        raise UserError(f"--sector: {exc} (使えるもの: {known})") from exc


def cmd_report(args: argparse.Namespace) -> int:
    if args.kind in NOT_YET:
        raise UserError(NOT_YET[args.kind])
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
        if args.org and args.org not in {code for code, _n, _k in asset_owners(db.conn)}:
            raise UserError(f"--org: {org_name(db.conn, args.org)} ({args.org}) は施設を管理していません "
                            f"(the organisation owns no assets)")
        if args.kind == "council":
            report = build_council_pack(db.conn, org=args.org, sector=sector,
                                        fiscal_year=args.fiscal_year)
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
                                   "点検調書, region = 地域比較; plan and contracts come later.")
    p.add_argument("kind", choices=KINDS, help="which report")
    p.add_argument("db", help="database file")
    p.add_argument("out", help="PDF file to write")
    p.add_argument("--org", help="団体コード: one organisation (default: the whole region)")
    p.add_argument("--fiscal-year", type=int, help="年度 (西暦), e.g. 2026")
    p.add_argument("--sector", help="分野: road, sewer, park, river, other (or 道路, 下水道 ...)")
    p.add_argument("--asset", action="append", help="inspection-sheets: an asset id (repeatable)")
    p.set_defaults(handler=cmd_report)
