"""The small dialog that records one KPI value (測定値) for one period.

The period is written the way the KPI counts: a 年度 ("2026", or 令和8年度), a quarter of
the fiscal year ("2026-Q1") or a month ("2026-04"); it starts as the current period. A value
already recorded for the period is replaced (the repository audits old → new).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.performance import Kpi, Measurement, Period, period_of
from ..core.wareki import parse_fiscal_year
from .inspection_form import ERROR_STYLE

_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


def parse_period(text: str, period: Period) -> str | None:
    """The canonical label of a period typed by the user, or None if it does not read."""
    s = unicodedata.normalize("NFKC", text).strip().upper().replace("/", "-")
    if period is Period.FISCAL_YEAR:
        try:
            fy = parse_fiscal_year(s)
        except ValueError:
            return None
        return str(fy) if fy is not None else None
    if period is Period.QUARTER:
        return s if _QUARTER.match(s) else None
    m = re.match(r"^(\d{4})-(\d{1,2})$", s)
    if m and 1 <= int(m[2]) <= 12:
        return f"{m[1]}-{int(m[2]):02d}"
    return s if _MONTH.match(s) else None


class MeasurementDialog(QDialog):
    """Choose a KPI and a period and enter the value."""

    def __init__(self, kpis: Sequence[Kpi], current_kpi: str | None = None,
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a measurement"))
        self._kpis = list(kpis)
        self._today = today or dt.date.today()
        self.measurement: Measurement | None = None
        self.kpi_combo = QComboBox()
        for k in self._kpis:
            self.kpi_combo.addItem(f"{k.name} ({k.unit})", k.id)
        self.kpi_combo.setCurrentIndex(max(0, self.kpi_combo.findData(current_kpi)))
        self.period_edit = QLineEdit()
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setRange(-1e9, 1e9)
        self.value_spin.setDecimals(2)
        self.note_edit = QLineEdit()
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Indicator"), self.kpi_combo)
        form.addRow(self.tr("Period"), self.period_edit)
        form.addRow(self.tr("Value"), self.value_spin)
        form.addRow(self.tr("Note"), self.note_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.kpi_combo.currentIndexChanged.connect(self._on_kpi_changed)
        self._on_kpi_changed()

    def kpi(self) -> Kpi | None:
        return next((k for k in self._kpis if k.id == self.kpi_combo.currentData()), None)

    def note(self) -> str:
        return self.note_edit.text().strip()

    def _on_kpi_changed(self) -> None:
        kpi = self.kpi()
        if kpi is None:
            return
        self.period_edit.setText(period_of(self._today, kpi.period))
        self.period_edit.setPlaceholderText({Period.FISCAL_YEAR: "2026 / 令和8年度",
                                             Period.QUARTER: "2026-Q1",
                                             Period.MONTH: "2026-04"}[kpi.period])
        self.value_spin.setSuffix(f" {kpi.unit}")

    def _on_accepted(self) -> None:
        kpi = self.kpi()
        if kpi is None:
            self.error_label.setText(self.tr("This contract has no indicators."))
            return
        period = parse_period(self.period_edit.text(), kpi.period)
        if period is None:
            self.error_label.setText(self.tr("The period “%1” does not read; write it like %2.")
                                     .replace("%1", self.period_edit.text())
                                     .replace("%2", self.period_edit.placeholderText()))
            return
        self.measurement = Measurement(kpi.id, period, float(self.value_spin.value()), "manual")
        self.accept()
