"""Small helpers shared by the repositories: dynamic INSERT/UPDATE and a nested transaction."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from .changes import Stamp


def insert_row(conn: sqlite3.Connection, table: str, row_id: str, owner: str, stamp: Stamp,
               values: Mapping[str, Any]) -> None:
    cols = ["id", "owner", "vv", "hlc", "deleted", "modified_at", "modified_by", *values]
    params = [row_id, owner, stamp.vv, stamp.hlc, 0, stamp.modified_at, stamp.modified_by,
              *values.values()]
    conn.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                 params)
    if stamp.recorder is not None:  # a GUI save that can be undone (storage.undo)
        stamp.recorder.row_written(conn, table, row_id, inserted=True)


def update_row(conn: sqlite3.Connection, table: str, row_id: str, stamp: Stamp,
               values: Mapping[str, Any]) -> None:
    sets = {"vv": stamp.vv, "hlc": stamp.hlc, "modified_at": stamp.modified_at,
            "modified_by": stamp.modified_by, **values}
    if stamp.recorder is not None:  # a GUI save that can be undone (storage.undo)
        stamp.recorder.row_changing(conn, table, row_id)
    conn.execute(f"UPDATE {table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE id = ?",
                 [*sets.values(), row_id])
    if stamp.recorder is not None:
        stamp.recorder.row_written(conn, table, row_id, inserted=False)


@contextmanager
def write(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction, or a part of the caller's if one is already open."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")
