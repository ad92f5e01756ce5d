"""Writing a confirmed import plan: a backup first, then one transaction, all or nothing.

The rows go in with bulk statements rather than one repository call each, so 100,000 rows
take seconds, but they carry exactly what the repositories write: the exchange columns
(UUIDv7 id, owner, bumped version vector, HLC stamp, modified_at/by), one human-readable
audit entry per changed asset (its changes as JSON, like AssetRepository.update), the
inspections (append-only; a changed grade is a correction naming the one it supersedes)
and the refreshed derived status. Measures are few (thousands, not hundreds of thousands),
so they go through storage's own MeasureRepository inside the same transaction (it joins an
open one): the same validation, stamps, audit entries and measure state as a GUI edit.
The register's search index is written once for all new assets at the end of the same
transaction (storage.search_index): its per-row trigger cost more than the rows themselves.
For the same reason the new assets' audit entries (one INSERT ... SELECT per chunk of 5,000
rows, from the rows just written) and their derived status (one statement with storage's own
rules) are written by SQL rather than built row by row in Python; within a chunk they come
before the changed assets' entries. Anything going wrong rolls the whole import back.
"""

from __future__ import annotations

import json
import random
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

from ..core import versions
from ..core.catalogue import Catalogue, default_catalogue
from ..core.models import FIELD_LABELS_JA
from ..storage.backups import take_backup
from ..storage.changes import ChangeContext
from ..storage.database import Database, utc_now
from ..storage.measures import MeasureRepository
from ..storage.rowmap import ASSET_FIELDS
from ..storage.search_index import deferred_search_index
from ..storage.status import refresh_asset_status, refresh_status_after
from .errors import Cancel, ImportCancelled, LedgerError, Progress, never_cancel, no_progress, paused_gc
from .preview import NEW, UNCHANGED, ImportPlan, audit_mark, plan_import

SYNC_COLS = ("id", "owner", "vv", "hlc", "deleted", "modified_at", "modified_by")
INSPECTION_COLS = ("asset_id", "inspected_on", "fiscal_year", "scale_id", "grade", "method",
                   "inspector_org", "inspector_name", "findings", "measurements", "supersedes")
_INSERT_ASSET = (f"INSERT INTO assets (seq, {', '.join((*SYNC_COLS, *ASSET_FIELDS))}) "
                 f"VALUES ({', '.join('?' * (1 + len(SYNC_COLS) + len(ASSET_FIELDS)))})")
_UPDATE_ASSET = ("UPDATE assets SET vv = ?, hlc = ?, modified_at = ?, modified_by = ?, "
                 + ", ".join(f"{c} = ?" for c in ASSET_FIELDS) + " WHERE id = ?")
_INSERT_INSPECTION = (f"INSERT INTO inspections ({', '.join((*SYNC_COLS, *INSPECTION_COLS))}) "
                      f"VALUES ({', '.join('?' * (len(SYNC_COLS) + len(INSPECTION_COLS)))})")
_INSERT_AUDIT = ("INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
# The audit entries of a chunk's new assets, from the rows just written: the same summary the
# Python side writes for the others ("台帳取込 FILE 12行目: 橋梁「X橋」を登録、点検 DATE Ⅲ を登録").
# ?5 is a JSON array with an entry per new asset in seq order: its ledger row number, or
# [row, inspection text] for an asset with several inspections, whose order SQL would not keep.
_INSERT_NEW_AUDIT = """
INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary)
SELECT ?1, ?2, ?3, 'assets', a.id, 'insert', '{{}}',
       ?4 || CASE WHEN r.type = 'array' THEN json_extract(r.value, '$[0]') ELSE r.value END || '行目: '
       || coalesce(CASE a.asset_type {types} END, '') || '「' || a.name || '」を登録'
       || CASE WHEN r.type = 'array' THEN json_extract(r.value, '$[1]')
               ELSE coalesce('、点検 ' || i.inspected_on || ' '
                             || coalesce(CASE i.scale_id || ' ' || i.grade {symbols} END, i.grade)
                             || ' を登録', '') END
FROM json_each(?5) r
JOIN assets a ON a.seq = ?6 + 1 + r.key
LEFT JOIN inspections i ON r.type <> 'array' AND i.asset_id = a.id
ORDER BY r.key
"""
CHUNK = 5000
# From this many rows an import switches to bulk mode (see _bulk_mode).
BULK_ROWS = 20_000
# Above this many touched assets one refresh of the whole status table is cheaper.
FULL_REFRESH_AT = 5000


class StalePlanError(LedgerError):
    """The file changed between the preview and the confirmation."""

    def __init__(self) -> None:
        super().__init__("確認の後にファイルが変更されました。もう一度確認してください "
                         "(the database changed since the preview; preview again)")


@dataclass(frozen=True, slots=True)
class ImportResult:
    new: int
    updated: int
    unchanged: int
    failed: int
    inspections: int
    backup: Path | None
    measures: dict[str, int] = field(default_factory=lambda: {"new": 0, "updated": 0, "unchanged": 0})


class _Stamps:
    """Ids and HLC stamps for one import, cheap enough for 100,000 rows.

    Ids come from a UUIDv7 generator seeded once from the OS (not a system call per id).
    HLC stamps share the import's wall-clock millisecond and count up, so each row gets a
    distinct stamp later than any the file has seen; the context's clock then observes the
    last one so later edits sort after the import.
    """

    def __init__(self, ctx: ChangeContext) -> None:
        self._rng = random.Random(secrets.randbits(128))
        self._ms = time.time_ns() // 1_000_000
        self._id_counter = self._rng.getrandbits(11)
        self._head_ms = -1
        self._head = ""
        self._ctx = ctx
        base = ctx.clock.now()
        self._prefix = f"{base.millis:016d}-"
        self._suffix = f"-{base.node}"
        self._counter = base.counter
        self.last = str(base)

    def new_id(self) -> str:
        """A UUIDv7 (RFC 9562) laid out as core.ids.UUID7Generator does, counting up within a ms.

        48 bits of milliseconds, version 7, a 12-bit counter, variant 0b10 and 62 random bits;
        the millisecond part is formatted once per millisecond, not once per id.
        """
        self._id_counter += 1
        if self._id_counter > 0xFFF:
            self._ms += 1
            self._id_counter = 0
        if self._head_ms != self._ms:
            self._head_ms = self._ms
            ms = f"{self._ms:012x}"
            self._head = f"{ms[:8]}-{ms[8:]}-7"
        low = "%016x" % (0x8000000000000000 | self._rng.getrandbits(62))
        return f"{self._head}{self._id_counter:03x}-{low[:4]}-{low[4:]}"

    def hlc(self) -> str:
        self._counter += 1
        self.last = f"{self._prefix}{self._counter:04x}{self._suffix}"
        return self.last

    def finish(self) -> str:
        self._ctx.clock.observe(self.last)
        return str(self._ctx.clock.now())


@contextmanager
def _bulk_mode(db: Database, rows: int) -> Iterator[None]:
    """For a big import: a larger page cache and a rollback journal instead of the WAL.

    In WAL mode every new page is written twice (to the WAL, then by the checkpoint). A
    rollback journal holds only the pages that existed before, which for an import that
    mostly appends is little, and it is just as crash-safe (as storage's demo writer does
    for new files). If another connection keeps the file in WAL mode the switch is refused
    by SQLite and the import simply runs in WAL mode. Both settings are restored afterwards.
    """
    if rows < BULK_ROWS:
        yield
        return
    conn = db.conn
    old_cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    old_mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB
    if old_mode == "wal":
        conn.execute("PRAGMA journal_mode = DELETE")
    try:
        yield
    finally:
        if old_mode == "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute(f"PRAGMA cache_size = {int(old_cache)}")


def _new_audit_statement(type_names: dict[str, str], symbols: dict[tuple[str, str], str]
                         ) -> tuple[str, tuple[str, ...]]:
    """_INSERT_NEW_AUDIT with the catalogue's type names and grade symbols as CASE branches.

    Returns the SQL and the values of its parameters after the six fixed ones.
    """
    n = len(type_names)
    sql = _INSERT_NEW_AUDIT.format(
        types=" ".join(f"WHEN ?{7 + 2 * k} THEN ?{8 + 2 * k}" for k in range(n)),
        symbols=" ".join(f"WHEN ?{7 + 2 * k} THEN ?{8 + 2 * k}" for k in range(n, n + len(symbols))))
    values = [v for pair in type_names.items() for v in pair]
    values += [v for (scale, code), symbol in symbols.items() for v in (f"{scale} {code}", symbol)]
    return sql, tuple(values)


def _inspection_notes(inspections, symbols: dict[tuple[str, str], str]) -> str:
    """The audit summary's part for a row's inspections: "、点検 2023-04-01 Ⅲ を登録" each."""
    return "".join(f"、点検 {i.inspected_on} {symbols.get((i.scale_id, i.grade), i.grade)} "
                   f"{'を訂正' if i.supersedes else 'を登録'}" for i in inspections)


def _describe(name: str, changes: dict[str, tuple[object, object]]) -> str:
    blank = "(空欄)"
    parts = [f"{FIELD_LABELS_JA.get(k, k)}: {o if o not in (None, '') else blank} → "
             f"{n if n not in (None, '') else blank}" for k, (o, n) in changes.items()]
    return f"「{name}」: " + "、".join(parts)


def apply_plan(db: Database, plan: ImportPlan, ctx: ChangeContext, *, backup: bool = True,
               catalogue: Catalogue | None = None, progress: Progress = no_progress,
               cancel: Cancel = never_cancel) -> ImportResult:
    """Write the plan's new and updated rows in one transaction, after a backup."""
    catalogue = catalogue or default_catalogue()
    writes = [r for r in plan.rows if r.action != UNCHANGED]
    measure_writes = [m for m in plan.measures if m.action != UNCHANGED]
    counts = plan.counts
    if not writes and not measure_writes:
        return ImportResult(counts["new"], counts["updated"], counts["unchanged"], counts["failed"], 0, None,
                            plan.measure_counts)
    backup_file = None
    if backup:
        progress(0.0, "バックアップ中 (backing up)")
        backup_file = take_backup(db, "before-ledger-import")
    at = utc_now()
    actor = ctx.actor
    source = ctx.source
    new_vv = versions.dumps(versions.bump({}, ctx.org))
    type_names = {t.id: t.name_ja for t in catalogue.asset_types}
    symbols = {(g.scale, g.code): g.symbol for s in catalogue.scales for g in s.grades}
    insert_new_audit, names_and_symbols = _new_audit_statement(type_names, symbols)
    touched: list[str] = []
    inspections = 0
    stamps = _Stamps(ctx)
    asset_values = itemgetter(*ASSET_FIELDS)
    new_id, hlc = stamps.new_id, stamps.hlc
    prefix = f"台帳取込 {plan.file} "
    with (paused_gc(), _bulk_mode(db, len(writes)), db.transaction() as conn,
          deferred_search_index(conn)):  # new assets are indexed in one statement at the end
        if audit_mark(db) != plan.audit_mark:
            raise StalePlanError()
        next_seq = first_seq = conn.execute("SELECT coalesce(max(seq), 0) FROM assets").fetchone()[0]
        for start in range(0, len(writes), CHUNK):
            if cancel():
                raise ImportCancelled()
            progress(0.05 + 0.85 * start / len(writes), f"書き込み中 {start:,}/{len(writes):,} (writing)")
            asset_rows, update_rows, inspection_rows, audit_rows, new_rows = [], [], [], [], []
            chunk_seq = next_seq
            for p in writes[start:start + CHUNK]:
                if p.action == NEW:  # its audit entry is written by SQL (_INSERT_NEW_AUDIT)
                    p.asset_id = asset_id = new_id()
                    next_seq += 1
                    asset_rows.append((next_seq, asset_id, p.owner, new_vv, hlc(), 0, at, actor,
                                       *asset_values(p.values)))
                    for i in p.inspections:
                        inspection_rows.append((new_id(), p.owner, new_vv, hlc(), 0, at, actor, asset_id,
                                                i.inspected_on, i.fiscal_year, i.scale_id, i.grade, i.method,
                                                "", i.inspector_name, i.findings, "{}", i.supersedes))
                    inspections += len(p.inspections)
                    if len(p.inspections) < 2 and not any(i.supersedes for i in p.inspections):
                        new_rows.append(p.row)
                    else:  # SQL would not keep the order of several inspections
                        new_rows.append([p.row, _inspection_notes(p.inspections, symbols)])
                    continue
                if p.changes:
                    vv = versions.dumps(versions.bump(versions.loads(p.old_vv), ctx.org))
                    update_rows.append((vv, stamps.hlc(), at, actor,
                                        *asset_values(p.values), p.asset_id))
                    summary = f"台帳取込 {plan.file} {p.row}行目: " + _describe(p.values["name"], p.changes)
                    audit = ("assets", p.asset_id, "update",
                             json.dumps({k: list(v) for k, v in p.changes.items()}, ensure_ascii=False,
                                        default=str))
                else:
                    summary = f"台帳取込 {plan.file} {p.row}行目: 「{p.values['name']}」"
                    audit = None
                summary += _inspection_notes(p.inspections, symbols)
                for i in p.inspections:
                    inspection_id = new_id()
                    inspection_rows.append((inspection_id, p.owner, new_vv, hlc(), 0, at,
                                            actor, p.asset_id, i.inspected_on, i.fiscal_year, i.scale_id,
                                            i.grade, i.method, "", i.inspector_name, i.findings, "{}",
                                            i.supersedes))
                    if audit is None:
                        audit = ("inspections", inspection_id, "correct" if i.supersedes else "insert",
                                 json.dumps({"supersedes": [None, i.supersedes]}) if i.supersedes else "{}")
                    inspections += 1
                if audit is not None:
                    audit_rows.append((at, actor, source, audit[0], audit[1], audit[2], audit[3], summary))
                touched.append(p.asset_id)
            conn.executemany(_INSERT_ASSET, asset_rows)
            conn.executemany(_UPDATE_ASSET, update_rows)
            conn.executemany(_INSERT_INSPECTION, inspection_rows)
            if new_rows:
                conn.execute(insert_new_audit, (at, actor, source, prefix,
                                                json.dumps(new_rows, ensure_ascii=False), chunk_seq,
                                                *names_and_symbols))
            conn.executemany(_INSERT_AUDIT, audit_rows)
        # The new assets' status in one statement with storage's own rules, before the measures
        # (whose repository refreshes the status of the assets it touches).
        if next_seq > first_seq:
            refresh_status_after(conn, first_seq)
        if measure_writes:
            ctx.clock.observe(stamps.last)  # the measures' stamps sort after the rows above
            _write_measures(db, ctx, measure_writes, catalogue, progress, cancel)
        if cancel():
            raise ImportCancelled()
        progress(0.92, "状態を更新中 (refreshing status)")
        if touched:
            refresh_asset_status(conn, None if len(touched) > FULL_REFRESH_AT else touched)
        db.set_meta("hlc_high", stamps.finish())
        db.set_meta("last_ledger_import", json.dumps(
            {"file": plan.file, "at": at, "by": actor, "new": counts["new"], "updated": counts["updated"],
             "inspections": inspections, "measures": plan.measure_counts,
             "backup": str(backup_file) if backup_file else None},
            ensure_ascii=False))
    progress(1.0, "取り込みました (imported)")
    return ImportResult(counts["new"], counts["updated"], counts["unchanged"], counts["failed"],
                        inspections, backup_file, plan.measure_counts)


def _write_measures(db: Database, ctx: ChangeContext, measures, catalogue: Catalogue,
                    progress: Progress, cancel: Cancel) -> None:
    """New and changed measures through the repository, inside the import's transaction."""
    repo = MeasureRepository(db, catalogue)
    for n, m in enumerate(measures):
        if n % 200 == 0:
            if cancel():
                raise ImportCancelled()
            progress(0.88 + 0.04 * n / len(measures), f"措置を書き込み中 {n:,}/{len(measures):,} (measures)")
        if m.action == NEW:
            repo.add(ctx, m.measure(ctx.new_id()))
        else:
            repo.update(ctx, m.measure(m.measure_id))


def import_ledger(db: Database, path: Path | str, ctx: ChangeContext, *, dry_run: bool = False,
                  backup: bool = True, progress: Progress = no_progress, cancel: Cancel = never_cancel,
                  **plan_options) -> tuple[ImportPlan, ImportResult | None]:
    """Plan and (unless dry_run) apply: what the CLI and scripts call."""
    def planning(fraction: float, message: str) -> None:
        progress(fraction * (1.0 if dry_run else 0.5), message)

    def writing(fraction: float, message: str) -> None:
        progress(0.5 + fraction * 0.5, message)

    plan = plan_import(db, path, owner=plan_options.pop("owner", None) or ctx.org, progress=planning,
                       cancel=cancel, **plan_options)
    if dry_run:
        return plan, None
    return plan, apply_plan(db, plan, ctx, backup=backup, progress=writing, cancel=cancel)


__all__ = ["ImportResult", "StalePlanError", "apply_plan", "import_ledger"]
