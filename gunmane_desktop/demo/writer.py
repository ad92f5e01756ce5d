"""Writing the demo file: the INSERT statements, the one transaction, and clean-up.

Rows arrive as tuples in the column order below and go in with executemany, a few
thousand at a time; no repository or dataclass is made per row. The whole region is one
transaction: on cancel or any error it is rolled back and the new file (with its WAL,
shared-memory and lock files) is removed, so a half-made region never stays on disk.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from ..core import versions
from ..core.organisations import Organisation
from ..storage.database import Database
from .history import Batch

SYNC_COLS = ("id", "owner", "vv", "hlc", "deleted", "modified_at", "modified_by")
ASSET_COLS = (*SYNC_COLS, "asset_type", "name", "name_kana", "route", "address", "external_id",
              "lat", "lon", "coord_text", "built_year", "built_year_text", "length_m", "width_m",
              "area_m2", "structure", "emergency_route", "over_railway", "over_road", "status",
              "attributes", "notes")
INSPECTION_COLS = (*SYNC_COLS, "asset_id", "inspected_on", "fiscal_year", "scale_id", "grade",
                   "method", "inspector_org", "inspector_name", "findings", "measurements",
                   "supersedes")
MEMBER_COLS = (*SYNC_COLS, "inspection_id", "position", "member", "damage_type", "degree",
               "member_grade", "countermeasure", "note")
MEASURE_COLS = (*SYNC_COLS, "asset_id", "inspection_id", "kind", "status", "description",
                "planned_fy", "started_on", "completed_on", "cost_planned_yen",
                "cost_actual_yen", "contract_id")
ORGANISATION_COLS = (*SYNC_COLS, "code", "kind", "name", "name_en", "lead_code", "members",
                     "representative")


def insert_sql(table: str, cols: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


ASSET_SQL = insert_sql("assets", ASSET_COLS)
INSPECTION_SQL = insert_sql("inspections", INSPECTION_COLS)
MEMBER_SQL = insert_sql("inspection_members", MEMBER_COLS)
MEASURE_SQL = insert_sql("measures", MEASURE_COLS)
ORGANISATION_SQL = insert_sql("organisations", ORGANISATION_COLS)


class RowCounts:
    """How many rows of each synchronised table went in."""

    __slots__ = ("assets", "inspections", "measures", "members")

    def __init__(self) -> None:
        self.assets = self.inspections = self.members = self.measures = 0


def flush(conn: sqlite3.Connection, batch: Batch, counts: RowCounts) -> None:
    """Insert the batch's rows and empty it."""
    conn.executemany(ASSET_SQL, batch.assets)
    conn.executemany(INSPECTION_SQL, batch.inspections)
    conn.executemany(MEMBER_SQL, batch.members)
    conn.executemany(MEASURE_SQL, batch.measures)
    counts.assets += len(batch.assets)
    counts.inspections += len(batch.inspections)
    counts.members += len(batch.members)
    counts.measures += len(batch.measures)
    batch.clear()


def organisation_rows(orgs: tuple[Organisation, ...], clock) -> list[tuple]:
    """Each organisation's own record, owned by the organisation itself."""
    rows = []
    for o in orgs:
        oid, hlc, mat = clock.stamp(o.code)
        rows.append((oid, o.code, versions.dumps({o.code: 1}), hlc, 0, mat, f"{o.code}:demo",
                     o.code, str(o.kind), o.name, o.name_en, o.lead_code,
                     json.dumps(list(o.members)), o.representative))
    return rows


def write_meta(conn: sqlite3.Connection, items: dict[str, str]) -> None:
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                     sorted(items.items()))


def write_audit(conn: sqlite3.Connection, at: str, actor: str, summary: str,
                changes: dict[str, list[object]]) -> None:
    conn.execute(
        "INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary)"
        " VALUES (?, ?, 'demo', 'assets', '*', 'insert', ?, ?)",
        (at, actor, json.dumps(changes, ensure_ascii=False, sort_keys=True), summary))


def prepare_bulk(conn: sqlite3.Connection) -> None:
    """Settings for one big transaction into a file nobody else has open yet.

    In WAL mode every page would be written twice (to the WAL, then by the checkpoint).
    The file is new, so a rollback journal holds almost nothing (no page had content
    before) and stays crash-safe; a larger page cache keeps the indexes from spilling.
    """
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = -262144")  # 256 MiB


def finish_bulk(conn: sqlite3.Connection) -> None:
    """Back to the settings storage.database uses for normal work."""
    conn.execute("PRAGMA cache_size = -65536")
    conn.execute("PRAGMA journal_mode = WAL")


def companion_files(path: Path) -> list[Path]:
    """The database file and what SQLite and the instance lock leave beside it."""
    return [path, *(Path(str(path) + s) for s in ("-wal", "-shm", "-journal", ".lock"))]


def discard(db: Database, path: Path) -> None:
    """Roll back, close and delete a file this run created."""
    conn = db.conn
    if conn is not None and conn.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
    db.close()
    for p in companion_files(path):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()
