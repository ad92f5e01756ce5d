"""The 契約 page: the region's bundled contracts, their detail, new joint contracts drawn on
the map, and the bundling assistant.

Three sections: the contract list with a detail area of tabs, each a widget of its own
module — 概要 (``contract_overview_tab``), 入札 (``contract_tenders_tab``), 性能指標
(``contract_kpis_tab``), 住民要望 (``contract_requests_tab``, the only place residents'
contacts are shown), 効果 across all contracts (``contract_effects_tab``) and 書類
(``contract_documents``); a map of its own on which a rectangle selects the assets of a new
joint contract; and the lot proposals. The page keeps the list, the shown contract and the
wiring: a save in one tab shows what it changed in the others. The tabs write only through
the contract repository with the GUI's change context, and the page says so with
``data_changed``. Codes and catalogue names are shown in ``language`` ("ja" or "en").
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.contracts import Contract
from ..core.performance import ResidentRequest, WorkOrder
from ..storage import contract_queries as cq
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_bundling import BundlingPanel
from .contract_documents import ContractDocumentsPanel
from .contract_effects_tab import ContractEffectsTab
from .contract_form import ContractDialog
from .contract_kpi_dialog import MeasurementDialog
from .contract_kpis_tab import ContractKpisTab, period_payment_yen
from .contract_models import ContractListModel, KpiRow, index_id
from .contract_overview_tab import ContractOverviewTab
from .contract_requests_tab import ContractRequestsTab
from .contract_tenders_tab import ContractTendersTab
from .exchange_preview import make_table
from .map_page import MapPage
from .request_form import CompletionDialog, RequestDialog, WorkOrderDialog
from .tender_form import TenderDialog

__all__ = ["ContractsPage", "period_payment_yen"]

_EXPOSED = {
    "overview_tab": ("overview", "shares_model", "shares_table", "scope_model", "scope_table"),
    "tenders_tab": ("tender_model", "tender_table", "tender_button", "delete_tender_button",
                    "tender_label", "tender_message"),
    "kpis_tab": ("kpi_model", "kpi_table", "kpi_message", "record_button", "compute_button"),
    "requests_tab": ("request_model", "request_table", "request_label", "request_photo",
                     "request_photo_status", "new_request_button", "order_button", "complete_button"),
    "effects_tab": ("effects_label", "effects_model", "effects_table", "effects_chart"),
}


class ContractsPage(QWidget):
    """Bundled contracts of the file, a map to start one, and the bundling assistant."""

    data_changed = Signal()
    """A contract, a KPI value or a draft from a lot was saved."""

    SECTION_LIST, SECTION_MAP, SECTION_BUNDLING = range(3)
    TAB_OVERVIEW, TAB_TENDERS, TAB_KPIS, TAB_REQUESTS, TAB_EFFECTS, TAB_DOCUMENTS = range(6)

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = ContractRepository(db)
        self._language = language
        self.contract: Contract | None = None
        self.contract_dialog: ContractDialog | None = None

        self.sections = QTabWidget()
        self.sections.addTab(self._build_list_section(), self.tr("Contracts"))
        self.sections.addTab(self._build_map_section(), self.tr("New contract from the map"))
        self.bundling = BundlingPanel(db)
        self.bundling.draft_created.connect(self._on_contract_saved)
        self.sections.addTab(self.bundling, self.tr("Bundling assistant"))
        self.sections.currentChanged.connect(self._on_section_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(self.sections)
        self.refresh()

    def _build_list_section(self) -> QWidget:
        """The contract list above the detail tabs."""
        db, language = self._db, self._language
        self.new_button = QPushButton(self.tr("New contract…"))
        self.new_button.clicked.connect(lambda: self.create_contract_for([]))
        self.list_model = ContractListModel(self, language)
        self.list_table = make_table(self.list_model)
        self.list_table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.list_label = QLabel()

        self.overview_tab = ContractOverviewTab(db, language)
        self.tenders_tab = ContractTendersTab(db, language)
        self.tenders_tab.tender_saved.connect(self._on_tender_saved)
        self.tenders_tab.tender_deleted.connect(self._on_tender_deleted)
        self.kpis_tab = ContractKpisTab(db)
        self.kpis_tab.measurement_recorded.connect(self._on_measurement_recorded)
        self.requests_tab = ContractRequestsTab(db, language)
        self.requests_tab.request_saved.connect(self._on_request_saved)
        self.requests_tab.entry_saved.connect(self._on_entry_saved)
        self.effects_tab = ContractEffectsTab(db)
        self.documents = ContractDocumentsPanel(db, language=language)
        self.documents.document_attached.connect(lambda _id: self.data_changed.emit())
        self.documents.document_removed.connect(lambda _id: self.data_changed.emit())
        self._expose_tab_widgets()

        self.detail_tabs = QTabWidget()
        self.detail_tabs.addTab(self.overview_tab, self.tr("Overview"))
        self.detail_tabs.addTab(self.tenders_tab, self.tr("Tenders"))
        self.detail_tabs.addTab(self.kpis_tab, self.tr("Performance indicators"))
        self.detail_tabs.addTab(self.requests_tab, self.tr("Residents' requests"))
        self.detail_tabs.addTab(self.effects_tab, self.tr("Effects"))
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
        return splitter

    def _expose_tab_widgets(self) -> None:
        """The tabs' tables, models, buttons and labels, also under the page (``_EXPOSED``):
        the window's tests drive them as a staffer does, by the names they had before the tabs
        were modules of their own."""
        for tab, names in _EXPOSED.items():
            for name in names:
                setattr(self, name, getattr(getattr(self, tab), name))

    def _build_map_section(self) -> QWidget:
        """A map of the page's own on which a rectangle selects a new contract's assets."""
        self.map_page = MapPage(self._db.conn, load=False)
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
        return map_box

    @property
    def busy(self) -> bool:
        """True while the bundling assistant is working."""
        return self.bundling.busy

    # -- the dialogs the tabs opened last (tests fill them in) ------------------------------------
    @property
    def tender_dialog(self) -> TenderDialog | None:
        return self.tenders_tab.tender_dialog

    @property
    def measurement_dialog(self) -> MeasurementDialog | None:
        return self.kpis_tab.measurement_dialog

    @property
    def request_dialog(self) -> RequestDialog | None:
        return self.requests_tab.request_dialog

    @property
    def order_dialog(self) -> WorkOrderDialog | None:
        return self.requests_tab.order_dialog

    @property
    def completion_dialog(self) -> CompletionDialog | None:
        return self.requests_tab.completion_dialog

    # -- list ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the contracts (keeping the one shown) and the effects."""
        current = self.contract.id if self.contract else None
        self.contract = None  # show it again from the file
        rows = cq.contract_list(self._db.conn)
        self.list_model.set_rows(rows)
        self.list_table.resizeColumnsToContents()
        self.list_label.setText(self.tr("%1 contracts").replace("%1", f"{len(rows):,}"))
        self.effects_tab.show_effects()
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
        self.overview_tab.show_contract(contract)
        self.tenders_tab.show_contract(contract)
        self.kpis_tab.show_contract(contract)
        self.requests_tab.show_contract(contract)
        self.documents.set_contract(contract.id if contract else None, contract.owner if contract else "")
        self._update_actions()

    def _update_actions(self, *_args: object) -> None:
        self.kpis_tab.update_actions()
        self.tenders_tab.update_actions()
        self.requests_tab.update_actions()

    # -- what a tab saved ----------------------------------------------------------------------------
    def _on_tender_saved(self, _tender_id: str) -> None:
        # A 落札 may have set the contractor and status, which the list shows too.
        self.refresh()
        self.data_changed.emit()

    def _on_tender_deleted(self, _tender_id: str) -> None:
        self.effects_tab.show_effects()
        self.data_changed.emit()

    def _on_measurement_recorded(self, _kpi_id: str) -> None:
        self.effects_tab.show_effects()
        self.data_changed.emit()

    def _on_entry_saved(self, _row_id: str = "") -> None:
        """A request, work order or completion was saved: show the contract again (its KPIs
        follow the response times), keeping the request selected."""
        if self.contract is not None:
            request = self.requests_tab.selected_request()
            self._show(self._repo.get(self.contract.id))
            if request is not None:
                self.requests_tab.select_request(request.id)
        self.effects_tab.show_effects()
        self.data_changed.emit()

    def _on_request_saved(self, request_id: str) -> None:
        self._on_entry_saved()
        self.requests_tab.select_request(request_id)
        self._update_actions()

    # -- the 性能指標 and 住民要望 tabs, as the tests and reports read them --------------------------
    def kpi_rows(self) -> list[KpiRow]:
        """The rows of the 性能指標 table."""
        return self.kpis_tab.kpi_rows()

    def select_request(self, request_id: str) -> None:
        """Select a request of the shown contract in the 住民要望 table."""
        self.requests_tab.select_request(request_id)

    @property
    def _requests(self) -> dict[str, ResidentRequest]:
        return self.requests_tab.requests

    def _request_orders(self, request: ResidentRequest | None) -> list[WorkOrder]:
        return self.requests_tab.request_orders(request)

    # -- new contracts ------------------------------------------------------------------------------------
    def create_contract_for(self, asset_ids: Sequence[str]) -> ContractDialog:
        """Open the new-contract dialog over these assets (the map selection, or none)."""
        dialog = ContractDialog(self._db, list(asset_ids), self, language=self._language)
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
