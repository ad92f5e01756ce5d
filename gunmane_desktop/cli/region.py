"""Verbs about a whole file: ``demo``, ``init``, ``info`` and ``check``."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from ..core.catalogue import default_catalogue
from ..core.organisations import Organisation, OrgCodeError, OrgKind, is_prefecture_code, validate_lg_code
from ..core.wareki import format_fiscal_year
from ..storage.checks import run_checks
from ..storage.database import Database
from ..storage.site_file import create_site_file
from ..storage.summary import summarise
from .common import EXIT_FAILED, EXIT_OK, UserError, existing_file, progress_printer


def cmd_demo(args: argparse.Namespace) -> int:
    from ..contracts.demo import make_demo_region  # the generator loads only for this verb
    from ..demo import generate_region

    out = Path(args.out)
    if out.exists():
        raise UserError(f"{out}: ファイルが既にあります。別の名前を指定してください (already exists)")
    for name in ("towns", "assets_per_town", "inspections_per_asset"):
        value = getattr(args, name)
        if value is not None and value < 1:
            raise UserError(f"--{name.replace('_', '-')}: 1 以上を指定してください (must be >= 1)")
    if args.towns is None and args.assets_per_town is None and args.inspections_per_asset is None:
        summary = make_demo_region(out, seed=args.seed, progress=progress_printer())
    else:  # scale mode (benchmarks): stock and history only
        summary = generate_region(out, towns=args.towns, assets_per_town=args.assets_per_town,
                                  inspections_per_asset=args.inspections_per_asset,
                                  seed=args.seed, progress=progress_printer())
    print(file=sys.stderr)
    print(f"{out}: {summary.organisations} organisations, {summary.assets} assets, "
          f"{summary.inspections} inspections, {summary.measures} measures "
          f"({summary.seconds:.1f} s)")
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    try:
        code = validate_lg_code(args.org)
        lead = validate_lg_code(args.lead) if args.lead else None
    except OrgCodeError as exc:
        raise UserError(f"--org/--lead: {exc}") from exc
    kind = OrgKind.PREFECTURE if is_prefecture_code(code) else OrgKind.MUNICIPALITY
    org = Organisation(code=code, kind=kind, name=args.name.strip() or "?", lead_code=lead)
    create_site_file(args.db, org, source="cli init")
    print(f"{args.db}: {org.name} ({code}) のファイルを作成しました (created)")
    return EXIT_OK


def _pad(text: str, width: int) -> str:
    """Left-justify for a terminal, counting full-width characters as two columns."""
    used = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(0, width - used)


def _print_info(info: dict) -> None:
    cat = default_catalogue()
    print(f"ファイル: {info['file']}  (スキーマ {info['schema_version']})")
    print(f"団体 {info['organisations']} / 施設 {info['assets']:,} (廃止 {info['retired_assets']:,}) / "
          f"点検 {info['inspections']:,} / 措置 {info['measures']:,}")
    print(f"{format_fiscal_year(info['fiscal_year'])}: 点検予定 {info['inspections_due_this_fy']:,} 件, "
          f"期限超過・未点検 {info['inspections_overdue']:,} 件")
    act = info["action_required"]
    if act["assets"]:
        print(f"措置が必要な施設 {act['assets']:,} 件: 着手 {act['measure_started'] / act['assets']:.0%}, "
              f"完了 {act['measure_completed'] / act['assets']:.0%}")
    for org in info["by_org"]:
        print(f"\n{org['name']} ({org['org']}): 施設 {org['assets']:,}, 点検 {org['inspections']:,}, "
              f"措置 {org['measures']:,}")
        for type_id, t in sorted(org["by_type"].items(), key=lambda kv: -kv[1]["assets"]):
            asset_type = cat.asset_type(type_id)
            scale = cat.scale(asset_type.scale)
            grades = " ".join(f"{scale.grade(g).symbol}:{n}" for g, n in
                              sorted(t["grades"].items(), key=lambda kv: scale.grade(kv[0]).severity))
            print(f"  {_pad(asset_type.name_ja, 26)}{t['assets']:>8,}  {grades}  未点検:{t['uninspected']}"
                  f"  架設年不明:{t['built_year_unknown']}")


def cmd_info(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db), readonly=True, lock=False) as db:
        info = summarise(db)
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
    else:
        _print_info(info)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db), readonly=True, lock=False, quick_check=False) as db:
        results = run_checks(db)
    ok = all(r.ok for r in results)
    if args.json:
        print(json.dumps({"ok": ok, "checks": [r.__dict__ for r in results]}, ensure_ascii=False,
                         indent=2))
    else:
        for r in results:
            print(f"{'OK ' if r.ok else 'NG '} {r.name}: {r.detail}")
            for example in r.examples:
                print(f"      {example}")
        print("問題はありません (all checks passed)" if ok else "問題があります (some checks failed)")
    return EXIT_OK if ok else EXIT_FAILED


def add_commands(sub: argparse._SubParsersAction) -> None:
    demo = sub.add_parser("demo", help="generate a demo region (デモ地域を作成)")
    demo.add_argument("out", help="new database file to write")
    demo.add_argument("--towns", type=int, help="number of towns (scale mode)")
    demo.add_argument("--assets-per-town", type=int, help="assets per town (scale mode)")
    demo.add_argument("--inspections-per-asset", type=int, help="inspections per asset (scale mode)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (default 2026)")
    demo.set_defaults(handler=cmd_demo)

    init = sub.add_parser("init", help="create a new file for an organisation (新規作成)")
    init.add_argument("db", help="new database file")
    init.add_argument("--org", required=True, help="全国地方公共団体コード (6 digits)")
    init.add_argument("--name", required=True, help="organisation name, e.g. 〇〇町")
    init.add_argument("--lead", help="code of the lead (prefecture or lead town) it exchanges with")
    init.set_defaults(handler=cmd_init)

    info = sub.add_parser("info", help="what the file holds (件数)")
    info.add_argument("db")
    info.add_argument("--json", action="store_true", help="machine-readable output")
    info.set_defaults(handler=cmd_info)

    check = sub.add_parser("check", help="check the file (整合性チェック); exit 0 only when sound")
    check.add_argument("db")
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.set_defaults(handler=cmd_check)
