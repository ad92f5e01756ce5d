"""Undo of an import from the pre-images it saved, at a cost in proportion to the change.

A whole-file copy before every import made "undo last import" possible, but it costs the
size of the file (several GB for a region of 5.5 million rows) even when a package changes
500 rows. Instead an import keeps, in its own transaction, what it needs to put back
exactly what it changed:

- the rows of the synchronised tables: the rows it inserted are, per table, exactly those
  with a local seq in the range it recorded (the import holds the only write transaction,
  and SQLite numbers new rows after the largest seq); every row that existed and changed
  has an ``audit_log`` entry whose ``changes`` hold the whole row as it was (``before``,
  with its local seq);
- the rest, in ``sync_imports.counts["undo"]``: the audit entries' range, the sender's peer
  state and ``hlc_high`` as they were, conflicts created after a known seq, conflicts the
  import closed, photos stored new and placeholders filled, merge bases added.

Because the pre-images are written in the import's transaction, a crash leaves either the
old file or the new file with its undo record, never one without the other. Undo is one
transaction too: pre-images written back, inserted rows, the import's audit entries and
its ``sync_imports`` row deleted, derived ``asset_status`` recomputed, so the file is the
one before the import (tested table by table). The append-only guards (inspections,
findings, audit trail) are suspended inside that transaction only, and recreated from their
own stored SQL.

Imports recorded before this (no ``undo`` record) are still undone from their backup file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..storage.database import Database
from ..storage.status import refresh_asset_status
from .classify import ACCEPTED
from .tables import PERSONAL_DATA, SyncTable, sync_tables

#: Triggers that refuse a DELETE the undo must make (append-only history and audit trail).
_GUARDS = ("inspections_no_delete", "inspection_members_no_delete", "audit_log_no_delete")


def before_image_sql(t: SyncTable) -> str:
    """SQL (inside the audit INSERT over ``temp.cls_<table> c``) for the local row as it is
    now, as JSON with its seq; NULL for a row that is new here.

    An adopted organisation record replaces the local placeholder of the same code, which
    has another id, so it is found by code.
    """
    cols = ", ".join(f"'{c}', l.{c}" for c in ("seq", *t.names))
    local = "c.local_seq"
    if t.name == "organisations":
        local = ("coalesce(c.local_seq, (SELECT l2.seq FROM main.organisations l2 "
                 "JOIN pkg.organisations p2 ON p2.code = l2.code WHERE p2.id = c.id))")
    return f"(SELECT json_object({cols}) FROM main.{t.name} l WHERE l.seq = {local})"


def capture(conn: sqlite3.Connection, sender: str) -> dict:
    """What an import is about to change outside the row tables; call before applying.

    ``pkg`` is attached; the result goes (completed by ``finish``) into sync_imports.counts.
    """
    peer = conn.execute("SELECT * FROM main.sync_peers WHERE peer = ?", (sender,)).fetchone()
    high = conn.execute("SELECT value FROM main.meta WHERE key = 'hlc_high'").fetchone()
    photos = conn.execute(
        "SELECT p.sha256, m.sha256 IS NOT NULL, m.size FROM pkg.attachments p "
        "LEFT JOIN main.attachments m ON m.sha256 = p.sha256 "
        "WHERE m.sha256 IS NULL OR length(m.data) <> m.size").fetchall()
    base = conn.execute("SELECT 1 FROM main.sqlite_schema WHERE name = 'sync_base'").fetchone()
    return {
        # Per table, the largest seq before the import: rows above it are the import's.
        "seq_from": {t.name: conn.execute(f"SELECT coalesce(max(seq), 0) FROM main.{t.name}").fetchone()[0]
                     for t in sync_tables()},
        # Images of shared versions the automatic merge keeps (merge.py, schema 8): a cache
        # of bases, so the ones this import added go again; one it pruned stays pruned
        # (a later concurrent edit of that row is then a conflict for a person, as before).
        "base_from": conn.execute("SELECT coalesce(max(seq), 0) FROM main.sync_base").fetchone()[0]
        if base else None,
        "audit_from": conn.execute("SELECT coalesce(max(seq), 0) FROM main.audit_log").fetchone()[0],
        "conflicts_from": conn.execute("SELECT coalesce(max(seq), 0) FROM main.sync_conflicts").fetchone()[0],
        "open_conflicts": [r[0] for r in conn.execute("SELECT seq FROM main.sync_conflicts "
                                                      "WHERE status = 'open'")],
        "peer": dict(zip(peer.keys(), tuple(peer), strict=True)) if peer is not None else None,
        "peer_name": sender,
        "hlc_high": high[0] if high else None,
        "photos_new": [d for d, known, _ in photos if not known],
        "placeholders": {d: size for d, known, size in photos if known},
    }


def finish(conn: sqlite3.Connection, undo: dict) -> dict:
    """Complete the record after applying: keep only what the import really changed."""
    after = {t.name: conn.execute(f"SELECT coalesce(max(seq), 0) FROM main.{t.name}").fetchone()[0]
             for t in sync_tables()}
    undo["inserted"] = {n: [first + 1, after[n]] for n, first in undo.pop("seq_from").items()
                        if after[n] > first}
    open_before = undo.pop("open_conflicts")
    undo["superseded"] = [seq for seq in open_before if conn.execute(
        "SELECT status FROM main.sync_conflicts WHERE seq = ?", (seq,)).fetchone()[0] != "open"]
    undo["photos_new"] = [d for d in undo["photos_new"] if conn.execute(
        "SELECT 1 FROM main.attachments WHERE sha256 = ?", (d,)).fetchone()]
    undo["placeholders"] = {d: size for d, size in undo["placeholders"].items() if conn.execute(
        "SELECT 1 FROM main.attachments WHERE sha256 = ? AND length(data) = size", (d,)).fetchone()}
    return undo


@contextmanager
def _guards_suspended(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside an open transaction: the append-only DELETE guards off, then back as stored."""
    stored = conn.execute(f"SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND name IN "
                          f"({', '.join('?' * len(_GUARDS))})", _GUARDS).fetchall()
    for name, _sql in stored:
        conn.execute(f"DROP TRIGGER {name}")
    yield  # on an exception the caller's ROLLBACK restores them
    for _name, sql in stored:
        conn.execute(sql)


def undo_from_record(db: Database, row: sqlite3.Row, undo: dict) -> None:
    """Put back what the import recorded in ``row`` (a sync_imports row) changed."""
    lo, hi = undo["audit_from"], row["audit_seq"]
    with db.transaction() as conn, _guards_suspended(conn):
        # The import's own audit range, read by its primary key (``+table_name`` keeps the
        # planner off the per-table index, which holds every import's entries).
        span = "a.seq > :lo AND a.seq <= :hi"
        p = {"lo": lo, "hi": hi}
        tables = list(reversed(sync_tables()))
        # Assets whose derived status changes: the import's assets and the assets of its
        # inspections and measures, read before anything is deleted.
        inserted = {n: tuple(r) for n, r in undo["inserted"].items()}
        touched = {r[0] for r in conn.execute(
            f"SELECT a.row_id FROM audit_log a WHERE {span} AND +a.table_name = 'assets' "
            f"UNION SELECT i.asset_id FROM audit_log a JOIN inspections i ON i.id = a.row_id "
            f"WHERE {span} AND +a.table_name = 'inspections' "
            f"UNION SELECT m.asset_id FROM audit_log a JOIN measures m ON m.id = a.row_id "
            f"WHERE {span} AND +a.table_name = 'measures'", p)}
        for n in ("inspections", "measures"):  # their assets' status changes back
            if n in inserted:
                touched.update(r[0] for r in conn.execute(
                    f"SELECT DISTINCT asset_id FROM {n} WHERE seq BETWEEN ? AND ?", inserted[n]))
        for t in tables:
            _restore_pre_images(conn, t, span, p)
        conn.execute(f"DELETE FROM main.{PERSONAL_DATA} WHERE request_id IN (SELECT a.row_id FROM "
                     f"audit_log a WHERE {span} AND +a.table_name = '{PERSONAL_DATA}' "
                     "AND a.action = 'insert')", p)
        if "assets" in inserted:  # asset_status is keyed by the asset's seq
            conn.execute("DELETE FROM asset_status WHERE asset_seq BETWEEN ? AND ?", inserted["assets"])
        for t in tables:
            if t.name in inserted:
                conn.execute(f"DELETE FROM main.{t.name} WHERE seq BETWEEN ? AND ?", inserted[t.name])
        conn.execute("DELETE FROM sync_conflicts WHERE seq > ?", (undo["conflicts_from"],))
        if undo.get("base_from") is not None:
            conn.execute("DELETE FROM sync_base WHERE seq > ?", (undo["base_from"],))
        conn.executemany("UPDATE sync_conflicts SET status = 'open', resolved_at = NULL, resolution = NULL "
                         "WHERE seq = ?", [(s,) for s in undo["superseded"]])
        conn.executemany("DELETE FROM attachments WHERE sha256 = ?", [(d,) for d in undo["photos_new"]])
        conn.executemany("UPDATE attachments SET data = X'', size = ? WHERE sha256 = ?",
                         [(size, d) for d, size in undo["placeholders"].items()])
        conn.execute("DELETE FROM sync_peers WHERE peer = ?", (undo["peer_name"],))
        if undo["peer"] is not None:
            peer = undo["peer"]
            conn.execute(f"INSERT INTO sync_peers ({', '.join(peer)}) VALUES ({', '.join('?' * len(peer))})",
                         list(peer.values()))
        if undo["hlc_high"] is None:
            conn.execute("DELETE FROM meta WHERE key = 'hlc_high'")
        else:
            db.set_meta("hlc_high", undo["hlc_high"])
        conn.execute("DELETE FROM audit_log AS a WHERE " + span, p)
        conn.execute("DELETE FROM sync_imports WHERE seq = ?", (row["seq"],))
        live = [r[0] for r in conn.execute(
            "SELECT value FROM json_each(?) WHERE value IN (SELECT id FROM assets)",
            (json.dumps(sorted(touched)),))]
        if live:  # by id, also for a whole town: a full refresh costs the size of the region
            refresh_asset_status(conn, live)


def _restore_pre_images(conn: sqlite3.Connection, t: SyncTable, span: str, p: dict) -> None:
    """Write every saved pre-image of ``t`` back over its row (matched by local seq)."""
    # An inspection only ever changed its tombstone flag and stamps (the trigger agrees).
    columns = ("deleted", "vv", "hlc", "modified_at", "modified_by") if t.append_only else t.names
    sets = ", ".join(f"{c} = json_extract(a.changes, '$.before.{c}')" for c in columns)
    conn.execute(f"UPDATE main.{t.name} SET {sets} FROM audit_log a WHERE {span} "
                 f"AND +a.table_name = '{t.name}' AND a.action <> 'insert' "
                 f"AND json_type(a.changes, '$.before') = 'object' "
                 f"AND main.{t.name}.seq = json_extract(a.changes, '$.before.seq')", p)


def accepted_verdicts() -> str:
    """The verdicts that write a row, as an SQL list (the audit and the undo cover them)."""
    return ", ".join(f"'{v}'" for v in ACCEPTED)
