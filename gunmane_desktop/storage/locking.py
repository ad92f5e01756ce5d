"""One program instance per database file.

Two instances writing the same file through WAL would not corrupt it, but two people (or
two windows) editing it at once would overwrite each other's work in confusing ways, and a
file on a network share is not safe under SQLite's locks at all. So the program holds an
OS-level exclusive lock on ``<file>.lock`` while it has the file open; the OS releases it
when the process ends, even after a crash, so a stale lock file never blocks anyone.
"""

from __future__ import annotations

import contextlib
import os
import socket
from pathlib import Path

from .errors import DatabaseInUseError

if os.name == "nt":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """Exclusive lock on a database file for the life of this object."""

    def __init__(self, db_path: Path) -> None:
        self.path = Path(str(db_path) + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            holder = ""
            with contextlib.suppress(OSError):
                holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip("\x00 ")
            os.close(fd)
            who = f" ({holder})" if holder else ""
            raise DatabaseInUseError(
                self.path.with_suffix(""),
                f"このファイルは別の群マネ Desktop で開かれています{who}。"
                "その画面を閉じてから開き直してください "
                "(the file is open in another 群マネ Desktop window)",
            )
        os.ftruncate(fd, 0)
        # Written after byte 0 is locked; Windows locks byte 0 only, so we start at 1.
        os.pwrite(fd, f" pid {os.getpid()} on {socket.gethostname()}".encode(), 1)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None
        # The lock file stays: unlinking it would let a process that opened the old file
        # and one that creates a new one both believe they hold the lock.

    @property
    def held(self) -> bool:
        return self._fd is not None
