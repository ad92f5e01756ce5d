"""The bundling assistant (ロット提案): lots for a fiscal year beside one contract per town.

The proposal runs on a worker over a read-only connection of its own (as ``gunmane
bundle`` does); the page gets plain data back: the lots, the per-town baseline and the
coordinates of each lot's assets for the map. "下書き契約に変換" saves the chosen lot as a
draft contract (``lot_to_contract``) with its assets as the scope.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ..contracts.bundling import (
    DEFAULT_TARGET_YEN,
    BundlingParams,
    Lot,
    Proposal,
    lot_to_contract,
    propose_for_region,
)
from ..core.ids import new_id
from ..core.models import ValidationError
from ..core.wareki import fiscal_year_of
from ..storage import contract_queries as cq
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .background import BackgroundTask, user_message
from .contract_models import LotModel, TextTableModel, lot_colour
from .editing import gui_change_context
from .exchange_preview import make_table
from .inspection_form import ERROR_STYLE
from .plot_grid import FlatGridAxis, show_flat_grid

log = logging.getLogger(__name__)
_CHUNK = 900


@dataclass(frozen=True, slots=True)
class BundlingOutcome:
    """A proposal with what the page needs to draw it."""

    proposal: Proposal
    names: dict[str, str]
    coordinates: dict[int, tuple[list[float], list[float]]]  # lot number -> (lons, lats)


def run_bundling(path: Path, fiscal_year: int, params: BundlingParams, progress) -> BundlingOutcome:
    """Propose lots on a read-only connection of its own (worker side; no widgets)."""
    with Database.open(path, readonly=True, lock=False, quick_check=False) as db:
        proposal = propose_for_region(db.conn, fiscal_year, params, progress=progress)
        where: dict[str, tuple[float, float]] = {}
        ids = sorted({a for lot in proposal.lots for a in lot.asset_ids})
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            for r in db.conn.execute(
                    f"SELECT id, lon, lat FROM assets WHERE id IN ({', '.join('?' * len(chunk))}) "
                    "AND lat IS NOT NULL AND lon IS NOT NULL", chunk):
                where[r[0]] = (r[1], r[2])
        names = cq.org_names(db.conn)
    coordinates = {}
    for lot in proposal.lots:
        pts = [where[a] for a in lot.asset_ids if a in where]
        coordinates[lot.number] = ([p[0] for p in pts], [p[1] for p in pts])
    return BundlingOutcome(proposal, names, coordinates)


class BundlingPanel(QWidget):
    """Settings, the lots and the baseline, the lots on a map, and conversion to a draft."""

    proposal_made = Signal()
    """A proposal finished and is shown."""
    draft_created = Signal(str)
    """A lot was saved as a draft contract (its id)."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._task: BackgroundTask | None = None
        self.outcome: BundlingOutcome | None = None
        today = today or dt.date.today()

        self.year_spin = QSpinBox()
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(fiscal_year_of(today) + 1)
        self.target_spin = QSpinBox()
        self.target_spin.setRange(100, 100_000)  # in 万円: 100万円 .. 10億円
        self.target_spin.setSingleStep(1000)
        self.target_spin.setGroupSeparatorShown(True)
        self.target_spin.setValue(DEFAULT_TARGET_YEN // 10_000)
        self.target_spin.setSuffix(self.tr(" ten-thousand yen"))
        self.repairs_check = QCheckBox(self.tr("Include Ⅲ/Ⅳ repairs not yet started"))
        self.run_button = QPushButton(self.tr("Propose lots"))
        self.run_button.clicked.connect(self.run)
        self.convert_button = QPushButton(self.tr("Convert to a draft contract"))
        self.convert_button.clicked.connect(self.convert_selected)
        self.summary = QLabel(self.tr("Choose the fiscal year and press Propose lots."))
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        settings = QFormLayout()
        settings.addRow(self.tr("Fiscal year"), self.year_spin)
        settings.addRow(self.tr("Target per lot"), self.target_spin)
        settings.addRow("", self.repairs_check)
        buttons = QVBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.convert_button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(settings, 1)
        top.addLayout(buttons)

        self.lot_model = LotModel(self)
        self.lot_table = make_table(self.lot_model)
        self.lot_table.selectionModel().selectionChanged.connect(self._update_actions)
        self.baseline_model = TextTableModel(self)
        self.baseline_table = make_table(self.baseline_model)
        self.plot = pg.PlotWidget(background="w", axisItems={name: FlatGridAxis(name)
                                                             for name in ("bottom", "left")})
        self.plot.setAspectLocked(True)
        show_flat_grid(self.plot.getPlotItem(), x=True, y=True, alpha=0.2)
        self.plot.setLabel("bottom", self.tr("Longitude"))
        self.plot.setLabel("left", self.tr("Latitude"))
        self.plot.addLegend(offset=(10, 10))
        self.lot_items: list[pg.ScatterPlotItem] = []

        tables = QSplitter(Qt.Orientation.Vertical)
        tables.addWidget(self.lot_table)
        tables.addWidget(self.baseline_table)
        tables.setStretchFactor(0, 3)
        tables.setStretchFactor(1, 1)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(tables)
        body.addWidget(self.plot)
        body.setStretchFactor(0, 1)
        body.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)
        self._update_actions()

    @property
    def busy(self) -> bool:
        """True while a proposal is being made."""
        return self._task is not None

    def params(self) -> BundlingParams:
        return BundlingParams(target_yen=self.target_spin.value() * 10_000,
                              include_repairs=self.repairs_check.isChecked())

    def _update_actions(self, *_args: object) -> None:
        self.run_button.setEnabled(self._task is None)
        self.convert_button.setEnabled(self._task is None and self.selected_lot() is not None)

    def selected_lot(self) -> Lot | None:
        rows = self.lot_table.selectionModel().selectedRows()
        return self.lot_model.row_data(rows[0].row()) if rows else None

    def select_lot(self, number: int) -> None:
        """Select the lot with this number in the list (as clicking its row does)."""
        for row in range(self.lot_model.rowCount()):
            if self.lot_model.row_data(row).number == number:
                self.lot_table.selectRow(row)

    # -- running ------------------------------------------------------------------------------------
    def run(self) -> None:
        """Propose lots for the chosen year on a worker."""
        if self._task is not None:
            return
        path, fy, params = self._db.path, self.year_spin.value(), self.params()
        self.message.setText("")
        self._task = (BackgroundTask(self, lambda progress, _cancel: run_bundling(path, fy, params, progress),
                                     self.tr("Proposing lots…"), cancellable=False)
                      .on_success(self._on_proposal_made).on_failure(self._on_failed))
        self._task.finished.connect(self._on_task_finished)
        self._update_actions()
        self._task.start()

    def _on_task_finished(self) -> None:
        self._task = None
        self._update_actions()

    def _on_failed(self, exc: BaseException) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(self.tr("No proposal: %1").replace("%1", user_message(exc)))

    def _on_proposal_made(self, outcome: BundlingOutcome) -> None:
        self.outcome = outcome
        p = outcome.proposal
        self.lot_model.set_lots(p.lots, outcome.names)
        self.lot_table.resizeColumnsToContents()
        self.baseline_model.set_table(
            [self.tr("Ordering"), self.tr("Contracts"), self.tr("Travel (km)"),
             self.tr("Mobilisation (yen)"), self.tr("Staff hours")],
            [(label, f"{x.contracts:,}", f"{x.travel_km:,.1f}", f"{x.mobilisation_yen:,}",
              f"{x.staff_hours:,.0f}")
             for label, x in ((self.tr("Proposed lots"), p.bundled), (self.tr("One per town"), p.per_owner))],
            numeric=(1, 2, 3, 4))
        self.baseline_table.resizeColumnsToContents()
        self._draw(outcome)
        if not p.lots:
            self.summary.setText(self.tr("Nothing is due in %1.").replace("%1", str(p.fiscal_year)))
        else:
            items = sum(len(lot.asset_ids) for lot in p.lots)
            text = self.tr("%1 lots for %2 items of work (%3 yen); one contract per town would make %4.") \
                .replace("%1", str(len(p.lots))).replace("%2", f"{items:,}") \
                .replace("%3", f"{sum(lot.cost_yen for lot in p.lots):,}") \
                .replace("%4", str(p.per_owner.contracts))
            if p.unlocated:
                text += " " + self.tr("%1 assets without coordinates were placed at their owner's centre.") \
                    .replace("%1", f"{p.unlocated:,}")
            self.summary.setText(text)
        self._update_actions()
        self.proposal_made.emit()

    def _draw(self, outcome: BundlingOutcome) -> None:
        for item in self.lot_items:
            self.plot.removeItem(item)
        self.lot_items = []
        for lot in outcome.proposal.lots:
            lons, lats = outcome.coordinates.get(lot.number, ([], []))
            item = pg.ScatterPlotItem(x=lons, y=lats, size=6, pen=None, brush=lot_colour(lot.number),
                                      name=self.tr("Lot %1").replace("%1", str(lot.number)))
            self.plot.addItem(item)
            self.lot_items.append(item)
        if self.lot_items:
            self.plot.getViewBox().autoRange(items=self.lot_items)

    # -- converting -------------------------------------------------------------------------------
    def convert_selected(self) -> str | None:
        """Save the selected lot as a draft contract; returns its id."""
        lot = self.selected_lot()
        if lot is None:
            return None
        site = self._db.site_org
        lead = site if site in lot.orgs else lot.orgs[0]
        contract = lot_to_contract(lot, new_id(), lead)
        ctx = gui_change_context(self._db, lead)
        try:
            with self._db.transaction():
                ContractRepository(self._db).add(ctx, contract, lot.asset_ids)
        except ValidationError as exc:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText("\n".join(e.message for e in exc.errors))
            return None
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(self.tr("Saved the draft contract “%1”.").replace("%1", contract.title))
        self.draft_created.emit(contract.id)
        return contract.id
