"""Backups of a 群マネ file: taken before every import, kept in rotation, restorable.

Backups live in ``backups/`` beside the file, named ``<stem>-YYYYmmdd-HHMMSS-<reason>.sqlite``
so they sort by time and say why they were taken. They are consistent copies made with
SQLite's backup API while the file stays open. Restoring first backs up the current state
("before-restore"), so a restore can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .database import Database
from .errors import CorruptDatabaseError, NotAGunmaneFileError
from .locking import InstanceLock
from .migrations import APPLICATION_ID

KEEP_BACKUPS = 20
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}(?:-\d+)?)-(?P<reason>[a-z0-9-]+)$")


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def take_backup(db: Database, reason: str, *, keep: int = KEEP_BACKUPS, prune: bool = True,
                now: dt.datetime | None = None) -> Path:
    """Copy the open file into its backup folder, then drop all but the newest ``keep``.

    ``prune=False`` leaves the rotation to the caller, for one that backs up inside a
    transaction and should delete old files only once it has committed.
    """
    if not re.fullmatch(r"[a-z0-9-]+", reason):
        raise ValueError(f"backup reason must be lower-case words joined by '-': {reason!r}")
    folder = backup_folder(db.path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{db.path.stem}-{stamp}-{reason}{db.path.suffix}"
    n = 1
    while target.exists():  # two backups in one second
        target = folder / f"{db.path.stem}-{stamp}-{n}-{reason}{db.path.suffix}"
        n += 1
    db.backup_to(target)
    if prune:
        prune_backups(db.path, keep=keep)
    return target


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken: dt.datetime
    reason: str
    size: int
    sequence: int = 0  # orders backups taken within the same second


def list_backups(db_path: Path) -> list[BackupInfo]:
    """This file's backups, newest first."""
    db_path = Path(db_path)
    folder = backup_folder(db_path)
    found = []
    for p in folder.glob(f"{db_path.stem}-*{db_path.suffix}") if folder.exists() else ():
        m = _NAME.match(p.stem)
        if not m or m["stem"] != db_path.stem:
            continue
        taken = dt.datetime.strptime(m["stamp"][:15], "%Y%m%d-%H%M%S")
        sequence = int(m["stamp"][16:] or 0)
        found.append(BackupInfo(p, taken, m["reason"], p.stat().st_size, sequence))
    return sorted(found, key=lambda b: (b.taken, b.sequence), reverse=True)


def prune_backups(db_path: Path, *, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Delete all but the newest ``keep`` backups; returns what was deleted."""
    removed = []
    for info in list_backups(db_path)[keep:]:
        info.path.unlink(missing_ok=True)
        removed.append(info.path)
    return removed


def _verify(backup: Path) -> None:
    try:
        conn = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise NotAGunmaneFileError(backup, "群マネ Desktop のバックアップではありません "
                                                   "(not a 群マネ Desktop backup)")
            problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(backup, f"バックアップが壊れています (backup is damaged): {exc}") from exc
    if problems != ["ok"]:
        raise CorruptDatabaseError(backup, "バックアップが壊れています (backup is damaged): "
                                           + "; ".join(problems))


def restore_backup(db_path: Path, backup: Path) -> Path:
    """Replace the file's contents with a backup; returns the backup of what was replaced.

    The file must not be open elsewhere (the instance lock is taken). The backup is checked
    first, so a damaged backup never replaces a working file.
    """
    db_path, backup = Path(db_path), Path(backup)
    _verify(backup)
    with Database.open(db_path, quick_check=False) as db:
        previous = take_backup(db, "before-restore")
        source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
        try:
            source.backup(db.conn)
        finally:
            source.close()
    return previous


# -- the daily backup and recovery of a damaged file ---------------------------------------
DAILY_BACKUP_AGE = dt.timedelta(days=1)


def daily_backup_due(db_path: Path, *, now: dt.datetime | None = None,
                     max_age: dt.timedelta = DAILY_BACKUP_AGE) -> bool:
    """Whether the newest backup of the file is older than ``max_age`` (or there is none).

    Opening a file takes a backup when this says so, so a staffer who never imports
    anything still has one from each day they worked.
    """
    backups = list_backups(db_path)
    return not backups or (now or dt.datetime.now()) - backups[0].taken >= max_age


def take_daily_backup(db_path: Path, *, keep: int = KEEP_BACKUPS,
                      now: dt.datetime | None = None) -> Path:
    """Back up a file that this program has open, through a read-only connection of its own.

    A read transaction sees one consistent state of a WAL file while the window goes on
    writing, so this can run on a worker thread beside the GUI's connection.
    """
    with Database.open(db_path, readonly=True, lock=False, quick_check=False) as db:
        return take_backup(db, "daily", keep=keep, now=now)


def verify_backup(backup: Path) -> None:
    """Raise a StorageError naming the backup if it is not a sound 群マネ file."""
    _verify(Path(backup))


def newest_sound_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup that passes quick_check (older ones are tried only if needed)."""
    for info in list_backups(db_path):
        try:
            _verify(info.path)
        except (CorruptDatabaseError, NotAGunmaneFileError):
            continue
        return info
    return None


def damaged_folder(db_path: Path) -> Path:
    """Where a damaged file is moved when a backup replaces it (never listed as a backup)."""
    return backup_folder(db_path) / "damaged"


def restore_damaged_file(db_path: Path, backup: Path, *, now: dt.datetime | None = None) -> Path:
    """Replace a damaged file with a backup; returns where the damaged file was moved.

    ``restore_backup`` copies into the open file and backs the current state up first,
    which SQLite cannot do once the file is damaged. Here the damaged file (with its -wal
    and -shm) is moved aside whole, so whoever supports the town can still look at it, and
    the backup is copied into its place. The instance lock is held throughout.
    """
    db_path, backup = Path(db_path), Path(backup)
    _verify(backup)
    lock = InstanceLock(db_path)
    lock.acquire()
    try:
        folder = damaged_folder(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
        moved = folder / f"{db_path.stem}-{stamp}{db_path.suffix}"
        n = 1
        while moved.exists():
            moved = folder / f"{db_path.stem}-{stamp}-{n}{db_path.suffix}"
            n += 1
        for extra in ("-wal", "-shm"):
            side = db_path.with_name(db_path.name + extra)
            if side.exists():
                side.replace(moved.with_name(moved.name + extra))
        if db_path.exists():
            db_path.replace(moved)
        shutil.copyfile(backup, db_path)
    finally:
        lock.release()
    return moved
