"""Table models of the 計画 page: the plan (per asset and fiscal year) and removal candidates.

Rows are plain values prepared on the worker (``PlanRow``, ``planning.candidates.Candidate``);
the models only format them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt

from ..core.catalogue import UnknownCodeError, default_catalogue
from ..planning.candidates import Candidate
from .catalogue_names import DEFAULT_LANGUAGE
from .catalogue_names import type_name as catalogue_type_name
from .display import fiscal_year_text
from .row_list_model import RowListModel

_Index = QModelIndex | QPersistentModelIndex
AssetIdRole = Qt.ItemDataRole.UserRole + 1
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ROMAN = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ")


@dataclass(frozen=True, slots=True)
class PlanRow:
    """One measure of the plan: which asset, which fiscal year, what, for how much."""

    fiscal_year: int
    asset_id: str
    owner: str
    name: str
    asset_type: str
    measure: str
    cost_yen: int


def grade_symbol(asset_type: str, index: int) -> str:
    """The symbol of the ``index``-th grade (0 = best) on the asset type's own scale."""
    try:
        scale = default_catalogue().scale_for(asset_type)
        grades = sorted(scale.grades, key=lambda g: g.severity)
        return grades[index].symbol
    except (UnknownCodeError, IndexError, KeyError):
        return _ROMAN[max(0, min(index, 3))]


def type_name(asset_type: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The asset type's catalogue name in ``language`` (an unknown type as given)."""
    return catalogue_type_name(asset_type, language)


class PlanTableModel(RowListModel):
    """The plan scenario's measures, one row per asset and fiscal year."""

    COL_FISCAL_YEAR, COL_OWNER, COL_NAME, COL_TYPE, COL_MEASURE, COL_COST = range(6)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.language = DEFAULT_LANGUAGE  # of the type names; the page sets the UI's
        self._headers = [self.tr("Fiscal year"), self.tr("Owner"), self.tr("Asset"), self.tr("Type"),
                         self.tr("Measure"), self.tr("Cost (thousand yen)")]

    def measure_text(self, measure: str) -> str:
        """The translated name of a measure key."""
        return {"preventive_repair": self.tr("Preventive repair"),
                "corrective_repair": self.tr("Corrective repair"),
                "replacement": self.tr("Replacement"),
                "removal": self.tr("Removal")}.get(measure, measure)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: PlanRow = self._rows[index.row()]
        column = index.column()
        if role == AssetIdRole:
            return r.asset_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.COL_COST:
            return int(_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole and column == self.COL_NAME:
            return r.asset_id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match column:
            case self.COL_FISCAL_YEAR:
                return fiscal_year_text(r.fiscal_year)
            case self.COL_OWNER:
                return r.owner
            case self.COL_NAME:
                return r.name
            case self.COL_TYPE:
                return type_name(r.asset_type, self.language)
            case self.COL_MEASURE:
                return self.measure_text(r.measure)
            case _:
                return f"{round(r.cost_yen / 1000):,}"


class CandidateModel(RowListModel):
    """Assets whose removal or consolidation costs less than keeping them, best saving first."""

    COL_OWNER, COL_NAME, COL_TYPE, COL_GRADE, COL_DETOUR, COL_KEEP, COL_REMOVE, COL_SAVING = range(8)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.language = DEFAULT_LANGUAGE  # of the type names; the page sets the UI's
        self._headers = [self.tr("Owner"), self.tr("Asset"), self.tr("Type"), self.tr("Grade now"),
                         self.tr("Detour"), self.tr("Keeping (thousand yen)"),
                         self.tr("Removal (thousand yen)"), self.tr("Saving (thousand yen)")]
        self._org_names: dict[str, str] = {}

    def set_candidates(self, candidates: list[Candidate], org_names: dict[str, str]) -> None:
        """Show ``candidates``, naming owners by ``org_names`` (code -> name)."""
        self._org_names = dict(org_names)
        self.set_rows(candidates)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        c: Candidate = self._rows[index.row()]
        column = index.column()
        if role == AssetIdRole:
            return c.asset_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= self.COL_KEEP:
            return int(_RIGHT)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        match column:
            case self.COL_OWNER:
                return self._org_names.get(c.owner, c.owner)
            case self.COL_NAME:
                return c.name
            case self.COL_TYPE:
                return type_name(c.asset_type, self.language)
            case self.COL_GRADE:
                return grade_symbol(c.asset_type, c.grade_index)
            case self.COL_DETOUR:
                return self.tr("available") if c.detour == "available" else self.tr("unknown")
            case self.COL_KEEP:
                return f"{round(c.keep_cost_yen / 1000):,}"
            case self.COL_REMOVE:
                return f"{round(c.removal_cost_yen / 1000):,}"
            case _:
                return f"{round(c.saving_yen / 1000):,}"
