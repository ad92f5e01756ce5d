"""Retiring an asset (供用廃止 or 撤去): asks when and why, never deletes.

The asset keeps its row and its whole inspection history; the register hides it unless
"include retired" is ticked. The date accepts 和暦 (R6.3.31, 令和6年3月31日) or 西暦.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.models import AssetStatus
from ..core.wareki import WarekiError, format_date, parse_date
from ..storage.asset_edits import retire_with_reason
from ..storage.assets import AssetRepository
from ..storage.database import Database
from .editing import gui_change_context
from .inspection_form import error_label, with_error


class RetireDialog(QDialog):
    """Status (供用廃止 / 撤去済), date and reason for taking one asset out of service."""

    asset_retired = Signal(str)
    """The asset was retired (its id)."""

    def __init__(self, db: Database, asset_id: str, parent: QWidget | None = None, *,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._today = today or dt.date.today()
        self.asset = AssetRepository(db).get(asset_id)
        if self.asset is None:
            raise KeyError(asset_id)
        self.setWindowTitle(self.tr("Retire “%1”").replace("%1", self.asset.name))
        intro = QLabel(self.tr("The asset stays in the file with its inspection history; the "
                               "register shows it only when retired assets are included."))
        intro.setWordWrap(True)
        self.status_combo = QComboBox()
        for status in (AssetStatus.RETIRED, AssetStatus.REMOVED):
            self.status_combo.addItem(AssetRepository.status_label(status), str(status))
        self.date_edit = QLineEdit(format_date(self._today))
        self.date_edit.setPlaceholderText(self.tr("e.g. R6.3.31, 2024-03-31"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(self.tr("e.g. 架替により撤去, 統合により廃止"))
        self.errors = {"on": error_label(), "reason": error_label()}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("New status"), self.status_combo)
        form.addRow(self.tr("Date"), with_error(self.date_edit, self.errors["on"]))
        form.addRow(self.tr("Reason"), with_error(self.reason_edit, self.errors["reason"]))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.retire_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.retire_button.setText(self.tr("Retire"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        buttons.accepted.connect(self._on_retire_clicked)
        buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())

    def retire(self) -> bool:
        """Retire the asset as entered; False with the messages beside the fields."""
        problems: dict[str, str] = {}
        try:
            on = parse_date(self.date_edit.text())
        except WarekiError as exc:
            on = None
            problems["on"] = str(exc)
        else:
            if on is None:
                problems["on"] = self.tr("Enter the date.")
            elif on > self._today:
                problems["on"] = self.tr("The date is in the future.")
        reason = self.reason_edit.text().strip()
        if not reason:
            problems["reason"] = self.tr("Enter the reason.")
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        if problems or on is None or self.asset is None:
            return False
        ctx = gui_change_context(self._db, self.asset.owner)
        try:
            retire_with_reason(ctx, self.asset.id, on=on, reason=reason,
                               status=AssetStatus(self.status_combo.currentData()))
        except (sqlite3.Error, KeyError, ValueError) as exc:
            self.message.setText(self.tr("Not retired: %1").replace("%1", str(exc)))
            return False
        self.asset_retired.emit(self.asset.id)
        self.accept()
        return True

    def _on_retire_clicked(self) -> None:
        self.retire()
