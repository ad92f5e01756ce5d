"""The 性能指標 tab of the 契約 page: the shown contract's KPIs with compliance per period,
a dialog to record a value and computing one from the records (requests, work orders,
inspections).

A recorded value is saved through the contract repository with the GUI's change context;
the tab says so with ``measurement_recorded``.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.contracts import Contract
from ..core.performance import (
    Kpi,
    MeasuredBy,
    Measurement,
    Period,
    compliance,
    period_of,
    response_measurement,
)
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .contract_kpi_dialog import MeasurementDialog
from .contract_models import KpiComplianceModel, KpiRow
from .editing import gui_change_context
from .exchange_preview import make_table
from .inspection_form import ERROR_STYLE

RESPONSE_KPIS = (MeasuredBy.RESPONSE_WITHIN, MeasuredBy.MEAN_RESPONSE_HOURS)
REGISTER_KPIS = (MeasuredBy.INSPECTIONS_ON_SCHEDULE, MeasuredBy.MEASURES_STARTED)


def period_payment_yen(contract: Contract, kpi: Kpi, period: str) -> int:
    """The payment a KPI period stands for: the 年度's committed amount, a quarter or a
    twelfth of it (what a deduction percentage is taken of)."""
    try:
        year = int(period[:4])
        month = int(period[5:7]) if kpi.period is Period.MONTH else 4
    except ValueError:
        return 0
    fy = year if month >= 4 else year - 1
    per_year = contract.budget_by_fy.get(fy, 0)
    return {Period.FISCAL_YEAR: per_year, Period.QUARTER: per_year // 4}.get(kpi.period, per_year // 12)


class ContractKpisTab(QWidget):
    """KPIs of the shown contract: one row per measured period (or the current one, unmeasured)."""

    measurement_recorded = Signal(str)
    """A value was saved for this KPI id."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = ContractRepository(db)
        self.contract: Contract | None = None
        self.measurement_dialog: MeasurementDialog | None = None
        self.kpi_model = KpiComplianceModel(self)
        self.kpi_table = make_table(self.kpi_model)
        self.kpi_table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.record_button = QPushButton(self.tr("Record a measurement…"))
        self.record_button.clicked.connect(self.open_measurement_dialog)
        self.compute_button = QPushButton(self.tr("Compute from records"))
        self.compute_button.setToolTip(self.tr(
            "Work out the selected indicator for its period from requests, work orders or inspections."))
        self.compute_button.clicked.connect(self.compute_selected_kpi)
        self.kpi_message = QLabel()
        self.kpi_message.setWordWrap(True)
        layout = QVBoxLayout(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.kpi_message, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.kpi_table, 1)

    def show_contract(self, contract: Contract | None) -> None:
        self.contract = contract
        rows: list[KpiRow] = []
        c = contract
        if c is not None:
            measurements = self._repo.measurements(c.id)
            today = dt.date.today()
            for kpi in self._repo.kpis(c.id):
                mine = sorted((m for m in measurements if m.kpi_id == kpi.id), key=lambda m: m.period)
                if not mine:
                    rows.append(KpiRow(kpi, compliance(kpi, None, period=period_of(today, kpi.period)), ""))
                rows.extend(KpiRow(kpi, compliance(kpi, m, period_payment_yen=period_payment_yen(
                    c, kpi, m.period)), m.source) for m in mine)
        self.kpi_model.set_rows(rows)
        self.kpi_table.resizeColumnsToContents()

    def update_actions(self, *_args: object) -> None:
        has_kpis = self.kpi_model.rowCount() > 0
        self.record_button.setEnabled(self.contract is not None and has_kpis)
        kpi = self._selected_kpi_row()
        self.compute_button.setEnabled(kpi is not None and kpi.kpi.measured_by is not MeasuredBy.MANUAL)

    def _selected_kpi_row(self) -> KpiRow | None:
        index = self.kpi_table.currentIndex()
        return self.kpi_model.row_data(index.row()) if index.isValid() else None

    def kpi_rows(self) -> list[KpiRow]:
        """The rows of the 性能指標 table (for tests and reports)."""
        return [self.kpi_model.row_data(r) for r in range(self.kpi_model.rowCount())]

    def open_measurement_dialog(self) -> MeasurementDialog | None:
        """Open the dialog that records a value for a KPI of the shown contract."""
        if self.contract is None:
            return None
        row = self._selected_kpi_row()
        dialog = MeasurementDialog(self._repo.kpis(self.contract.id), row.kpi.id if row else None, self)
        dialog.accepted.connect(lambda: self._on_measurement_entered(dialog))
        self.measurement_dialog = dialog
        dialog.open()
        return dialog

    def _on_measurement_entered(self, dialog: MeasurementDialog) -> None:
        if dialog.measurement is not None:
            self.record_measurement(dialog.measurement, dialog.note())

    def record_measurement(self, measurement: Measurement, note: str = "") -> None:
        """Save a KPI value for its period and show the compliance again."""
        if self.contract is None:
            return
        ctx = gui_change_context(self._db, self.contract.owner)
        self._repo.record_measurement(ctx, measurement, note)
        self.show_contract(self.contract)
        self._select_kpi_period(measurement.kpi_id, measurement.period)
        self.kpi_message.setStyleSheet("")
        self.kpi_message.setText(self.tr("Recorded %1 for %2.").replace("%1", f"{measurement.value:g}")
                                 .replace("%2", measurement.period))
        self.update_actions()
        self.measurement_recorded.emit(measurement.kpi_id)

    def _select_kpi_period(self, kpi_id: str, period: str) -> None:
        for r, row in enumerate(self.kpi_rows()):
            if row.kpi.id == kpi_id and row.result.period == period:
                self.kpi_table.setCurrentIndex(self.kpi_model.index(r, 0))

    def compute_selected_kpi(self) -> Measurement | None:
        """Compute the selected KPI for its period from the records and save the value."""
        row = self._selected_kpi_row()
        if self.contract is None or row is None:
            return None
        kpi, period = row.kpi, row.result.period
        try:
            if kpi.measured_by in RESPONSE_KPIS:
                m = response_measurement(kpi, self._repo.requests(self.contract.id),
                                         self._repo.work_orders(self.contract.id), period,
                                         as_of=dt.datetime.now().replace(microsecond=0))
            elif kpi.measured_by in REGISTER_KPIS:
                m = self._repo.computed_measurement(kpi, period)
            else:
                m = None
        except ValueError as exc:
            self.kpi_message.setStyleSheet(ERROR_STYLE)
            self.kpi_message.setText(str(exc))
            return None
        if m is None:
            self.kpi_message.setStyleSheet(ERROR_STYLE)
            self.kpi_message.setText(self.tr("Nothing to count for %1 in %2.").replace("%1", kpi.name)
                                     .replace("%2", period))
            return None
        self.record_measurement(m)
        return m
