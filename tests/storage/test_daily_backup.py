"""The day's backup on opening, and a damaged file replaced by its newest sound backup."""

import datetime as dt

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.storage.backups import (
    daily_backup_due,
    damaged_folder,
    list_backups,
    newest_sound_backup,
    restore_damaged_file,
    take_backup,
    take_daily_backup,
)
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.site_file import create_site_file

MORNING = dt.datetime(2026, 5, 11, 9, 0, 0)


def _town(tmp_path):
    path = tmp_path / "town.sqlite"
    create_site_file(path, Organisation(code="102016", kind=OrgKind.MUNICIPALITY, name="前橋市",
                                        lead_code="100005"), lead_name="群馬県")
    return path


def _damage(path):
    with Database.open(path) as db:
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for i in range(4096 + 8, min(len(data), 6 * 4096), 7):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_a_backup_is_due_when_there_is_none_or_the_newest_is_a_day_old(tmp_path):
    path = _town(tmp_path)
    assert daily_backup_due(path, now=MORNING)
    take_daily_backup(path, now=MORNING)
    assert not daily_backup_due(path, now=MORNING + dt.timedelta(hours=23))
    assert daily_backup_due(path, now=MORNING + dt.timedelta(days=1))


def test_the_days_backup_is_taken_while_the_file_is_open_and_rotates(tmp_path):
    path = _town(tmp_path)
    with Database.open(path):  # the window holds the file and its lock
        for day in range(5):
            take_daily_backup(path, keep=3, now=MORNING + dt.timedelta(days=day))
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["daily"] * 3
    assert backups[0].taken == MORNING + dt.timedelta(days=4)
    with Database.open(backups[0].path, readonly=True, lock=False) as copy:
        assert copy.site_org == "102016"


def test_the_file_made_for_a_town_names_its_prefecture_as_its_lead(tmp_path):
    with Database.open(_town(tmp_path), readonly=True, lock=False) as db:
        rows = db.conn.execute("SELECT code, name, lead_code FROM organisations "
                               "ORDER BY code").fetchall()
    assert [tuple(r) for r in rows] == [("100005", "群馬県", None),
                                        ("102016", "前橋市", "100005")]


def test_a_damaged_file_is_moved_aside_and_replaced_by_the_newest_sound_backup(tmp_path):
    path = _town(tmp_path)
    with Database.open(path) as db:
        good = take_backup(db, "daily", now=MORNING)
        bad = take_backup(db, "manual", now=MORNING + dt.timedelta(hours=1))
    _damage(bad)
    _damage(path)
    assert newest_sound_backup(path).path == good

    moved = restore_damaged_file(path, good)

    assert moved.parent == damaged_folder(path) and moved.exists()
    with Database.open(path) as db:  # quick_check runs on open
        assert db.site_org == "102016"
    assert good.exists()  # the backup is copied, not used up
    assert moved not in [b.path for b in list_backups(path)]
