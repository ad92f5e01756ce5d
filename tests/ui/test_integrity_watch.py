"""Large files are checked for damage beside the window, and the staffer is told at once."""

from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui import integrity_watch
from gunmane_desktop.ui.integrity_watch import IntegrityWatch, check_before_opening


def _damaged_copy(tmp_path):
    path = tmp_path / "a.sqlite"
    with Database.create(path) as db:
        db.set_meta("site_org", "011002")
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    for i in range(4096 + 8, min(len(data), 6 * 4096), 7):
        data[i] = 0xA5
    damaged = tmp_path / "damaged.sqlite"
    damaged.write_bytes(bytes(data))
    return path, damaged


def test_a_damaged_file_is_reported_on_the_gui_thread(tmp_path, qtbot):
    _, damaged = _damaged_copy(tmp_path)
    watch = IntegrityWatch(damaged)
    with qtbot.waitSignal(watch.damage_found, timeout=10_000) as blocker:
        watch.start()
    assert blocker.args[0]  # the problems SQLite found


def test_a_sound_file_passes(tmp_path, qtbot):
    sound, _ = _damaged_copy(tmp_path)
    watch = IntegrityWatch(sound)
    with qtbot.waitSignal(watch.file_sound, timeout=10_000):
        watch.start()


def test_only_large_files_skip_the_check_before_opening(tmp_path, monkeypatch):
    sound, _ = _damaged_copy(tmp_path)
    assert check_before_opening(sound)
    monkeypatch.setattr(integrity_watch, "CHECK_BEFORE_OPENING_BYTES", 10)
    assert not check_before_opening(sound)
