"""Table models of the 契約 page: the contract list, KPI compliance per period, bundling lots,
and a plain text table for the short detail lists (shares, tenders, scope, requests, effects).

The models only show rows the page computed; each keeps the id of its row under ``ID_ROLE``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from ..contracts.bundling import INSPECTION, Lot
from ..core.performance import Compliance, Direction, Kpi
from ..core.wareki import fiscal_year_of
from ..storage.contract_queries import ContractListRow
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_names import contract_status_name
from .display import fiscal_year_text
from .row_list_model import Index, RowListModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
MET_BACKGROUND = QColor("#e3f2e1")
MISSED_BACKGROUND = QColor("#fde2e1")

#: One colour per lot on the map and in the lot list (repeats after ten lots).
LOT_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
               "#7f7f7f", "#bcbd22", "#17becf")


def lot_colour(number: int) -> QColor:
    return QColor(LOT_COLOURS[(number - 1) % len(LOT_COLOURS)])


def fiscal_period_text(first_fy: int, last_fy: int) -> str:
    """令和8年度〜令和12年度 (one year: just that year)."""
    if first_fy == last_fy:
        return fiscal_year_text(first_fy)
    return f"{fiscal_year_text(first_fy)}〜{fiscal_year_text(last_fy)}"


def number_text(value: float | None) -> str:
    """A measured value without a trailing .0: 98.6, 4, 90.5."""
    if value is None:
        return ""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


class TextTableModel(RowListModel):
    """Rows of ready-made text; ``numeric`` columns align right. Row ids under ID_ROLE."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._numeric: frozenset[int] = frozenset()
        self._ids: list[str] = []

    def set_table(self, headers: Sequence[str], rows: Sequence[Sequence[str]], *,
                  numeric: Sequence[int] = (), ids: Sequence[str] = ()) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [tuple(r) for r in rows]
        self._numeric = frozenset(numeric)
        self._ids = list(ids)
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row[index.column()] if index.column() < len(row) else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self._numeric:
            return _RIGHT
        if role == ID_ROLE and index.row() < len(self._ids):
            return self._ids[index.row()]
        return None


class ContractListModel(RowListModel):
    """The contracts of the file; the status in the UI language (``contract_names``)."""

    NUMBER, TITLE, ORDERERS, CONTRACTOR, PERIOD, STATUS, AMOUNT = range(7)

    def __init__(self, parent=None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._language = language
        self._headers = (self.tr("No."), self.tr("Title"), self.tr("Orderers"), self.tr("Contractor"),
                         self.tr("Period"), self.tr("Status"), self.tr("Amount (yen)"))

    def row_of(self, contract_id: str) -> int:
        """The row showing ``contract_id`` (-1: not listed)."""
        return next((i for i, r in enumerate(self._rows) if r.contract_id == contract_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r: ContractListRow = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.contract_id
        if role == Qt.ItemDataRole.TextAlignmentRole and col == self.AMOUNT:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and col == self.ORDERERS:
            return "\n".join(r.orderer_names)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.NUMBER:
            return r.number
        if col == self.TITLE:
            return r.title
        if col == self.ORDERERS:
            return "・".join(r.orderer_names)
        if col == self.CONTRACTOR:
            return r.contractor_name or self.tr("(not awarded)")
        if col == self.PERIOD:
            return fiscal_period_text(fiscal_year_of(r.start_on), fiscal_year_of(r.end_on))
        if col == self.STATUS:
            return contract_status_name(r.status, self._language)
        if col == self.AMOUNT:
            return "" if r.amount_yen is None else f"{r.amount_yen:,}"
        return None


@dataclass(frozen=True, slots=True)
class KpiRow:
    """One KPI in one period; ``source`` is "manual", "computed" or "" (not measured)."""

    kpi: Kpi
    result: Compliance
    source: str


class KpiComplianceModel(RowListModel):
    """KPIs with their target and, per measured period, the value and whether it was met."""

    KPI, TARGET, PERIOD, VALUE, RESULT, SOURCE, DEDUCTION = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Indicator"), self.tr("Target"), self.tr("Period"), self.tr("Value"),
                         self.tr("Compliance"), self.tr("Source"), self.tr("Deduction (yen)"))

    def result_text(self, row: KpiRow) -> str:
        if row.result.met is None:
            return self.tr("not measured")
        return self.tr("met") if row.result.met else self.tr("not met")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row: KpiRow = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return row.kpi.id
        if role == Qt.ItemDataRole.BackgroundRole and col == self.RESULT and row.result.met is not None:
            return MET_BACKGROUND if row.result.met else MISSED_BACKGROUND
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.TARGET, self.VALUE, self.DEDUCTION):
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        k = row.kpi
        if col == self.KPI:
            return k.name
        if col == self.TARGET:
            sign = "≥" if k.direction is Direction.AT_LEAST else "≤"
            return f"{sign} {number_text(k.target)} {k.unit}"
        if col == self.PERIOD:
            return row.result.period
        if col == self.VALUE:
            return number_text(row.result.value)
        if col == self.RESULT:
            return self.result_text(row)
        if col == self.SOURCE:
            return {"manual": self.tr("entered"), "computed": self.tr("computed")}.get(row.source, "")
        if col == self.DEDUCTION:
            return f"{row.result.deduction_yen:,}" if row.result.deduction_yen else ""
        return None


class LotModel(RowListModel):
    """The lots of a bundling proposal, in the colour each has on the map."""

    LOT, KIND, ORGS, ASSETS, COST, TRAVEL, BAND = range(7)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._headers = (self.tr("Lot"), self.tr("Work"), self.tr("Organisations"), self.tr("Assets"),
                         self.tr("Estimated cost (yen)"), self.tr("Travel (km)"), self.tr("Size"))
        self._names: dict[str, str] = {}

    def set_lots(self, lots: Sequence[Lot], names: dict[str, str]) -> None:
        self._names = dict(names)
        self.set_rows(lots)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        lot: Lot = self._rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return lot.number
        if role == Qt.ItemDataRole.DecorationRole and col == self.LOT:
            return lot_colour(lot.number)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (self.ASSETS, self.COST, self.TRAVEL):
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if col == self.LOT:
            return str(lot.number)
        if col == self.KIND:
            return self.tr("Inspection") if lot.kind == INSPECTION else self.tr("Repairs")
        if col == self.ORGS:
            return "・".join(self._names.get(o, o) for o in lot.orgs)
        if col == self.ASSETS:
            return f"{len(lot.asset_ids):,}"
        if col == self.COST:
            return f"{lot.cost_yen:,}"
        if col == self.TRAVEL:
            return f"{lot.travel_km:,.1f}"
        if col == self.BAND:
            return self.tr("within target") if lot.in_band else self.tr("outside target")
        return None


def index_id(index: QModelIndex):
    """The id a model of this module keeps for the row of ``index`` (None when invalid)."""
    return index.data(ID_ROLE) if index.isValid() else None
