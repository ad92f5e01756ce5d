"""The 契約 page as a user works it, on the demo region with its demo contracts (offscreen)."""


import pytest
from contracts_fixtures import open_page
from PySide6.QtCore import Qt

from gunmane_desktop.contracts.bundling import load_due_items
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.ui.contract_models import (
    ContractListModel,
    KpiComplianceModel,
    LotModel,
    TextTableModel,
)

WAKABA, INAHO = "152986", "155934"
PARKS = (138.6, 37.3, 139.4, 37.9)  # lon/lat box over the parks of 若葉市 and 稲穂町


@pytest.fixture
def demo(contracts_demo):
    return contracts_demo


@pytest.fixture
def page(qtbot, demo):
    return open_page(qtbot, demo[0])


def _listed(page):
    m = page.list_model
    return {m.row_data(r).contract_id: m.row_data(r) for r in range(m.rowCount())}


def test_models_pass_the_model_tester(qtmodeltester, page, demo):
    _db, ids = demo
    page.select_contract(ids["road_maintenance"])
    for model in (page.list_model, page.kpi_model, page.shares_model, page.scope_model,
                  page.tender_model, page.request_model, page.effects_model):
        qtmodeltester.check(model)
    qtmodeltester.check(ContractListModel())
    qtmodeltester.check(KpiComplianceModel())
    qtmodeltester.check(LotModel())
    qtmodeltester.check(TextTableModel())


def test_joint_contract_from_a_rectangle_over_two_towns(qtbot, page, demo):
    db, _ids = demo
    # Given the page's map, filtered to park facilities, in 範囲選択 mode
    page.show_map_section()
    mp = page.map_page
    mp.type_combo.setCurrentIndex(mp.type_combo.findData("park"))
    mp.select_button.click()
    assert not page.create_button.isEnabled()
    # When a rectangle over the parks of 若葉市 and 稲穂町 is selected
    chosen = mp.select_area(*PARKS)
    expected = {}
    for p in mp.points():
        if p.asset_id in set(chosen):
            expected[p.owner] = expected.get(p.owner, 0) + 1
    assert set(expected) == {WAKABA, INAHO}
    # And the user creates a contract from it, shares by assets owned
    page.create_button.click()
    dialog = page.contract_dialog
    assert {o.org for o in dialog.orderers()} == {WAKABA, INAHO}
    assert dialog.share_combo.currentData() == "by_assets"
    dialog.title_edit.setText("公園施設点検業務 (若葉市・稲穂町 共同発注)")
    dialog.number_edit.setText("R9-公園-1")
    dialog.amount_edit.setText("24,000,000")
    with qtbot.waitSignal(page.data_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    # Then the contract is listed and shown, with both towns as orderers
    contract_id = dialog.saved_id
    row = _listed(page)[contract_id]
    assert set(row.orderer_names) == {"若葉市", "稲穂町"}
    assert page.sections.currentIndex() == page.SECTION_LIST
    assert page.contract.id == contract_id
    # with the right scope per town, in the repository and in the 概要 tab
    assert ContractRepository(db).scope_by_owner(contract_id) == expected
    scope_rows = {page.scope_model.row_data(r)[0]: page.scope_model.row_data(r)[2]
                  for r in range(page.scope_model.rowCount())}
    assert scope_rows == {"若葉市": str(expected[WAKABA]), "稲穂町": str(expected[INAHO])}
    # and the audit trail has it, written from the GUI
    audit = db.conn.execute("SELECT source, summary FROM audit_log WHERE table_name = 'contracts' "
                            "AND row_id = ?", (contract_id,)).fetchall()
    assert [(r[0], "公園施設点検業務" in r[1]) for r in audit] == [("gui", True)]
    assert db.conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'contract_scope' "
                           "AND row_id = ? AND source = 'gui'", (contract_id,)).fetchone()[0] == 1


def test_recording_a_kpi_measurement_shows_compliance_for_that_period(qtbot, page, demo):
    db, ids = demo
    page.select_contract(ids["road_maintenance"])
    page.detail_tabs.setCurrentIndex(page.TAB_KPIS)
    patrol = next(r.kpi for r in page.kpi_rows() if r.kpi.name.startswith("道路巡回"))
    assert not [r for r in page.kpi_rows() if r.result.period == "2026-11"]
    # When the user records 3 patrols for November 2026 (target: at least 4 a month)
    page.kpi_table.setCurrentIndex(page.kpi_model.index(
        next(i for i, r in enumerate(page.kpi_rows()) if r.kpi.id == patrol.id), 0))
    page.record_button.click()
    dialog = page.measurement_dialog
    assert dialog.kpi().id == patrol.id
    dialog.period_edit.setText("2026-11")
    dialog.value_spin.setValue(3)
    with qtbot.waitSignal(page.data_changed):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    # Then the period is listed as not met, entered by hand, with the per-unit deduction
    row = next(r for r in page.kpi_rows() if r.kpi.id == patrol.id and r.result.period == "2026-11")
    assert (row.result.value, row.result.met, row.source) == (3.0, False, "manual")
    shown = page.kpi_model.index(page.kpi_rows().index(row), page.kpi_model.RESULT)
    assert shown.data() == "not met"
    assert row.result.deduction_yen >= 200_000
    # And a corrected value for the same period replaces it and is met
    page.record_button.click()
    page.measurement_dialog.period_edit.setText("2026/11")
    page.measurement_dialog.value_spin.setValue(4)
    page.measurement_dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    rows = [r for r in page.kpi_rows() if r.kpi.id == patrol.id and r.result.period == "2026-11"]
    assert [(r.result.value, r.result.met) for r in rows] == [(4.0, True)]
    assert db.conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'kpi_measurements' "
                           "AND source = 'gui'").fetchone()[0] == 2


def test_a_period_that_does_not_read_is_refused(qtbot, page, demo):
    _db, ids = demo
    page.select_contract(ids["road_maintenance"])
    before = len(page.kpi_rows())
    page.record_button.click()
    dialog = page.measurement_dialog
    dialog.kpi_combo.setCurrentIndex(dialog.kpi_combo.count() - 1)  # the monthly patrol KPI
    dialog.period_edit.setText("来月")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "来月" in dialog.error_label.text()
    assert dialog.isVisible() and len(page.kpi_rows()) == before


def test_compute_from_records_recomputes_a_register_kpi(qtbot, page, demo):
    db, ids = demo
    page.select_contract(ids["bridge_inspection"])
    rows = page.kpi_rows()
    assert [(r.result.period, r.source) for r in rows] == [("2027", "manual")]
    page.kpi_table.setCurrentIndex(page.kpi_model.index(0, 0))
    assert page.compute_button.isEnabled()
    with qtbot.waitSignal(page.data_changed):
        page.compute_button.click()
    row = page.kpi_rows()[0]
    expected = ContractRepository(db).computed_measurement(row.kpi, "2027")
    assert (row.result.value, row.source) == (expected.value, "computed")


def test_tenders_tab_shows_the_failed_tender_and_its_re_tender(page, demo):
    _db, ids = demo
    page.select_contract(ids["road_maintenance"])
    m = page.tender_model
    rows = [m.row_data(r) for r in range(m.rowCount())]
    assert [(r[0], r[6]) for r in rows] == [("1", "不調"), ("2", "落札")]
    assert rows[1][7] == "汐見・稲穂地域維持管理共同企業体"
    assert rows[1][8] == "re-tender of round 1"


def test_overview_shares_per_orderer_and_fiscal_year(page, demo):
    _db, ids = demo
    page.select_contract(ids["road_maintenance"])
    m = page.shares_model
    headers = [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())]
    assert headers == ["Fiscal year", "汐見町", "稲穂町", "Total"]
    first = m.row_data(0)
    # 148,000,000 yen a year shared 3:2 by 汐見町 and 稲穂町
    assert first == ("令和8年度", "88,800,000", "59,200,000", "148,000,000")
    assert m.rowCount() == 5
    text = page.overview.text()
    assert "みどり建設株式会社 (representative)" in text and "総価・単価併用" in text


def test_requests_tab_shows_contacts_and_response_times(page, demo):
    _db, ids = demo
    page.select_contract(ids["road_maintenance"])
    m = page.request_model
    assert m.rowCount() == 60
    assert all(m.row_data(r)[5] for r in range(m.rowCount()))  # reporter's name, only on this tab
    assert "60 requests, 3 open" in page.request_label.text()
    page.select_contract(ids["bridge_inspection"])
    assert page.request_model.rowCount() == 0


def test_effects_compare_staff_hours_and_count_failed_tenders(page):
    m = page.effects_model
    years = {m.row_data(r)[0]: m.row_data(r) for r in range(m.rowCount())}
    assert years["令和9年度"][1:3] == ("2", "6")
    assert "failed tenders 33% (1 of 3)" in page.effects_label.text()


def test_bundling_puts_every_due_asset_in_one_lot_and_a_lot_becomes_a_draft(qtbot, page, demo):
    db, _ids = demo
    panel = page.bundling
    page.sections.setCurrentIndex(page.SECTION_BUNDLING)
    panel.year_spin.setValue(2027)
    assert panel.target_spin.value() * 10_000 == 100_000_000  # 1億円 by default
    # When the assistant runs (on a worker)
    with qtbot.waitSignal(panel.proposal_made, timeout=30_000):
        panel.run_button.click()
    lots = panel.outcome.proposal.lots
    # Then every due asset is in exactly one lot
    due = sorted(i.asset_id for i in load_due_items(db.conn, 2027, panel.params()))
    assert sorted(a for lot in lots for a in lot.asset_ids) == due
    assert panel.lot_model.rowCount() == len(lots) >= 2
    assert len(panel.lot_items) == len(lots)
    assert panel.baseline_model.rowCount() == 2
    # When the first lot is converted to a draft contract
    panel.select_lot(lots[0].number)
    with qtbot.waitSignal(page.data_changed):
        panel.convert_button.click()
    # Then it appears in the list as 起案中 with the lot's assets as its scope
    drafts = [r for r in _listed(page).values() if r.status == "draft"]
    assert len(drafts) == 1
    assert page.contract.id == drafts[0].contract_id
    assert sorted(ContractRepository(db).scope(drafts[0].contract_id)) == sorted(lots[0].asset_ids)
    shown = page.list_model.index(page.list_model.row_of(drafts[0].contract_id), ContractListModel.STATUS)
    assert shown.data() == "起案中"
