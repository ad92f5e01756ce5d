"""A damage check that runs beside the window, for files too big to check before it opens.

quick_check reads every page: 2.6 s for a 1 GB region, which would more than double the time
to the first paint. Small files are still checked before they open (storage.Database.open);
large ones open at once and are checked here, on a worker thread with its own read-only
connection, and the staffer is told at once if the file is damaged.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..storage.database import quick_check_file

# Files up to this size are checked before opening; bigger ones in the background.
CHECK_BEFORE_OPENING_BYTES = 128 * 1024 * 1024


def check_before_opening(path: Path) -> bool:
    try:
        return path.stat().st_size <= CHECK_BEFORE_OPENING_BYTES
    except OSError:
        return True


class IntegrityWatch(QObject):
    """Runs quick_check on a worker thread and reports the outcome on the GUI thread."""

    damage_found = Signal(list)
    """The file failed quick_check (the first few problems)."""
    file_sound = Signal()
    """The file passed quick_check."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="integrity-watch", daemon=True)
        self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        problems = quick_check_file(self.path)
        # Signals cross threads as queued calls: the slots run on the GUI thread.
        if problems:
            self.damage_found.emit(problems)
        else:
            self.file_sound.emit()
