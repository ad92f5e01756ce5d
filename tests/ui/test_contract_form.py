"""The new-contract dialog over selected assets, on the demo region (offscreen)."""

import datetime as dt

import pytest

from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.ui.contract_form import ContractDialog

WAKABA, INAHO, PREF, JV = "152986", "155934", "150002", "XDE0000000001"


@pytest.fixture
def parks(region):
    """Five parks of 若葉市 and three of 稲穂町."""
    ids = []
    for owner, n in ((WAKABA, 5), (INAHO, 3)):
        ids += [r[0] for r in region.conn.execute(
            "SELECT id FROM assets WHERE owner = ? AND asset_type = 'park' ORDER BY id LIMIT ?", (owner, n))]
    return ids


def _dialog(qtbot, region, scope):
    dialog = ContractDialog(region, scope, today=dt.date(2026, 11, 1))
    qtbot.addWidget(dialog)
    return dialog


def _contracts(region):
    return region.conn.execute("SELECT count(*) FROM contracts").fetchone()[0]


def test_orderers_start_as_the_owners_of_the_selected_assets(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    assert {o.org for o in dialog.orderers()} == {WAKABA, INAHO}
    assert dialog.lead() == WAKABA  # owns most of the selection (the prefecture owns none of it)
    assert dialog.share_combo.currentData() == "by_assets"
    assert "8 assets of 2 organisations" in dialog.scope_label.text()
    # The period starts with the next fiscal year and is shown in 和暦
    assert dialog.start_edit.date().toString("yyyy-MM-dd") == "2027-04-01"
    assert dialog.period_label.text() == "令和9年度〜令和11年度"


def test_shares_in_yen_follow_the_assets_owned(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    dialog.amount_edit.setText("8,000,000")
    assert "5,000,000円" in dialog.shares_label.text()
    assert "3,000,000円" in dialog.shares_label.text()
    dialog.share_combo.setCurrentIndex(dialog.share_combo.findData("fixed"))
    assert dialog.shares_label.text().count("4,000,000円") == 2


def test_saves_the_contract_with_its_scope_and_spreads_the_amount_over_the_years(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    dialog.title_edit.setText("公園施設点検業務 (若葉市・稲穂町)")
    dialog.number_edit.setText("R9-公園-1")
    dialog.amount_edit.setText("900万円")
    dialog.contractor_combo.setCurrentIndex(dialog.contractor_combo.findData(JV))
    with qtbot.waitSignal(dialog.contract_saved) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    repo = ContractRepository(region)
    contract = repo.get(blocker.args[0])
    assert contract.owner == WAKABA and contract.contractor == JV
    assert contract.budget_by_fy == {2027: 3_000_000, 2028: 3_000_000, 2029: 3_000_000}
    assert repo.scope_by_owner(contract.id) == {WAKABA: 5, INAHO: 3}
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_jv_contractor_shows_its_members_and_representative(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    dialog.contractor_combo.setCurrentIndex(dialog.contractor_combo.findData(JV))
    assert "みどり建設株式会社 (representative)" in dialog.contractor_info.text()
    assert "株式会社汐見土木" in dialog.contractor_info.text()


def test_an_owner_of_selected_assets_cannot_be_left_out(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    dialog.title_edit.setText("公園施設点検業務")
    dialog.number_edit.setText("R9-公園-2")
    dialog.set_orderer_checked(INAHO, False)
    dialog.save()
    assert "稲穂町" in dialog.error_label.text()
    assert _contracts(region) == 0


def test_missing_title_and_a_lead_outside_the_orderers_are_refused(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    dialog.number_edit.setText("R9-公園-3")
    dialog.set_lead(PREF)  # not ticked as an orderer
    dialog.save()
    text = dialog.error_label.text()
    assert "件名を入力してください" in text
    assert PREF in text  # the lead must be an orderer
    assert _contracts(region) == 0


def test_an_unreadable_amount_says_so_and_saves_nothing(qtbot, region, parks):
    dialog = _dialog(qtbot, region, parks)
    dialog.title_edit.setText("公園施設点検業務")
    dialog.number_edit.setText("R9-公園-4")
    dialog.amount_edit.setText("たくさん")
    assert "金額として読めません" in dialog.shares_label.text()
    dialog.save()
    assert "金額として読めません" in dialog.error_label.text()
    assert _contracts(region) == 0
