"""Backups in the window: the day's backup on opening, バックアップから復元, and recovery of a
damaged file from its newest sound backup."""

import datetime as dt
import shutil
from dataclasses import replace

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.backups import damaged_folder, list_backups, take_backup
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui.app import Session, open_database
from gunmane_desktop.ui.backup_dialog import BackupDialog, BackupListModel


@pytest.fixture
def region_file(region_template, tmp_path):
    path = tmp_path / "みどり地域.sqlite"
    shutil.copy(region_template, path)
    return path


@pytest.fixture
def session(settings, qapp, japanese, app_fonts):
    session = Session(settings, "ja")
    yield session
    if session.window is not None:
        session.window.close()
        session.window.deleteLater()
    session.close()


@pytest.fixture
def yes_to_questions(monkeypatch):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Yes
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def _rename_first_asset(db, name):
    row = db.conn.execute("SELECT id FROM assets WHERE deleted = 0 ORDER BY seq LIMIT 1").fetchone()
    repo = AssetRepository(db)
    asset = repo.get(row[0])
    repo.update(ChangeContext(db, db.site_org), replace(asset, name=name))
    return asset.id, asset.name


def _damage(path):
    data = bytearray(path.read_bytes())
    for i in range(4096 + 8, min(len(data), 6 * 4096), 7):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_opening_a_file_takes_the_days_backup_once(session, region_file):
    # Given a file with no backup, when it is opened, then a backup is taken beside it
    assert session.open(region_file)
    session.daily_backup.wait(30)
    assert [b.reason for b in list_backups(region_file)] == ["daily"]
    # and opening it again the same day takes no second one
    session.close()
    assert session.open(region_file)
    assert not session.daily_backup.start_if_due()
    assert len(list_backups(region_file)) == 1


def test_the_dialog_lists_backups_in_wareki_and_western_dates_with_reason_and_size(
        region, qtbot, japanese, qtmodeltester):
    take_backup(region, "before-ledger-import", now=dt.datetime(2026, 5, 1, 9, 30, 0))
    take_backup(region, "daily", now=dt.datetime(2026, 5, 2, 8, 15, 0))
    tested = BackupListModel()
    tested.set_rows(list_backups(region.path))
    qtmodeltester.check(tested, force_py=True)
    dialog = BackupDialog(region.path, db=region)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 2
    newest = [model.index(0, c).data() for c in range(model.columnCount())]
    assert newest[BackupListModel.COL_WAREKI] == "令和8年5月2日 08:15"
    assert newest[BackupListModel.COL_WESTERN] == "2026-05-02 08:15:00"
    assert newest[BackupListModel.COL_REASON] == "毎日の自動バックアップ (ファイルを開いたとき)"
    assert model.index(1, BackupListModel.COL_REASON).data() == "台帳の取り込みの前"
    assert newest[BackupListModel.COL_SIZE]  # e.g. "12.3 MB"
    assert dialog.selected_backup().reason == "daily"


def test_back_up_now_adds_a_backup_at_the_top(region, qtbot):
    dialog = BackupDialog(region.path, db=region)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 0 and dialog.empty_label.isVisibleTo(dialog)
    dialog.backup_button.click()
    assert dialog.model.rowCount() == 1
    assert dialog.selected_backup().reason == "manual"
    assert dialog.selected_backup().path.exists()


def test_restoring_a_backup_as_a_user_would(session, region_file, qtbot, yes_to_questions):
    # Given the region open in the window, backed up by hand from File → バックアップから復元
    assert session.open(region_file)
    session.daily_backup.wait(30)
    window = session.window
    assert window.restore_action.text() == "バックアップから復元(&R)…"
    window.restore_action.trigger()
    dialog = window.backup_dialog
    dialog.backup_button.click()
    manual = dialog.selected_backup()
    assert manual.reason == "manual"
    dialog.close()
    # and then a change made after the backup
    asset_id, old_name = _rename_first_asset(session.db, "誤って変えた名前")

    # When the user chooses that backup and confirms the restore
    window.restore_action.trigger()
    dialog = window.backup_dialog
    assert dialog.select_backup(manual.path)
    dialog.restore_button.click()

    # Then they were told the current file is backed up first, the window shows the file
    # again, and the change is gone
    assert "復元前" in yes_to_questions[0]
    assert session.window is not window and session.window.isVisible()
    assert session.window.register_page.model.rowCount() > 1000
    name = session.db.conn.execute("SELECT name FROM assets WHERE id = ?", (asset_id,)).fetchone()[0]
    assert name == old_name
    # and the state before the restore is itself a backup the user can come back to
    before = [b for b in list_backups(region_file) if b.reason == "before-restore"]
    assert len(before) == 1
    with Database.open(before[0].path, readonly=True, lock=False) as copy:
        assert copy.conn.execute("SELECT name FROM assets WHERE id = ?",
                                 (asset_id,)).fetchone()[0] == "誤って変えた名前"
    assert QApplication.quitOnLastWindowClosed()


def test_a_damaged_file_is_offered_its_newest_sound_backup_when_opened(
        region_file, qtbot, qapp, japanese, yes_to_questions):
    # Given a backup taken while the file was sound, and then damage
    with Database.open(region_file) as db:
        good = take_backup(db, "daily", now=dt.datetime(2026, 5, 1, 9, 0, 0))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(region_file)
    offered = []

    def restore_from_the_dialog():
        dialog = QApplication.activeModalWidget()
        offered.append(dialog.selected_backup().path)
        dialog.restore_button.click()

    # When the file is opened and the user restores what the dialog offers
    QTimer.singleShot(0, restore_from_the_dialog)
    db = open_database(region_file)

    # Then the file opens from the backup and the damaged one is kept aside
    try:
        assert offered == [good]
        assert db is not None and db.site_org == "150002"
        assert "破損" in yes_to_questions[0] or "壊れ" in yes_to_questions[0]
        assert list(damaged_folder(region_file).glob("*.sqlite"))
    finally:
        if db is not None:
            db.close()


def test_damage_found_beside_the_window_opens_the_dialog_on_a_sound_backup(
        window, region, qtbot, yes_to_questions):
    good = take_backup(region, "daily", now=dt.datetime(2026, 5, 1, 9, 0, 0))
    bad = take_backup(region, "manual", now=dt.datetime(2026, 5, 2, 9, 0, 0))
    _damage(bad)
    dialog = window.show_backup_dialog(damaged=True, problem="*** in database main ***")
    assert dialog.selected_backup().path == good
    assert not dialog.backup_button.isEnabled()
    with qtbot.waitSignal(window.restore_requested) as blocker:
        dialog.restore_button.click()
    assert blocker.args == [str(good), True]
    assert "damaged" in yes_to_questions[0] or "壊れ" in yes_to_questions[0]
