"""The 契約 page: the region's bundled contracts, their detail, new joint contracts drawn on
the map, and the bundling assistant.

Three sections: the contract list with a detail area (概要 with cost shares per orderer and
fiscal year, 入札 with the re-tender chain, the failed-tender rate, a dialog to record a
tender and a button to delete one entered by mistake, 性能指標 with compliance per period
and a dialog to record a value, 住民要望 with response times, the selected request's photo
and dialogs to record a request, order the work and mark it done — the only place
residents' contacts are shown —, 効果 across all contracts, and 書類 with the contract's
documents); a map of its own on which a rectangle selects the assets of a new joint
contract; and the lot proposals. The page writes only through the contract repository
with the GUI's change context and says so with ``data_changed``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence

import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..contracts.bundling import BundlingParams
from ..core.contracts import (
    CONTRACT_STATUS_JA,
    FAILED_RESULTS,
    PAYMENT_FORM_JA,
    PROCESS_JA,
    TENDER_RESULT_JA,
    Contract,
    ShareMethod,
    TenderResult,
    retender_chain,
    shares_by_fiscal_year,
)
from ..core.performance import (
    REQUEST_CATEGORY_JA,
    Kpi,
    MeasuredBy,
    Measurement,
    Period,
    ResidentRequest,
    WorkOrder,
    compliance,
    period_of,
    response_measurement,
    response_stats,
)
from ..storage import contract_queries as cq
from ..storage.attachments import AttachmentStore
from ..storage.changes import ChangeContext
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from ..storage.organisations import OrganisationRepository
from .contract_bundling import BundlingPanel
from .contract_documents import ContractDocumentsPanel
from .contract_form import ContractDialog
from .contract_kpi_dialog import MeasurementDialog
from .contract_models import (
    ID_ROLE,
    ContractListModel,
    KpiComplianceModel,
    KpiRow,
    TextTableModel,
    fiscal_period_text,
    index_id,
)
from .display import date_text, fiscal_year_text
from .editing import gui_change_context
from .exchange_preview import make_table
from .inspection_form import ERROR_STYLE
from .map_page import MapPage
from .photo_strip import Photo, PhotoStrip
from .request_form import CompletionDialog, RequestDialog, WorkOrderDialog, now_minute
from .tender_form import TenderDialog

log = logging.getLogger(__name__)
_RESPONSE_KPIS = (MeasuredBy.RESPONSE_WITHIN, MeasuredBy.MEAN_RESPONSE_HOURS)
_REGISTER_KPIS = (MeasuredBy.INSPECTIONS_ON_SCHEDULE, MeasuredBy.MEASURES_STARTED)


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


def _time_text(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


class ContractsPage(QWidget):
    """Bundled contracts of the file, a map to start one, and the bundling assistant."""

    data_changed = Signal()
    """A contract, a KPI value or a draft from a lot was saved."""

    SECTION_LIST, SECTION_MAP, SECTION_BUNDLING = range(3)
    TAB_OVERVIEW, TAB_TENDERS, TAB_KPIS, TAB_REQUESTS, TAB_EFFECTS, TAB_DOCUMENTS = range(6)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = ContractRepository(db)
        self.contract: Contract | None = None
        self.contract_dialog: ContractDialog | None = None
        self.measurement_dialog: MeasurementDialog | None = None
        self.tender_dialog: TenderDialog | None = None
        self.request_dialog: RequestDialog | None = None
        self.order_dialog: WorkOrderDialog | None = None
        self.completion_dialog: CompletionDialog | None = None
        self._requests: dict[str, ResidentRequest] = {}  # the shown contract's, by id
        self._orders: list[WorkOrder] = []

        # -- list and detail ----------------------------------------------------------------
        self.new_button = QPushButton(self.tr("New contract…"))
        self.new_button.clicked.connect(lambda: self.create_contract_for([]))
        self.list_model = ContractListModel(self)
        self.list_table = make_table(self.list_model)
        self.list_table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.list_label = QLabel()

        self.overview = QLabel()
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.PlainText)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.shares_model = TextTableModel(self)
        self.shares_table = make_table(self.shares_model)
        self.scope_model = TextTableModel(self)
        self.scope_table = make_table(self.scope_model)
        overview = QWidget()
        overview_layout = QHBoxLayout(overview)
        overview_layout.addWidget(self.overview, 2)
        tables = QVBoxLayout()
        tables.addWidget(QLabel(self.tr("Cost shares per orderer and fiscal year (yen)")))
        tables.addWidget(self.shares_table, 1)
        tables.addWidget(QLabel(self.tr("Scope per organisation and asset type")))
        tables.addWidget(self.scope_table, 1)
        overview_layout.addLayout(tables, 3)

        self.tender_model = TextTableModel(self)
        self.tender_table = make_table(self.tender_model)
        self.tender_button = QPushButton(self.tr("Record a tender…"))
        self.tender_button.clicked.connect(self.open_tender_dialog)
        self.tender_table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.delete_tender_button = QPushButton(self.tr("Delete tender…"))
        self.delete_tender_button.setToolTip(self.tr("Delete the selected tender, entered by mistake."))
        self.delete_tender_button.clicked.connect(self.delete_selected_tender)
        self.tender_label = QLabel()
        self.tender_label.setWordWrap(True)
        self.tender_message = QLabel()
        self.tender_message.setWordWrap(True)
        self.tender_message.setStyleSheet(ERROR_STYLE)
        self.tender_message.hide()
        tenders = QWidget()
        tender_layout = QVBoxLayout(tenders)
        tender_bar = QHBoxLayout()
        tender_bar.addWidget(self.tender_button)
        tender_bar.addWidget(self.delete_tender_button)
        tender_bar.addWidget(self.tender_label, 1)
        tender_layout.addLayout(tender_bar)
        tender_layout.addWidget(self.tender_message)
        tender_layout.addWidget(self.tender_table, 1)

        self.kpi_model = KpiComplianceModel(self)
        self.kpi_table = make_table(self.kpi_model)
        self.kpi_table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.record_button = QPushButton(self.tr("Record a measurement…"))
        self.record_button.clicked.connect(self.open_measurement_dialog)
        self.compute_button = QPushButton(self.tr("Compute from records"))
        self.compute_button.setToolTip(self.tr(
            "Work out the selected indicator for its period from requests, work orders or inspections."))
        self.compute_button.clicked.connect(self.compute_selected_kpi)
        self.kpi_message = QLabel()
        self.kpi_message.setWordWrap(True)
        kpis = QWidget()
        kpi_layout = QVBoxLayout(kpis)
        kpi_buttons = QHBoxLayout()
        kpi_buttons.addWidget(self.record_button)
        kpi_buttons.addWidget(self.compute_button)
        kpi_buttons.addWidget(self.kpi_message, 1)
        kpi_layout.addLayout(kpi_buttons)
        kpi_layout.addWidget(self.kpi_table, 1)

        self.request_model = TextTableModel(self)
        self.request_table = make_table(self.request_model)
        self.request_table.selectionModel().currentRowChanged.connect(self._update_actions)
        self.request_table.selectionModel().currentRowChanged.connect(self._show_request_photo)
        self.request_photo = PhotoStrip(editable=False)
        self.request_photo_status = QLabel()
        self.request_photo_status.setWordWrap(True)
        self.request_photo_status.setStyleSheet("color: #595959;")
        photo_box = QWidget()
        photo_box.setFixedWidth(self.request_photo.list.iconSize().width() + 48)
        photo_layout = QVBoxLayout(photo_box)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        photo_layout.addWidget(QLabel(self.tr("Photo")))
        photo_layout.addWidget(self.request_photo)
        photo_layout.addWidget(self.request_photo_status)
        photo_layout.addStretch(1)
        self.request_label = QLabel()
        self.request_label.setWordWrap(True)
        self.new_request_button = QPushButton(self.tr("New request…"))
        self.new_request_button.clicked.connect(self.open_request_dialog)
        self.order_button = QPushButton(self.tr("Order the work…"))
        self.order_button.setToolTip(self.tr("Give the selected request's work to the contractor."))
        self.order_button.clicked.connect(self.open_order_dialog)
        self.complete_button = QPushButton(self.tr("Work completed…"))
        self.complete_button.clicked.connect(self.open_completion_dialog)
        requests = QWidget()
        request_layout = QVBoxLayout(requests)
        request_bar = QHBoxLayout()
        request_bar.addWidget(self.new_request_button)
        request_bar.addWidget(self.order_button)
        request_bar.addWidget(self.complete_button)
        request_bar.addStretch(1)
        request_layout.addLayout(request_bar)
        request_layout.addWidget(self.request_label)
        request_row = QHBoxLayout()
        request_row.addWidget(self.request_table, 1)
        request_row.addWidget(photo_box)
        request_layout.addLayout(request_row, 1)

        self.effects_label = QLabel()
        self.effects_label.setWordWrap(True)
        self.effects_model = TextTableModel(self)
        self.effects_table = make_table(self.effects_model)
        self.effects_chart = pg.PlotWidget(background="w")
        self.effects_chart.setLabel("left", self.tr("Ordering staff hours"))
        self.effects_chart.setLabel("bottom", self.tr("Fiscal year"))
        self.effects_chart.addLegend(offset=(10, 10))
        self.effects_chart.setMinimumHeight(160)
        effects = QWidget()
        effects_layout = QVBoxLayout(effects)
        effects_layout.addWidget(self.effects_label)
        effects_row = QHBoxLayout()
        effects_row.addWidget(self.effects_table, 3)
        effects_row.addWidget(self.effects_chart, 2)
        effects_layout.addLayout(effects_row, 1)

        self.documents = ContractDocumentsPanel(db)
        self.documents.document_attached.connect(lambda _id: self.data_changed.emit())
        self.documents.document_removed.connect(lambda _id: self.data_changed.emit())

        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(overview, self.tr("Overview"))
        self.detail_tabs.addTab(tenders, self.tr("Tenders"))
        self.detail_tabs.addTab(kpis, self.tr("Performance indicators"))
        self.detail_tabs.addTab(requests, self.tr("Residents' requests"))
        self.detail_tabs.addTab(effects, self.tr("Effects"))
        self.detail_tabs.addTab(self.documents, self.tr("Documents"))

        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_bar = QHBoxLayout()
        list_bar.addWidget(self.list_label, 1)
        list_bar.addWidget(self.new_button)
        list_layout.addLayout(list_bar)
        list_layout.addWidget(self.list_table, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(list_box)
        splitter.addWidget(self.detail_tabs)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        # -- map selection ---------------------------------------------------------------------
        self.map_page = MapPage(db.conn, load=False)
        self._map_loaded = False
        self.create_button = QPushButton(self.tr("Create a contract with the selected assets…"))
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(lambda: self.create_contract_for(self.map_page.selected_ids()))
        self.map_page.selection_changed.connect(lambda ids: self.create_button.setEnabled(bool(ids)))
        map_box = QWidget()
        map_layout = QVBoxLayout(map_box)
        map_layout.setContentsMargins(0, 0, 0, 0)
        map_layout.addWidget(self.map_page, 1)
        map_bar = QHBoxLayout()
        map_bar.addWidget(QLabel(self.tr(
            "Press “Select area”, drag a rectangle over the assets, then create the contract.")), 1)
        map_bar.addWidget(self.create_button)
        map_layout.addLayout(map_bar)

        # -- bundling ----------------------------------------------------------------------------
        self.bundling = BundlingPanel(db)
        self.bundling.draft_created.connect(self._on_contract_saved)

        self.sections = QTabWidget()
        self.sections.addTab(splitter, self.tr("Contracts"))
        self.sections.addTab(map_box, self.tr("New contract from the map"))
        self.sections.addTab(self.bundling, self.tr("Bundling assistant"))
        self.sections.currentChanged.connect(self._on_section_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections)
        self.refresh()

    @property
    def busy(self) -> bool:
        """True while the bundling assistant is working."""
        return self.bundling.busy

    # -- list ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the contracts (keeping the one shown) and the effects."""
        current = self.contract.id if self.contract else None
        self.contract = None  # show it again from the file
        rows = cq.contract_list(self._db.conn)
        self.list_model.set_rows(rows)
        self.list_table.resizeColumnsToContents()
        self.list_label.setText(self.tr("%1 contracts").replace("%1", f"{len(rows):,}"))
        self._show_effects()
        if current and self.list_model.row_of(current) >= 0:
            self.select_contract(current)
        elif rows:
            self.select_contract(rows[0].contract_id)
        else:
            self._show(None)

    def select_contract(self, contract_id: str) -> None:
        """Show one contract (selecting its row in the list)."""
        row = self.list_model.row_of(contract_id)
        if row < 0:
            return
        self.list_table.selectRow(row)
        self.list_table.setCurrentIndex(self.list_model.index(row, 0))
        if self.contract is None or self.contract.id != contract_id:
            self._show(self._repo.get(contract_id))

    def _on_current_changed(self, current, _previous) -> None:
        contract_id = index_id(current)
        if contract_id and (self.contract is None or self.contract.id != contract_id):
            self._show(self._repo.get(contract_id))

    def _show(self, contract: Contract | None) -> None:
        self.contract = contract
        self._show_overview()
        self._show_tenders()
        self._show_kpis()
        self._show_requests()
        self.documents.set_contract(contract.id if contract else None, contract.owner if contract else "")
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        has_kpis = self.kpi_model.rowCount() > 0
        self.record_button.setEnabled(self.contract is not None and has_kpis)
        kpi = self._selected_kpi_row()
        self.compute_button.setEnabled(kpi is not None and kpi.kpi.measured_by is not MeasuredBy.MANUAL)
        self.tender_button.setEnabled(self.contract is not None)
        self.delete_tender_button.setEnabled(index_id(self.tender_table.currentIndex()) is not None)
        self.new_request_button.setEnabled(self.contract is not None)
        request = self._selected_request()
        open_orders = [o for o in self._request_orders(request) if o.completed_at is None]
        self.order_button.setEnabled(request is not None and bool(self.contract and self.contract.contractor)
                                     and not open_orders)
        self.complete_button.setEnabled(bool(open_orders))

    # -- overview ----------------------------------------------------------------------------------
    def _show_overview(self) -> None:
        c = self.contract
        if c is None:
            self.overview.setText(self.tr("No contract chosen."))
            self.shares_model.set_table([], [])
            self.scope_model.set_table([], [])
            return
        names = cq.org_names(self._db.conn)
        by_owner = self._repo.scope_by_owner(c.id)
        lines = [f"{c.number}  {c.title}",
                 self.tr("Status: %1").replace("%1", CONTRACT_STATUS_JA.get(c.status, str(c.status))),
                 self.tr("Period: %1").replace(
                     "%1", fiscal_period_text(c.fiscal_years[0], c.fiscal_years[-1])),
                 # on a line of its own: the dates carry their 西暦 in brackets already
                 "  " + self.tr("%1 – %2").replace("%1", date_text(c.start_on))
                 .replace("%2", date_text(c.end_on)),
                 self.tr("Amount: %1 yen").replace("%1", f"{c.amount_yen:,}" if c.amount_yen is not None
                                                   else "-"),
                 self.tr("Payment form: %1").replace("%1", PAYMENT_FORM_JA.get(c.payment_form, "")),
                 self.tr("Processes: %1").replace("%1", "・".join(PROCESS_JA[p] for p in c.processes)),
                 self.tr("Cost shares: %1").replace("%1", self.tr("by assets owned in the scope")
                                                    if c.share_method is ShareMethod.BY_ASSETS
                                                    else self.tr("fixed ratio")),
                 self.tr("Orderers:")]
        for o in c.orderers:
            lead = self.tr(" (lead)") if o.lead else ""
            ratio = ("  " + self.tr("share ratio %1").replace("%1", f"{o.ratio:g}")
                     if c.share_method is ShareMethod.FIXED else "")
            lines.append(f"  {names.get(o.org, o.org)}{lead}{ratio}")
        lines.append(self.tr("Contractor: %1").replace(
            "%1", names.get(c.contractor, c.contractor) if c.contractor else self.tr("(not awarded)")))
        org = OrganisationRepository(self._db).get(c.contractor) if c.contractor else None
        for member in org.members if org else ():
            rep = self.tr(" (representative)") if member == org.representative else ""
            lines.append(f"  {names.get(member, member)}{rep}")
        lines.append(self.tr("Scope: %1 assets").replace("%1", f"{sum(by_owner.values()):,}"))
        if c.note:
            lines.append(c.note)
        self.overview.setText("\n".join(lines))
        try:
            shares = shares_by_fiscal_year(c, by_owner)
        except ValueError as exc:  # scope assets of a non-orderer: say so instead of shares
            lines.append(str(exc))
            self.overview.setText("\n".join(lines))
            shares = {}
        codes = [o.org for o in c.orderers]
        self.shares_model.set_table(
            [self.tr("Fiscal year"), *(names.get(code, code) for code in codes), self.tr("Total")],
            [(fiscal_year_text(fy), *(f"{s.get(code, 0):,}" for code in codes), f"{sum(s.values()):,}")
             for fy, s in shares.items()], numeric=range(1, len(codes) + 2))
        self.shares_table.resizeColumnsToContents()
        scope = cq.scope_by_owner_and_type(self._db.conn, c.id)
        self.scope_model.set_table([self.tr("Organisation"), self.tr("Asset type"), self.tr("Assets")],
                                   [(r.owner_name, r.type_name, f"{r.assets:,}") for r in scope],
                                   numeric=(2,))
        self.scope_table.resizeColumnsToContents()

    # -- tenders -------------------------------------------------------------------------------------
    def _show_tenders(self) -> None:
        tenders = self._repo.tenders(self.contract.id) if self.contract else []
        names = cq.org_names(self._db.conn)
        # First rounds in notice order, each followed by its re-tenders.
        ordered = []
        previous = {t.previous_id for t in tenders if t.previous_id}
        for last in (t for t in tenders if t.id not in previous):
            ordered.extend(t for t in retender_chain(tenders, last.id) if t not in ordered)
        rounds = {t.id: t.round for t in tenders}
        rows = []
        for t in ordered:
            winner = names.get(t.winner, t.winner) if t.winner else ""
            retender = (self.tr("re-tender of round %1").replace("%1", str(rounds.get(t.previous_id, "?")))
                        if t.previous_id else "")
            rows.append((str(t.round), date_text(t.notice_on), date_text(t.opened_on),
                         f"{t.ceiling_yen:,}", "" if t.lowest_bid_yen is None else f"{t.lowest_bid_yen:,}",
                         str(len(t.bids)), TENDER_RESULT_JA[t.result], winner, retender, t.note))
        self.tender_model.set_table(
            [self.tr("Round"), self.tr("Notice"), self.tr("Opened"), self.tr("Ceiling (yen)"),
             self.tr("Lowest bid (yen)"), self.tr("Bidders"), self.tr("Result"), self.tr("Awarded to"),
             self.tr("Re-tender"), self.tr("Note")], rows, numeric=(0, 3, 4, 5),
            ids=[t.id for t in ordered])
        self.tender_table.resizeColumnsToContents()
        opened = [t for t in tenders if t.result is not TenderResult.PENDING]
        failed = sum(t.result in FAILED_RESULTS for t in opened)
        self.tender_label.setText(
            self.tr("Failed tenders (不調・不落): %1 of %2 (%3).").replace("%1", str(failed))
            .replace("%2", str(len(opened)))
            .replace("%3", f"{failed / len(opened) * 100:.0f}%" if opened else "-")
            if self.contract else "")

    def open_tender_dialog(self) -> TenderDialog | None:
        """Open the dialog that records a tender (or a re-tender) of the shown contract."""
        if self.contract is None:
            return None
        dialog = TenderDialog(self._db, self.contract, self._repo.tenders(self.contract.id), self)
        dialog.tender_saved.connect(self._on_tender_saved)
        self.tender_dialog = dialog
        dialog.open()
        return dialog

    def _on_tender_saved(self, _tender_id: str) -> None:
        # A 落札 may have set the contractor and status, which the list shows too.
        self.tender_message.hide()
        self.refresh()
        self.data_changed.emit()

    def delete_selected_tender(self) -> bool:
        """Delete the selected tender (entered by mistake) after asking; True when deleted."""
        tender_id = index_id(self.tender_table.currentIndex())
        tender = next((t for t in self._repo.tenders(self.contract.id) if t.id == tender_id),
                      None) if self.contract and tender_id else None
        if self.contract is None or tender is None:
            return False
        answer = QMessageBox.question(
            self, self.tr("Delete tender"),
            self.tr("Delete round %1 (notice %2, %3)? Use this for a tender entered by mistake; "
                    "it can be undone from the Edit menu.")
            .replace("%1", str(tender.round)).replace("%2", date_text(tender.notice_on))
            .replace("%3", TENDER_RESULT_JA[tender.result]))
        if answer != QMessageBox.StandardButton.Yes:
            return False
        ctx = gui_change_context(self._db, self.contract.owner)
        try:
            with self._db.transaction():
                self._repo.delete_tender(ctx, tender.id)
        except (KeyError, ValueError) as exc:
            self.tender_message.setText(str(exc.args[0]) if exc.args else str(exc))
            self.tender_message.show()
            return False
        self.tender_message.hide()
        self._show_tenders()
        self._show_effects()
        self._update_actions()
        self.data_changed.emit()
        return True

    def _on_entry_saved(self, _row_id: str = "") -> None:
        """A tender, request, work order or completion was saved: show the contract again."""
        if self.contract is not None:
            request = self._selected_request()
            self._show(self._repo.get(self.contract.id))
            if request is not None:
                self.select_request(request.id)
        self._show_effects()
        self.data_changed.emit()

    # -- KPIs ------------------------------------------------------------------------------------------
    def _show_kpis(self) -> None:
        rows: list[KpiRow] = []
        c = self.contract
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
        self._show_kpis()
        self._show_effects()
        self._select_kpi_period(measurement.kpi_id, measurement.period)
        self.kpi_message.setStyleSheet("")
        self.kpi_message.setText(self.tr("Recorded %1 for %2.").replace("%1", f"{measurement.value:g}")
                                 .replace("%2", measurement.period))
        self._update_actions()
        self.data_changed.emit()

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
            if kpi.measured_by in _RESPONSE_KPIS:
                m = response_measurement(kpi, self._repo.requests(self.contract.id),
                                         self._repo.work_orders(self.contract.id), period,
                                         as_of=dt.datetime.now().replace(microsecond=0))
            elif kpi.measured_by in _REGISTER_KPIS:
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

    # -- requests ----------------------------------------------------------------------------------------
    def _show_requests(self) -> None:
        rows = cq.request_rows(self._db, self.contract.id) if self.contract else []
        self._requests = {r.id: r for r in self._repo.requests(self.contract.id)} if self.contract else {}
        self._orders = self._repo.work_orders(self.contract.id) if self.contract else []
        self.request_model.set_table(
            [self.tr("Received"), self.tr("Town"), self.tr("Category"), self.tr("Place"), self.tr("Asset"),
             self.tr("Reporter"), self.tr("Phone"), self.tr("Ordered"), self.tr("Completed"),
             self.tr("Response (h)")],
            [(_time_text(r.received_at), r.owner_name, REQUEST_CATEGORY_JA.get(r.category, r.category),
              r.place, r.asset_name, r.contact_name, r.contact_phone, _time_text(r.ordered_at),
              _time_text(r.completed_at), f"{r.response_hours:,.1f}" if r.response_hours is not None else "")
             for r in rows], numeric=(9,), ids=[r.request_id for r in rows])
        self.request_table.resizeColumnsToContents()
        stats = response_stats(list(self._requests.values()), self._orders, limit_hours=24.0,
                               as_of=now_minute())
        share = stats.share_within
        self.request_label.setText(
            self.tr("%1 requests, %2 open; fixed within 24 h: %3 of %4 (%5); mean response %6 h. "
                    "Reporters' names and phone numbers stay in this file and are never exchanged.")
            .replace("%1", f"{len(rows):,}").replace("%2", f"{stats.open:,}")
            .replace("%3", f"{stats.within_limit:,}").replace("%4", f"{stats.judged:,}")
            .replace("%5", "-" if share is None else f"{share:.1f}%")
            .replace("%6", "-" if stats.mean_hours is None else f"{stats.mean_hours:,.1f}"))
        self._show_request_photo()

    def _show_request_photo(self, *_args: object) -> None:
        """The selected request's photo as a thumbnail (double-click: full size), or why not."""
        request = self._selected_request()
        sha = request.photo_sha256 if request else None
        data = AttachmentStore(self._db).get(sha) if sha else None
        if request is not None and data is not None:
            title = " ".join(w for w in (_time_text(request.received_at), request.place) if w)
            self.request_photo.set_photos([Photo(title, "image", data)])
            self.request_photo_status.setText(self.tr("Double-click to see it full size."))
        else:
            self.request_photo.clear()
            self.request_photo_status.setText(
                "" if request is None else self.tr("No photo.") if not sha
                else self.tr("Photo not received yet: a later exchange package brings it."))
        self.request_photo.setVisible(data is not None)

    def _selected_request(self) -> ResidentRequest | None:
        request_id = index_id(self.request_table.currentIndex())
        return self._requests.get(request_id) if request_id else None

    def _request_orders(self, request: ResidentRequest | None) -> list[WorkOrder]:
        return [o for o in self._orders if request is not None and o.request_id == request.id]

    def select_request(self, request_id: str) -> None:
        """Select a request of the shown contract in the 住民要望 table."""
        for r in range(self.request_model.rowCount()):
            if self.request_model.index(r, 0).data(ID_ROLE) == request_id:
                self.request_table.setCurrentIndex(self.request_model.index(r, 0))
                return

    def open_request_dialog(self) -> RequestDialog | None:
        """Open the dialog that records a resident's request under the shown contract."""
        if self.contract is None:
            return None
        dialog = RequestDialog(self._db, self.contract, self)
        dialog.after_save = self._follow_response_kpis
        dialog.request_saved.connect(self._on_request_saved)
        self.request_dialog = dialog
        dialog.open()
        return dialog

    def _on_request_saved(self, request_id: str) -> None:
        self._on_entry_saved()
        self.select_request(request_id)
        self._update_actions()

    def open_order_dialog(self) -> WorkOrderDialog | None:
        """Open the dialog that gives the selected request's work to the contractor."""
        request = self._selected_request()
        if self.contract is None or request is None:
            return None
        dialog = WorkOrderDialog(self._db, self.contract, request, self)
        dialog.after_save = self._follow_response_kpis
        dialog.order_saved.connect(self._on_entry_saved)
        self.order_dialog = dialog
        dialog.open()
        return dialog

    def open_completion_dialog(self) -> CompletionDialog | None:
        """Open the dialog that records when the selected request's ordered work was done."""
        request = self._selected_request()
        open_orders = [o for o in self._request_orders(request) if o.completed_at is None]
        if self.contract is None or request is None or not open_orders:
            return None
        dialog = CompletionDialog(self._db, self.contract, request, open_orders[-1], self)
        dialog.after_save = self._follow_response_kpis
        dialog.completion_saved.connect(self._on_entry_saved)
        self.completion_dialog = dialog
        dialog.open()
        return dialog

    def _follow_response_kpis(self, ctx: ChangeContext, request: ResidentRequest) -> None:
        """Recompute the contract's response-time KPIs for the request's period, in the save's
        own transaction (so undo takes them back too). A value entered by hand is kept."""
        if self.contract is None:
            return
        kpis = [k for k in self._repo.kpis(self.contract.id) if k.measured_by in _RESPONSE_KPIS]
        if not kpis:
            return
        have = {(m.kpi_id, m.period): m for m in self._repo.measurements(self.contract.id)}
        requests = self._repo.requests(self.contract.id)
        orders = self._repo.work_orders(self.contract.id)
        for kpi in kpis:
            period = period_of(request.received_at, kpi.period)
            old = have.get((kpi.id, period))
            if old is not None and old.source != "computed":
                continue
            m = response_measurement(kpi, requests, orders, period, as_of=now_minute())
            if m is not None and (old is None or old.value != m.value):
                self._repo.record_measurement(ctx, m)

    # -- effects -------------------------------------------------------------------------------------------
    def _show_effects(self) -> None:
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

    # -- new contracts ------------------------------------------------------------------------------------
    def create_contract_for(self, asset_ids: Sequence[str]) -> ContractDialog:
        """Open the new-contract dialog over these assets (the map selection, or none)."""
        dialog = ContractDialog(self._db, list(asset_ids), self)
        dialog.contract_saved.connect(self._on_contract_saved)
        self.contract_dialog = dialog
        dialog.open()
        return dialog

    def _on_contract_saved(self, contract_id: str) -> None:
        self.refresh()
        self.select_contract(contract_id)
        self.sections.setCurrentIndex(self.SECTION_LIST)
        self.data_changed.emit()

    def _on_section_changed(self, index: int) -> None:
        if index == self.SECTION_MAP and not self._map_loaded:
            self._map_loaded = True
            self.map_page.refresh()

    def show_map_section(self) -> None:
        """Switch to the map on which a rectangle selects a new contract's assets."""
        self.sections.setCurrentIndex(self.SECTION_MAP)
