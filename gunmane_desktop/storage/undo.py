"""Undo and redo of the saves made in one window session.

Rows travel between towns by version vectors, so an undo never rewinds history: it writes
the rows' earlier content back as a *new* version (a new stamp, an audit entry
"元に戻す: …") that the exchange carries like any other edit, and redo writes the saved
content again the same way. A row the save inserted is tombstoned (``deleted = 1``). That
is also how a saved inspection is withdrawn: the schema lets an inspection change only its
tombstone flag and stamps, the row and its audit trail stay in the file for good, and an
undone correction brings the inspection it superseded back into force.

How a save is recorded: a ``ChangeContext(journal=...)`` hands its stamps a recorder, and
``sqlhelpers.insert_row``/``update_row`` tell it about each row, so it reads the row image
before and after the write inside the save's own transaction. One context is one save and
one undo step. A save that rolled back leaves a step whose rows are still as they were
before it; the step is dropped when it is sealed (at the next save, or when asked what can
be undone).

An undo is refused, and its step dropped, when any of its rows has changed since (an
exchange or ledger import, a conflict resolution, the command line): the row's content
must still be what the save (or the last redo) left. Only the content is compared, not the
stamps, because undoing a later step writes the same content back under a new stamp.
Those imports keep their own backup and undo and are never undone here.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .changes import ChangeContext
from .database import Database
from .sqlhelpers import write
from .status import refresh_asset_status

Image = dict[str, Any]

#: Columns that say which version a row is, not what it says; never written back by undo.
STAMP_COLUMNS = frozenset({"seq", "id", "vv", "hlc", "modified_at", "modified_by"})
DEFAULT_DEPTH = 50

_TABLE_JA = {
    "assets": "施設", "inspections": "点検", "inspection_members": "部材の所見",
    "measures": "措置", "attachment_links": "添付", "organisations": "団体",
    "contracts": "契約", "contract_orderers": "契約の発注者", "contract_scope": "契約の対象施設",
    "contract_documents": "契約書類", "tenders": "入札", "kpis": "性能指標",
    "kpi_measurements": "性能指標の実績", "requests": "住民通報", "work_orders": "作業指示",
    "delegations": "委任", "plan_decisions": "集約・撤去検討結果", "plan_overrides": "計画表の変更",
}
_IDENTIFIER = re.compile(r"^[a-z_]+$")


class UndoRefused(Exception):
    """An undo or redo that cannot be made; the message says why, in Japanese."""


def row_image(conn: sqlite3.Connection, table: str, row_id: str) -> Image | None:
    """The whole row as a dict (stamps included), or None when there is no such row."""
    if not _IDENTIFIER.match(table):
        raise ValueError(f"not a table name: {table!r}")
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()
    return dict(row) if row is not None else None


@dataclass
class RowEdit:
    """One row a save wrote: its image before (None: the save inserted it) and after."""

    table: str
    row_id: str
    before: Image | None
    after: Image  # as the save (or the last redo) left it
    undone: Image | None = None  # as the last undo left it


@dataclass
class Edit:
    """One undo step: everything one save wrote, with a short Japanese description."""

    description: str = ""
    owner: str = ""
    rows: dict[tuple[str, str], RowEdit] = field(default_factory=dict)
    sealed: bool = False


class _SaveRecorder:
    """The journal's ear on one ChangeContext: collects the rows its save writes."""

    def __init__(self, journal: EditJournal) -> None:
        self._journal = journal
        self._edit: Edit | None = None
        self._before: dict[tuple[str, str], Image | None] = {}
        self._first: tuple[str, bool] = ("", False)  # the first row's table; was it inserted?
        self._count = 1  # rows of that table written

    def _open(self) -> Edit:
        if self._edit is None:
            self._edit = self._journal._open()
        return self._edit

    def row_changing(self, conn: sqlite3.Connection, table: str, row_id: str) -> None:
        edit = self._open()
        key = (table, row_id)
        if key not in edit.rows and key not in self._before:
            self._before[key] = row_image(conn, table, row_id)

    def row_written(self, conn: sqlite3.Connection, table: str, row_id: str, *,
                    inserted: bool) -> None:
        edit = self._open()
        key = (table, row_id)
        after = row_image(conn, table, row_id)
        if after is None:  # nothing was written (an UPDATE of a missing row)
            return
        if key in edit.rows:
            edit.rows[key].after = after
            return
        before = None if inserted else self._before.pop(key, None)
        edit.rows[key] = RowEdit(table, row_id, before, after)
        if not edit.description:
            edit.description = describe(conn, table, before, after)
            edit.owner = after.get("owner") or ""
            self._first = (table, before is None)
        elif self._first[0] == table:  # a bulk edit: 施設 12 件の編集
            self._count += 1
            edit.description = (f"{_TABLE_JA.get(table, table)} {self._count} 件の"
                                + ("登録" if self._first[1] else "編集"))


class EditJournal:
    """The undo and redo stacks of one open file (at most ``depth`` steps are kept)."""

    def __init__(self, db: Database, depth: int = DEFAULT_DEPTH) -> None:
        self.db = db
        self.depth = depth
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._listeners: list[Callable[[], None]] = []

    # -- recording ----------------------------------------------------------------------
    def recorder(self, ctx: ChangeContext) -> _SaveRecorder:
        """A recorder for one save; ChangeContext(journal=...) asks for it."""
        return _SaveRecorder(self)

    def add_listener(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` when a save starts a new step (inside its transaction)."""
        self._listeners.append(callback)

    def _open(self) -> Edit:
        # The previous saves are over once a new one writes: check they committed.
        self._seal_pending()
        edit = Edit()
        self._done.append(edit)
        del self._done[:-self.depth]
        self._undone.clear()
        for callback in self._listeners:
            callback()
        return edit

    def seal(self) -> None:
        """Drop steps whose save rolled back; a no-op while a transaction is open.

        A closed file has nothing left to seal (the window may close after its file).
        """
        if self.db.conn is not None and not self.db.conn.in_transaction:
            self._seal_pending()

    def _seal_pending(self) -> None:
        conn = self.db.conn
        for edit in [e for e in self._done if not e.sealed]:
            edit.sealed = True
            # Rolled back: the rows are as they were before (stamps included, so a later
            # write by someone else never looks like this; that one makes undo refuse).
            if not edit.rows or any(row_image(conn, r.table, r.row_id) == r.before
                                    for r in edit.rows.values()):
                self._done.remove(edit)

    def undo_steps(self) -> list[str]:
        """The descriptions of the undo steps, newest first."""
        self.seal()
        return [e.description for e in reversed(self._done)]

    def clear(self) -> None:
        self._done.clear()
        self._undone.clear()

    # -- what can be done ---------------------------------------------------------------
    @property
    def can_undo(self) -> bool:
        self.seal()
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        self.seal()
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        """What undo would undo, e.g. 橋梁「豊平橋」の編集; "" when nothing."""
        return self._done[-1].description if self.can_undo else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].description if self.can_redo else ""

    @property
    def undo_owner(self) -> str:
        """Whose row the step undo would take writes first (the context's organisation in a
        regional file that has no site organisation)."""
        return self._done[-1].owner if self._done else ""

    @property
    def redo_owner(self) -> str:
        return self._undone[-1].owner if self._undone else ""

    # -- undo and redo ------------------------------------------------------------------
    def _check_outside_transaction(self, ctx: ChangeContext) -> None:
        # Undo must be able to roll back all of its rows when one of them is refused.
        if ctx.conn.in_transaction:
            raise RuntimeError("undo and redo run in a transaction of their own")
        self.seal()

    def undo(self, ctx: ChangeContext) -> Edit:
        """Write the rows of the last save back as they were, as new versions by ``ctx``.

        Raises UndoRefused (and drops the step) if a row has changed since the save.
        """
        self._check_outside_transaction(ctx)
        if not self._done:
            raise UndoRefused("元に戻せる編集はありません")
        edit = self._done[-1]
        try:
            with write(ctx.conn) as conn:
                for row in reversed(list(edit.rows.values())):
                    target = row.before if row.before is not None else {**row.after, "deleted": 1}
                    row.undone = _write_back(ctx, row, row.after, target,
                                             f"元に戻す: {edit.description}")
                refresh_asset_status(conn, _asset_ids(edit))
        except UndoRefused:
            self._done.pop()
            raise
        self._done.pop()
        self._undone.append(edit)
        return edit

    def redo(self, ctx: ChangeContext) -> Edit:
        """Write the rows of the last undone save again, as new versions by ``ctx``."""
        self._check_outside_transaction(ctx)
        if not self._undone:
            raise UndoRefused("やり直せる編集はありません")
        edit = self._undone[-1]
        try:
            with write(ctx.conn) as conn:
                for row in edit.rows.values():
                    assert row.undone is not None
                    row.after = _write_back(ctx, row, row.undone, row.after,
                                            f"やり直し: {edit.description}")
                refresh_asset_status(conn, _asset_ids(edit))
        except UndoRefused:
            self._undone.pop()
            raise
        self._undone.pop()
        self._done.append(edit)
        return edit


def _write_back(ctx: ChangeContext, row: RowEdit, expected: Image, target: Image,
                summary: str) -> Image:
    """Make the row's content ``target`` under a new stamp; refuse if it is not ``expected``."""
    conn = ctx.conn
    current = row_image(conn, row.table, row.row_id)
    if current is None or content(current) != content(expected):
        raise UndoRefused(
            f"{label(conn, row.table, expected)}はこの編集の後に変更されています (交換・台帳の"
            f"取り込みなど)。この編集は元に戻せません。")
    changes = {c: (current[c], target[c]) for c in current
               if c not in STAMP_COLUMNS and current[c] != target.get(c)}
    if not changes:
        return current
    stamp = ctx.stamp(current["vv"])
    sets = {"vv": stamp.vv, "hlc": stamp.hlc, "modified_at": stamp.modified_at,
            "modified_by": stamp.modified_by, **{c: new for c, (_old, new) in changes.items()}}
    try:
        conn.execute(f"UPDATE {row.table} SET {', '.join(f'{c} = ?' for c in sets)} WHERE id = ?",
                     [*sets.values(), row.row_id])
    except sqlite3.IntegrityError as exc:  # e.g. an inspection's content, which never changes
        raise UndoRefused(f"{label(conn, row.table, expected)}は元に戻せません: {exc}") from exc
    tombstone = changes.get("deleted", (0, 0))[1] == 1
    ctx.audit(row.table, row.row_id, "tombstone" if tombstone else "update", summary, changes)
    written = row_image(conn, row.table, row.row_id)
    assert written is not None
    return written


def content(image: Image) -> Image:
    """What a row says, without the columns that only say which version it is."""
    return {c: v for c, v in image.items() if c not in STAMP_COLUMNS}


def _asset_ids(edit: Edit) -> list[str]:
    """Assets whose derived status the step may change (its own rows and their assets)."""
    ids: list[str] = []
    for row in edit.rows.values():
        if row.table == "assets":
            ids.append(row.row_id)
        for image in (row.before, row.after):
            if image is not None and image.get("asset_id"):
                ids.append(image["asset_id"])
    return ids


def _asset_name(conn: sqlite3.Connection, asset_id: str | None) -> str:
    row = conn.execute("SELECT name FROM assets WHERE id = ?", (asset_id,)).fetchone()
    return row[0] if row else "?"


def label(conn: sqlite3.Connection, table: str, image: Image) -> str:
    """A row as the user knows it: 橋梁「豊平橋」, 「豊平橋」の点検 (2024-05-20), 契約「…」."""
    if table == "assets":
        kind = conn.execute("SELECT name_ja FROM asset_types WHERE id = ?",
                            (image.get("asset_type"),)).fetchone()
        return f"{kind[0] if kind else '施設'}「{image.get('name', '')}」"
    if table == "inspections":
        return f"「{_asset_name(conn, image.get('asset_id'))}」の点検 ({image.get('inspected_on')})"
    if table == "measures":
        return f"「{_asset_name(conn, image.get('asset_id'))}」の措置"
    if table == "contracts":
        return f"契約「{image.get('title', '')}」"
    return _TABLE_JA.get(table, table)


def describe(conn: sqlite3.Connection, table: str, before: Image | None, after: Image) -> str:
    """The step's name in the Edit menu, from the first row its save wrote."""
    if table == "inspections":
        return (f"「{_asset_name(conn, after.get('asset_id'))}」の点検の"
                + ("訂正" if after.get("supersedes") else "登録"))
    return label(conn, table, after) + ("の登録" if before is None else "の編集")

