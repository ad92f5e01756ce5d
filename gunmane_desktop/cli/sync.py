"""Verbs of the regional exchange: ``sync export|import|status|conflicts|resolve|undo``.

``import`` validates the package before it opens the database at all, so a package that
fails validation exits 2 with one line and leaves the file byte-for-byte unchanged.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from ..storage.changes import ChangeContext
from ..storage.database import Database
from ..storage.errors import StorageError
from ..sync import (
    ConflictError,
    ExportError,
    ImportRefused,
    PackageError,
    export_package,
    import_package,
    list_conflicts,
    resolve,
    undo_last_import,
    validate_package,
)
from ..sync.apply import check_addressed, import_parts
from ..sync.export import pending_rows
from ..sync.merge import merged_count
from ..sync.parts import DEFAULT_MAX_MB, MB
from ..sync.peers import Peers
from .common import EXIT_OK, UserError, existing_file


def _print_json(data: object) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


def cmd_export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists():
        raise UserError(f"{out}: ファイルが既にあります (already exists; not overwritten)")
    if args.max_size is not None and any(out.parent.glob(f"{out.stem}.part*of*{out.suffix}")):
        raise UserError(f"{out.parent / (out.stem + '.part*' + out.suffix)}: 分割ファイルが既にあります "
                        "(parts already exist; not overwritten)")
    with Database.open(existing_file(args.db)) as db:
        to = None if args.region else args.to
        if not args.region and not to:
            # Without --to or --region a package goes to this organisation's lead.
            row = db.conn.execute("SELECT lead_code FROM organisations WHERE code = ? AND deleted = 0",
                                  (db.site_org,)).fetchone()
            if not row or not row[0]:
                raise UserError(f"{args.db}: 宛先を --to CODE か --region で指定してください "
                                "(no lead organisation to send to)")
            to = row[0]
        if args.include_personal_data:
            print("警告: 住民の個人情報 (通報者の氏名・電話番号・住所) をパッケージに含めます。"
                  "受け取る団体との取り決めを確認してください (warning: the package includes residents' "
                  "personal data)", file=sys.stderr)
        max_bytes = None if args.max_size is None else int(args.max_size * MB)
        if max_bytes is not None and max_bytes < MB // 10:
            raise UserError("--max-size は 0.1 MB 以上にしてください (--max-size must be at least 0.1 MB)")
        try:
            result = export_package(db, out, to=to, full=args.full,
                                    include_personal_data=args.include_personal_data,
                                    photos=not args.no_photos, max_bytes=max_bytes)
        except ExportError as exc:
            raise UserError(str(exc)) from exc
    m = result.manifest
    for f in result.oversize:
        print(f"警告: {f.name} は {f.stat().st_size / MB:.1f} MB で上限 {args.max_size:g} MB を超えています。"
              "これ以上分けられません (1 枚の写真か行だけで上限を超えます) (warning: over the size limit "
              "and cannot be split further)", file=sys.stderr)
    if args.json:
        _print_json({"file": str(result.path), "files": [str(f) for f in result.files],
                     "split": len(result.files) > 1,
                     "sizes": [f.stat().st_size for f in result.files],
                     "oversize": [str(f) for f in result.oversize], "photos": m.photos,
                     "sender": m.sender, "recipient": m.recipient, "full": m.full,
                     "counts": m.counts, "rows": result.rows, "package_id": m.package_id})
    else:
        print(f"{result.path}: {m.sender} → {m.recipient}, {result.rows:,} 行"
              f"{' (全件 full)' if m.full else ' (差分 incremental)'}"
              f"{'、写真なし (no photos)' if not m.photos else ''}")
        if len(result.files) > 1:
            print(f"{len(result.files)} 分割 (parts): " + ", ".join(
                f"{f.name} ({f.stat().st_size / MB:.1f} MB)" for f in result.files))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    if len(args.package) > 1:
        return _import_parts(args)
    args.package = args.package[0]
    db_path = existing_file(args.db)
    with tempfile.TemporaryDirectory(prefix="gunmane-import-") as tmp:
        try:
            validated = validate_package(args.package, Path(tmp) / "pkg")
        except PackageError as exc:
            raise UserError(str(exc)) from exc
        # Refuse a misaddressed package before the file is opened for writing at all.
        try:
            with Database.open(db_path, readonly=True, lock=False) as probe:
                site = probe.site_org
        except StorageError:
            site = None  # an older schema: the writable open below upgrades it first
        if site is not None:
            try:
                check_addressed(validated, site, db_path)
            except ImportRefused as exc:
                raise UserError(str(exc)) from exc
        with Database.open(db_path) as db:
            try:
                result = import_package(db, validated.path, dry_run=args.dry_run, validated=validated)
            except (ImportRefused, PackageError) as exc:
                raise UserError(str(exc)) from exc
    if args.json:
        _print_json(result.to_json())
        return EXIT_OK
    totals = result.preview.totals()
    print(f"{validated.path.name} ({result.preview.sender}): 新規 {totals['new']:,} / "
          f"更新 {totals['updated']:,} / "
          f"変更なし {totals['unchanged']:,} / 競合 {totals['conflicts']:,} / 却下 {totals['rejected']:,}")
    merged = merged_count(result.preview)  # also in --json as "merged"
    if merged:
        print(f"  更新のうち {merged:,} 行は双方が別々の項目を変えていたため自動で統合 "
              f"({merged:,} concurrent edits of different fields merged)")
    for org, tables in sorted(result.preview.by_org.items()):
        parts = ", ".join(f"{t} " + " ".join(f"{v}:{n}" for v, n in sorted(c.items()))
                          for t, c in tables.items())
        print(f"  {org}: {parts}")
    for r in result.preview.rejections[:50]:
        print(f"  却下 {r.table} {r.id}: {r.reason}")
    if len(result.preview.rejections) > 50:
        print(f"  ... 他 {len(result.preview.rejections) - 50} 件 (use --json for all)")
    for note in result.notes:
        print(f"  {note}")
    if args.dry_run:
        print("確認のみ: 何も書き込んでいません (dry run: nothing written)")
    elif result.applied:
        print(f"取り込みました。バックアップ: {result.backup} (imported; backup taken)" if result.backup else
              "取り込みました。`gunmane sync undo` で取り消せます (imported; can be undone)")
    else:
        print("新しい内容はありません。何も変更していません (nothing new; nothing changed)")
    return EXIT_OK


def _import_parts(args: argparse.Namespace) -> int:
    """Several parts of one split export at once: all checked before any is applied."""
    db_path = existing_file(args.db)
    with Database.open(db_path) as db:
        try:
            results = import_parts(db, args.package, dry_run=args.dry_run)
        except (ImportRefused, PackageError) as exc:
            raise UserError(str(exc)) from exc
    if args.json:
        _print_json([r.to_json() for r in results])
        return EXIT_OK
    for path, result in zip(args.package, results, strict=True):
        totals = result.preview.totals()
        print(f"{Path(path).name}: 新規 {totals['new']:,} / 更新 {totals['updated']:,} / "
              f"変更なし {totals['unchanged']:,} / 競合 {totals['conflicts']:,} / 却下 {totals['rejected']:,}"
              f" / 写真 {result.photos_received:,}")
    for note in results[-1].notes:
        print(f"  {note}")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db)) as db:
        peers = [{"peer": p.peer, "last_sent_at": p.last_sent_at, "last_sent_file": p.last_sent_file,
                  "last_received_at": p.last_received_at, "last_received_file": p.last_received_file,
                  "pending": pending_rows(db, p.peer)} for p in Peers(db).all()]
        conflicts = len(list_conflicts(db))
        last = db.conn.execute("SELECT package, sender, imported_at FROM sync_imports "
                               "ORDER BY seq DESC LIMIT 1").fetchone()
        site = db.site_org
    data = {"site_org": site, "peers": peers, "open_conflicts": conflicts,
            "last_import": dict(last) if last else None}
    if args.json:
        _print_json(data)
        return EXIT_OK
    print(f"団体 {site}: 未解決の競合 {conflicts} 件")
    for p in peers:
        print(f"  {p['peer']}: 最終送信 {p['last_sent_at'] or '-'} / "
              f"最終受信 {p['last_received_at'] or '-'} / "
              f"未送信 {p['pending']:,} 行")
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db)) as db:
        conflicts = list_conflicts(db)
    if args.json:
        _print_json([c.to_json() for c in conflicts])
        return EXIT_OK
    if not conflicts:
        print("未解決の競合はありません (no open conflicts)")
    for c in conflicts:
        print(f"[{c.seq}] {c.table} {c.row_id} (所有 {c.owner}, 送信元 {c.sender}, {c.package})")
        for name in c.differing_fields():
            print(f"    {name}: ローカル {c.local.get(name)!r} / 受信 {c.remote.get(name)!r}")
    return EXIT_OK


def cmd_resolve(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db)) as db:
        site = db.site_org
        if not site:
            raise UserError(f"{args.db}: このファイルの団体 (site_org) が未設定です")
        edits = {}
        for item in args.set or ():
            field, sep, value = item.partition("=")
            if not sep:
                raise UserError(f"--set {item}: FIELD=VALUE の形で指定してください (use FIELD=VALUE)")
            edits[field.strip()] = value
        try:
            out = resolve(ChangeContext(db, site, args.user, "cli sync resolve"), args.conflict_id,
                          args.keep, edits)
        except ConflictError as exc:
            raise UserError(str(exc)) from exc
    print(f"競合 {out['conflict']} を解決しました ({args.keep} を採用): {out['table']} {out['row_id']}")
    return EXIT_OK


def cmd_undo(args: argparse.Namespace) -> int:
    with Database.open(existing_file(args.db)) as db:
        try:
            out = undo_last_import(db, force=args.force)
        except ImportRefused as exc:
            raise UserError(str(exc)) from exc
    print(f"{out['package']} ({out['sender']}, {out['imported_at']}) の取り込みを取り消しました (undone)")
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:
    sync = sub.add_parser("sync", help="regional exchange (地域連携: 送受信)")
    verbs = sync.add_subparsers(dest="sync_command", metavar="VERB", required=True)

    export = verbs.add_parser("export", help="write an exchange package (送信用パッケージ)")
    export.add_argument("db")
    export.add_argument("out", help="package file to write (.zip)")
    target = export.add_mutually_exclusive_group()
    target.add_argument("--to", metavar="CODE", help="recipient organisation code (default: the lead)")
    target.add_argument("--region", action="store_true", help="read-only regional snapshot")
    export.add_argument("--full", action="store_true", help="everything, not only what is unacknowledged")
    export.add_argument("--include-personal-data", action="store_true",
                        help="also residents' contacts (name, phone, address) of the requests sent; "
                             "off by default")
    export.add_argument("--no-photos", action="store_true",
                        help="leave photo bytes out (the rows still name them; a later package brings them)")
    export.add_argument("--max-size", type=float, nargs="?", const=DEFAULT_MAX_MB, default=None, metavar="MB",
                        help=f"split into parts of at most MB megabytes for mail (default {DEFAULT_MAX_MB} "
                             "when given without a value; off when not given)")
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=cmd_export)

    imp = verbs.add_parser("import", help="validate, preview and merge a package (取り込み)")
    imp.add_argument("db")
    imp.add_argument("package", nargs="+",
                     help="package file, or several parts of one split export (any order)")
    imp.add_argument("--dry-run", action="store_true", help="show the preview only; write nothing")
    imp.add_argument("--json", action="store_true")
    imp.set_defaults(handler=cmd_import)

    status = verbs.add_parser("status", help="sync log per peer (送受信の状況)")
    status.add_argument("db")
    status.add_argument("--json", action="store_true")
    status.set_defaults(handler=cmd_status)

    conflicts = verbs.add_parser("conflicts", help="open conflicts (競合の一覧)")
    conflicts.add_argument("db")
    conflicts.add_argument("--json", action="store_true")
    conflicts.set_defaults(handler=cmd_conflicts)

    res = verbs.add_parser("resolve", help="resolve a conflict (競合の解決)")
    res.add_argument("db")
    res.add_argument("conflict_id", type=int)
    res.add_argument("--keep", required=True, choices=("local", "remote"))
    res.add_argument("--set", action="append", metavar="FIELD=VALUE",
                     help="edit a field on top of the kept version (an edited merge); repeatable")
    res.add_argument("--user", default="cli", help="who resolves (for the audit trail)")
    res.set_defaults(handler=cmd_resolve)

    undo = verbs.add_parser("undo", help="undo the last import from its backup (取り込みの取り消し)")
    undo.add_argument("db")
    undo.add_argument("--force", action="store_true", help="even if the file changed since")
    undo.set_defaults(handler=cmd_undo)
