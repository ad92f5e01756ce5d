"""Backups of a 群マネ file: taken before every import, kept in rotation, restorable.

Backups live in ``backups/`` beside the file, named ``<stem>-YYYYmmdd-HHMMSS-<reason>.sqlite``
so they sort by time and say why they were taken. They are consistent copies made with
SQLite's backup API while the file stays open. Restoring first backs up the current state
("before-restore"), so a restore can itself be undone.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .database import Database
from .errors import CorruptDatabaseError, NotAGunmaneFileError
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
