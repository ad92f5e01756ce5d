"""Small table models of the detail pane: an asset's inspection history and its measures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ..storage.asset_record import HistoryRow, MeasureRow
from .display import date_text, fiscal_year_text, fiscal_year_with_western, yen_text
from .grade_colours import grade_background, grade_foreground
from .row_list_model import RowListModel

InspectionIdRole = Qt.ItemDataRole.UserRole + 1
MeasureIdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


class InspectionHistoryModel(RowListModel):
    """An asset's inspections, newest first: date (和暦 with 西暦), 年度, grade, who, findings."""

    COL_DATE, COL_FISCAL_YEAR, COL_GRADE, COL_METHOD, COL_INSPECTOR, COL_FINDINGS = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[HistoryRow]
        self._headers = (self.tr("Inspected on"), self.tr("Fiscal year"), self.tr("Grade"),
                         self.tr("Method"), self.tr("Inspector"), self.tr("Findings"))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            match column:
                case self.COL_DATE:
                    return date_text(r.inspected_on)
                case self.COL_FISCAL_YEAR:
                    return fiscal_year_text(r.fiscal_year)
                case self.COL_GRADE:
                    return f"{r.grade_symbol} {r.grade_label}".strip()
                case self.COL_METHOD:
                    return r.method
                case self.COL_INSPECTOR:
                    who = [r.inspector_name, r.inspector_org_name]
                    return " / ".join(w for w in who if w)
                case self.COL_FINDINGS:
                    return r.findings
            return None
        if role == InspectionIdRole:
            return r.inspection_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.COL_FISCAL_YEAR:
                return fiscal_year_with_western(r.fiscal_year)
            if column == self.COL_FINDINGS and r.findings:
                return r.findings
        if column == self.COL_GRADE:
            if role == Qt.ItemDataRole.BackgroundRole:
                return grade_background(r.grade_level)
            if role == Qt.ItemDataRole.ForegroundRole:
                return grade_foreground(r.grade_level)
        return None


class MeasureTableModel(RowListModel):
    """An asset's measures: kind, status, what is done, when, and what it costs."""

    (COL_KIND, COL_STATUS, COL_DESCRIPTION, COL_PLANNED_FY, COL_STARTED, COL_COMPLETED,
     COL_COST) = range(7)
    COLUMN_COUNT = 7

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MeasureRow]
        self._headers = (self.tr("Kind"), self.tr("Status"), self.tr("Work"),
                         self.tr("Planned (FY)"), self.tr("Started"), self.tr("Completed"),
                         self.tr("Cost"))
        self._estimate = self.tr("%1 (estimate)")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role == MeasureIdRole:
            return m.measure_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COST:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match column:
            case self.COL_KIND:
                return m.kind_name
            case self.COL_STATUS:
                return m.status_name
            case self.COL_DESCRIPTION:
                return m.description
            case self.COL_PLANNED_FY:
                return fiscal_year_text(m.planned_fy)
            case self.COL_STARTED:
                return date_text(m.started_on)
            case self.COL_COMPLETED:
                return date_text(m.completed_on)
            case self.COL_COST:
                if m.cost_actual_yen is not None:
                    return yen_text(m.cost_actual_yen)
                if m.cost_planned_yen is not None:
                    return self._estimate.replace("%1", yen_text(m.cost_planned_yen))
                return ""
        return None
