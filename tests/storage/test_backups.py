"""Backups: taken consistently, rotated, listed newest first, restorable, never half-restored."""

import datetime as dt

import pytest

from gunmane_desktop.storage.backups import (
    list_backups,
    restore_backup,
    take_backup,
)
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.errors import CorruptDatabaseError, DatabaseInUseError


def _file(tmp_path, name="town.sqlite"):
    db = Database.create(tmp_path / name)
    db.set_meta("site_org", "011002")
    return db


def test_backups_are_named_by_time_and_reason_and_listed_newest_first(tmp_path):
    with _file(tmp_path) as db:
        first = take_backup(db, "before-import", now=dt.datetime(2026, 4, 1, 9, 0, 0))
        second = take_backup(db, "before-sync", now=dt.datetime(2026, 4, 2, 9, 0, 0))
    assert first.name == "town-20260401-090000-before-import.sqlite"
    listed = list_backups(tmp_path / "town.sqlite")
    assert [b.path for b in listed] == [second, first]
    assert [b.reason for b in listed] == ["before-sync", "before-import"]


def test_rotation_keeps_the_newest(tmp_path):
    with _file(tmp_path) as db:
        for day in range(1, 8):
            take_backup(db, "auto", keep=3, now=dt.datetime(2026, 5, day, 12, 0, 0))
    assert [b.taken.day for b in list_backups(tmp_path / "town.sqlite")] == [7, 6, 5]


def test_two_backups_in_one_second_do_not_overwrite_each_other(tmp_path):
    moment = dt.datetime(2026, 5, 1, 12, 0, 0)
    with _file(tmp_path) as db:
        a = take_backup(db, "auto", now=moment)
        b = take_backup(db, "auto", now=moment)
    assert a != b and a.exists() and b.exists()
    assert [x.path for x in list_backups(tmp_path / "town.sqlite")] == [b, a]  # newest first


def test_backups_of_another_file_in_the_folder_are_not_listed(tmp_path):
    with _file(tmp_path, "town.sqlite") as db:
        take_backup(db, "auto")
    with _file(tmp_path, "town2.sqlite") as db:
        take_backup(db, "auto")
    assert len(list_backups(tmp_path / "town.sqlite")) == 1


def test_restore_brings_back_the_old_state_and_keeps_the_replaced_one(tmp_path):
    path = tmp_path / "town.sqlite"
    with _file(tmp_path) as db:
        db.set_meta("note", "before")
        backup = take_backup(db, "auto")
        db.set_meta("note", "after")
    replaced = restore_backup(path, backup)
    with Database.open(path) as db:
        assert db.meta("note") == "before"
    with Database.open(replaced) as old:
        assert old.meta("note") == "after"


def test_a_damaged_backup_never_replaces_a_working_file(tmp_path):
    path = tmp_path / "town.sqlite"
    with _file(tmp_path) as db:
        db.set_meta("note", "keep me")
        backup = take_backup(db, "auto")
    data = bytearray(backup.read_bytes())
    data[100:4000] = b"\xa5" * 3900
    backup.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError):
        restore_backup(path, backup)
    with Database.open(path) as db:
        assert db.meta("note") == "keep me"


def test_restore_refuses_while_the_file_is_open_elsewhere(tmp_path):
    path = tmp_path / "town.sqlite"
    with _file(tmp_path) as db:
        backup = take_backup(db, "auto")
        with pytest.raises(DatabaseInUseError):
            restore_backup(path, backup)
