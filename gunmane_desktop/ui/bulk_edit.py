"""Setting one field for several assets chosen in the register (路線名, 緊急輸送道路, 備考).

Before anything is written the dialog says how many of the chosen assets the change would
alter (assets that already have the value are left alone and get no audit entry). Applying
writes every change in one transaction, with an audit entry per asset, through
``storage.asset_edits``. The owner cannot be set here: an asset changes hands only through
the exchange.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..storage.asset_edits import MAX_BULK_ASSETS, apply_bulk_change, bulk_preview
from ..storage.database import Database
from .editing import gui_change_context

PREVIEW_DELAY_MS = 250


class BulkEditDialog(QDialog):
    """One field, one value, for every asset in ``asset_ids``."""

    changes_applied = Signal(int)
    """The change was written; the number of assets that changed."""

    def __init__(self, db: Database, asset_ids: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.asset_ids = list(asset_ids)
        self.changing: list[str] = []
        self.setWindowTitle(self.tr("Edit %n assets", "", len(self.asset_ids)))

        self.field_combo = QComboBox()
        self.field_combo.addItem(self.tr("Route"), "route")
        self.field_combo.addItem(self.tr("Emergency transport route (緊急輸送道路)"),
                                 "emergency_route")
        self.field_combo.addItem(self.tr("Notes"), "notes")
        self.route_edit = QLineEdit()
        self.route_edit.setPlaceholderText(self.tr("e.g. 町道中央線"))
        self.flag_combo = QComboBox()
        self.flag_combo.addItem(self.tr("Yes: on an emergency transport route"), True)
        self.flag_combo.addItem(self.tr("No"), False)
        self.notes_edit = QLineEdit()
        self.append_check = QCheckBox(self.tr("Add as a new line (keep the present notes)"))
        self.append_check.setChecked(True)
        self.value_stack = QStackedWidget()
        for widgets in ((self.route_edit,), (self.flag_combo,),
                        (self.notes_edit, self.append_check)):
            page = QWidget()  # top-aligned: a stacked page would stretch a line edit
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                page_layout.addWidget(widget)
            page_layout.addStretch(1)
            self.value_stack.addWidget(page)

        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        font = self.preview_label.font()
        font.setBold(True)
        self.preview_label.setFont(font)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Field"), self.field_combo)
        form.addRow(self.tr("New value"), self.value_stack)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                   | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.field_combo.currentIndexChanged.connect(self._on_field_changed)
        self.flag_combo.currentIndexChanged.connect(self.update_preview)
        self.append_check.toggled.connect(self.update_preview)
        for edit in (self.route_edit, self.notes_edit):
            edit.textChanged.connect(self._on_text_edited)
        self.apply_button.clicked.connect(self._on_apply_clicked)
        buttons.rejected.connect(self.reject)
        self.resize(520, self.sizeHint().height())
        self.update_preview()

    # -- the change ---------------------------------------------------------------------
    @property
    def field(self) -> str:
        return self.field_combo.currentData()

    def value(self) -> object:
        field = self.field
        if field == "route":
            return self.route_edit.text().strip()
        if field == "emergency_route":
            return bool(self.flag_combo.currentData())
        return self.notes_edit.text().strip()

    @property
    def append(self) -> bool:
        return self.field == "notes" and self.append_check.isChecked()

    def update_preview(self) -> None:
        """Count the assets the change would alter and say so; Apply only when some would."""
        self._preview_timer.stop()
        if len(self.asset_ids) > MAX_BULK_ASSETS:
            self.changing = []
            self.preview_label.setText(self.tr("Choose at most %1 assets for one bulk edit.")
                                       .replace("%1", f"{MAX_BULK_ASSETS:,}"))
        elif self.field in ("route", "notes") and not self.value():
            # Blanking a field across many assets is too easy a slip to offer here.
            self.changing = []
            self.preview_label.setText(self.tr("Type the new value."))
        else:
            self.changing = bulk_preview(self._db, self.asset_ids, self.field, self.value(),
                                         append=self.append)
            self.preview_label.setText(
                self.tr("%1 of the %2 selected assets will change.")
                .replace("%1", f"{len(self.changing):,}")
                .replace("%2", f"{len(self.asset_ids):,}"))
        self.apply_button.setEnabled(bool(self.changing))
        self.apply_button.setText(self.tr("Change %n assets", "", len(self.changing)))

    def apply(self) -> int | None:
        """Write the change; returns how many assets changed, or None (message shown)."""
        self.update_preview()
        if not self.changing or self._db.readonly:
            return None
        # A file without a site organisation writes as the owner of the first asset.
        first_owner = self._db.conn.execute("SELECT owner FROM assets WHERE id = ?",
                                            (self.changing[0],)).fetchone()[0]
        ctx = gui_change_context(self._db, first_owner)
        try:
            changed = apply_bulk_change(ctx, self.changing, self.field, self.value(),
                                        append=self.append)
        except (sqlite3.Error, KeyError, ValueError) as exc:
            self.message.setText(self.tr("Nothing was changed: %1").replace("%1", str(exc)))
            return None
        self.changes_applied.emit(len(changed))
        self.accept()
        return len(changed)

    # -- slots --------------------------------------------------------------------------
    def _on_field_changed(self, index: int) -> None:
        self.value_stack.setCurrentIndex(index)
        self.update_preview()

    def _on_text_edited(self, _text: str) -> None:
        self._preview_timer.start()

    def _on_apply_clicked(self) -> None:
        self.apply()
