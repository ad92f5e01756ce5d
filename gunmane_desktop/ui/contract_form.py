"""The dialog of a new contract, typically over assets selected on the map.

Orderers start as the owners of the selected assets (the prefecture and the towns can be
added); the lead orderer (幹事団体) owns the contract. Costs are shared by the agreed ratios
or by the number of scope assets each orderer owns; the dialog shows each orderer's share in
yen as the amount is typed. The contract, its orderers and its scope are saved in one
transaction with the GUI's change context, so the audit trail names the user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.contracts import (
    Contract,
    ContractStatus,
    Orderer,
    PaymentForm,
    Process,
    ShareMethod,
    allocate,
    cost_shares,
    fiscal_years_between,
    validate_contractor,
)
from ..core.ids import new_id
from ..core.models import FieldError, ValidationError
from ..core.wareki import fiscal_year_bounds, fiscal_year_of
from ..storage import contract_queries as cq
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from ..storage.organisations import OrganisationRepository
from .catalogue_names import DEFAULT_LANGUAGE
from .contract_models import fiscal_period_text
from .contract_names import contract_status_name, payment_form_name, process_name
from .editing import gui_change_context
from .inspection_form import ERROR_STYLE
from .measure_form import parse_yen


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class ContractDialog(QDialog):
    """Fields of a new contract over ``scope`` (asset ids, may be empty)."""

    contract_saved = Signal(str)
    """The contract was saved (its id)."""

    ORG, RATIO, LEAD, ASSETS = range(4)

    def __init__(self, db: Database, scope: Sequence[str] = (), parent: QWidget | None = None, *,
                 today: dt.date | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New contract"))
        self._language = language
        self._db = db
        self._scope = list(dict.fromkeys(scope))
        self._by_owner = cq.owners_of(db.conn, self._scope)
        self.saved_id: str | None = None
        today = today or dt.date.today()
        first_fy = fiscal_year_of(today) + 1

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. 橋梁定期点検業務 (共同発注)"))
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("e.g. R9-道路-1"))

        self.orderer_table = QTableWidget(0, 4)
        self.orderer_table.setHorizontalHeaderLabels(
            [self.tr("Orderer"), self.tr("Ratio"), self.tr("Lead"), self.tr("Selected assets")])
        self.orderer_table.verticalHeader().setVisible(False)
        self.orderer_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._lead_group = QButtonGroup(self)
        self._orderer_codes: list[str] = []
        choices = cq.orderer_choices(db.conn)
        # Owners of selected assets first (they must order), then the other public bodies.
        choices.sort(key=lambda c: (c.code not in self._by_owner, c.kind != "prefecture", c.code))
        lead_code = self._default_lead([c.code for c in choices])
        for row, choice in enumerate(choices):
            self.orderer_table.insertRow(row)
            self._orderer_codes.append(choice.code)
            item = QTableWidgetItem(f"{choice.name} ({choice.code})")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.code in self._by_owner
                               else Qt.CheckState.Unchecked)
            self.orderer_table.setItem(row, self.ORG, item)
            ratio = QDoubleSpinBox()
            ratio.setRange(0, 1000)
            ratio.setDecimals(2)
            ratio.setValue(1.0)
            ratio.valueChanged.connect(self._update_shares)
            self.orderer_table.setCellWidget(row, self.RATIO, ratio)
            lead = QRadioButton()
            lead.setChecked(choice.code == lead_code)
            self._lead_group.addButton(lead, row)
            self.orderer_table.setCellWidget(row, self.LEAD, lead)
            count = QTableWidgetItem(f"{self._by_owner.get(choice.code, 0):,}")
            count.setFlags(Qt.ItemFlag.ItemIsEnabled)
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.orderer_table.setItem(row, self.ASSETS, count)
        self.orderer_table.resizeColumnsToContents()
        self.orderer_table.itemChanged.connect(self._update_shares)
        self._lead_group.idToggled.connect(self._update_shares)

        self.share_combo = QComboBox()
        self.share_combo.addItem(self.tr("By assets owned in the scope"), str(ShareMethod.BY_ASSETS))
        self.share_combo.addItem(self.tr("Fixed ratio"), str(ShareMethod.FIXED))
        self.share_combo.setCurrentIndex(0 if self._scope else 1)
        self.share_combo.currentIndexChanged.connect(self._update_shares)

        self.contractor_combo = QComboBox()
        self.contractor_combo.addItem(self.tr("(not decided yet)"), None)
        for c in cq.contractor_choices(db.conn):
            self.contractor_combo.addItem(c.name, c.code)
        self.contractor_info = QLabel()
        self.contractor_info.setWordWrap(True)
        self.contractor_combo.currentIndexChanged.connect(self._show_contractor)

        start, _ = fiscal_year_bounds(first_fy)
        _, end = fiscal_year_bounds(first_fy + 2)
        self.start_edit = QDateEdit(_qdate(start))
        self.end_edit = QDateEdit(_qdate(end))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._update_shares)
        self.period_label = QLabel()
        period = QHBoxLayout()
        period.addWidget(self.start_edit)
        period.addWidget(QLabel("〜"))
        period.addWidget(self.end_edit)
        period.addWidget(self.period_label, 1)

        self.payment_combo = QComboBox()
        for form in PaymentForm:
            self.payment_combo.addItem(payment_form_name(form, language), str(form))
        self.process_checks: dict[Process, QCheckBox] = {}
        processes = QGridLayout()
        for n, process in enumerate(Process):
            box = QCheckBox(process_name(process, language))
            box.setChecked(process is Process.INSPECTION)
            self.process_checks[process] = box
            processes.addWidget(box, n // 3, n % 3)
        self.amount_edit = QLineEdit()
        self.amount_edit.setPlaceholderText(self.tr("yen, e.g. 148,500,000 or 14,850万円"))
        self.amount_edit.textChanged.connect(self._update_shares)
        self.status_combo = QComboBox()
        for status in (ContractStatus.DRAFT, ContractStatus.TENDERING, ContractStatus.ACTIVE):
            self.status_combo.addItem(contract_status_name(status, language), str(status))
        self.shares_label = QLabel()
        self.shares_label.setWordWrap(True)
        self.shares_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)

        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Contract number"), self.number_edit)
        form.addRow(self.tr("Orderers"), self.orderer_table)
        form.addRow(self.tr("Cost shares"), self.share_combo)
        form.addRow(self.tr("Contractor"), self.contractor_combo)
        form.addRow("", self.contractor_info)
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Payment form"), self.payment_combo)
        form.addRow(self.tr("Processes"), processes)
        form.addRow(self.tr("Amount"), self.amount_edit)
        form.addRow(self.tr("Status"), self.status_combo)
        self.scope_label = QLabel(self.tr("Scope: %1 assets of %2 organisations")
                                  .replace("%1", f"{len(self._scope):,}")
                                  .replace("%2", str(len(self._by_owner))))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scope_label)
        layout.addLayout(form)
        layout.addWidget(self.shares_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(760, 720)
        self._show_contractor()
        self._update_shares()

    def _default_lead(self, codes: list[str]) -> str | None:
        """The file's own organisation if it orders, else the owner of most selected assets."""
        site = self._db.site_org
        if site in self._by_owner or (not self._by_owner and site in codes):
            return site
        if self._by_owner:
            return max(self._by_owner, key=lambda c: (self._by_owner[c], c))
        return codes[0] if codes else None

    # -- reading the fields --------------------------------------------------------------------
    def orderers(self) -> tuple[Orderer, ...]:
        """The checked orderers with their ratio and the lead flag."""
        out = []
        for row, code in enumerate(self._orderer_codes):
            if self.orderer_table.item(row, self.ORG).checkState() != Qt.CheckState.Checked:
                continue
            ratio = self.orderer_table.cellWidget(row, self.RATIO).value()
            out.append(Orderer(code, float(ratio), lead=self._lead_group.checkedId() == row))
        return tuple(out)

    def set_orderer_checked(self, code: str, checked: bool) -> None:
        """Tick or untick an orderer (as clicking its box does)."""
        row = self._orderer_codes.index(code)
        self.orderer_table.item(row, self.ORG).setCheckState(
            Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def set_lead(self, code: str) -> None:
        self._lead_group.button(self._orderer_codes.index(code)).setChecked(True)

    def lead(self) -> str | None:
        row = self._lead_group.checkedId()
        return self._orderer_codes[row] if row >= 0 else None

    def _amount(self) -> int | None:
        return parse_yen(self.amount_edit.text())

    def _share_method(self) -> ShareMethod:
        return ShareMethod(self.share_combo.currentData())

    def contract(self) -> Contract:
        """The contract the fields describe (raises ValueError for an unreadable amount)."""
        amount = self._amount()
        start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        years = fiscal_years_between(start, end) if end >= start else ()
        budget = ({} if amount is None or not years
                  else {int(k): v for k, v in allocate(amount, {str(fy): 1.0 for fy in years}).items()})
        lead = self.lead() or ""
        return Contract(
            id=new_id(), owner=lead, number=self.number_edit.text().strip(),
            title=self.title_edit.text().strip(), orderers=self.orderers(),
            contractor=self.contractor_combo.currentData(), start_on=start, end_on=end,
            amount_yen=amount, budget_by_fy=budget,
            payment_form=PaymentForm(self.payment_combo.currentData()),
            processes=tuple(p for p, box in self.process_checks.items() if box.isChecked()),
            share_method=self._share_method(), status=ContractStatus(self.status_combo.currentData()))

    # -- feedback ---------------------------------------------------------------------------------
    def _show_contractor(self) -> None:
        code = self.contractor_combo.currentData()
        org = OrganisationRepository(self._db).get(code) if code else None
        if org is None or not org.members:
            self.contractor_info.setText("")
            return
        names = cq.org_names(self._db.conn)
        mark = self.tr(" (representative)")
        members = "、".join(names.get(m, m) + (mark if m == org.representative else "") for m in org.members)
        self.contractor_info.setText(self.tr("Members: %1").replace("%1", members))

    def _update_shares(self, *_args: object) -> None:
        start, end = _pydate(self.start_edit.date()), _pydate(self.end_edit.date())
        self.period_label.setText(fiscal_period_text(fiscal_year_of(start), fiscal_year_of(end))
                                  if end >= start else "")
        try:
            amount = self._amount()
        except ValueError as exc:
            self.shares_label.setText(str(exc))
            return
        orderers = self.orderers()
        if amount is None or not orderers:
            self.shares_label.setText(self.tr("Enter the amount to see each orderer's share."))
            return
        try:
            shares = cost_shares(amount, orderers, self._share_method(), self._by_owner)
        except ValueError as exc:
            self.shares_label.setText(str(exc))
            return
        names = cq.org_names(self._db.conn)
        # Amounts as each language writes them: "汐見町 5,000,000円、…" / "汐見町 5,000,000 yen, …"
        separator, unit = ("、", "円") if self._language == "ja" else (", ", " yen")
        self.shares_label.setText(self.tr("Shares: %1").replace("%1", separator.join(
            f"{names.get(code, code)} {yen:,}{unit}" for code, yen in shares.items())))

    def _errors(self, contract: Contract) -> list[FieldError]:
        errors = list(contract.validate())
        if not contract.number:
            errors.append(FieldError("number", self.tr("Enter the contract number.")))
        if not contract.owner:
            errors.append(FieldError("owner", self.tr("Choose the lead orderer.")))
        codes = {o.org for o in contract.orderers}
        missing = sorted(set(self._by_owner) - codes)
        if missing:
            names = cq.org_names(self._db.conn)
            errors.append(FieldError("orderers", self.tr("The owners of selected assets must order: %1")
                                     .replace("%1", "、".join(names.get(c, c) for c in missing))))
        if contract.contractor:
            org = OrganisationRepository(self._db).get(contract.contractor)
            if org is not None:
                errors.extend(validate_contractor(org))
        if contract.share_method is ShareMethod.BY_ASSETS and not self._scope:
            errors.append(FieldError("share_method",
                                     self.tr("Shares by assets owned need selected assets.")))
        return errors

    def save(self) -> None:
        """Validate and save the contract with its scope; close the dialog when saved."""
        try:
            contract = self.contract()
        except ValueError as exc:
            self.error_label.setText(str(exc))
            return
        errors = self._errors(contract)
        if errors:
            self.error_label.setText("\n".join(e.message for e in errors))
            return
        ctx = gui_change_context(self._db, contract.owner)
        try:
            with self._db.transaction():
                ContractRepository(self._db).add(ctx, contract, self._scope)
        except ValidationError as exc:
            self.error_label.setText("\n".join(e.message for e in exc.errors))
            return
        self.saved_id = contract.id
        self.error_label.setText("")
        self.contract_saved.emit(contract.id)
        self.accept()
