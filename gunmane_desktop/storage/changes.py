"""Who is writing, and the stamps and audit entries every change carries.

A ``ChangeContext`` is made once per session (GUI, CLI run, import) and handed to the
repositories. It stamps each change with a bumped version vector and a hybrid-logical-clock
reading for the exchange, and writes the human-readable audit entry in the same
transaction as the change itself.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..core import versions
from ..core.ids import new_id
from .database import Database, utc_now


@dataclass(frozen=True, slots=True)
class Stamp:
    vv: str
    hlc: str
    modified_at: str
    modified_by: str


@dataclass
class ChangeContext:
    """The author of a batch of changes: organisation code, user name, and source."""

    db: Database
    org: str
    user: str = "user"
    source: str = "gui"
    clock: versions.HybridLogicalClock = field(init=False)

    def __post_init__(self) -> None:
        self.clock = versions.HybridLogicalClock(self.org)
        high = self.db.meta("hlc_high")
        if high:
            self.clock.observe(high)

    @property
    def actor(self) -> str:
        return f"{self.org}:{self.user}"

    def stamp(self, previous_vv: str | None = None) -> Stamp:
        """Version stamp for a new or changed row."""
        hlc = str(self.clock.now())
        vv = versions.dumps(versions.bump(versions.loads(previous_vv), self.org))
        if not self.db.readonly:
            self.db.set_meta("hlc_high", hlc)
        return Stamp(vv, hlc, utc_now(), self.actor)

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
