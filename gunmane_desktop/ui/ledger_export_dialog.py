"""The 台帳の書き出し dialog: the register to .xlsx or .csv, for one organisation or sector.

Calls ``ledger.export.export_ledger`` on a worker (``BackgroundTask``); CSV can be written
as CP932 (what Excel on a Japanese Windows opens by default) or UTF-8 with a BOM.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..ledger.export import ExportResult, export_ledger
from ..storage.database import Database
from ..storage.ui_queries import organisation_choices
from .background import BackgroundTask, user_message
from .ledger_wizard import sector_choices


class ExportLedgerDialog(QDialog):
    """Where and how to write the register; runs the export and keeps its result."""

    ledger_exported = Signal(object)
    """The export finished; carries the ExportResult (files written, row counts)."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, language: str = "ja") -> None:
        super().__init__(parent)
        self._db = db
        self.result_value: ExportResult | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Export the ledger (台帳の書き出し)"))
        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("Excel workbook (.xlsx)"), ".xlsx")
        self.format_combo.addItem(self.tr("CSV (.csv)"), ".csv")
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.encoding_combo = QComboBox()
        self.encoding_combo.addItem(self.tr("Shift_JIS (CP932), for Excel"), "cp932")
        self.encoding_combo.addItem(self.tr("UTF-8 with BOM"), "utf-8-sig")
        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("All organisations"), None)
        for code, name in organisation_choices(db.conn):
            self.org_combo.addItem(f"{name} ({code})", code)
        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("All sectors"), None)
        for sector_id, name in sector_choices(language):
            self.sector_combo.addItem(name, sector_id)
        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(360)
        self.path_edit.textChanged.connect(self._on_changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        form.addRow(self.tr("Organisation (管理者):"), self.org_combo)
        form.addRow(self.tr("Sector (分野):"), self.sector_combo)
        form.addRow(self.tr("Save as:"), path_row)
        self.note_label = QLabel(self.tr("A CSV export writes the register and, beside it, "
                                         "the inspection history and the measures as two more files."))
        self.note_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b71c1c;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        self.buttons.accepted.connect(self.start_export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._on_format_changed()

    def _on_format_changed(self) -> None:
        suffix = self.format_combo.currentData()
        self.encoding_combo.setEnabled(suffix == ".csv")
        self.note_label.setVisible(suffix == ".csv")
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(suffix)))
        self._on_changed()

    def _on_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.path_edit.text().strip()) and self.task is None)

    def _on_browse(self) -> None:
        suffix = self.format_combo.currentData()
        start = self.path_edit.text() or f"施設台帳{suffix}"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the ledger"), start, f"*{suffix}")
        if path:
            self.path_edit.setText(str(Path(path).with_suffix(suffix)))

    def start_export(self) -> None:
        """Run the export with the chosen options; the dialog closes when it succeeds."""
        suffix = self.format_combo.currentData()
        path = Path(self.path_edit.text().strip()).with_suffix(suffix)
        if not path.parent.is_dir():
            self.error_label.setText(self.tr("%1: the folder does not exist.")
                                     .replace("%1", str(path.parent)))
            return
        self.error_label.setText("")
        db, org, sector = self._db, self.org_combo.currentData(), self.sector_combo.currentData()
        encoding = self.encoding_combo.currentData()

        def export(progress, cancel):
            return export_ledger(db, path, org=org, sector=sector, encoding=encoding,
                                 progress=progress, cancel=cancel)

        self.task = (BackgroundTask(self, export, self.tr("Exporting the ledger"))
                     .on_success(self._on_exported).on_failure(self._on_failed))
        self._on_changed()
        self.task.start()

    def _on_exported(self, result: ExportResult) -> None:
        self.task = None
        self.result_value = result
        self.ledger_exported.emit(result)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        self.task = None
        self.error_label.setText(user_message(exc))
        self._on_changed()

    def done(self, result: int) -> None:
        if self.task is not None:
            self.task.wait()
        super().done(result)


def export_ledger_dialog(db: Database, parent: QWidget | None = None, *,
                         language: str = "ja") -> ExportResult | None:
    """Ask where and how to export, export, and say what was written; None if cancelled."""
    dialog = ExportLedgerDialog(db, parent, language=language)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.result_value is None:
        return None
    result = dialog.result_value
    files = "\n".join(str(f) for f in result.files)
    QMessageBox.information(parent, dialog.tr("Export the ledger"),
                            dialog.tr("Exported %1 assets to:\n%2").replace("%1", str(result.assets))
                            .replace("%2", files))
    return result
