"""Opening files: what is refused, and how, and the settings a file is opened with."""

import shutil
import sqlite3

import pytest

from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.errors import (
    CorruptDatabaseError,
    DatabaseInUseError,
    DatabaseNotFoundError,
    NewerSchemaError,
    NotAGunmaneFileError,
)
from gunmane_desktop.storage.migrations import LATEST_VERSION


def test_new_file_is_at_the_latest_schema_with_wal_and_foreign_keys(tmp_path):
    with Database.create(tmp_path / "a.sqlite") as db:
        assert db.schema_version == LATEST_VERSION
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.conn.execute("SELECT count(*) FROM grades").fetchone()[0] == 20


def test_create_never_overwrites(tmp_path):
    path = tmp_path / "a.sqlite"
    Database.create(path).close()
    with pytest.raises(NotAGunmaneFileError, match="already exists"):
        Database.create(path)


def test_missing_file_is_named_in_the_message(tmp_path):
    with pytest.raises(DatabaseNotFoundError) as exc:
        Database.open(tmp_path / "nothing.sqlite")
    assert "nothing.sqlite" in str(exc.value)


def test_a_second_instance_is_told_the_file_is_open(tmp_path):
    path = tmp_path / "a.sqlite"
    with Database.create(path):
        with pytest.raises(DatabaseInUseError, match="別の群マネ"):
            Database.open(path)
        # Read-only reporting (gunmane info) still works while the window has it open.
        with Database.open(path, readonly=True, lock=False) as ro:
            assert ro.schema_version == LATEST_VERSION
    with Database.open(path):  # released on close
        pass


def test_lock_is_released_when_opening_fails(tmp_path):
    path = tmp_path / "a.sqlite"
    Database.create(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    with pytest.raises(NewerSchemaError):
        Database.open(path)
    with pytest.raises(NewerSchemaError):  # not DatabaseInUseError
        Database.open(path)


def test_file_from_a_newer_version_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "a.sqlite"
    Database.create(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {LATEST_VERSION + 1}")
    before = path.read_bytes()
    with pytest.raises(NewerSchemaError, match="newer version"):
        Database.open(path)
    assert path.read_bytes() == before


def test_text_file_is_not_a_database(tmp_path):
    path = tmp_path / "ledger.sqlite"
    path.write_text("橋梁名,路線名\n", encoding="utf-8")
    with pytest.raises(NotAGunmaneFileError, match="not an SQLite database"):
        Database.open(path)


def test_someone_elses_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE t (x)")
    with pytest.raises(NotAGunmaneFileError, match="not a 群マネ"):
        Database.open(path)


def test_damaged_file_gets_a_clear_message(tmp_path):
    path = tmp_path / "a.sqlite"
    with Database.create(path) as db:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    # Scribble over the second page onwards (the b-trees) but keep the header readable.
    for i in range(page + 8, min(len(data), 6 * page), 7):
        data[i] = 0xA5
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="damaged"):
        Database.open(damaged)


def test_transaction_is_all_or_nothing(tmp_path):
    with Database.create(tmp_path / "a.sqlite") as db:
        with pytest.raises(RuntimeError), db.transaction():
            db.set_meta("k", "v")
            raise RuntimeError("boom")
        assert db.meta("k") is None


def test_backup_is_a_consistent_copy(tmp_path):
    with Database.create(tmp_path / "a.sqlite") as db:
        db.set_meta("site_org", "011002")
        copy = db.backup_to(tmp_path / "copy.sqlite")
    shutil.copy(copy, tmp_path / "copy2.sqlite")
    with Database.open(tmp_path / "copy2.sqlite") as restored:
        assert restored.site_org == "011002"
