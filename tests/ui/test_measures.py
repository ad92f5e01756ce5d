"""The 措置 page as a user drives it: flagged Ⅲ/Ⅳ assets, a new measure planned from one,
advanced to started and completed, with mistakes shown next to their fields."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from gunmane_desktop.storage import ui_queries as uq
from gunmane_desktop.storage.measures import MeasureRepository
from gunmane_desktop.ui.main_window import MainWindow
from gunmane_desktop.ui.measure_form import parse_yen
from gunmane_desktop.ui.measure_models import MeasureListModel, WaitingAssetsModel

TOWN = "155918"


@pytest.fixture
def measures(window):
    window.show_page(MainWindow.PAGE_MEASURES)
    return window.measures_page


def test_flagged_assets_and_measures_are_listed(measures, region):
    waiting = uq.assets_waiting_for_measures(region.conn)
    assert measures.waiting_model.rowCount() == len(waiting) > 0
    assert f"{len(waiting):,}" in measures.waiting_caption.text()
    first = measures.waiting_model.index(0, WaitingAssetsModel.COL_GRADE)
    assert first.data() == waiting[0].grade_symbol
    assert first.data(Qt.ItemDataRole.BackgroundRole).name() in ("#c62828", "#ffb74d")
    assert measures.measure_model.rowCount() == len(uq.measure_list(region.conn))
    measures.org_combo.setCurrentIndex(measures.org_combo.findData(TOWN))
    assert measures.waiting_model.rowCount() == len(
        uq.assets_waiting_for_measures(region.conn, org=TOWN))
    measures.open_only_check.setChecked(True)
    statuses = {measures.measure_model.row_data(r).status
                for r in range(measures.measure_model.rowCount())}
    assert statuses <= {"planned", "started"}


def test_a_measure_is_planned_started_and_completed(window, measures, region, qtbot):
    # Given the first flagged asset, chosen in the list
    waiting = uq.assets_waiting_for_measures(region.conn)
    target = next(w for w in waiting if w.measure_state == "none")
    row = next(r for r in range(measures.waiting_model.rowCount())
               if measures.waiting_model.row_data(r).asset_id == target.asset_id)
    measures.waiting_view.selectRow(row)
    form = measures.form
    assert form.asset_id == target.asset_id and form.measure is None
    assert form.inspection_combo.currentData() == target.last_inspection_id  # the trigger
    # When the user plans a repair with a 和暦 fiscal year and a cost in 千円
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("repair"))
    form.description_combo.setEditText("断面修復")
    form.planned_edit.setText("R9")
    form.cost_planned_edit.setText("4,500千円")
    with qtbot.waitSignal(measures.measure_saved) as saved:
        qtbot.mouseClick(measures.save_button, Qt.MouseButton.LeftButton)
    _, measure_id = saved.args
    [stored] = [m for m in MeasureRepository(region).for_asset(target.asset_id)
                if m.id == measure_id]
    assert (stored.status, stored.planned_fy, stored.cost_planned_yen) == ("planned", 2027,
                                                                          4_500_000)
    assert stored.inspection_id == target.last_inspection_id
    # Then a planned measure still leaves the asset flagged ("計画のみ")
    flagged = {measures.waiting_model.row_data(r).asset_id: measures.waiting_model.row_data(r)
               for r in range(measures.waiting_model.rowCount())}
    assert flagged[target.asset_id].measure_state == "planned"
    # When work starts
    assert form.measure is not None and form.measure.id == measure_id
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    form.started_edit.setText("令和8年11月2日")
    qtbot.mouseClick(measures.save_button, Qt.MouseButton.LeftButton)
    # Then the asset is no longer flagged and the list says 着手
    assert target.asset_id not in {measures.waiting_model.row_data(r).asset_id
                                   for r in range(measures.waiting_model.rowCount())}
    row = measures.measure_model.row_of(measure_id)
    assert measures.measure_model.index(row, MeasureListModel.COL_STATUS).data() == "着手"
    # When it is completed with its actual cost
    qtbot.mouseClick(form.complete_button, Qt.MouseButton.LeftButton)
    form.completed_edit.setText("R8.11.20")
    form.cost_actual_edit.setText("4,812,000")
    qtbot.mouseClick(measures.save_button, Qt.MouseButton.LeftButton)
    [stored] = [m for m in MeasureRepository(region).for_asset(target.asset_id)
                if m.id == measure_id]
    assert stored.status == "completed"
    assert (stored.started_on, stored.completed_on) == (dt.date(2026, 11, 2),
                                                       dt.date(2026, 11, 20))
    assert stored.cost_actual_yen == 4_812_000
    # ... and the register shows the measure state
    window.show_page(MainWindow.PAGE_REGISTER)
    window.register_page.detail.show_asset(target.asset_id)
    assert window.register_page.detail.measure_model.rowCount() >= 1


def test_mistakes_in_a_measure_are_shown_next_to_their_fields(measures, region, qtbot):
    measures.waiting_view.selectRow(0)
    form = measures.form
    count = region.conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    form.cost_planned_edit.setText("たくさん")
    form.planned_edit.setText("令和99年度x")
    qtbot.mouseClick(measures.save_button, Qt.MouseButton.LeftButton)
    errors = form.visible_errors()
    assert "金額" in errors["cost_planned_yen"] and "planned_fy" in errors
    form.cost_planned_edit.setText("1,000,000")
    form.planned_edit.setText("R9")
    form.status_combo.setCurrentIndex(form.status_combo.findData("completed"))
    form.started_edit.setText("R8.10.1")
    form.completed_edit.setText("R8.9.1")
    qtbot.mouseClick(measures.save_button, Qt.MouseButton.LeftButton)
    assert "着手日より前" in form.visible_errors()["completed_on"]
    form.completed_edit.clear()
    qtbot.mouseClick(measures.save_button, Qt.MouseButton.LeftButton)
    assert "完了日が必要" in form.visible_errors()["completed_on"]
    assert region.conn.execute("SELECT count(*) FROM measures").fetchone()[0] == count


def test_recording_a_measure_updates_the_dashboard(window, measures, region, qtbot):
    window.show_page(MainWindow.PAGE_DASHBOARD)
    urgent_before = [window.dashboard_page.urgent_model.asset_id_at(r)
                     for r in range(window.dashboard_page.urgent_model.rowCount())]
    window.show_page(MainWindow.PAGE_MEASURES)
    measures.start_new_for(urgent_before[0])
    form = measures.form
    form.description_combo.setEditText("通行規制 (全面通行止め)")
    form.kind_combo.setCurrentIndex(form.kind_combo.findData("closure"))
    qtbot.mouseClick(form.start_button, Qt.MouseButton.LeftButton)
    assert form.started_edit.text()  # today's date was filled in
    assert measures.save() is not None
    window.show_page(MainWindow.PAGE_DASHBOARD)
    urgent_after = [window.dashboard_page.urgent_model.asset_id_at(r)
                    for r in range(window.dashboard_page.urgent_model.rowCount())]
    assert urgent_before[0] not in urgent_after


def test_amounts_in_yen_senen_and_manen(qapp):
    assert parse_yen("4,500,000") == 4_500_000
    assert parse_yen("４５００千円") == 4_500_000
    assert parse_yen("123.4万円") == 1_234_000
    assert parse_yen(" ") is None
    with pytest.raises(ValueError, match="金額"):
        parse_yen("四百万")


def test_measure_models_pass_the_model_tester(region, qapp, qtmodeltester):
    waiting = WaitingAssetsModel()
    waiting.set_rows(uq.assets_waiting_for_measures(region.conn))
    listed = MeasureListModel()
    listed.set_rows(uq.measure_list(region.conn))
    assert waiting.rowCount() and listed.rowCount()
    qtmodeltester.check(waiting, force_py=True)
    qtmodeltester.check(listed, force_py=True)
