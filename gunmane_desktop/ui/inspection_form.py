"""The entry form of one inspection: grade of the asset's scale, date in 和暦 or 西暦,
inspector, method, findings, member rows and photos, with messages beside the fields.

The form knows nothing of the file: the page gives it the asset's grades, organisations and
cycle, asks it for an ``Inspection`` and hands back the ``FieldError``s of ``validate()``,
which the form shows next to the field each one names.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.cycles import DueState, due
from ..core.ids import new_id
from ..core.models import FieldError, Inspection
from ..core.wareki import (
    WarekiError,
    fiscal_year_of,
    format_date,
    format_fiscal_year,
    parse_date,
)
from ..storage.register_query import GradeChoice
from .member_table import MemberChoiceDelegate, MemberTableModel
from .photo_strip import PhotoStrip

ERROR_STYLE = "color: #b00020;"


def error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def with_error(widget: QWidget, error: QLabel) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    layout.addWidget(error)
    return box


class InspectionForm(QWidget):
    """Fields of a new inspection of one asset."""

    changed = Signal()
    """The user changed a field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cycle: int | None = None
        self._today: dt.date | None = None
        self._scale = ""
        self.errors: dict[str, QLabel] = {}

        self.grade_combo = QComboBox()
        self.grade_definition = QLabel()
        self.grade_definition.setWordWrap(True)
        self.grade_definition.setStyleSheet("color: #454545;")
        self.date_edit = QLineEdit()
        self.date_edit.setPlaceholderText(self.tr("e.g. R6.6.15, 令和6年6月15日, 2024-06-15"))
        self.date_reading = QLabel()
        self.date_reading.setStyleSheet("color: #454545;")
        self.next_due_label = QLabel()
        self.org_combo = QComboBox()
        self.inspector_edit = QLineEdit()
        self.method_combo = QComboBox()
        self.method_combo.setEditable(True)
        self.method_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.findings_edit = QPlainTextEdit()
        self.findings_edit.setTabChangesFocus(True)
        self.findings_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        self.members = MemberTableModel(self)
        self.member_view = QTableView()
        self.member_view.setModel(self.members)
        self.member_view.setItemDelegate(MemberChoiceDelegate(self.member_view))
        self.member_view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.member_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.member_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.member_view.horizontalHeader().setStretchLastSection(True)
        self.member_view.setMinimumHeight(self.fontMetrics().height() * 6)
        self.add_member_button = QPushButton(self.tr("Add member row"))
        self.remove_member_button = QPushButton(self.tr("Remove row"))
        member_buttons = QHBoxLayout()
        member_buttons.addWidget(self.add_member_button)
        member_buttons.addWidget(self.remove_member_button)
        member_buttons.addStretch(1)
        member_box = QWidget()
        member_layout = QVBoxLayout(member_box)
        member_layout.setContentsMargins(0, 0, 0, 0)
        member_layout.addWidget(self.member_view)
        member_layout.addLayout(member_buttons)
        self.photos = PhotoStrip()

        for key in ("grade", "inspected_on", "inspector_org", "method", "findings", "members",
                    "photos"):
            self.errors[key] = error_label()
        grade_box = QWidget()
        grade_layout = QVBoxLayout(grade_box)
        grade_layout.setContentsMargins(0, 0, 0, 0)
        grade_layout.addWidget(self.grade_combo)
        grade_layout.addWidget(self.grade_definition)
        grade_layout.addWidget(self.errors["grade"])
        date_box = QWidget()
        date_layout = QVBoxLayout(date_box)
        date_layout.setContentsMargins(0, 0, 0, 0)
        date_layout.setSpacing(2)
        date_layout.addWidget(self.date_edit)
        date_layout.addWidget(self.date_reading)
        date_layout.addWidget(self.errors["inspected_on"])

        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        rows = (
            (self.tr("Grade"), grade_box),
            (self.tr("Inspected on"), date_box),
            (self.tr("Next inspection"), self.next_due_label),
            (self.tr("Inspecting organisation"),
             with_error(self.org_combo, self.errors["inspector_org"])),
            (self.tr("Inspector"), self.inspector_edit),
            (self.tr("Method"), with_error(self.method_combo, self.errors["method"])),
            (self.tr("Findings"), with_error(self.findings_edit, self.errors["findings"])),
            (self.tr("Members (optional)"), with_error(member_box, self.errors["members"])),
            (self.tr("Photos"), with_error(self.photos, self.errors["photos"])),
        )
        for text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, widget)

        self.grade_combo.currentIndexChanged.connect(self._on_grade_changed)
        self.date_edit.textChanged.connect(self._on_date_edited)
        self.add_member_button.clicked.connect(self._on_add_member_clicked)
        self.remove_member_button.clicked.connect(self._on_remove_member_clicked)
        for signal in (self.org_combo.currentIndexChanged, self.inspector_edit.textChanged,
                       self.method_combo.currentTextChanged, self.findings_edit.textChanged,
                       self.members.dataChanged, self.photos.photos_changed):
            signal.connect(self._on_any_changed)

    # -- set-up for an asset ------------------------------------------------------------
    def prepare(self, *, scale: str, grades: Sequence[GradeChoice], definitions: dict[str, str],
                organisations: Sequence[tuple[str, str]], default_org: str,
                methods: Sequence[str], cycle_years: int | None,
                today: dt.date | None = None) -> None:
        """Empty the form for a new inspection graded on ``grades`` (one scale)."""
        self._scale = scale
        self._cycle = cycle_years
        self._today = today
        self._definitions = definitions
        self.grade_combo.blockSignals(True)
        self.grade_combo.clear()
        self.grade_combo.addItem(self.tr("— choose —"), None)
        for g in grades:
            text = f"{g.symbol} {g.label_ja}" if g.symbol != g.label_ja else g.symbol
            self.grade_combo.addItem(text, g.code)
            self.grade_combo.setItemData(self.grade_combo.count() - 1,
                                         definitions.get(g.code, ""),
                                         Qt.ItemDataRole.ToolTipRole)
        self.grade_combo.blockSignals(False)
        self.members.set_grade_symbols({g.code: g.symbol for g in grades})
        self.org_combo.clear()
        for code, name in organisations:
            self.org_combo.addItem(name, code)
        self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(default_org)))
        self.method_combo.clear()
        self.method_combo.addItems(list(methods))
        self.method_combo.setCurrentIndex(0 if methods else -1)
        self.inspector_edit.clear()
        self.findings_edit.clear()
        self.members.clear()
        self.photos.clear()
        self.date_edit.setText(format_date(today or dt.date.today()))
        self.grade_combo.setCurrentIndex(0)
        self._on_grade_changed(0)
        self.show_errors([])

    # -- values -------------------------------------------------------------------------
    def inspected_on(self) -> dt.date | None:
        try:
            return parse_date(self.date_edit.text())
        except WarekiError:
            return None

    def build(self, *, asset_id: str, owner: str) -> tuple[Inspection | None, list[FieldError]]:
        """The inspection as entered, or None with the errors that prevent building it.

        Errors of the form itself (no date, no grade) come first; ``validate()`` then
        checks what the record can check.
        """
        errors: list[FieldError] = []
        try:
            day = parse_date(self.date_edit.text())
            if day is None:
                errors.append(FieldError("inspected_on", self.tr("Enter the inspection date.")))
        except WarekiError as exc:
            day = None
            errors.append(FieldError("inspected_on", str(exc)))
        grade = self.grade_combo.currentData()
        if not grade:
            errors.append(FieldError("grade", self.tr("Choose the grade.")))
        if errors:
            return None, errors
        assert day is not None
        inspection = Inspection(
            id=new_id(), owner=owner, asset_id=asset_id, inspected_on=day, scale=self._scale,
            grade=grade, method=self.method_combo.currentText().strip(),
            inspector_org=self.org_combo.currentData() or "",
            inspector_name=self.inspector_edit.text().strip(),
            findings=self.findings_edit.toPlainText().strip(),
            members=self.members.findings())
        return inspection, []

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        """Show each message beside its field (member rows beside the member table)."""
        by_key: dict[str, list[str]] = {}
        for e in errors:
            key = e.field
            message = e.message
            if key.startswith("members["):
                row = int(key[len("members["):key.index("]")]) + 1
                message = self.tr("Row %1: %2").replace("%1", str(row)).replace("%2", message)
                key = "members"
            by_key.setdefault(key if key in self.errors else "findings", []).append(message)
        for key, label in self.errors.items():
            messages = by_key.get(key, [])
            label.setText("\n".join(messages))
            label.setVisible(bool(messages))

    def visible_errors(self) -> dict[str, str]:
        """Field -> message shown now (for tests)."""
        return {k: v.text() for k, v in self.errors.items() if not v.isHidden()}

    # -- slots --------------------------------------------------------------------------
    def _on_grade_changed(self, _index: int) -> None:
        code = self.grade_combo.currentData()
        self.grade_definition.setText(self._definitions.get(code, "") if code else "")
        self.grade_definition.setVisible(bool(code))
        self._on_any_changed()

    def _on_date_edited(self, text: str) -> None:
        try:
            day = parse_date(text)
        except WarekiError as exc:
            self.date_reading.setText("")
            self.errors["inspected_on"].setText(str(exc))
            self.errors["inspected_on"].show()
            self._show_next_due(None)
            return
        self.errors["inspected_on"].hide()
        if day is None:
            self.date_reading.setText("")
        else:
            self.date_reading.setText(self.tr("Read as %1").replace(
                "%1", f"{format_date(day, with_western=True)} ・ "
                      f"{format_fiscal_year(fiscal_year_of(day))}"))
        self._show_next_due(day)
        self._on_any_changed()

    def _show_next_due(self, day: dt.date | None) -> None:
        if self._cycle is None:
            self.next_due_label.setText(self.tr("No statutory cycle for this type"))
            return
        if day is None:
            self.next_due_label.setText("—")
            return
        result = due(day, self._cycle, self._today or dt.date.today())
        text = self.tr("%1 (every %2 years), by %3").replace(
            "%1", format_fiscal_year(result.fiscal_year, with_western=True)).replace(
            "%2", str(self._cycle)).replace("%3", format_date(result.deadline))
        if result.state is DueState.OVERDUE:
            text += " — " + self.tr("already overdue")
        self.next_due_label.setText(text)

    def _on_add_member_clicked(self) -> None:
        row = self.members.add_row()
        index = self.members.index(row, MemberTableModel.COL_MEMBER)
        self.member_view.setCurrentIndex(index)
        self.member_view.edit(index)

    def _on_remove_member_clicked(self) -> None:
        self.members.remove_row(self.member_view.currentIndex().row())

    def _on_any_changed(self, *_args: object) -> None:
        self.changed.emit()
