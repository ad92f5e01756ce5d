"""The form of one measure: add a new one for an asset, or advance an existing one.

Work moves planned → started → completed; the buttons "着手" and "完了" set the status and
today's date where none is entered yet, and the user saves. Dates accept 和暦 (R6.6.15,
令和6年6月15日) as well as 西暦; the planned fiscal year accepts 令和8年度, R8 or 2026; costs
are whole 円 and accept 千円 and 万円. Messages from ``Measure.validate()`` appear beside the
fields they name.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ..core.ids import new_id
from ..core.models import FieldError, Measure, MeasureStatusId
from ..core.wareki import WarekiError, format_date, parse_date, parse_fiscal_year
from ..storage.asset_record import HistoryRow
from .display import date_text, fiscal_year_text
from .inspection_form import error_label, with_error

# 対策内容 offered in the list (free text is accepted).
TYPICAL_WORK = ("断面修復", "ひびわれ注入", "表面被覆", "橋面防水", "伸縮装置取替", "支承防錆",
                "塗替塗装", "当て板補修", "架替", "撤去", "通行規制 (全面通行止め)",
                "通行規制 (重量制限)", "舗装打換え", "切削オーバーレイ", "管更生", "遊具更新")
_YEN_RE = re.compile(r"^(?P<n>\d+(?:\.\d+)?)(?P<unit>千円|万円|円)?$")


def parse_yen(text: str) -> int | None:
    """"1,234,000" / "1234000円" / "1,234千円" / "123.4万円" -> integer 円; blank -> None."""
    s = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "").strip()
    if not s:
        return None
    m = _YEN_RE.match(s)
    if not m:
        raise ValueError(f"「{text}」は金額として読めません (例: 4,500,000 / 4,500千円)")
    factor = {"千円": 1000, "万円": 10000}.get(m["unit"] or "", 1)
    return round(float(m["n"]) * factor)


class MeasureForm(QWidget):
    """Fields of one measure of one asset."""

    changed = Signal()
    """The user changed a field."""

    def __init__(self, kinds: Sequence[tuple[str, str]], statuses: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today: dt.date | None = None
        self.measure: Measure | None = None  # the measure being edited; None = a new one
        self.asset_id: str | None = None
        self.owner: str | None = None

        self.kind_combo = QComboBox()
        for kind_id, name in kinds:
            self.kind_combo.addItem(name, kind_id)
        self.description_combo = QComboBox()
        self.description_combo.setEditable(True)
        self.description_combo.addItems(TYPICAL_WORK)
        self.description_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.status_combo = QComboBox()
        for status_id, name in statuses:
            self.status_combo.addItem(name, status_id)
        self.start_button = QPushButton(self.tr("Mark started"))
        self.complete_button = QPushButton(self.tr("Mark completed"))
        status_row = QHBoxLayout()
        status_row.setContentsMargins(0, 0, 0, 0)
        status_row.addWidget(self.status_combo, 1)
        status_row.addWidget(self.start_button)
        status_row.addWidget(self.complete_button)
        status_box = QWidget()
        status_box.setLayout(status_row)
        self.inspection_combo = QComboBox()
        self.planned_edit = QLineEdit()
        self.planned_edit.setPlaceholderText(self.tr("e.g. 令和8年度, R8, 2026"))
        self.started_edit = QLineEdit()
        self.completed_edit = QLineEdit()
        for edit in (self.started_edit, self.completed_edit):
            edit.setPlaceholderText(self.tr("e.g. R6.6.15, 2024-06-15"))
        self.cost_planned_edit = QLineEdit()
        self.cost_actual_edit = QLineEdit()
        for edit in (self.cost_planned_edit, self.cost_actual_edit):
            edit.setPlaceholderText(self.tr("yen, e.g. 4,500,000 or 4,500千円"))

        self.errors = {key: error_label() for key in (
            "kind", "description", "status", "inspection_id", "planned_fy", "started_on",
            "completed_on", "cost_planned_yen", "cost_actual_yen")}
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for text, key, widget in (
                (self.tr("Kind"), "kind", self.kind_combo),
                (self.tr("Work"), "description", self.description_combo),
                (self.tr("Status"), "status", status_box),
                (self.tr("Triggered by"), "inspection_id", self.inspection_combo),
                (self.tr("Planned (FY)"), "planned_fy", self.planned_edit),
                (self.tr("Started"), "started_on", self.started_edit),
                (self.tr("Completed"), "completed_on", self.completed_edit),
                (self.tr("Estimated cost"), "cost_planned_yen", self.cost_planned_edit),
                (self.tr("Actual cost"), "cost_actual_yen", self.cost_actual_edit)):
            label = QLabel(text)
            label.setBuddy(widget)
            form.addRow(label, with_error(widget, self.errors[key]))

        self.start_button.clicked.connect(self._on_start_clicked)
        self.complete_button.clicked.connect(self._on_complete_clicked)
        self.status_combo.currentIndexChanged.connect(self._on_status_changed)
        for signal in (self.kind_combo.currentIndexChanged,
                       self.description_combo.currentTextChanged,
                       self.inspection_combo.currentIndexChanged, self.planned_edit.textChanged,
                       self.started_edit.textChanged, self.completed_edit.textChanged,
                       self.cost_planned_edit.textChanged, self.cost_actual_edit.textChanged):
            signal.connect(self._on_any_changed)

    # -- loading ------------------------------------------------------------------------
    def _fill_inspections(self, inspections: Sequence[HistoryRow], chosen: str | None) -> None:
        self.inspection_combo.clear()
        self.inspection_combo.addItem(self.tr("— none —"), None)
        for i in inspections:
            self.inspection_combo.addItem(
                f"{i.grade_symbol} {i.grade_label} — {date_text(i.inspected_on)}",
                i.inspection_id)
        self.inspection_combo.setCurrentIndex(max(0, self.inspection_combo.findData(chosen)))

    def new_measure(self, *, asset_id: str, owner: str, inspections: Sequence[HistoryRow],
                    today: dt.date | None = None) -> None:
        """Empty fields for a new planned measure, linked to the latest action-required
        inspection (or the latest one)."""
        self._today = today
        self.measure = None
        self.asset_id, self.owner = asset_id, owner
        trigger = next((i.inspection_id for i in inspections if i.grade_level >= 2), None)
        self._fill_inspections(inspections, trigger or (inspections[0].inspection_id
                                                        if inspections else None))
        self.kind_combo.setCurrentIndex(0)
        self.description_combo.setCurrentIndex(-1)
        self.description_combo.setEditText("")
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData("planned")))
        year = (today or dt.date.today())
        self.planned_edit.setText(fiscal_year_text(year.year + (1 if year.month >= 4 else 0)))
        for edit in (self.started_edit, self.completed_edit, self.cost_planned_edit,
                     self.cost_actual_edit):
            edit.clear()
        self.show_errors([])

    def edit_measure(self, measure: Measure, inspections: Sequence[HistoryRow],
                     today: dt.date | None = None) -> None:
        """Show an existing measure to advance or correct it."""
        self._today = today
        self.measure = measure
        self.asset_id, self.owner = measure.asset_id, measure.owner
        self._fill_inspections(inspections, measure.inspection_id)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(measure.kind)))
        self.description_combo.setEditText(measure.description)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(str(measure.status))))
        self.planned_edit.setText(fiscal_year_text(measure.planned_fy))
        self.started_edit.setText(format_date(measure.started_on) if measure.started_on else "")
        self.completed_edit.setText(format_date(measure.completed_on)
                                    if measure.completed_on else "")
        self.cost_planned_edit.setText(f"{measure.cost_planned_yen:,}"
                                       if measure.cost_planned_yen is not None else "")
        self.cost_actual_edit.setText(f"{measure.cost_actual_yen:,}"
                                      if measure.cost_actual_yen is not None else "")
        self.show_errors([])

    # -- values -------------------------------------------------------------------------
    def build(self) -> tuple[Measure | None, list[FieldError]]:
        """The measure as entered, or None with the errors of fields that cannot be read."""
        errors: list[FieldError] = []

        def date_of(key: str, edit: QLineEdit) -> dt.date | None:
            try:
                return parse_date(edit.text())
            except WarekiError as exc:
                errors.append(FieldError(key, str(exc)))
                return None

        def yen_of(key: str, edit: QLineEdit) -> int | None:
            try:
                return parse_yen(edit.text())
            except ValueError as exc:
                errors.append(FieldError(key, str(exc)))
                return None

        try:
            planned = parse_fiscal_year(self.planned_edit.text())
        except WarekiError as exc:
            planned = None
            errors.append(FieldError("planned_fy", str(exc)))
        started = date_of("started_on", self.started_edit)
        completed = date_of("completed_on", self.completed_edit)
        cost_planned = yen_of("cost_planned_yen", self.cost_planned_edit)
        cost_actual = yen_of("cost_actual_yen", self.cost_actual_edit)
        status = MeasureStatusId(self.status_combo.currentData())
        if status is MeasureStatusId.STARTED and started is None and not errors:
            errors.append(FieldError("started_on", self.tr("A started measure needs its "
                                                           "start date.")))
        if errors or self.asset_id is None or self.owner is None:
            return None, errors
        base = self.measure
        return Measure(
            id=base.id if base else new_id(), owner=self.owner, asset_id=self.asset_id,
            kind=self.kind_combo.currentData(), status=status,
            description=self.description_combo.currentText().strip(),
            inspection_id=self.inspection_combo.currentData(), planned_fy=planned,
            started_on=started, completed_on=completed, cost_planned_yen=cost_planned,
            cost_actual_yen=cost_actual, contract_id=base.contract_id if base else None), []

    def show_errors(self, errors: Sequence[FieldError]) -> None:
        by_key: dict[str, list[str]] = {}
        for e in errors:
            by_key.setdefault(e.field if e.field in self.errors else "description",
                              []).append(e.message)
        for key, label in self.errors.items():
            label.setText("\n".join(by_key.get(key, [])))
            label.setVisible(key in by_key)

    def visible_errors(self) -> dict[str, str]:
        return {k: v.text() for k, v in self.errors.items() if not v.isHidden()}

    # -- slots --------------------------------------------------------------------------
    def _today_text(self) -> str:
        return format_date(self._today or dt.date.today())

    def _on_start_clicked(self) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData("started"))
        if not self.started_edit.text().strip():
            self.started_edit.setText(self._today_text())

    def _on_complete_clicked(self) -> None:
        self.status_combo.setCurrentIndex(self.status_combo.findData("completed"))
        if not self.started_edit.text().strip():
            self.started_edit.setText(self._today_text())
        if not self.completed_edit.text().strip():
            self.completed_edit.setText(self._today_text())

    def _on_status_changed(self, _index: int) -> None:
        status = self.status_combo.currentData()
        self.start_button.setEnabled(status == "planned")
        self.complete_button.setEnabled(status in ("planned", "started"))
        self._on_any_changed()

    def _on_any_changed(self, *_args: object) -> None:
        self.changed.emit()
