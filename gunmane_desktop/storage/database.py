"""Opening a 群マネ file: checks, pragmas, migrations, the instance lock, transactions.

``Database.open`` is the one way into a file. It refuses what it must refuse with a message
naming the file (missing, not ours, damaged, newer schema, open elsewhere), upgrades an
older schema after a backup, and sets WAL, foreign keys and a busy timeout.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import CorruptDatabaseError, DatabaseNotFoundError, NotAGunmaneFileError
from .locking import InstanceLock
from .migrations import LATEST_VERSION, check_openable, schema_version, upgrade

SQLITE_MAGIC = b"SQLite format 3\x00"


def _connect(path: Path, *, readonly: bool) -> sqlite3.Connection:
    if readonly:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    return conn


class Database:
    """An open 群マネ file. Use as a context manager or call ``close()``."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: InstanceLock | None,
                 *, readonly: bool, upgraded_from: int | None, backup: Path | None) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.upgraded_from = upgraded_from
        self.backup_path = backup
        self._lock = lock

    # -- opening ------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path | str, *, lock: bool = True) -> Database:
        """Create a new, empty file at the latest schema. Refuses to overwrite."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise NotAGunmaneFileError(path, "ファイルが既にあります (already exists; not overwritten)")
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls.open(path, create=True, lock=lock)

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, readonly: bool = False,
             lock: bool = True, quick_check: bool = True) -> Database:
        """Open (and if needed upgrade) a file.

        ``lock`` takes the one-instance lock; read-only opens for reporting (``info``,
        ``check``) pass ``lock=False`` so they work while the GUI has the file open.
        """
        path = Path(path)
        exists = path.exists() and path.stat().st_size > 0
        if not exists and not create:
            raise DatabaseNotFoundError(path, "ファイルが見つかりません (file not found)")
        if exists:
            with open(path, "rb") as fh:
                if fh.read(16) != SQLITE_MAGIC:
                    raise NotAGunmaneFileError(path, "SQLite データベースではありません "
                                                     "(not an SQLite database)")
        instance_lock = InstanceLock(path) if lock and not readonly else None
        if instance_lock:
            instance_lock.acquire()
        try:
            conn = _connect(path, readonly=readonly)
            try:
                return cls._prepare(path, conn, instance_lock, readonly=readonly,
                                    quick_check=quick_check and exists)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            if instance_lock:
                instance_lock.release()
            raise

    @classmethod
    def _prepare(cls, path: Path, conn: sqlite3.Connection, lock: InstanceLock | None, *,
                 readonly: bool, quick_check: bool) -> Database:
        try:
            conn.execute("PRAGMA busy_timeout = 5000")
            version = check_openable(conn, path)
            if quick_check:
                problems = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
                if problems != ["ok"]:
                    raise CorruptDatabaseError(
                        path, "ファイルが壊れています (database is damaged): " + "; ".join(problems)
                        + "。バックアップから復元してください (restore from a backup)")
        except sqlite3.DatabaseError as exc:
            raise CorruptDatabaseError(path, f"ファイルが壊れています (database is damaged): {exc}") from exc
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
        backup = None
        upgraded_from = None
        if version < LATEST_VERSION:
            if readonly:
                raise NewerOrOlderReadonlyError(path, version)
            backup = upgrade(conn, path if version > 0 else None)
            upgraded_from = version if version > 0 else None
        return cls(path, conn, lock, readonly=readonly, upgraded_from=upgraded_from, backup=backup)

    # -- use ----------------------------------------------------------------------------
    @property
    def schema_version(self) -> int:
        return schema_version(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) "
                          "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (key, value))

    @property
    def site_org(self) -> str | None:
        """The organisation whose file this is (the 'self' of the exchange)."""
        return self.meta("site_org")

    def backup_to(self, target: Path | str) -> Path:
        """A consistent copy of the whole file, taken while it stays open."""
        target = Path(target)
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        return target

    def close(self) -> None:
        if self.conn is not None:
            if not self.readonly:
                with suppress(sqlite3.Error):
                    self.conn.execute("PRAGMA optimize")
            self.conn.close()
            self.conn = None  # type: ignore[assignment]
        if self._lock:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class NewerOrOlderReadonlyError(NotAGunmaneFileError):
    def __init__(self, path: Path, version: int) -> None:
        super().__init__(path, f"スキーマ {version} のファイルは読み取り専用では開けません。"
                               f"一度書き込み可能で開いて更新してください "
                               f"(schema {version} must be upgraded before read-only use)")


def quick_check_file(path: Path | str, *, limit: int = 5) -> list[str]:
    """Run SQLite's quick_check on its own read-only connection; [] when the file is sound.

    For a check that runs beside an open window (large files are checked after the first
    paint instead of before it).
    """
    path = Path(path)
    try:
        conn = _connect(path, readonly=True)
        try:
            problems = [r[0] for r in conn.execute(f"PRAGMA quick_check({int(limit)})")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if problems == ["ok"] else problems


def utc_now() -> str:
    """Current UTC time as ISO-8601 text with milliseconds, the format of modified_at."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
