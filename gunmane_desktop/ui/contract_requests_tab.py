"""The 住民要望 tab of the 契約 page: residents' requests under the shown contract with their
response times and the selected request's photo, and dialogs to record a request, order the
work and mark it done. The only place residents' contacts are shown.

Each save also recomputes the contract's response-time KPIs for the request's period, in the
save's own transaction (``follow_response_kpis``), so one undo takes both back. The tab says
a save happened with ``request_saved`` / ``entry_saved``; the page shows the contract again.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..core.contracts import Contract
from ..core.performance import ResidentRequest, WorkOrder, period_of, response_measurement, response_stats
from ..storage import contract_queries as cq
from ..storage.attachments import AttachmentStore
from ..storage.changes import ChangeContext
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_kpis_tab import RESPONSE_KPIS
from .contract_models import ID_ROLE, TextTableModel, index_id
from .contract_names import request_category_name
from .exchange_preview import make_table
from .photo_strip import Photo, PhotoStrip
from .request_form import CompletionDialog, RequestDialog, WorkOrderDialog, now_minute


def _time_text(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M") if moment else ""


class ContractRequestsTab(QWidget):
    """Requests of the shown contract, with who reported them (local only) and response times."""

    request_saved = Signal(str)
    """A new request was recorded under the shown contract (its id)."""
    entry_saved = Signal(str)
    """A work order or a completion was recorded (its row id)."""

    def __init__(self, db: Database, language: str = DEFAULT_LANGUAGE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = ContractRepository(db)
        self._language = language
        self.contract: Contract | None = None
        self.request_dialog: RequestDialog | None = None
        self.order_dialog: WorkOrderDialog | None = None
        self.completion_dialog: CompletionDialog | None = None
        self.requests: dict[str, ResidentRequest] = {}  # the shown contract's, by id
        self._orders: list[WorkOrder] = []

        self.request_model = TextTableModel(self)
        self.request_table = make_table(self.request_model)
        self.request_table.selectionModel().currentRowChanged.connect(self.update_actions)
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
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(self.new_request_button)
        bar.addWidget(self.order_button)
        bar.addWidget(self.complete_button)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(self.request_label)
        row = QHBoxLayout()
        row.addWidget(self.request_table, 1)
        row.addWidget(photo_box)
        layout.addLayout(row, 1)

    def show_contract(self, contract: Contract | None) -> None:
        self.contract = contract
        rows = cq.request_rows(self._db, contract.id) if contract else []
        self.requests = {r.id: r for r in self._repo.requests(contract.id)} if contract else {}
        self._orders = self._repo.work_orders(contract.id) if contract else []
        self.request_model.set_table(
            [self.tr("Received"), self.tr("Town"), self.tr("Category"), self.tr("Place"), self.tr("Asset"),
             self.tr("Reporter"), self.tr("Phone"), self.tr("Ordered"), self.tr("Completed"),
             self.tr("Response (h)")],
            [(_time_text(r.received_at), r.owner_name, request_category_name(r.category, self._language),
              r.place, r.asset_name, r.contact_name, r.contact_phone, _time_text(r.ordered_at),
              _time_text(r.completed_at), f"{r.response_hours:,.1f}" if r.response_hours is not None else "")
             for r in rows], numeric=(9,), ids=[r.request_id for r in rows])
        self.request_table.resizeColumnsToContents()
        stats = response_stats(list(self.requests.values()), self._orders, limit_hours=24.0,
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

    def update_actions(self, *_args: object) -> None:
        self.new_request_button.setEnabled(self.contract is not None)
        request = self.selected_request()
        open_orders = [o for o in self.request_orders(request) if o.completed_at is None]
        self.order_button.setEnabled(request is not None and bool(self.contract and self.contract.contractor)
                                     and not open_orders)
        self.complete_button.setEnabled(bool(open_orders))

    def _show_request_photo(self, *_args: object) -> None:
        """The selected request's photo as a thumbnail (double-click: full size), or why not."""
        request = self.selected_request()
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

    def selected_request(self) -> ResidentRequest | None:
        request_id = index_id(self.request_table.currentIndex())
        return self.requests.get(request_id) if request_id else None

    def request_orders(self, request: ResidentRequest | None) -> list[WorkOrder]:
        """The work orders given for ``request`` (none for None)."""
        return [o for o in self._orders if request is not None and o.request_id == request.id]

    def select_request(self, request_id: str) -> None:
        """Select a request of the shown contract in the table."""
        for r in range(self.request_model.rowCount()):
            if self.request_model.index(r, 0).data(ID_ROLE) == request_id:
                self.request_table.setCurrentIndex(self.request_model.index(r, 0))
                return

    def open_request_dialog(self) -> RequestDialog | None:
        """Open the dialog that records a resident's request under the shown contract."""
        if self.contract is None:
            return None
        dialog = RequestDialog(self._db, self.contract, self, language=self._language)
        dialog.after_save = self.follow_response_kpis
        dialog.request_saved.connect(self.request_saved)
        self.request_dialog = dialog
        dialog.open()
        return dialog

    def open_order_dialog(self) -> WorkOrderDialog | None:
        """Open the dialog that gives the selected request's work to the contractor."""
        request = self.selected_request()
        if self.contract is None or request is None:
            return None
        dialog = WorkOrderDialog(self._db, self.contract, request, self, language=self._language)
        dialog.after_save = self.follow_response_kpis
        dialog.order_saved.connect(self.entry_saved)
        self.order_dialog = dialog
        dialog.open()
        return dialog

    def open_completion_dialog(self) -> CompletionDialog | None:
        """Open the dialog that records when the selected request's ordered work was done."""
        request = self.selected_request()
        open_orders = [o for o in self.request_orders(request) if o.completed_at is None]
        if self.contract is None or request is None or not open_orders:
            return None
        dialog = CompletionDialog(self._db, self.contract, request, open_orders[-1], self,
                                  language=self._language)
        dialog.after_save = self.follow_response_kpis
        dialog.completion_saved.connect(self.entry_saved)
        self.completion_dialog = dialog
        dialog.open()
        return dialog

    def follow_response_kpis(self, ctx: ChangeContext, request: ResidentRequest) -> None:
        """Recompute the contract's response-time KPIs for the request's period, in the save's
        own transaction (so undo takes them back too). A value entered by hand is kept."""
        if self.contract is None:
            return
        kpis = [k for k in self._repo.kpis(self.contract.id) if k.measured_by in RESPONSE_KPIS]
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
