"""The 契約 page on the demo contracts (fixture ``contracts_demo`` in conftest), for the
contract GUI tests."""

import datetime as dt

from gunmane_desktop.core.contracts import Contract, ContractStatus, Orderer
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui.contracts_page import ContractsPage

WAKABA, INAHO = "152986", "155934"


def open_page(qtbot, db: Database) -> ContractsPage:
    """The 契約 page on ``db``, shown at a desktop size."""
    widget = ContractsPage(db)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def add_tendering_contract(page: ContractsPage, db: Database) -> Contract:
    """A joint contract of 若葉市 and 稲穂町 out to tender, with no contractor, shown on the
    入札 tab."""
    ctx = ChangeContext(db, WAKABA, "test", "test")
    contract = Contract(ctx.new_id(), WAKABA, "R8-公園-1", "公園施設点検 (若葉市・稲穂町)",
                        (Orderer(WAKABA, 1, lead=True), Orderer(INAHO, 1)), None,
                        dt.date(2026, 10, 1), dt.date(2027, 3, 31), amount_yen=50_000_000,
                        status=ContractStatus.TENDERING)
    with db.transaction():
        ContractRepository(db).add(ctx, contract)
    page.refresh()
    page.select_contract(contract.id)
    page.detail_tabs.setCurrentIndex(page.TAB_TENDERS)
    return contract
