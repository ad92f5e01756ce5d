"""The dialog that sets one plan row by hand: fiscal year, measure, cost and a note.

The dialog only collects values; the 計画 page saves them (``PlanDecisionRepository``) so the
save is one undo step. Choosing another measure proposes the unit-cost table's price for
this asset, which the user may then change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from ..core.wareki import format_fiscal_year
from ..storage.plan_decisions import OVERRIDE_MEASURES


@dataclass(frozen=True, slots=True)
class RowChoice:
    """What the user set: the row goes to ``fiscal_year`` with this measure and cost."""

    fiscal_year: int
    measure: str
    cost_yen: int
    note: str


class PlanRowDialog(QDialog):
    """Set a plan row by hand; ``choice()`` holds the values once accepted."""

    def __init__(self, asset_name: str, fiscal_year: int, measure: str, cost_yen: int, *,
                 first_year: int, last_year: int, prices: dict[str, int], measure_names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change the plan — %1").replace("%1", asset_name))
        self._prices = prices
        self.year = QSpinBox()
        self.year.setRange(first_year, last_year)
        self.year.setValue(fiscal_year)
        self.year.valueChanged.connect(self._show_era)
        self.era = QLabel()
        self.measure = QComboBox()
        for key in OVERRIDE_MEASURES:
            self.measure.addItem(measure_names.get(key, key), key)
        self.measure.setCurrentIndex(max(0, self.measure.findData(measure)))
        self.measure.currentIndexChanged.connect(self._on_measure_changed)
        self.cost = QSpinBox()
        self.cost.setRange(0, 2_000_000_000)
        self.cost.setGroupSeparatorShown(True)
        self.cost.setSuffix(self.tr(" thousand yen"))
        self.cost.setValue(round(cost_yen / 1000))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why, e.g. supplementary budget, quotation"))
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Fiscal year"), self.year)
        form.addRow("", self.era)
        form.addRow(self.tr("Measure"), self.measure)
        form.addRow(self.tr("Cost"), self.cost)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(buttons)
        self._show_era()
        self._on_measure_changed()

    def _show_era(self) -> None:
        self.era.setText(format_fiscal_year(self.year.value()))

    def _on_measure_changed(self) -> None:
        key = self.measure.currentData()
        self.cost.setEnabled(key != "none")
        if key == "none":
            self.cost.setValue(0)
        elif key in self._prices and self.sender() is self.measure:
            self.cost.setValue(round(self._prices[key] / 1000))

    def choice(self) -> RowChoice:
        """The values as set (cost in 円)."""
        return RowChoice(self.year.value(), self.measure.currentData(), self.cost.value() * 1000,
                         self.note.text().strip())
