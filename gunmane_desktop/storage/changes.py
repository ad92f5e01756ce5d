"""Who is writing, and the stamps and audit entries every change carries.

A ``ChangeContext`` is made once per session (GUI, CLI run, import) and handed to the
repositories. It stamps each change with a bumped version vector and a hybrid-logical-clock
reading for the exchange, and writes the human-readable audit entry in the same
transaction as the change itself.

A context may carry a ``journal`` (``storage.undo.EditJournal``): the window's undo gives
each GUI save one, and ``sqlhelpers.insert_row``/``update_row`` then tell the journal's
recorder, through the stamp, about every row the save writes.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..core import versions
from ..core.ids import new_id
from .database import Database, utc_now


class RowRecorder(Protocol):
    """Told of each row a journaled save writes, in the save's own transaction."""

    def row_changing(self, conn: sqlite3.Connection, table: str, row_id: str) -> None:
        """Called just before an UPDATE of the row (so its earlier image can be read)."""

    def row_written(self, conn: sqlite3.Connection, table: str, row_id: str, *,
                    inserted: bool) -> None:
        """Called just after the row was inserted or updated."""


class Journal(Protocol):
    """What keeps the undo steps of a session: one recorder per ChangeContext (one save)."""

    def recorder(self, ctx: ChangeContext) -> RowRecorder: ...


@dataclass(frozen=True, slots=True)
class Stamp:
    vv: str
    hlc: str
    modified_at: str
    modified_by: str
    #: The save's recorder when the context journals for undo; the write helpers call it.
    recorder: RowRecorder | None = field(default=None, compare=False, repr=False)


@dataclass
class ChangeContext:
    """The author of a batch of changes: organisation code, user name, and source."""

    db: Database
    org: str
    user: str = "user"
    source: str = "gui"
    journal: Journal | None = field(default=None, repr=False)
    clock: versions.HybridLogicalClock = field(init=False)
    _recorder: RowRecorder | None = field(init=False, default=None, repr=False)

    def __post_init__(self) -> None:
        self.clock = versions.HybridLogicalClock(self.org)
        high = self.db.meta("hlc_high")
        if high:
            self.clock.observe(high)
        if self.journal is not None:
            self._recorder = self.journal.recorder(self)

    @property
    def actor(self) -> str:
        return f"{self.org}:{self.user}"

    def stamp(self, previous_vv: str | None = None) -> Stamp:
        """Version stamp for a new or changed row."""
        hlc = str(self.clock.now())
        vv = versions.dumps(versions.bump(versions.loads(previous_vv), self.org))
        if not self.db.readonly:
            self.db.set_meta("hlc_high", hlc)
        return Stamp(vv, hlc, utc_now(), self.actor, self._recorder)

    def audit(self, table: str, row_id: str, action: str, summary: str,
              changes: dict[str, tuple[Any, Any]] | None = None) -> None:
        self.db.conn.execute(
            "INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, summary)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (utc_now(), self.actor, self.source, table, row_id, action,
             json.dumps({k: list(v) for k, v in (changes or {}).items()}, ensure_ascii=False,
                        default=str),
             summary),
        )

    def new_id(self) -> str:
        return new_id()

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn
