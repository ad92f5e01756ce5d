"""Import: validate, classify, preview, then apply in one transaction with its undo record.

``import_package`` is the one entry point (CLI and GUI). The package is validated in
isolation first (validate.py); only then is the local file touched. The write transaction
is taken before classifying, so the preview that is applied is exactly the one computed.
A package that changes nothing (a re-import) writes nothing at all: no backup, no log.
Every applied row gets an audit entry naming the package and its sender, holding the row
as it was (the pre-image ``undo_last_import`` writes back: import_undo.py); conflicts keep
the local row and store both images; asset_status is refreshed for touched assets. A
whole-file backup is taken first only when the file has none from the last day.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.versions import HybridLogicalClock
from ..storage.backups import daily_backup_due, prune_backups, take_backup
from ..storage.database import Database, utc_now
from ..storage.search_index import deferred_search_index
from ..storage.status import refresh_asset_status
from . import import_undo, merge
from .classify import Preview, classify
from .package import REGION, PackageError
from .parts import check_set, missing_parts
from .peers import Peers
from .photos import (
    hold_back,
    missing_after_import,
    missing_in_file,
    not_received,
    photos_to_receive,
    store_photos,
)
from .tables import PERSONAL_COLUMNS, PERSONAL_DATA, SyncTable, sync_tables
from .validate import ValidatedPackage, validate_package


class ImportRefused(Exception):
    """A valid package that this file must not take (wrong recipient, own package)."""


@dataclass
class ImportResult:
    preview: Preview
    applied: bool
    dry_run: bool
    backup: Path | None = None
    touched_assets: int = 0
    notes: list[str] = field(default_factory=list)
    photos_received: int = 0  # photos stored (new, or filling a placeholder)
    photos_missing: int = 0  # photos rows of this file name and it has not received yet

    def to_json(self) -> dict:
        return {**self.preview.totals(),
                "rejections": [{"table": r.table, "id": r.id, "owner": r.owner, "reason": r.reason}
                               for r in self.preview.rejections],
                "by_org": self.preview.by_org, "by_table": self.preview.by_table,
                "sender": self.preview.sender, "package": self.preview.package,
                "applied": self.applied, "dry_run": self.dry_run,
                "photos_received": self.photos_received, "photos_missing": self.photos_missing,
                "merged": merge.merged_count(self.preview),
                "backup": str(self.backup) if self.backup else None}


Progress = Callable[[float, str], None]
#: Above this many new rows in one table, they get one audit entry together (see _apply_table).
BULK_AUDIT = 1_000


def import_package(db: Database, package: Path | str, *, dry_run: bool = False,
                   validated: ValidatedPackage | None = None,
                   progress: Progress | None = None) -> ImportResult:
    """Validate ``package`` and merge it into ``db``; with ``dry_run`` only the preview.

    A GUI validates once (``validate_package`` into a folder it keeps), shows the dry-run
    preview, and on confirmation calls again with the same ``validated`` package.
    """
    with tempfile.TemporaryDirectory(prefix="gunmane-import-") as tmp:
        pkg = validated or validate_package(package, Path(tmp) / "pkg")
        return _import_validated(db, pkg, dry_run=dry_run, progress=progress)


def check_addressed(pkg: ValidatedPackage, site: str | None, db_path: Path) -> str:
    """Refuse a package this file must not take; return the site organisation."""
    m = pkg.manifest
    if not site:
        raise ImportRefused(f"{db_path}: このファイルの団体 (site_org) が未設定です (no site organisation)")
    if m.sender == site:
        raise ImportRefused(f"{pkg.path}: このファイル自身が作ったパッケージです (package was made by this "
                            "organisation)")
    if m.recipient not in (site, REGION):
        raise ImportRefused(f"{pkg.path}: 宛先は {m.recipient} で、このファイル ({site}) ではありません "
                            "(package is addressed to another organisation)")
    return site


def _import_validated(db: Database, pkg: ValidatedPackage, *, dry_run: bool,
                      progress: Progress | None) -> ImportResult:
    m = pkg.manifest
    site = check_addressed(pkg, db.site_org, db.path)
    report = progress or (lambda fraction, message: None)
    conn = db.conn
    # Classification reads the untrusted package with the schema untrusted. The package's
    # schema was compared exactly with ours (no triggers, views or virtual tables), so the
    # writes may run trusted: this file's own triggers (e.g. the register's search index, a
    # virtual table) need it. The connection gets its setting back afterwards.
    trusted = conn.execute("PRAGMA trusted_schema").fetchone()[0]
    conn.execute("PRAGMA trusted_schema = OFF")
    conn.execute("ATTACH DATABASE ? AS pkg", (str(pkg.database),))
    try:
        # A read transaction: the backup can be taken inside it (it sees the same snapshot)
        # and the first write upgrades it; the instance lock keeps other writers out.
        conn.execute("BEGIN")
        try:
            report(0.1, "分類中 (classifying)")
            preview = classify(conn, site=site, sender=m.sender, package=pkg.name)
            merge.plan_merges(conn, preview)  # conflicts of different fields merge (merge.py)
            peers = Peers(db)
            before = peers.get(m.sender)
            received, acked = peers.received_update(m.sender, m.since, m.upto, m.ack, site)
            received = _photo_acknowledgement(conn, pkg, before.received, received)
            state_changes = received != before.received or acked != before.acked
            photos = photos_to_receive(conn, pkg.attachments)
            if dry_run or not (preview.writes or state_changes or photos):
                missing = not_received(conn)
                notes = _notes(conn, pkg, missing)
                conn.execute("ROLLBACK")
                return ImportResult(preview, applied=False, dry_run=dry_run, photos_received=photos,
                                    photos_missing=missing, notes=notes)
            conn.execute(f"PRAGMA trusted_schema = {int(trusted)}")
            backup = None
            if daily_backup_due(db.path):  # undo needs none; this is the day's safety copy
                report(0.4, "バックアップ中 (backing up)")
                backup = take_backup(db, "before-sync-import", prune=False)
            report(0.6, "書き込み中 (applying)")
            undo = import_undo.capture(conn, m.sender)
            with deferred_search_index(conn):
                touched, photos = _apply(conn, pkg, site)
            undo = import_undo.finish(conn, undo)
            missing = not_received(conn)
            peers.record_received(m.sender, pkg.name, utc_now(), received, acked)
            _observe_clock(db)
            audit_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
            conn.execute("INSERT INTO sync_imports (package, package_id, sender, imported_at, backup_path, "
                         "audit_seq, counts) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (pkg.name, m.package_id, m.sender, utc_now(), str(backup or ""), audit_seq,
                          json.dumps({**preview.totals(), "undo": undo})))
            conn.execute("COMMIT")
            notes = _notes(conn, pkg, missing)
            report(1.0, "完了 (done)")
            if backup is not None:
                with contextlib.suppress(OSError):  # an old backup we cannot delete is no failure
                    prune_backups(db.path)
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    except sqlite3.Error as exc:
        raise PackageError(pkg.path, f"取り込めません。ファイルは変更されていません (import failed, nothing "
                                     f"was changed: {exc})") from exc
    finally:
        for name in [f"cls_{t.name}" for t in sync_tables()] + [f"cls_{PERSONAL_DATA}", "eff_orgs",
                                                                 "eff_delegations", "merge_plan"]:
            conn.execute(f"DROP TABLE IF EXISTS temp.{name}")
        conn.execute("DETACH DATABASE pkg")
        conn.execute(f"PRAGMA trusted_schema = {int(trusted)}")
    return ImportResult(preview, applied=True, dry_run=False, backup=backup, touched_assets=touched,
                        photos_received=photos, photos_missing=missing, notes=notes)


def import_parts(db: Database, packages: list[Path | str], *, dry_run: bool = False) -> list[ImportResult]:
    """Import several parts of one split export given together (a mail folder).

    Every file is validated, and the set checked (one export, no part twice), before the
    file is touched; then each part is imported on its own, in its own transaction, in the
    order given (any order works, see parts.py).
    """
    with tempfile.TemporaryDirectory(prefix="gunmane-import-") as tmp:
        validated = [validate_package(p, Path(tmp) / f"pkg{i}") for i, p in enumerate(packages)]
        check_set(validated)
        for pkg in validated:
            check_addressed(pkg, db.site_org, db.path)
        return [_import_validated(db, pkg, dry_run=dry_run, progress=None) for pkg in validated]


def _notes(conn: sqlite3.Connection, pkg: ValidatedPackage, missing: int) -> list[str]:
    """What the user should know besides the counts: photos still to come, other parts."""
    m = pkg.manifest
    notes = []
    if not m.photos:
        notes.append("写真なしで送られたパッケージです (sent without photos)")
    if m.part is not None:
        notes.append(f"{m.part['count']} 分割の {m.part['index']} 番目です (part {m.part['index']} of "
                     f"{m.part['count']})")
        others = missing_parts(conn, pkg)
        if others:
            notes.append("まだ取り込んでいない分割ファイル: " + ", ".join(others)
                         + " (parts not imported yet)")
    if missing:
        notes.append(f"写真 {missing:,} 枚が未受信です。写真付きの次のパッケージで届きます "
                     f"({missing:,} photos not received yet)")
    return notes


def _photo_acknowledgement(conn: sqlite3.Connection, pkg: ValidatedPackage, before: dict[str, str],
                           received: dict[str, str]) -> dict[str, str]:
    """The acknowledgement of the sender, held back below rows whose photos are missing.

    A photo part (part 2 or later of a split export, see parts.py) advances the
    acknowledgement only once part 1 of its export is here (it alone holds every row), and
    then is held back by every row of that export's window still missing a photo, so the
    last part to arrive, whichever it is, leaves the acknowledgement of the whole export.
    """
    m = pkg.manifest
    members = set(pkg.attachments)
    if m.part is None or m.part["index"] == 1:
        return hold_back(received, missing_after_import(conn, members))
    part1 = conn.execute("SELECT 1 FROM main.sync_imports WHERE package_id = ?",
                         (m.part["set"],)).fetchone()
    if part1 is None:
        return before
    return hold_back(received, missing_in_file(conn, members) + missing_after_import(conn, members),
                     since=m.since, upto=m.upto)


def _apply(conn: sqlite3.Connection, pkg: ValidatedPackage, site: str) -> tuple[int, int]:
    m = pkg.manifest
    # Photos first (a link names its photo by foreign key); only photos a row not rejected
    # names: a rejected row brings nothing. A photo the package only describes becomes a
    # placeholder, filled by a later package (photos.py).
    photos = store_photos(conn, pkg.attachments)
    source = f"sync {pkg.name}"
    actor = f"{m.sender}:sync"
    clock = HybridLogicalClock(site)
    for t in sync_tables():
        high = conn.execute(f"SELECT max(hlc) FROM temp.cls_{t.name}").fetchone()[0]
        if high:
            clock.observe(high)
    high = conn.execute("SELECT value FROM meta WHERE key = 'hlc_high'").fetchone()
    if high:
        clock.observe(high[0])
    conn.create_function("next_hlc", 0, lambda: str(clock.now()))
    for t in sync_tables():
        _apply_table(conn, t, source, actor, pkg.name, m.sender, site)
    merge.apply_merges(conn, site=site, sender=m.sender, package=pkg.name, actor=actor, source=source)
    _apply_contacts(conn, source, actor, pkg.name, m.sender)
    conn.execute("DROP TABLE IF EXISTS temp.touched_assets")
    conn.execute("CREATE TEMP TABLE touched_assets AS "
                 "SELECT id AS asset_id FROM temp.cls_assets "
                 "WHERE verdict IN ('new', 'fast_forward', 'merge') "
                 "UNION SELECT p.asset_id FROM pkg.inspections p JOIN temp.cls_inspections c ON c.id = p.id "
                 "AND c.verdict IN ('new', 'fast_forward', 'merge') "
                 "UNION SELECT p.asset_id FROM pkg.measures p JOIN temp.cls_measures c ON c.id = p.id "
                 "AND c.verdict IN ('new', 'fast_forward', 'merge')")
    ids = [r[0] for r in conn.execute("SELECT asset_id FROM temp.touched_assets")]
    if ids:  # by id even for a whole town: a full refresh would cost the size of the region
        refresh_asset_status(conn, ids)
    conn.execute("DROP TABLE temp.touched_assets")
    return len(ids), photos


def _apply_table(conn: sqlite3.Connection, t: SyncTable, source: str, actor: str, package: str,
                 sender: str, site: str) -> None:
    n = t.name
    if conn.execute(f"SELECT 1 FROM temp.cls_{n} LIMIT 1").fetchone() is None:
        return
    cols = ", ".join(t.names)
    pcols = ", ".join(f"p.{c}" for c in t.names)
    at = utc_now()
    summary = f"'{package} ({sender}) から取り込み: {n} ' || c.verdict"
    # Many new rows (a town's whole register) get one audit entry per table naming the
    # package, the count and the range of local seq they took, like the demo generator's
    # bulk entry: one entry per new row doubled the rows a full merge writes, for rows that
    # carry their own origin (modified_by, hlc). Changes of existing rows keep an entry each.
    new = conn.execute(f"SELECT count(*) FROM temp.cls_{n} WHERE verdict = 'new'").fetchone()[0]
    bulk = new > BULK_AUDIT
    # Audit first: it reads the verdicts and the local versions before they change. An entry
    # for a row that exists here also holds the whole row as it is (its pre-image), which is
    # what undo_last_import writes back (import_undo.py).
    changes = ("'vv', json_array(c.local_vv, c.vv), 'hlc', json_array(c.local_hlc, c.hlc), "
               "'package', :package, 'sender', :sender")
    conn.execute(
        "INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary) "
        f"SELECT :at, :actor, :source, '{n}', c.id, "
        "CASE WHEN c.verdict = 'new' THEN 'insert' WHEN c.deleted = 1 AND coalesce(c.local_deleted, 0) = 0 "
        "THEN 'tombstone' ELSE 'update' END, "
        f"CASE WHEN c.verdict = 'new' THEN json_object({changes}) "
        f"ELSE json_object({changes}, 'before', json({import_undo.before_image_sql(t)})) END, "
        f"{summary} FROM temp.cls_{n} c "
        f"WHERE c.verdict IN ({import_undo.accepted_verdicts()})" + (" AND c.verdict <> 'new'" * bulk),
        {"at": at, "actor": actor, "source": source, "package": package, "sender": sender})
    first = conn.execute(f"SELECT coalesce(max(seq), 0) + 1 FROM main.{n}").fetchone()[0]
    conn.execute(f"INSERT INTO main.{n} ({cols}) SELECT {pcols} FROM pkg.{n} p "
                 f"JOIN temp.cls_{n} c ON c.id = p.id WHERE c.verdict = 'new'")
    if bulk:
        last = conn.execute(f"SELECT max(seq) FROM main.{n}").fetchone()[0]
        owners = dict(conn.execute(f"SELECT owner, count(*) FROM temp.cls_{n} WHERE verdict = 'new' "
                                   "GROUP BY owner ORDER BY owner").fetchall())
        conn.execute(
            "INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary) "
            f"VALUES (?, ?, ?, '{n}', '*', 'insert', ?, ?)",
            (at, actor, source, json.dumps({"package": package, "sender": sender, "count": new,
                                            "seq": [first, last], "owners": owners}, sort_keys=True),
             f"{package} ({sender}) から取り込み: {n} new {new:,} 件 (seq {first}–{last})"))
    if n == "organisations":
        sets = ", ".join(f"{c} = p.{c}" for c in t.names)
        conn.execute(f"UPDATE main.organisations SET {sets} FROM pkg.organisations p "
                     "JOIN temp.cls_organisations c ON c.id = p.id "
                     "WHERE c.verdict = 'adopt' AND main.organisations.code = p.code")
    # Append-only rows may only change their tombstone flag and stamps (the trigger agrees).
    changing = ("deleted", "vv", "hlc", "modified_at", "modified_by") if t.append_only else \
        tuple(c for c in t.names if c != "id")
    sets = ", ".join(f"{c} = p.{c}" for c in changing)
    conn.execute(f"UPDATE main.{n} SET {sets} FROM pkg.{n} p JOIN temp.cls_{n} c ON c.id = p.id "
                 f"WHERE c.verdict = 'fast_forward' AND main.{n}.id = p.id")
    # Same content, concurrent vectors: join them under a fresh stamp of this site, so the
    # join is a new version that incremental exports carry back (see classify).
    conn.execute(f"UPDATE main.{n} SET vv = vv_merge(main.{n}.vv, p.vv), hlc = next_hlc(), "
                 f"modified_at = :at, modified_by = :by FROM pkg.{n} p JOIN temp.cls_{n} c ON c.id = p.id "
                 f"WHERE c.verdict = 'merge' AND main.{n}.id = p.id", {"at": at, "by": f"{site}:sync"})
    conn.execute(f"UPDATE main.{n} SET hlc = p.hlc, modified_at = p.modified_at, modified_by = p.modified_by "
                 f"FROM pkg.{n} p JOIN temp.cls_{n} c ON c.id = p.id "
                 f"WHERE c.verdict = 'restamp' AND main.{n}.id = p.id")
    image = lambda alias: "json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in t.names) + ")"  # noqa: E731
    conn.execute(
        "INSERT INTO sync_conflicts (table_name, row_id, owner, local_vv, remote_vv, local_image, "
        "remote_image, package, sender, created_at) "
        f"SELECT '{n}', p.id, p.owner, l.vv, p.vv, {image('l')}, {image('p')}, :package, :sender, :at "
        f"FROM pkg.{n} p JOIN temp.cls_{n} c ON c.id = p.id JOIN main.{n} l ON l.id = p.id "
        "WHERE c.verdict = 'conflict'", {"package": package, "sender": sender, "at": at})
    # An open conflict whose remote version the row has now seen is closed: this is how a
    # resolution made at the other side closes the mirrored conflict here.
    conn.execute(
        "UPDATE sync_conflicts SET status = 'superseded', resolved_at = :at, "
        "resolution = 'a later version arrived from ' || :sender "
        f"WHERE status = 'open' AND table_name = '{n}' AND row_id IN "
        f"(SELECT id FROM temp.cls_{n} WHERE verdict IN ('fast_forward', 'merge', 'restamp', 'conflict')) "
        f"AND (vv_order(remote_vv, (SELECT vv FROM main.{n} WHERE id = row_id)) IN ('equal', 'before') "
        f"OR vv_order(remote_vv, (SELECT vv FROM temp.cls_{n} WHERE id = row_id AND verdict = 'conflict')) "
        "= 'before')", {"at": at, "sender": sender})


def _apply_contacts(conn: sqlite3.Connection, source: str, actor: str, package: str, sender: str) -> None:
    """Residents' contacts sent on explicit request: new ones only; the audit entry names
    the request, never the person."""
    n = PERSONAL_DATA
    cols = ", ".join(PERSONAL_COLUMNS)
    conn.execute(
        "INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary) "
        f"SELECT :at, :actor, :source, '{n}', c.id, 'insert', "
        "json_object('package', :package, 'sender', :sender), "
        "'' || :package || ' (' || :sender || ') から通報者の連絡先を取り込み (個人情報)' "
        f"FROM temp.cls_{n} c WHERE c.verdict = 'new'",
        {"at": utc_now(), "actor": actor, "source": source, "package": package, "sender": sender})
    conn.execute(f"INSERT INTO main.{n} ({cols}) SELECT {', '.join(f'p.{c}' for c in PERSONAL_COLUMNS)} "
                 f"FROM pkg.{n} p JOIN temp.cls_{n} c ON c.id = p.request_id WHERE c.verdict = 'new'")


def _observe_clock(db: Database) -> None:
    """Keep the local clock ahead of every stamp received (ChangeContext reads hlc_high).

    The stamps are those of the rows the package named, as they are now: the incoming
    stamp where the row was taken as it came, the local one where the local row stayed,
    and (read back from the table) the fresh stamp of a row this site joined or merged.
    Reading the verdict tables, not joining them to the local tables, keeps this in
    proportion to the package.
    """
    high = db.meta("hlc_high") or ""
    taken = "('new', 'adopt', 'fast_forward', 'restamp')"
    kept = "('identical', 'stale', 'held', 'conflict', 'rejected')"
    for t in sync_tables():
        n = t.name
        row = db.conn.execute(
            f"SELECT max(coalesce((SELECT max(hlc) FROM temp.cls_{n} WHERE verdict IN {taken}), ''), "
            f"coalesce((SELECT max(local_hlc) FROM temp.cls_{n} WHERE verdict IN {kept}), ''), "
            f"coalesce((SELECT max((SELECT m.hlc FROM main.{n} m WHERE m.id = c.id)) FROM temp.cls_{n} c "
            f"WHERE c.verdict NOT IN {taken} AND c.verdict NOT IN {kept}), ''))").fetchone()
        if row[0] and row[0] > high:
            high = row[0]
    if high:
        db.set_meta("hlc_high", high)


def undo_last_import(db: Database, *, force: bool = False) -> dict:
    """Put the file back as it was before the last import.

    From the pre-images the import saved (import_undo.py); an import recorded before those
    existed is restored from its backup file. Refused when changes were made after the
    import, unless ``force``: then rows the import wrote go back to their earlier content
    (a later edit of them is lost) and the rows it inserted are deleted.
    """
    row = db.conn.execute("SELECT * FROM sync_imports ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None:
        raise ImportRefused(f"{db.path}: 取り消せる取り込みがありません (no import to undo)")
    undo = json.loads(row["counts"] or "{}").get("undo")
    backup = Path(row["backup_path"]) if row["backup_path"] else None
    if undo is None and (backup is None or not backup.exists()):
        raise ImportRefused(f"{backup}: バックアップが見つかりません (backup of the last import is missing)")
    latest = db.conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]
    if latest != row["audit_seq"] and not force:
        raise ImportRefused(f"{db.path}: 取り込み後に変更があります。取り消すとその変更も失われます "
                            "(changes were made after the import; use --force to undo anyway)")
    out = {"package": row["package"], "sender": row["sender"], "imported_at": row["imported_at"],
           "backup": str(backup) if backup else None}
    if undo is not None:
        try:
            import_undo.undo_from_record(db, row, undo)
        except sqlite3.IntegrityError as exc:  # a later change depends on a row of the import
            if db.conn.in_transaction:  # a deferred foreign key fails at COMMIT, which stays open
                db.conn.execute("ROLLBACK")
            raise ImportRefused(f"{db.path}: 取り込み後の変更がこの取り込みの行を参照しているため"
                                f"取り消せません (a later change depends on rows of this import: "
                                f"{exc})") from exc
        return out
    assert backup is not None
    source = sqlite3.connect(backup)
    try:
        source.backup(db.conn)
    finally:
        source.close()
    return out
