"""Render every report on the demo region and turn its first pages into PNGs.

    .venv/bin/python docs/screenshots/make_report_screenshots.py [--pages 2] [--dpi 80]

Needs pdftoppm (poppler-utils) on the PATH; writes docs/screenshots/report_<kind>-<n>.png.
For people looking at layouts; the tests never need it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from gunmane_desktop.contracts.demo import make_demo_region
from gunmane_desktop.reports import render_pdf
from gunmane_desktop.reports.contracts_report import build_contracts_report
from gunmane_desktop.reports.council import build_council_pack
from gunmane_desktop.reports.inspection_sheets import build_inspection_sheets
from gunmane_desktop.reports.ledger_listing import build_ledger_listing
from gunmane_desktop.reports.plan_report import build_plan_report, run_plan
from gunmane_desktop.reports.region_comparison import build_region_comparison
from gunmane_desktop.storage.database import Database

HERE = Path(__file__).resolve().parent
TODAY = dt.date(2026, 11, 24)
TOWN = "155918"  # 雪峰村: snowy, the most Ⅲ


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pages", type=int, default=2, help="first pages per report (default 2)")
    p.add_argument("--dpi", type=int, default=80)
    args = p.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: apt-get install poppler-utils", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        region = Path(tmp) / "region.sqlite"
        make_demo_region(region)
        with Database.open(region, readonly=True, lock=False) as db:
            reports = {
                "council": build_council_pack(db.conn, org=TOWN, today=TODAY),
                "council_region": build_council_pack(db.conn, today=TODAY),
                "ledger": build_ledger_listing(db.conn, today=TODAY),
                "inspection_sheets": build_inspection_sheets(db.conn, org=TOWN, fiscal_year=2026,
                                                             today=TODAY),
                "region": build_region_comparison(db.conn, today=TODAY),
                "plan": build_plan_report(db.conn, run_plan(db.conn, fiscal_year=2027), today=TODAY),
                "contracts": build_contracts_report(db.conn, today=TODAY),
            }
            for kind, report in reports.items():
                pdf = Path(tmp) / f"{kind}.pdf"
                render_pdf(report, pdf)
                for old in HERE.glob(f"report_{kind}-*.png"):
                    old.unlink()
                subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l",
                                str(args.pages), str(pdf), str(HERE / f"report_{kind}")], check=True)
    for png in sorted(HERE.glob("report_*.png")):
        print(png.relative_to(HERE.parent.parent))
    return 0


if __name__ == "__main__":
    sys.exit(main())
