"""The 概要 tab of the 契約 page: the shown contract's terms, its cost shares per orderer and
fiscal year, and its scope per organisation and asset type.

Read-only: the page hands it the contract to show (``show_contract``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..core.contracts import Contract, ShareMethod, shares_by_fiscal_year
from ..storage import contract_queries as cq
from ..storage.contracts import ContractRepository
from ..storage.database import Database
from ..storage.organisations import OrganisationRepository
from .catalogue_names import DEFAULT_LANGUAGE, type_name
from .contract_models import TextTableModel, fiscal_period_text
from .contract_names import contract_status_name, payment_form_name, process_name
from .display import date_text, fiscal_year_text
from .exchange_preview import make_table


class ContractOverviewTab(QWidget):
    """The terms of one contract as text, beside its shares and scope tables."""

    def __init__(self, db: Database, language: str = DEFAULT_LANGUAGE,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._repo = ContractRepository(db)
        self._language = language
        self.overview = QLabel()
        self.overview.setWordWrap(True)
        self.overview.setTextFormat(Qt.TextFormat.PlainText)
        self.overview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.overview.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.shares_model = TextTableModel(self)
        self.shares_table = make_table(self.shares_model)
        self.scope_model = TextTableModel(self)
        self.scope_table = make_table(self.scope_model)
        layout = QHBoxLayout(self)
        layout.addWidget(self.overview, 2)
        tables = QVBoxLayout()
        tables.addWidget(QLabel(self.tr("Cost shares per orderer and fiscal year (yen)")))
        tables.addWidget(self.shares_table, 1)
        tables.addWidget(QLabel(self.tr("Scope per organisation and asset type")))
        tables.addWidget(self.scope_table, 1)
        layout.addLayout(tables, 3)

    def show_contract(self, c: Contract | None) -> None:
        if c is None:
            self.overview.setText(self.tr("No contract chosen."))
            self.shares_model.set_table([], [])
            self.scope_model.set_table([], [])
            return
        language = self._language
        names = cq.org_names(self._db.conn)
        by_owner = self._repo.scope_by_owner(c.id)
        lines = [f"{c.number}  {c.title}",
                 self.tr("Status: %1").replace("%1", contract_status_name(c.status, language)),
                 self.tr("Period: %1").replace(
                     "%1", fiscal_period_text(c.fiscal_years[0], c.fiscal_years[-1])),
                 # on a line of its own: the dates carry their 西暦 in brackets already
                 "  " + self.tr("%1 – %2").replace("%1", date_text(c.start_on))
                 .replace("%2", date_text(c.end_on)),
                 self.tr("Amount: %1 yen").replace("%1", f"{c.amount_yen:,}" if c.amount_yen is not None
                                                   else "-"),
                 self.tr("Payment form: %1").replace(
                     "%1", payment_form_name(c.payment_form, language) if c.payment_form else ""),
                 self.tr("Processes: %1").replace(
                     "%1", ("・" if language == "ja" else ", ").join(
                         process_name(p, language) for p in c.processes)),
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
                                   [(r.owner_name, type_name(r.type_name, language), f"{r.assets:,}")
                                    for r in scope],
                                   numeric=(2,))
        self.scope_table.resizeColumnsToContents()
