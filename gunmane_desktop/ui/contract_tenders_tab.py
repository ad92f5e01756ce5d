"""The 入札 tab of the 契約 page: the shown contract's tenders with their re-tender chain and
failed-tender rate, a dialog to record a tender, and deleting one entered by mistake.

Saves go through the contract repository with the GUI's change context; the tab says so
with ``tender_saved`` (a 落札 may have changed the contract, which the page lists) and
``tender_deleted``.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from ..core.contracts import FAILED_RESULTS, Contract, TenderResult, retender_chain
from ..storage import contract_queries as cq
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_models import TextTableModel, index_id
from .contract_names import tender_result_name
from .display import date_text
from .editing import gui_change_context
from .exchange_preview import make_table
from .inspection_form import ERROR_STYLE
from .tender_form import TenderDialog


class ContractTendersTab(QWidget):
    """Tenders of the shown contract, first rounds in notice order, each with its re-tenders."""

    tender_saved = Signal(str)
    """A tender (or re-tender) of the shown contract was recorded."""
    tender_deleted = Signal(str)
    """A tender entered by mistake was deleted."""

    def __init__(self, db: Database, language: str = DEFAULT_LANGUAGE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = ContractRepository(db)
        self._language = language
        self.contract: Contract | None = None
        self.tender_dialog: TenderDialog | None = None
        self.tender_model = TextTableModel(self)
        self.tender_table = make_table(self.tender_model)
        self.tender_button = QPushButton(self.tr("Record a tender…"))
        self.tender_button.clicked.connect(self.open_tender_dialog)
        self.tender_table.selectionModel().currentRowChanged.connect(self.update_actions)
        self.delete_tender_button = QPushButton(self.tr("Delete tender…"))
        self.delete_tender_button.setToolTip(self.tr("Delete the selected tender, entered by mistake."))
        self.delete_tender_button.clicked.connect(self.delete_selected_tender)
        self.tender_label = QLabel()
        self.tender_label.setWordWrap(True)
        self.tender_message = QLabel()
        self.tender_message.setWordWrap(True)
        self.tender_message.setStyleSheet(ERROR_STYLE)
        self.tender_message.hide()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(self.tender_button)
        bar.addWidget(self.delete_tender_button)
        bar.addWidget(self.tender_label, 1)
        layout.addLayout(bar)
        layout.addWidget(self.tender_message)
        layout.addWidget(self.tender_table, 1)

    def show_contract(self, contract: Contract | None) -> None:
        self.contract = contract
        tenders = self._repo.tenders(contract.id) if contract else []
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
                         str(len(t.bids)), tender_result_name(t.result, self._language), winner,
                         retender, t.note))
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
            if contract else "")

    def update_actions(self, *_args: object) -> None:
        self.tender_button.setEnabled(self.contract is not None)
        self.delete_tender_button.setEnabled(index_id(self.tender_table.currentIndex()) is not None)

    def open_tender_dialog(self) -> TenderDialog | None:
        """Open the dialog that records a tender (or a re-tender) of the shown contract."""
        if self.contract is None:
            return None
        dialog = TenderDialog(self._db, self.contract, self._repo.tenders(self.contract.id), self,
                              language=self._language)
        dialog.tender_saved.connect(self._on_tender_saved)
        self.tender_dialog = dialog
        dialog.open()
        return dialog

    def _on_tender_saved(self, tender_id: str) -> None:
        self.tender_message.hide()
        self.tender_saved.emit(tender_id)

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
            .replace("%3", tender_result_name(tender.result, self._language)))
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
        self.show_contract(self.contract)
        self.update_actions()
        self.tender_deleted.emit(tender.id)
        return True
