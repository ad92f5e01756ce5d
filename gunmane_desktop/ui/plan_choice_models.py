"""The 計画 page's tables with the user's choices shown: rows set by hand and decisions.

``MarkedPlanRow`` is a plan row that knows whether the user set it by hand (an override
kept in the file) or decided it (a removal); ``MarkedPlanTableModel`` marks such rows in a
column of their own, with a tinted background and the note as tooltip, so a hand-set row is
never mistaken for the engine's. ``DecidedCandidateModel`` adds the decision column to the
removal candidates.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..core.wareki import format_fiscal_year
from ..planning.candidates import Candidate
from .planning_models import CandidateModel, PlanTableModel

_Index = QModelIndex | QPersistentModelIndex
#: The tint of a row set by hand (the .xlsx uses the same colour).
OVERRIDE_COLOUR = "#FFF2CC"


@dataclass(frozen=True, slots=True)
class MarkedPlanRow:
    """One row of the plan, with what the user did to it."""

    fiscal_year: int
    asset_id: str
    owner: str
    name: str
    asset_type: str
    measure: str  # a unit-cost measure, "removal", or "none" (cleared by hand)
    cost_yen: int
    overridden: bool = False
    decided: bool = False
    note: str = ""


class MarkedPlanTableModel(PlanTableModel):
    """The plan table with a column saying which rows the user set or decided."""

    COL_CHANGED = PlanTableModel.COL_COST + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [*self._headers, self.tr("Set by hand")]

    def measure_text(self, measure: str) -> str:
        if measure == "none":
            return self.tr("No measure")
        return super().measure_text(measure)

    def replace_row(self, row: int, new: MarkedPlanRow) -> None:
        """Show ``new`` in place of row ``row`` (after a save, before the plan is made again)."""
        if not 0 <= row < len(self._rows):
            return
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r: MarkedPlanRow = self._rows[index.row()]
        marked = getattr(r, "overridden", False) or getattr(r, "decided", False)
        if role == Qt.ItemDataRole.BackgroundRole and getattr(r, "overridden", False):
            return QBrush(QColor(OVERRIDE_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole and marked and index.column() == self.COL_CHANGED:
            return getattr(r, "note", "") or None
        if index.column() != self.COL_CHANGED:
            return super().data(index, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if getattr(r, "overridden", False):
            note = getattr(r, "note", "")
            return self.tr("✎ changed") + (f": {note}" if note else "")
        if getattr(r, "decided", False):
            return self.tr("decided")
        return ""


class DecidedCandidateModel(CandidateModel):
    """Removal candidates with the town's decision about each (撤去 / 機能縮小 / 存続)."""

    COL_DECISION = CandidateModel.COL_SAVING + 1

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = [*self._headers, self.tr("Decision")]
        self._decisions: dict[str, tuple[str, int | None]] = {}

    def set_decisions(self, decisions: dict[str, tuple[str, int | None]]) -> None:
        """asset id -> (decision, fiscal year) of the decisions in force."""
        self._decisions = dict(decisions)
        if self._rows:
            self.dataChanged.emit(self.index(0, self.COL_DECISION),
                                  self.index(len(self._rows) - 1, self.COL_DECISION))

    def set_candidates(self, candidates: list[Candidate], org_names: dict[str, str],
                       decisions: dict[str, tuple[str, int | None]] | None = None) -> None:
        self._decisions = dict(decisions or {})
        super().set_candidates(candidates, org_names)

    def decision_of(self, row: int) -> str | None:
        c = self.row_data(row)
        return self._decisions.get(c.asset_id, (None, None))[0] if c is not None else None

    def decision_text(self, decision: str) -> str:
        """The translated name of a decision."""
        return {"remove": self.tr("Remove"), "downsize": self.tr("Downsize"),
                "keep": self.tr("Keep")}.get(decision, decision)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if index.column() != self.COL_DECISION:
            return super().data(index, role)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        decision, year = self._decisions.get(self._rows[index.row()].asset_id, (None, None))
        if decision is None:
            return ""
        text = self.decision_text(decision)
        return f"{text} ({format_fiscal_year(year)})" if year else text
