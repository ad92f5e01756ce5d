"""The backup of the day, taken beside the window when a file is opened.

Imports and migrations back up before they write, but a staffer who only types in
inspections would otherwise never get a backup. So opening a file whose newest backup is a
day old takes one (the rotation in storage.backups keeps the newest KEEP_BACKUPS). It runs
on a worker thread with a read-only connection of its own: copying a 1 GB region must not
delay the first paint.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..storage.backups import daily_backup_due, take_daily_backup
from ..storage.errors import StorageError


class DailyBackup(QObject):
    """Takes the day's backup of one file on a worker thread; reports on the GUI thread."""

    taken = Signal(str)
    """The backup was written (its path)."""
    failed = Signal(str)
    """The backup could not be taken (why)."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._thread: threading.Thread | None = None

    def start_if_due(self) -> bool:
        """Start the backup when the newest one is a day old or missing; return whether."""
        if not daily_backup_due(self.path):
            return False
        self._thread = threading.Thread(target=self._run, name="daily-backup", daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        """Block until the backup has finished (before the file is closed or replaced)."""
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            target = take_daily_backup(self.path)
        except (StorageError, sqlite3.Error, OSError) as exc:
            self.failed.emit(str(exc))
        else:
            self.taken.emit(str(target))
