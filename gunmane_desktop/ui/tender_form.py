"""The dialog that records one tender (入札) of a contract.

The staffer enters the notice and opening dates, the ceiling price (予定価格), each bidder
with the amount bid (blank: declined, 辞退), the result announced (落札 / 不調 / 不落) and,
for a re-tender, the failed tender it re-runs. The lowest bid and the result the bids give
are shown as they are typed; a result that the bids contradict (a bid above the ceiling
marked 落札) is refused beside the field by the core's ``Tender.validate``. Saved through
the contracts repository with the GUI's change context (audited, one undo step). A 落札 for
a contract without a contractor offers, as a box to tick, to make the winner its contractor
and put the contract in force (履行中) in the same save and the same undo step. A box
rather than a question after Save: the staffer sees what Save will do before pressing it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.contracts import (
    FAILED_RESULTS,
    Bid,
    Contract,
    Tender,
    TenderResult,
    judge,
)
from ..core.ids import new_id
from ..core.models import FieldError, ValidationError
from ..storage import contract_queries as cq
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_names import tender_result_name
from .editing import gui_change_context
from .field_errors import FieldErrorDisplay
from .inspection_form import error_label, with_error
from .measure_form import parse_yen

_ANNOUNCED = (TenderResult.AWARDED, TenderResult.NO_BID, TenderResult.OVER_CEILING)


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TenderDialog(FieldErrorDisplay, QDialog):
    """A tender of ``contract``; ``tenders`` are its earlier ones (for re-tenders)."""

    tender_saved = Signal(str)
    """The tender was saved (its id)."""

    BIDDER, AMOUNT = range(2)

    def __init__(self, db: Database, contract: Contract, tenders: Sequence[Tender] = (),
                 parent: QWidget | None = None, *, today: dt.date | None = None,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a tender"))
        self._db = db
        self._language = language
        self.contract = contract
        self.saved_id: str | None = None
        self.awarded_to: str | None = None  # the contractor set by the last save
        self._failed = [t for t in tenders if t.result in FAILED_RESULTS]
        self._rounds = {t.id: t for t in tenders}
        self._names = cq.org_names(db.conn)
        self._bidders = cq.contractor_choices(db.conn)
        today = today or dt.date.today()
        self.errors: dict[str, QLabel] = {}

        self.retender_combo = QComboBox()
        self.retender_combo.addItem(self.tr("(first tender)"), None)
        for t in self._failed:
            self.retender_combo.addItem(self.tr("Round %1 of %2 (%3)").replace("%1", str(t.round))
                                        .replace("%2", t.notice_on.isoformat())
                                        .replace("%3", tender_result_name(t.result, language)), t.id)
        # Most often the staffer is recording the re-tender of the last failed one.
        already = {t.previous_id for t in tenders if t.previous_id}
        open_failures = [t for t in self._failed if t.id not in already]
        if open_failures:
            self.retender_combo.setCurrentIndex(self.retender_combo.findData(open_failures[-1].id))
        self.notice_edit = QDateEdit(_qdate(today))
        self.opened_edit = QDateEdit(_qdate(today))
        for edit in (self.notice_edit, self.opened_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.ceiling_edit = QLineEdit()
        self.ceiling_edit.setPlaceholderText(self.tr("yen, e.g. 148,500,000 or 14,850万円"))
        if contract.amount_yen:
            self.ceiling_edit.setText(f"{contract.amount_yen:,}")

        self.bid_table = QTableWidget(0, 2)
        self.bid_table.setHorizontalHeaderLabels([self.tr("Bidder"), self.tr("Amount bid (blank: declined)")])
        self.bid_table.verticalHeader().setVisible(False)
        self.bid_table.horizontalHeader().setSectionResizeMode(self.BIDDER, QHeaderView.ResizeMode.Stretch)
        self.bid_table.setColumnWidth(self.AMOUNT, self.fontMetrics().horizontalAdvance("0") * 28)
        self.bid_table.setMinimumHeight(self.fontMetrics().height() * 7)
        self.add_bid_button = QPushButton(self.tr("Add bidder"))
        self.add_bid_button.clicked.connect(lambda: self.add_bid())
        self.remove_bid_button = QPushButton(self.tr("Remove bidder"))
        self.remove_bid_button.clicked.connect(self._on_remove_bid_clicked)
        bid_buttons = QHBoxLayout()
        bid_buttons.addWidget(self.add_bid_button)
        bid_buttons.addWidget(self.remove_bid_button)
        bid_buttons.addStretch(1)
        bids = QWidget()
        bids_layout = QVBoxLayout(bids)
        bids_layout.setContentsMargins(0, 0, 0, 0)
        bids_layout.addWidget(self.bid_table)
        bids_layout.addLayout(bid_buttons)
        self.lowest_label = QLabel()

        self.result_combo = QComboBox()
        for result in _ANNOUNCED:
            self.result_combo.addItem(tender_result_name(result, language), str(result))
        self.result_combo.currentIndexChanged.connect(self._show_award)
        self.note_edit = QLineEdit()
        # The offer to award the contract: shown for a 落札 to a registered contractor when
        # the contract has none yet; ticking it is the staffer's confirmation.
        self.award_check = QCheckBox()
        self.award_check.setStyleSheet("font-weight: bold;")
        self.award_check.hide()
        self._offered: str | None = None  # the winner the box names
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: #b00020;")

        form = QFormLayout()
        form.addRow(self.tr("Re-tender of"), self._field("previous_id", self.retender_combo))
        form.addRow(self.tr("Notice"), self._field("notice_on", self.notice_edit))
        form.addRow(self.tr("Opened"), self._field("opened_on", self.opened_edit))
        form.addRow(self.tr("Ceiling (yen)"), self._field("ceiling_yen", self.ceiling_edit))
        form.addRow(self.tr("Bids"), self._field("bids", bids))
        form.addRow(self.tr("Lowest bid"), self.lowest_label)
        form.addRow(self.tr("Result"), self._field("result", self.result_combo))
        form.addRow(self.tr("Note"), self.note_edit)
        form.addRow(self.award_check)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.ceiling_edit.textChanged.connect(self._show_lowest)
        self.resize(640, 620)
        self.show_errors([])
        self._show_lowest()

    def _field(self, key: str, widget: QWidget) -> QWidget:
        self.errors[key] = error_label()
        return with_error(widget, self.errors[key])

    # -- bids ------------------------------------------------------------------------------------
    def add_bid(self, bidder: str = "", amount: str = "") -> int:
        """Add a bid row (bidder code or name, amount as typed); returns its row."""
        row = self.bid_table.rowCount()
        self.bid_table.insertRow(row)
        combo = QComboBox()
        combo.setEditable(True)
        for choice in self._bidders:
            combo.addItem(choice.name, choice.code)
        found = combo.findData(bidder) if bidder else -1
        if found >= 0:
            combo.setCurrentIndex(found)
        else:
            combo.setCurrentIndex(-1)
            combo.setEditText(bidder)
        combo.currentTextChanged.connect(self._show_lowest)
        edit = QLineEdit(amount)
        edit.setPlaceholderText(self.tr("declined"))
        edit.textChanged.connect(self._show_lowest)
        self.bid_table.setCellWidget(row, self.BIDDER, combo)
        self.bid_table.setCellWidget(row, self.AMOUNT, edit)
        self._show_lowest()
        return row

    def _on_remove_bid_clicked(self) -> None:
        row = self.bid_table.currentRow()
        if row < 0:
            row = self.bid_table.rowCount() - 1
        if row >= 0:
            self.bid_table.removeRow(row)
            self._show_lowest()

    def _bidder(self, row: int) -> str:
        """The bidder's organisation code when it is a listed one, else the name as typed."""
        combo: QComboBox = self.bid_table.cellWidget(row, self.BIDDER)
        text = combo.currentText().strip()
        listed = combo.findText(text) if text else -1
        return combo.itemData(listed) if listed >= 0 else text

    def bids(self) -> tuple[tuple[Bid, ...], list[FieldError]]:
        """The bids as entered, with the problems of unreadable rows."""
        bids: list[Bid] = []
        errors: list[FieldError] = []
        for row in range(self.bid_table.rowCount()):
            bidder = self._bidder(row)
            text = self.bid_table.cellWidget(row, self.AMOUNT).text()
            try:
                amount = parse_yen(text)
            except ValueError as exc:
                errors.append(FieldError("bids", self.tr("Row %1: %2").replace("%1", str(row + 1))
                                         .replace("%2", str(exc))))
                continue
            if not bidder:
                if amount is not None:
                    errors.append(FieldError("bids", self.tr("Row %1: enter the bidder.")
                                             .replace("%1", str(row + 1))))
                continue
            bids.append(Bid(bidder, amount))
        return tuple(bids), errors

    def _show_lowest(self, *_args: object) -> None:
        bids, _errors = self.bids()
        amounts = [b.amount_yen for b in bids if b.amount_yen is not None]
        try:
            ceiling = parse_yen(self.ceiling_edit.text())
        except ValueError:
            ceiling = None
        if not amounts:
            text = self.tr("no valid bid")
        else:
            text = self.tr("%1 yen").replace("%1", f"{min(amounts):,}")
        if ceiling:
            given = judge(Tender("", "", "", dt.date.today(), ceiling, bids))
            text += "  " + self.tr("(by the bids: %1)").replace(
                "%1", tender_result_name(given, self._language))
        self.lowest_label.setText(text)
        self._show_award()

    # -- saving ----------------------------------------------------------------------------------
    def build(self) -> tuple[Tender | None, list[FieldError]]:
        """The tender as entered (validated by the core), or None with the problems."""
        errors: list[FieldError] = []
        try:
            ceiling = parse_yen(self.ceiling_edit.text())
            if ceiling is None:
                errors.append(FieldError("ceiling_yen", self.tr("Enter the ceiling price.")))
        except ValueError as exc:
            ceiling = None
            errors.append(FieldError("ceiling_yen", str(exc)))
        bids, bid_errors = self.bids()
        errors.extend(bid_errors)
        notice = _pydate(self.notice_edit.date())
        previous = self._rounds.get(self.retender_combo.currentData())
        if previous is not None and previous.opened_on and notice < previous.opened_on:
            errors.append(FieldError("notice_on", self.tr(
                "A re-tender's notice cannot be before the failed tender was opened (%1).")
                .replace("%1", previous.opened_on.isoformat())))
        if errors:
            return None, errors
        assert ceiling is not None
        tender = Tender(
            id=new_id(), owner=self.contract.owner, contract_id=self.contract.id, notice_on=notice,
            ceiling_yen=ceiling, bids=bids, opened_on=_pydate(self.opened_edit.date()),
            round=previous.round + 1 if previous else 1, previous_id=previous.id if previous else None,
            result=TenderResult(self.result_combo.currentData()), note=self.note_edit.text().strip())
        errors = tender.validate()
        return (None, errors) if errors else (tender, [])

    def award_winner(self) -> str | None:
        """The registered contractor the bids as typed award the tender to, when the contract
        has none yet (so the award can be offered); else None. A bidder typed by name is not
        an organisation the contract can name, so it is never offered."""
        if self.contract.contractor or self.result_combo.currentData() != str(TenderResult.AWARDED):
            return None
        bids, _errors = self.bids()
        try:
            ceiling = parse_yen(self.ceiling_edit.text())
        except ValueError:
            return None
        if not ceiling:
            return None
        winner = Tender("", "", "", dt.date.today(), ceiling, bids, result=TenderResult.AWARDED).winner
        return winner if winner in {c.code for c in self._bidders} else None

    def _show_award(self) -> None:
        winner = self.award_winner()
        if winner != self._offered:  # a tick confirms one winner, never the next lowest bidder
            self.award_check.setChecked(False)
            self._offered = winner
        if winner is not None:
            self.award_check.setText(self.tr(
                "Make %1 the contractor of this contract and mark it in force (履行中), in the same save")
                .replace("%1", self._names.get(winner, winner)))
        self.award_check.setVisible(winner is not None)

    def save(self) -> str | None:
        """Validate and save the tender; close the dialog when saved. Returns its id."""
        tender, errors = self.build()
        if tender is None:
            self.show_errors(errors)
            return None
        winner = tender.winner if self.award_check.isChecked() and self.award_winner() else None
        ctx = gui_change_context(self._db, self.contract.owner)
        repo = ContractRepository(self._db)
        try:
            with self._db.transaction():
                repo.add_tender(ctx, tender)
                if winner is not None:
                    repo.award(ctx, self.contract.id, winner)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return None
        self.saved_id = tender.id
        self.awarded_to = winner
        self.tender_saved.emit(tender.id)
        self.accept()
        return tender.id
