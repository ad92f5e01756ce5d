"""The 台帳の取込 wizard: file → sheet → column mapping → preview → import → result.

Every step calls the Qt-free ledger API of docs/ledger.md §7 in order (survey_file,
plan_import, write_error_report, apply_plan); the ones that read or write a whole file run
on a worker through ``BackgroundTask``, so the window stays responsive and can cancel.
Problems are shown on the page as one clear line (naming file, row and column where the
core does), never as a traceback.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ..ledger.apply import ImportResult, apply_plan
from ..ledger.errors import LedgerError
from ..ledger.export import write_error_report
from ..ledger.mapping import load_mapping
from ..ledger.preview import ImportPlan, plan_import
from ..ledger.survey import SheetSurvey, field_choices, survey_file
from ..storage.changes import ChangeContext
from ..storage.database import Database
from ..storage.ui_queries import organisation_choices
from .background import BackgroundTask, user_message
from .catalogue_names import DEFAULT_LANGUAGE
from .catalogue_names import sector_choices as catalogue_sector_choices
from .editing import os_user
from .ledger_models import FieldDelegate, ImportErrorModel, MappingModel

PAGE_FILE, PAGE_SHEET, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT = range(5)
LEDGER_FILTER = "Excel / CSV (*.xlsx *.xlsm *.xls *.csv *.txt)"


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setStyleSheet("color: #b71c1c;")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def _show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def sector_choices(language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """(sector id, name in ``language``) of the catalogue's sectors."""
    return catalogue_sector_choices(language)


class FilePage(QWizardPage):
    """Which file, and whose assets it lists."""

    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose the ledger file"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx) or a CSV file (CP932 or UTF-8). "
                                 "Nothing is written until you confirm the preview."))
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(self.tr("Path of the .xlsx or .csv file"))
        self.path_edit.textChanged.connect(self._on_path_changed)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.owner_combo = QComboBox()
        for code, name in organisation_choices(wizard.db.conn):
            self.owner_combo.addItem(f"{name} ({code})", code)
        if wizard.db.site_org:
            self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(wizard.db.site_org)))
        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("From the asset type column"), None)
        for sector_id, name in sector_choices(wizard.language):
            self.sector_combo.addItem(name, sector_id)
        form = QFormLayout()
        form.addRow(self.tr("File:"), row)
        form.addRow(self.tr("Organisation (管理者):"), self.owner_combo)
        form.addRow(self.tr("Sector (分野):"), self.sector_combo)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        self._surveyed_path: str | None = None

    def _on_browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose the ledger file"),
                                              self.path_edit.text(), LEDGER_FILTER)
        if path:
            self.path_edit.setText(path)

    def _on_path_changed(self) -> None:
        self._surveyed_path = None
        _show_error(self.error_label, "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return (bool(self.path_edit.text().strip()) and self.owner_combo.count() > 0
                and not self._wizard.busy)

    def validatePage(self) -> bool:
        path = self.path_edit.text().strip()
        if self._surveyed_path == path:
            return True
        if not Path(path).is_file():
            _show_error(self.error_label, self.tr("%1: the file does not exist.").replace("%1", path))
            return False
        _show_error(self.error_label, "")

        def survey(progress, _cancel):
            progress(None, self.tr("Reading %1…").replace("%1", Path(path).name))
            return survey_file(path)

        def done(sheets: list[SheetSurvey]) -> None:
            if not sheets:
                _show_error(self.error_label, self.tr("%1: the file holds no sheet.").replace("%1", path))
                return
            self._wizard.set_survey(Path(path), sheets)
            self._surveyed_path = path
            self._wizard.next()

        self._wizard.run_task(self.tr("Reading the file"), survey, done, self.error_label)
        return False

    def nextId(self) -> int:
        return PAGE_SHEET if len(self._wizard.sheets) > 1 else PAGE_MAPPING


class SheetPage(QWizardPage):
    """Which sheet of a workbook holds the ledger."""

    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Choose the sheet"))
        self.setSubTitle(self.tr("The workbook has several sheets. Choose the one that lists the assets."))
        self.sheet_list = QListWidget()
        self.sheet_list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.sheet_list)

    def initializePage(self) -> None:
        self.sheet_list.clear()
        best = 0
        for i, sheet in enumerate(self._wizard.sheets):
            if sheet.header_row is None:
                text = self.tr("%1 — no header row found").replace("%1", sheet.name)
            else:
                text = (self.tr("%1 — %2 rows, header in row %3").replace("%1", sheet.name)
                        .replace("%2", str(sheet.data_rows)).replace("%3", str(sheet.header_row)))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, i)
            self.sheet_list.addItem(item)
            if sheet.header_row is not None and self._wizard.sheets[best].header_row is None:
                best = i
        self.sheet_list.setCurrentRow(best)

    def isComplete(self) -> bool:
        return self.sheet_list.currentRow() >= 0

    def validatePage(self) -> bool:
        self._wizard.sheet_index = self.sheet_list.currentRow()
        return True


class MappingPage(QWizardPage):
    """Which column goes to which field: the suggestion, editable, savable."""

    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Match the columns"))
        self.setSubTitle(self.tr("Each column of the file is matched to a field of the register. "
                                 "Double-click a field to change it."))
        self.model = MappingModel(field_choices(), self)
        self.model.dataChanged.connect(self._on_mapping_changed)
        self.model.modelReset.connect(self._on_mapping_changed)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(MappingModel.COL_FIELD, FieldDelegate(self.model, self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(MappingModel.COL_HEADER, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MappingModel.COL_SAMPLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(MappingModel.COL_FIELD, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(MappingModel.COL_FIELD, 220)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        load = QPushButton(self.tr("Load mapping…"))
        load.clicked.connect(self._on_load)
        save = QPushButton(self.tr("Save mapping…"))
        save.clicked.connect(self._on_save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary_label, 1)
        buttons.addWidget(load)
        buttons.addWidget(save)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error_label)

    def initializePage(self) -> None:
        sheet = self._wizard.sheet
        self.model.set_columns(sheet.headers, sheet.samples, sheet.suggested)
        _show_error(self.error_label, "" if sheet.header_row is not None else self.tr(
            "No header row was found on sheet %1. Check that the first rows hold the column "
            "names.").replace("%1", sheet.name))

    def _on_mapping_changed(self) -> None:
        self.summary_label.setText(self.tr("%1 of %2 columns will be imported.")
                                   .replace("%1", str(self.model.mapped_count()))
                                   .replace("%2", str(self.model.rowCount())))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.model.mapped_count() > 0 and not self._wizard.busy

    def load_mapping_from(self, path: Path | str) -> bool:
        """Apply a saved mapping file; shows the problem on the page if it cannot be read."""
        try:
            self.model.apply_mapping(load_mapping(path))
        except LedgerError as exc:
            _show_error(self.error_label, str(exc))
            return False
        _show_error(self.error_label, "")
        return True

    def save_mapping_to(self, path: Path | str) -> bool:
        """Save the mapping, named after the file, for the next ledger of the same layout."""
        path = Path(path)
        mapping = self.model.mapping(name=path.stem, sheet=self._wizard.sheet.name,
                                     header_row=self._wizard.sheet.header_row)
        try:
            mapping.save(path)
        except OSError as exc:
            _show_error(self.error_label, user_message(exc))
            return False
        _show_error(self.error_label, "")
        return True

    def _on_load(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load mapping"),
                                              str(self._wizard.path.parent), "JSON (*.json)")
        if path:
            self.load_mapping_from(path)

    def _on_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save mapping"),
            str(self._wizard.path.with_name(f"{self._wizard.path.stem}_対応表.json")), "JSON (*.json)")
        if path:
            self.save_mapping_to(path)

    def validatePage(self) -> bool:
        self._wizard.mapping = self.model.mapping(sheet=self._wizard.sheet.name,
                                                  header_row=self._wizard.sheet.header_row)
        return True


class PreviewPage(QWizardPage):
    """What the import would do, and every row that cannot be read; then the import itself."""

    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Check before importing"))
        self.setSubTitle(self.tr("Nothing has been written yet. Rows with errors are not imported; "
                                 "fix them in the file and import again, or import the others now."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.count_labels: dict[str, QLabel] = {}
        grid = QGridLayout()
        names = (("new", self.tr("New")), ("updated", self.tr("Updated")),
                 ("unchanged", self.tr("Unchanged")), ("failed", self.tr("Rows with errors")),
                 ("inspections", self.tr("Inspections to add")))
        # Measures (措置) under the asset counts: a 措置 sheet adds and updates measures only.
        measure_names = (("measures_new", self.tr("Measures to add")),
                         ("measures_updated", self.tr("Measures to update")),
                         ("measures_unchanged", self.tr("Measures unchanged")))
        for row, group in ((0, names), (2, measure_names)):
            for col, (key, text) in enumerate(group):
                caption = QLabel(text)
                caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
                number = QLabel("–")
                number.setAlignment(Qt.AlignmentFlag.AlignCenter)
                number.setStyleSheet("font-size: 18pt; font-weight: bold;" if row == 0 else
                                     "font-size: 14pt; font-weight: bold;")
                number.setObjectName(f"count_{key}")
                self.count_labels[key] = number
                grid.addWidget(number, row, col)
                grid.addWidget(caption, row + 1, col)
        self.notes_label = QLabel()
        self.notes_label.setWordWrap(True)
        self.errors_caption = QLabel()
        self.error_model = ImportErrorModel(self)
        self.error_table = QTableView()
        self.error_table.setModel(self.error_model)
        self.error_table.verticalHeader().hide()
        self.error_table.setWordWrap(False)
        header = self.error_table.horizontalHeader()
        for col in range(ImportErrorModel.COL_REASON):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ImportErrorModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.save_errors_button = QPushButton(self.tr("Save errors as .xlsx…"))
        self.save_errors_button.clicked.connect(self._on_save_errors)
        errors_row = QHBoxLayout()
        errors_row.addWidget(self.errors_caption, 1)
        errors_row.addWidget(self.save_errors_button)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.error_label = _error_label()
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.notes_label)
        layout.addLayout(errors_row)
        layout.addWidget(self.error_table, 1)
        layout.addWidget(self.message_label)
        layout.addWidget(self.error_label)

    def initializePage(self) -> None:
        self._wizard.plan = None
        self._wizard.result = None
        for label in self.count_labels.values():
            label.setText("–")
        self.error_model.set_errors([])
        self.errors_caption.setText("")
        self.notes_label.setText("")
        self.message_label.setText("")
        self.save_errors_button.setEnabled(False)
        _show_error(self.error_label, "")
        wizard = self._wizard
        path, owner, sector, mapping = wizard.path, wizard.owner, wizard.sector, wizard.mapping
        sheet = wizard.sheet.name

        def preview(progress, cancel):
            return plan_import(wizard.db, path, owner=owner, sheet=sheet, sector=sector,
                               mapping=mapping, progress=progress, cancel=cancel)

        # Started once the page is shown: QWizard sets the buttons after initializePage.
        QTimer.singleShot(0, lambda: wizard.run_task(self.tr("Preparing the preview"), preview,
                                                     self._show_plan, self.error_label))

    def _show_plan(self, plan: ImportPlan) -> None:
        self._wizard.plan = plan
        counts = {**plan.counts, "inspections": plan.new_inspections,
                  **{f"measures_{k}": n for k, n in plan.measure_counts.items()}}
        for key, label in self.count_labels.items():
            label.setText(str(counts[key]))
        notes = [f"{s.name}: {s.note}" for s in plan.sheets if s.note]
        ignored = [c for s in plan.sheets for c in s.ignored_columns]
        if ignored:
            notes.append(self.tr("Columns not imported: %1").replace("%1", "、".join(ignored)))
        self.notes_label.setText("\n".join(notes))
        self.error_model.set_errors(plan.errors)
        rows = len({(e.sheet, e.row) for e in plan.errors})
        self.errors_caption.setText(
            self.tr("%1 problems in %2 rows:").replace("%1", str(len(plan.errors))).replace("%2", str(rows))
            if plan.errors else self.tr("No problems found."))
        self.save_errors_button.setEnabled(bool(plan.errors))
        writes = counts["new"] + counts["updated"]
        measure_writes = counts["measures_new"] + counts["measures_updated"]
        if measure_writes:
            message = (self.tr("Import writes %1 assets and %2 measures after taking a backup of the file.")
                       .replace("%1", str(writes)).replace("%2", str(measure_writes)))
        elif writes:
            message = self.tr("Import writes %1 assets after taking a backup of the file.").replace(
                "%1", str(writes))
        else:
            message = self.tr("There is nothing to import: every readable row is unchanged.")
        self.message_label.setText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        plan = self._wizard.plan
        return plan is not None and not self._wizard.busy

    def save_errors_to(self, path: Path | str) -> Path | None:
        """Write the error report (.xlsx, or .csv by suffix); None if it could not be written."""
        plan = self._wizard.plan
        if plan is None:
            return None
        try:
            written = write_error_report(plan.errors, path)
        except (OSError, LedgerError) as exc:
            _show_error(self.error_label, user_message(exc))
            return None
        self.message_label.setText(self.tr("Errors saved to %1").replace("%1", str(written)))
        return written

    def _on_save_errors(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save errors"),
            str(self._wizard.path.with_name(f"{self._wizard.path.stem}_取込エラー.xlsx")),
            "Excel (*.xlsx)")
        if path:
            self.save_errors_to(path)

    def validatePage(self) -> bool:
        wizard = self._wizard
        if wizard.result is not None:
            return True
        plan = wizard.plan
        if plan is None or wizard.busy:
            return False
        ctx = ChangeContext(wizard.db, org=wizard.db.site_org or wizard.owner, user=os_user(),
                            source=f"ledger import {wizard.path.name}")

        def write(progress, cancel):
            return apply_plan(wizard.db, plan, ctx, progress=progress, cancel=cancel)

        def done(result: ImportResult) -> None:
            wizard.result = result
            wizard.ledger_imported.emit()
            wizard.next()

        wizard.run_task(self.tr("Importing"), write, done, self.error_label)
        return False


class ResultPage(QWizardPage):
    """What was written, and where the backup taken before it is."""

    def __init__(self, wizard: LedgerImportWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.setTitle(self.tr("Import finished"))
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.backup_label = QLabel()
        self.backup_label.setWordWrap(True)
        self.backup_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.backup_label)
        layout.addStretch(1)

    def initializePage(self) -> None:
        r = self._wizard.result
        if r is None:
            return
        self.summary_label.setText(
            self.tr("New: %1, updated: %2, unchanged: %3, not imported because of errors: %4, "
                    "inspections added: %5.").replace("%1", str(r.new)).replace("%2", str(r.updated))
            .replace("%3", str(r.unchanged)).replace("%4", str(r.failed)).replace("%5", str(r.inspections))
            + "\n" + self.tr("Measures added: %1, updated: %2, unchanged: %3.")
            .replace("%1", str(r.measures["new"])).replace("%2", str(r.measures["updated"]))
            .replace("%3", str(r.measures["unchanged"])))
        if r.backup is not None:
            self.backup_label.setText(self.tr("Before importing, the file was backed up to:\n%1")
                                      .replace("%1", str(r.backup)))
        else:
            self.backup_label.setText(self.tr("Nothing was written, so no backup was needed."))


class LedgerImportWizard(QWizard):
    """Import an Excel/CSV ledger into the open file, with a preview before anything is written."""

    ledger_imported = Signal()
    """The import wrote to the database (refresh the register and dashboard)."""

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self.db = db
        self.language = language  # of the catalogue's names ("ja" or "en")
        self.path = Path()
        self.sheets: list[SheetSurvey] = []
        self.sheet_index = 0
        self.mapping = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.task: BackgroundTask | None = None
        self.setWindowTitle(self.tr("Import a ledger (台帳の取込)"))
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        self.setPage(PAGE_FILE, self.file_page)
        self.setPage(PAGE_SHEET, self.sheet_page)
        self.setPage(PAGE_MAPPING, self.mapping_page)
        self.setPage(PAGE_PREVIEW, self.preview_page)
        self.setPage(PAGE_RESULT, self.result_page)
        self.resize(900, 620)

    @property
    def owner(self) -> str:
        return self.file_page.owner_combo.currentData()

    @property
    def sector(self) -> str | None:
        return self.file_page.sector_combo.currentData()

    @property
    def sheet(self) -> SheetSurvey:
        return self.sheets[self.sheet_index]

    @property
    def busy(self) -> bool:
        return self.task is not None

    def set_survey(self, path: Path, sheets: list[SheetSurvey]) -> None:
        self.path = path
        self.sheets = sheets
        self.sheet_index = next((i for i, s in enumerate(sheets) if s.header_row is not None), 0)

    def run_task(self, label: str, job, done, error_label: QLabel) -> None:
        """Run ``job`` on a worker; ``done(result)`` on success, the message on ``error_label`` else."""
        if self.task is not None:
            return
        self.button(QWizard.WizardButton.NextButton).setEnabled(False)
        self.button(QWizard.WizardButton.CommitButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)

        def succeeded(result: object) -> None:
            self.task = None
            done(result)
            self._refresh_buttons()

        def failed(exc: BaseException) -> None:
            self.task = None
            _show_error(error_label, self.tr("Cancelled.") if task.was_cancelled and
                        isinstance(exc, LedgerError) else user_message(exc))
            self._refresh_buttons()

        task = BackgroundTask(self, job, label).on_success(succeeded).on_failure(failed)
        self.task = task
        task.start()

    def _refresh_buttons(self) -> None:
        page = self.currentPage()
        if page is not None:
            page.completeChanged.emit()

    def done(self, result: int) -> None:
        # Closing mid-job: stop the worker before the wizard (and its database use) goes away.
        if self.task is not None:
            self.task.wait()
        super().done(result)
