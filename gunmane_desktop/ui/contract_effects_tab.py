"""The 効果 tab of the 契約 page: what bundling brought across all contracts in force — failed
tenders, requests fixed in time, indicator periods met, and ordering staff hours per fiscal
year, bundled against the separate contracts they replaced (table and bar chart).

Not tied to the shown contract: the page asks for it again after every save.
"""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..contracts.bundling import BundlingParams
from ..storage import contract_queries as cq
from ..storage.database import Database
from .contract_models import TextTableModel
from .display import fiscal_year_text
from .exchange_preview import make_table


class ContractEffectsTab(QWidget):
    """The region's contract effects, counted from the file when ``show_effects`` is called."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.effects_label = QLabel()
        self.effects_label.setWordWrap(True)
        self.effects_model = TextTableModel(self)
        self.effects_table = make_table(self.effects_model)
        self.effects_chart = pg.PlotWidget(background="w")
        self.effects_chart.setLabel("left", self.tr("Ordering staff hours"))
        self.effects_chart.setLabel("bottom", self.tr("Fiscal year"))
        self.effects_chart.addLegend(offset=(10, 10))
        self.effects_chart.setMinimumHeight(160)
        layout = QVBoxLayout(self)
        layout.addWidget(self.effects_label)
        row = QHBoxLayout()
        row.addWidget(self.effects_table, 3)
        row.addWidget(self.effects_chart, 2)
        layout.addLayout(row, 1)

    def show_effects(self) -> None:
        params = BundlingParams()
        e = cq.effects(self._db, as_of=dt.datetime.now().replace(microsecond=0),
                       hours_per_contract=params.ordering_hours_per_contract,
                       hours_per_joint_orderer=params.ordering_hours_per_joint_orderer)
        pct = lambda x: "-" if x is None else f"{x * 100:.0f}%"  # noqa: E731
        self.effects_label.setText(
            self.tr("All contracts in force: failed tenders %1 (%2 of %3); requests fixed within %4 h: %5; "
                    "indicator periods met: %6 (%7 of %8). Staff hours per contract are the bundling "
                    "assistant's estimates.")
            .replace("%1", pct(e.failed_rate)).replace("%2", str(e.failed_tenders))
            .replace("%3", str(e.tenders)).replace("%4", f"{e.response_limit_hours:g}")
            .replace("%5", pct(e.share_within)).replace("%6", pct(e.kpi_met_share))
            .replace("%7", str(e.kpi_periods_met)).replace("%8", str(e.kpi_periods_measured)))
        self.effects_model.set_table(
            [self.tr("Fiscal year"), self.tr("Bundled contracts"), self.tr("Separate contracts replaced"),
             self.tr("Tenders"), self.tr("Failed tenders"), self.tr("Staff hours (bundled)"),
             self.tr("Staff hours (separate)")],
            [(fiscal_year_text(y.fiscal_year), str(y.bundled_contracts), str(y.separate_contracts),
              str(y.tenders), str(y.failed_tenders), f"{y.staff_hours_bundled:,.0f}",
              f"{y.staff_hours_separate:,.0f}") for y in e.years], numeric=range(1, 7))
        self.effects_table.resizeColumnsToContents()
        self.effects_chart.clear()
        xs = [y.fiscal_year for y in e.years]
        if xs:
            self.effects_chart.addItem(pg.BarGraphItem(
                x=[x - 0.2 for x in xs], height=[y.staff_hours_separate for y in e.years], width=0.4,
                brush="#b0bec5", name=self.tr("Separate contracts")))
            self.effects_chart.addItem(pg.BarGraphItem(
                x=[x + 0.2 for x in xs], height=[y.staff_hours_bundled for y in e.years], width=0.4,
                brush="#1565c0", name=self.tr("Bundled")))
