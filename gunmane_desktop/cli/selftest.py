"""The ``selftest`` verb: a few seconds' proof that a build (frozen or not) works end to end.

In a temporary folder it makes a small demo region (the lead's file), exports one town to a
ledger workbook and imports it into a fresh town file, sends the town's package to the lead
and imports it there; the town then runs a short plan and prints its council report to PDF. One line per
step with its time; exit 0 only when every step passed. After a failed step the rest are
skipped, since each builds on the one before. Nothing outside the temporary folder is
written (``--keep DIR`` writes into DIR instead, for a look at the files).
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from .. import __version__
from ..core.catalogue import default_catalogue
from ..core.organisations import Organisation, OrgKind
from ..core.paths import data_location, resources_dir
from ..core.wareki import fiscal_year_of
from ..storage.changes import ChangeContext
from ..storage.checks import run_checks
from ..storage.database import Database
from ..storage.organisations import OrganisationRepository
from .common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK

# Small enough for seconds, big enough that every table and the plan's models get rows.
DEMO_SIZE = {"towns": 1, "assets_per_town": 60, "inspections_per_asset": 2, "seed": 2026}
REGISTER_SHEET, HISTORY_SHEET = "施設台帳", "点検履歴"


class SelftestFailure(Exception):
    """A step's result was not what a working build produces."""


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SelftestFailure(message)


@dataclass
class _Run:
    """What the steps hand on to each other."""

    folder: Path
    lead_db: Path = field(init=False)
    town_db: Path = field(init=False)
    lead: str = ""
    town: str = ""
    town_name: str = ""
    exported_assets: int = 0
    exported_inspections: int = 0

    def __post_init__(self) -> None:
        self.lead_db = self.folder / "lead-region.sqlite"
        self.town_db = self.folder / "town.sqlite"


def _step_environment(run: _Run) -> str:
    res = resources_dir()
    needed = ["fonts/BIZUDGothic-Regular.ttf", "fonts/BIZUDGothic-Bold.ttf", "fonts/OFL.txt",
              "demo/region.json", "translations/gunmane_ja.qm"]
    missing = [name for name in needed if not (res / name).is_file()]
    _expect(not missing, f"{res}: 同梱ファイルがありません (missing resources): {', '.join(missing)}")
    sectors = len(default_catalogue().sectors)  # package data core/data/*.json
    _expect(sectors > 0, "catalogue.json: 分野がありません (no sectors in the catalogue)")
    where = data_location()
    frozen = "frozen" if getattr(sys, "frozen", False) else "python"
    return (f"gunmane {__version__} ({frozen}, Python {platform.python_version()}, {sys.platform}); "
            f"data folder [{where.mode}] {where.path}")


def _step_demo(run: _Run) -> str:
    from ..demo import generate_region  # each step loads its engine: other verbs don't pay for it

    summary = generate_region(run.lead_db, **DEMO_SIZE)
    with Database.open(run.lead_db, readonly=True, lock=False) as db:
        run.lead = db.site_org or ""
        row = db.conn.execute("SELECT code, name FROM organisations WHERE kind = 'municipality' "
                              "AND deleted = 0 ORDER BY code LIMIT 1").fetchone()
        bad = [r.name for r in run_checks(db) if not r.ok]
    _expect(bool(run.lead), f"{run.lead_db}: site_org がありません (no site organisation)")
    _expect(row is not None, f"{run.lead_db}: 市町村がありません (no town in the demo region)")
    _expect(not bad, f"{run.lead_db}: 整合性チェック失敗 (checks failed): {', '.join(bad)}")
    run.town, run.town_name = row[0], row[1]
    return f"{summary.assets} assets, {summary.inspections} inspections; checks passed"


def _step_ledger_export(run: _Run) -> str:
    from ..ledger.export import export_ledger

    out = run.folder / "town-ledger.xlsx"
    with Database.open(run.lead_db, readonly=True, lock=False) as db:
        result = export_ledger(db, out, org=run.town)
    _expect(result.assets > 0 and out.is_file(), f"{out}: 施設が書き出されていません (no assets exported)")
    run.exported_assets, run.exported_inspections = result.assets, result.inspections
    return f"{out.name}: {result.assets} assets, {result.inspections} inspections, {result.measures} measures"


def _step_ledger_import(run: _Run) -> str:
    from ..ledger.apply import import_ledger

    ledger = run.folder / "town-ledger.xlsx"
    with Database.create(run.town_db) as db:
        ctx = ChangeContext(db, run.town, source="selftest init")
        with db.transaction():
            db.set_meta("site_org", run.town)
            repo = OrganisationRepository(db)
            repo.save(ctx, Organisation(code=run.town, kind=OrgKind.MUNICIPALITY, name=run.town_name,
                                        lead_code=run.lead))
            repo.save(ctx, Organisation(code=run.lead, kind=OrgKind.PREFECTURE, name=f"({run.lead})"))
    with Database.open(run.town_db) as db:
        ctx = ChangeContext(db, run.town, source="selftest ledger import")
        # The whole workbook at once: the history sheet's rows find the assets that the
        # register sheet of the same file brings.
        plan, result = import_ledger(db, ledger, ctx)
        _expect(not plan.failed_rows, f"{ledger}: {plan.failed_rows} 行失敗 (rows failed): "
                + "; ".join(str(e) for e in plan.errors[:3]))
        _expect(result is not None and result.backup is not None,
                f"{ledger}: バックアップがありません (no backup taken)")
        assets = db.conn.execute("SELECT count(*) FROM assets WHERE deleted = 0").fetchone()[0]
        inspections = db.conn.execute("SELECT count(*) FROM inspections").fetchone()[0]
    _expect(assets == run.exported_assets,
            f"{run.town_db}: 施設 {assets} 件 (expected {run.exported_assets})")
    _expect(inspections == run.exported_inspections,
            f"{run.town_db}: 点検 {inspections} 件 (expected {run.exported_inspections})")
    return f"{run.town_db.name}: {assets} assets, {inspections} inspections (backup taken)"


def _step_exchange(run: _Run) -> str:
    from ..sync import export_package, import_package

    package = run.folder / "town-to-lead.zip"
    with Database.open(run.town_db) as db:
        sent = export_package(db, package, to=run.lead)
    _expect(sent.rows > 0, f"{package}: 行がありません (empty package)")
    with Database.open(run.lead_db) as db:
        result = import_package(db, package)
        again = import_package(db, package)
    totals = result.preview.totals()
    _expect(result.applied and result.backup is not None,
            f"{package}: 取り込まれませんでした (not applied)")
    _expect(not totals["rejected"] and not totals["conflicts"],
            f"{package}: 却下 {totals['rejected']} / 競合 {totals['conflicts']}")
    _expect(not again.applied, f"{package}: 再取り込みで変更がありました (re-import changed the file)")
    return (f"{package.name}: {sent.rows} rows {run.town} → {run.lead}; new {totals['new']}, "
            f"updated {totals['updated']}, unchanged {totals['unchanged']}; re-import changed nothing")


def _step_plan(run: _Run) -> str:
    # The engine and reportlab load in their steps, not with every command's parser.
    from ..planning.run import PlanOptions, make_plan
    from ..planning.stock import Scope

    options = PlanOptions(start_fy=fiscal_year_of(dt.date.today()) + 1, years=10, replications=2)
    with Database.open(run.town_db, readonly=True, lock=False, quick_check=False) as db:
        result = make_plan(db.conn, Scope(org=run.town), options)
    _expect(len(result.inputs.stock) > 0, "plan: 対象の施設がありません (no assets in scope)")
    _expect(len(result.scenarios) >= 2, "plan: シナリオがありません (scenarios missing)")
    total = sum(s.total_cost for s in result.scenarios)
    _expect(total > 0, "plan: 費用が 0 です (every scenario costs nothing)")
    return (f"{len(result.inputs.stock)} assets, {len(result.scenarios)} scenarios, "
            f"{len(result.plan_rows())} planned measures over {options.years} years")


def _step_report(run: _Run) -> str:
    from ..reports import render_pdf
    from ..reports.council import build_council_pack

    out = run.folder / "council.pdf"
    with Database.open(run.town_db, readonly=True, lock=False) as db:
        pages = render_pdf(build_council_pack(db.conn, org=run.town), out)
    head = out.read_bytes()[:5] if out.is_file() else b""
    _expect(pages > 0 and head == b"%PDF-", f"{out}: PDF ではありません (not a PDF)")
    return f"{out.name}: {pages} pages, {out.stat().st_size // 1024} KiB"


STEPS: tuple[tuple[str, Callable[[_Run], str]], ...] = (
    ("environment", _step_environment),
    ("demo region", _step_demo),
    ("ledger export", _step_ledger_export),
    ("ledger import", _step_ledger_import),
    ("exchange round", _step_exchange),
    ("plan", _step_plan),
    ("council report", _step_report),
)


def run_selftest(folder: Path, *, verbose: bool = False, out: TextIO | None = None,
                 steps: Sequence[tuple[str, Callable[[_Run], str]]] = STEPS) -> bool:
    """Run ``steps`` in ``folder`` (which should be empty), printing one line each."""
    out = out or sys.stdout
    run = _Run(folder)
    started = time.perf_counter()
    passed = 0
    failed = False
    for name, step in steps:
        if failed:
            print(f"SKIP  {'':>7}  {name}", file=out)
            continue
        t0 = time.perf_counter()
        try:
            detail = step(run)
        except Exception as exc:  # every failure is reported as a line, never a crash
            failed = True
            print(f"FAIL  {time.perf_counter() - t0:6.2f}s  {name}: {type(exc).__name__}: {exc}", file=out)
            if verbose:
                traceback.print_exc(file=out)
            continue
        passed += 1
        print(f"OK    {time.perf_counter() - t0:6.2f}s  {name}: {detail}", file=out, flush=True)
    total = time.perf_counter() - started
    verdict = "passed" if not failed else "FAILED"
    print(f"selftest {verdict}: {passed}/{len(steps)} steps in {total:.2f} s", file=out)
    return not failed


def cmd_selftest(args: argparse.Namespace) -> int:
    if args.keep:
        folder = Path(args.keep)
        if folder.exists() and any(folder.iterdir()):
            print(f"gunmane selftest: {folder}: 空のフォルダを指定してください (folder not empty)",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        folder.mkdir(parents=True, exist_ok=True)
        return EXIT_OK if run_selftest(folder, verbose=args.verbose) else EXIT_FAILED
    with tempfile.TemporaryDirectory(prefix="gunmane-selftest-") as tmp:
        ok = run_selftest(Path(tmp), verbose=args.verbose)
    return EXIT_OK if ok else EXIT_FAILED


def add_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("selftest", help="check this build in seconds (動作確認); exit 0 when it works",
                       description="Makes a small demo region in a temporary folder and runs a ledger "
                                   "import, an exchange round, a plan and a council report.")
    p.add_argument("--keep", metavar="DIR", help="work in this empty folder and keep the files")
    p.add_argument("--verbose", action="store_true", help="print the traceback of a failed step")
    p.set_defaults(handler=cmd_selftest)
