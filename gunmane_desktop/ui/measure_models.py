"""Table models of the 措置 page: assets waiting for a measure, and the list of measures."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ..storage.ui_queries import MeasureListRow, WaitingAsset
from .display import date_text, fiscal_year_text, yen_text
from .grade_colours import grade_background, grade_foreground
from .row_list_model import RowListModel

AssetIdRole = Qt.ItemDataRole.UserRole + 1
MeasureIdRole = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex
_CENTRE = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class WaitingAssetsModel(RowListModel):
    """Ⅲ/Ⅳ assets with no measure started: flagged, worst first."""

    COL_GRADE, COL_OWNER, COL_TYPE, COL_NAME, COL_INSPECTED, COL_STATE = range(6)
    COLUMN_COUNT = 6

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[WaitingAsset]
        self._headers = (self.tr("Grade"), self.tr("Owner"), self.tr("Type"), self.tr("Name"),
                         self.tr("Inspected on"), self.tr("Measures"))
        self._states = {"none": self.tr("Not started"), "planned": self.tr("Planned only")}
        self._emergency = self.tr("Emergency route")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == AssetIdRole:
            return r.asset_id
        if column == self.COL_GRADE:
            if role == Qt.ItemDataRole.BackgroundRole:
                return grade_background(r.grade_level)
            if role == Qt.ItemDataRole.ForegroundRole:
                return grade_foreground(r.grade_level)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _CENTRE
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME and r.emergency_route:
            return self._emergency
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match column:
            case self.COL_GRADE:
                return r.grade_symbol
            case self.COL_OWNER:
                return r.owner_name
            case self.COL_TYPE:
                return r.type_name
            case self.COL_NAME:
                return f"{r.name} ★" if r.emergency_route else r.name
            case self.COL_INSPECTED:
                return date_text(r.last_inspected_on)
            case self.COL_STATE:
                return self._states.get(r.measure_state, r.measure_state)
        return None


class MeasureListModel(RowListModel):
    """Measures of the region or one owner: asset, kind, status, dates and cost."""

    (COL_OWNER, COL_ASSET, COL_KIND, COL_DESCRIPTION, COL_STATUS, COL_TRIGGER, COL_PLANNED,
     COL_STARTED, COL_COMPLETED, COL_COST) = range(10)
    COLUMN_COUNT = 10

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[MeasureListRow]
        self._headers = (self.tr("Owner"), self.tr("Asset"), self.tr("Kind"), self.tr("Work"),
                         self.tr("Status"), self.tr("Triggered by"), self.tr("Planned (FY)"),
                         self.tr("Started"), self.tr("Completed"), self.tr("Cost"))
        self._estimate = self.tr("%1 (estimate)")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        column = index.column()
        if role == MeasureIdRole:
            return m.measure_id
        if role == AssetIdRole:
            return m.asset_id
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == self.COL_COST:
                return _RIGHT
            if column in (self.COL_STATUS, self.COL_TRIGGER):
                return _CENTRE
            return None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match column:
            case self.COL_OWNER:
                return m.owner_name
            case self.COL_ASSET:
                return m.asset_name
            case self.COL_KIND:
                return m.kind_name
            case self.COL_DESCRIPTION:
                return m.description
            case self.COL_STATUS:
                return m.status_name
            case self.COL_TRIGGER:
                return m.grade_symbol
            case self.COL_PLANNED:
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

    def row_of(self, measure_id: str) -> int | None:
        for row, m in enumerate(self._rows):
            if m.measure_id == measure_id:
                return row
        return None
