"""Verbs for spreadsheet ledgers: ``ledger import``, ``ledger export`` and ``ledger suggest``.

``import`` previews with --dry-run (nothing written) and otherwise writes the good rows
(assets, inspections and measures) in one transaction after a backup, reporting the bad
rows (exit 1 when some failed). A file that cannot be read at all is one line on stderr
and exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..core.organisations import OrgCodeError, validate_lg_code
from ..ledger.apply import apply_plan
from ..ledger.errors import ImportCancelled, LedgerError, paused_gc
from ..ledger.export import ENCODINGS, export_ledger, write_error_report
from ..ledger.mapping import load_mapping
from ..ledger.preview import plan_import
from ..ledger.survey import survey_file
from ..storage.changes import ChangeContext
from ..storage.database import Database
from .common import EXIT_FAILED, EXIT_OK, UserError, existing_file, progress_printer

SHOWN_ERRORS = 20


def _org(code: str | None) -> str | None:
    if code is None:
        return None
    try:
        return validate_lg_code(code)
    except OrgCodeError as exc:
        raise UserError(f"--org: {exc}") from exc


def cmd_import(args: argparse.Namespace) -> int:
    # A big ledger is a million small acyclic objects (cells, rows, the plan) that live until
    # the command ends: the cyclic collector would only walk them again and again. It stays
    # paused until they are freed, when _import returns.
    with paused_gc():
        return _import(args)


def _import(args: argparse.Namespace) -> int:
    source = existing_file(args.file)
    owner = _org(args.org)
    try:
        mapping = load_mapping(args.mapping) if args.mapping else None
        with Database.open(existing_file(args.db)) as db:
            author = db.site_org or owner
            if not author:
                raise UserError(f"{args.db}: 団体が分かりません。--org を指定してください (give --org)")
            show = not args.json and sys.stderr.isatty()
            plan = plan_import(db, source, owner=owner or author, sheet=args.sheet, sector=args.sector,
                               mapping=mapping, progress=progress_printer(show))
            result = None
            if not args.dry_run:
                ctx = ChangeContext(db, author, source=f"ledger import {source.name}")
                result = apply_plan(db, plan, ctx, progress=progress_printer(show))
            if show:
                print(file=sys.stderr)
    except ImportCancelled as exc:
        raise UserError(str(exc)) from exc
    except LedgerError as exc:
        raise UserError(str(exc)) from exc
    if args.errors and plan.errors:
        write_error_report(plan.errors, args.errors)
    summary = plan.summary()
    summary["dry_run"] = bool(args.dry_run)
    summary["backup"] = str(result.backup) if result and result.backup else None
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        verb = "確認のみ (dry run, nothing written)" if args.dry_run else "取り込みました (imported)"
        measures = summary["measures"]
        print(f"{source.name}: 新規 {summary['new']} / 更新 {summary['updated']} / "
              f"変更なし {summary['unchanged']}"
              f" / 失敗 {summary['failed']} 行, 点検 {summary['inspections']} 件"
              f", 措置 新規 {measures['new']} / 更新 {measures['updated']} / 変更なし {measures['unchanged']}"
              f" — {verb}")
        for e in plan.errors[:SHOWN_ERRORS]:
            print(f"  {e}")
        if len(plan.errors) > SHOWN_ERRORS:
            print(f"  ... ほか {len(plan.errors) - SHOWN_ERRORS} 件 "
                  "(--errors FILE.xlsx で全件を保存できます)")
        if summary["backup"]:
            print(f"バックアップ (backup): {summary['backup']}")
    return EXIT_FAILED if plan.failed_rows else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    owner = _org(args.org)
    out = Path(args.file)
    try:
        with Database.open(existing_file(args.db), readonly=True, lock=False) as db:
            result = export_ledger(db, out, org=owner, sector=args.sector, encoding=args.encoding,
                                   layout=args.layout)
    except LedgerError as exc:
        raise UserError(str(exc)) from exc
    if args.json:
        print(json.dumps({"files": [str(f) for f in result.files], "assets": result.assets,
                          "inspections": result.inspections, "measures": result.measures},
                         ensure_ascii=False, indent=2))
    else:
        print(f"{', '.join(str(f) for f in result.files)}: 施設 {result.assets} / 点検 {result.inspections}"
              f" / 措置 {result.measures} を書き出しました (exported)")
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace) -> int:
    try:
        surveys = survey_file(existing_file(args.file), args.sheet)
    except LedgerError as exc:
        raise UserError(str(exc)) from exc
    for survey in surveys:
        if survey.suggested is None:
            continue
        mapping = survey.suggested
        mapping.name = f"{Path(args.file).stem} / {survey.name}"
        mapping.sheet = survey.name if len(surveys) > 1 else None
        if args.save:
            mapping.save(args.save)
            print(f"{args.save}: 対応表を保存しました (mapping saved)", file=sys.stderr)
        print(mapping.to_json())
        return EXIT_OK
    raise UserError(f"{args.file}: 見出し行が見つかりません (no header row with known column names)")


def add_commands(sub: argparse._SubParsersAction) -> None:
    ledger = sub.add_parser("ledger", help="Excel/CSV 台帳の取込・書き出し (import/export ledgers)")
    verbs = ledger.add_subparsers(dest="ledger_command", metavar="VERB", required=True)

    imp = verbs.add_parser("import", help="取込 (import a ledger: .xlsx, .xls, .csv)")
    imp.add_argument("db")
    imp.add_argument("file")
    imp.add_argument("--org", help="owner of the rows: 全国地方公共団体コード (default: the file's own)")
    imp.add_argument("--sheet", help="only this sheet")
    imp.add_argument("--sector", help="sector of the rows (road, sewer, park, river, other)")
    imp.add_argument("--mapping", help="column mapping JSON file (see docs/ledger.md)")
    imp.add_argument("--dry-run", action="store_true", help="preview only: write nothing")
    imp.add_argument("--errors", help="save the row-level error report (.xlsx or .csv)")
    imp.add_argument("--json", action="store_true", help="machine-readable output")
    imp.set_defaults(handler=cmd_import)

    exp = verbs.add_parser("export", help="書き出し (export the register, history, measures)")
    exp.add_argument("db")
    exp.add_argument("file", help=".xlsx (three sheets) or .csv (plus _点検履歴.csv and _措置.csv)")
    exp.add_argument("--org", help="only this owner's assets")
    exp.add_argument("--sector", help="only this sector (road, sewer, park, river, other)")
    exp.add_argument("--encoding", choices=ENCODINGS, default="cp932", help="CSV encoding (default cp932)")
    exp.add_argument("--layout", choices=("register", "plan"), default="register",
                     help="register (台帳・点検履歴・措置) or plan (個別施設計画の施設一覧表)")
    exp.add_argument("--json", action="store_true", help="machine-readable output")
    exp.set_defaults(handler=cmd_export)

    sug = verbs.add_parser("suggest", help="列の対応表を提案 (suggest a column mapping JSON)")
    sug.add_argument("file")
    sug.add_argument("--sheet")
    sug.add_argument("--save", help="write the mapping to this JSON file")
    sug.set_defaults(handler=cmd_suggest)
