"""バックアップから復元: the file's backups, "Back up now", and a one-click restore.

The dialog only chooses: the restore itself is done by the composition root (app.py),
which owns the open file and must close it, replace it and open it again. A restore backs
the current file up first, so the dialog says that a restore can itself be undone. When
the file is damaged the dialog opens on the newest backup that passes SQLite's check.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtCore import QLocale, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.wareki import format_date
from ..storage.backups import (
    KEEP_BACKUPS,
    BackupInfo,
    backup_folder,
    damaged_folder,
    list_backups,
    newest_sound_backup,
    take_backup,
)
from ..storage.database import Database
from ..storage.errors import StorageError
from .row_list_model import Index, RowListModel

MANUAL_REASON = "manual"


class BackupListModel(RowListModel):
    """A file's backups, newest first: when (和暦 and 西暦), why, and how big."""

    COL_WAREKI, COL_WESTERN, COL_REASON, COL_SIZE = range(4)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Taken (和暦)"), self.tr("Taken"), self.tr("Reason"),
                         self.tr("Size"))
        self._reasons = {
            "daily": self.tr("Daily, when the file was opened"),
            MANUAL_REASON: self.tr("Backed up by hand"),
            "before-restore": self.tr("Before a restore"),
            "before-ledger-import": self.tr("Before a ledger import"),
            "before-sync-import": self.tr("Before an exchange import"),
        }

    def reason_label(self, reason: str) -> str:
        return self._reasons.get(reason, reason)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        info: BackupInfo | None = self.row_data(index.row()) if index.isValid() else None
        if info is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.COL_WAREKI:
                return f"{format_date(info.taken.date())} {info.taken:%H:%M}"
            if column == self.COL_WESTERN:
                return f"{info.taken:%Y-%m-%d %H:%M:%S}"
            if column == self.COL_REASON:
                return self.reason_label(info.reason)
            if column == self.COL_SIZE:
                return QLocale().formattedDataSize(info.size)
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(info.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class BackupDialog(QDialog):
    """Lists the backups of ``db_path``; backs up now (with ``db``); asks to restore one."""

    restore_requested = Signal(str)
    """The user confirmed restoring this backup (its path) over the file."""

    def __init__(self, db_path: Path, *, db: Database | None = None, damaged: bool = False,
                 problem: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self._db = db
        self.damaged = damaged
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from a backup"))

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        if damaged:
            text = self.tr("%1 is damaged. Restore the newest sound backup (it is selected) "
                           "and redo the work done since it was taken.").replace(
                               "%1", self.db_path.name)
            self.intro.setText(text + (f"\n\n{problem}" if problem else ""))
        else:
            self.intro.setText(self.tr(
                "Backups of %1 are taken every day it is opened and before every import; "
                "the newest %2 are kept in %3.").replace("%1", self.db_path.name)
                .replace("%2", str(KEEP_BACKUPS)).replace("%3", str(backup_folder(self.db_path))))

        self.model = BackupListModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._on_restore_clicked)

        self.empty_label = QLabel(self.tr("There are no backups of this file yet."))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)

        buttons = QDialogButtonBox()
        self.backup_button = QPushButton(self.tr("Back up now"))
        self.backup_button.setEnabled(db is not None and not damaged)
        self.restore_button = QPushButton(self.tr("Restore…"))
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.status_label)
        layout.addWidget(buttons)
        em = self.fontMetrics().horizontalAdvance("漢")
        self.resize(42 * em, 26 * em)

        self.reload()
        if damaged:
            sound = newest_sound_backup(self.db_path)
            if sound is None:
                self.status_label.setText(self.tr("No backup passes the check: send the file "
                                                  "to whoever supports you."))
            else:
                self.select_backup(sound.path)

    # -- what a user (or a test) does ----------------------------------------------------
    def reload(self) -> None:
        self.model.set_rows(list_backups(self.db_path))
        self.empty_label.setVisible(self.model.rowCount() == 0)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._update_buttons()

    def select_backup(self, path: Path) -> bool:
        for row in range(self.model.rowCount()):
            if self.model.row_data(row).path == Path(path):
                self.table.selectRow(row)
                return True
        return False

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_data(rows[0].row()) if rows else None

    # -- slots ---------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.model.rowCount() > 0)

    def _on_backup_clicked(self) -> None:
        if self._db is None:
            return
        try:
            target = take_backup(self._db, MANUAL_REASON)
        except (StorageError, sqlite3.Error, OSError) as exc:
            self.status_label.setText(self.tr("The backup failed: %1").replace("%1", str(exc)))
            return
        self.reload()
        self.select_backup(target)
        self.status_label.setText(self.tr("Backed up to %1.").replace("%1", target.name))

    def _on_restore_clicked(self, _index: QModelIndex | None = None) -> None:
        info = self.selected_backup()
        if info is None:
            return
        when = f"{format_date(info.taken.date())} {info.taken:%H:%M}"
        if self.damaged:
            question = self.tr(
                "Replace the damaged file %1 with the backup of %2?\n\nThe damaged file is "
                "kept in %3 for whoever supports you.").replace("%1", self.db_path.name)\
                .replace("%2", when).replace("%3", str(damaged_folder(self.db_path)))
        else:
            question = self.tr(
                "Restore %1 to its state of %2?\n\nThe current file is itself backed up "
                "first (\"Before a restore\"), so you can come back to it from this list."
            ).replace("%1", self.db_path.name).replace("%2", when)
        answer = QMessageBox.question(self, self.tr("Restore from a backup"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.chosen = info.path
        self.restore_requested.emit(str(info.path))
        self.accept()
