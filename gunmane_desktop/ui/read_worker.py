"""Read-only queries off the GUI thread, each on its own connection to the open file.

On a 500,000-asset region a register sort takes SQLite half a second and the dashboard's
statistics several seconds: run on the GUI thread, the window would freeze for as long.
``ReadQuery`` runs one plain function ``fn(conn)`` on a worker thread with a read-only
connection of its own (SQLite's WAL lets it read while the window's connection reads and
writes), and hands the result back on the GUI thread. ``cancel`` interrupts SQLite at once,
so a newer request (the next key typed, another organisation chosen) never queues behind an
older one. Unlike ``BackgroundTask`` there is no progress dialog: these are views being
redrawn, not jobs the user started.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QThread, Signal

log = logging.getLogger(__name__)

# Queries whose owner may be gone before they end: a QThread destroyed while running aborts
# the program, so each stays referenced here until it is released.
_unfinished: set[QThread] = set()


def database_file(conn: sqlite3.Connection) -> Path | None:
    """The file behind ``conn``'s main database (None for an in-memory one)."""
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


def asset_capacity(conn: sqlite3.Connection) -> int:
    """How many assets the file has held, read in one index step (max(seq), not count(*),
    which reads the table); deleted rows count too, which only errs towards the worker."""
    return conn.execute("SELECT coalesce(max(seq), 0) FROM assets").fetchone()[0]


class ReadQuery(QThread):
    """One ``fn(conn)`` on a worker thread; ``answered`` carries its result to the GUI."""

    answered = Signal(object, object)
    """This query and ``fn``'s result (None when it failed or was cancelled). Emitted as the
    thread's last act whatever happened: the receiver then calls ``release``."""

    def __init__(self, path: Path, fn: Callable[[sqlite3.Connection], Any]) -> None:
        super().__init__()
        self._path = path
        self._fn = fn
        self._conn: sqlite3.Connection | None = None
        self.cancelled = False

    def start(self) -> None:  # type: ignore[override]
        _unfinished.add(self)
        super().start()

    def run(self) -> None:
        result = None
        try:
            conn = sqlite3.connect(f"{self._path.resolve().as_uri()}?mode=ro", uri=True,
                                   check_same_thread=False)
            try:
                conn.execute("PRAGMA temp_store = MEMORY")
                conn.execute("PRAGMA cache_size = -32768")
                self._conn = conn
                if not self.cancelled:
                    result = self._fn(conn)
            finally:
                self._conn = None
                conn.close()
        except sqlite3.Error:
            if not self.cancelled:  # an interrupted query is expected; anything else is not
                log.exception("read query failed")
        self.answered.emit(self, None if self.cancelled else result)

    def cancel(self) -> None:
        """Stop as soon as SQLite can; the answer will be None (call on the GUI thread)."""
        self.cancelled = True
        conn = self._conn
        if conn is not None:
            with contextlib.suppress(sqlite3.ProgrammingError):  # closed in the meantime
                conn.interrupt()

    def release(self) -> None:
        """Let the finished thread go (from the slot receiving ``answered``)."""
        self.wait()  # it emitted as its last act: this returns at once
        _unfinished.discard(self)
        self.deleteLater()
