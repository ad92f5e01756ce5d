"""The assets a resident's request can name: the contract's live scope, with names and owners."""

import datetime as dt

from contracts_helpers import JV, PREF, TOWN_A, TOWN_B

from gunmane_desktop.core.contracts import Contract, ContractStatus, Orderer
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.contracts import ContractRepository


def test_scope_assets_lists_live_scope_assets_by_owner_then_name(db, ctx, assets):
    # Given a contract over five of the six assets, one of them added twice
    repo = ContractRepository(db)
    contract = Contract(ctx.new_id(), PREF, "R8-1", "橋梁点検", (Orderer(PREF, lead=True),
                        Orderer(TOWN_A), Orderer(TOWN_B)), JV, dt.date(2026, 4, 1),
                        dt.date(2027, 3, 31), status=ContractStatus.ACTIVE)
    repo.add(ctx, contract, [assets[5], assets[1], assets[0], assets[3], assets[1]])
    # and one scope asset later tombstoned in the register
    asset_repo = AssetRepository(db)
    gone = asset_repo.get(assets[3])
    db.conn.execute("UPDATE assets SET deleted = 1 WHERE id = ?", (gone.id,))
    # Then the choices are the live ones, once each, by owner then name
    assert repo.scope_assets(contract.id) == [
        (assets[0], "橋0", PREF), (assets[1], "橋1", TOWN_A), (assets[5], "橋5", TOWN_B)]
    assert repo.scope_assets("no-such-contract") == []
