"""The 計画 page keeps the user's choices: a decision on a candidate and a plan row set by
hand are saved in the file (one undo step each), shown marked at once, and carried out by
the next plan; a row is given back to the engine the same way."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from gunmane_desktop.storage.plan_decisions import read_decisions, read_overrides
from gunmane_desktop.ui.plan_choice_models import MarkedPlanTableModel
from gunmane_desktop.ui.plan_row_dialog import PlanRowDialog, RowChoice
from gunmane_desktop.ui.planning_page import PlanningPage
from gunmane_desktop.ui.undo import UndoController


@pytest.fixture
def controller(region, qtbot):
    undo = UndoController(region)
    yield undo
    undo.stop()


def _page(qtbot, region) -> PlanningPage:
    page = PlanningPage(region)
    qtbot.addWidget(page)
    page.years.setValue(10)
    page.replications.setValue(2)
    page.use_budget.setChecked(False)
    return page


def _make_plan(qtbot, page: PlanningPage) -> None:
    with qtbot.waitSignal(page.plan_made, timeout=120_000):
        page.run_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


def test_a_decision_on_a_candidate_is_kept_undoable_and_carried_out(qtbot, region, controller, qtmodeltester):
    # Given a plan of the demo region and its best removal candidate
    page = _page(qtbot, region)
    _make_plan(qtbot, page)
    start = page.outcome.result.options.start_fy
    candidate = page.candidate_model.row_data(0)
    page.candidate_table.selectRow(0)

    # When the user marks it "remove" from the second year of the plan
    page.decision_choice.setCurrentIndex(page.decision_choice.findData("remove"))
    page.decision_year.setValue(start + 1)
    page.decision_note.setText("迂回路あり")
    with qtbot.waitSignal(page.choice_saved):
        page.decide_button.click()

    # Then it is kept in the file and shown in the candidate list at once
    kept = read_decisions(region.conn)[candidate.asset_id]
    assert (kept.decision, kept.fiscal_year, kept.note) == ("remove", start + 1, "迂回路あり")
    decision_cell = page.candidate_model.index(0, page.candidate_model.COL_DECISION).data()
    assert decision_cell.startswith("Remove")
    qtmodeltester.check(page.candidate_model, force_py=True)
    # and 元に戻す offers it
    qtbot.waitUntil(controller.undo_action.isEnabled)
    assert "集約・撤去検討結果" in controller.undo_action.text()

    # When the plan is made again, the asset leaves it in that year with its removal cost
    _make_plan(qtbot, page)
    rows = [r for r in page.outcome.rows if r.asset_id == candidate.asset_id]
    assert [(r.fiscal_year, r.measure, r.decided) for r in rows if r.measure == "removal"] == [
        (start + 1, "removal", True)]
    assert all(r.fiscal_year <= start + 1 for r in rows)
    assert candidate.asset_id in {c.asset_id for c in page.outcome.candidates}

    # When the decision is undone, the file no longer holds it
    with qtbot.waitSignal(controller.undone):
        controller.undo_action.trigger()
    assert read_decisions(region.conn) == {}
    page.refresh_choices()
    row = next(i for i in range(page.candidate_model.rowCount())
               if page.candidate_model.row_data(i).asset_id == candidate.asset_id)
    assert page.candidate_model.index(row, page.candidate_model.COL_DECISION).data() == ""


def test_a_plan_row_set_by_hand_is_kept_marked_and_given_back(qtbot, region, qtmodeltester):
    # Given a plan of the demo region
    page = _page(qtbot, region)
    _make_plan(qtbot, page)
    model: MarkedPlanTableModel = page.plan_model
    row = next(i for i in range(model.rowCount()) if model.row_data(i).measure != "removal")
    before = model.row_data(row)

    # When the user moves the row one year later as a replacement at 50,000 千円
    assert page.set_plan_row(row, RowChoice(before.fiscal_year + 1, "replacement", 50_000_000, "架替"))

    # Then the file keeps it (the old year left without a measure) and the table marks it
    kept = read_overrides(region.conn)
    assert kept[(before.asset_id, before.fiscal_year + 1)].cost_yen == 50_000_000
    assert kept[(before.asset_id, before.fiscal_year)].measure == "none"
    assert model.index(row, model.COL_CHANGED).data() == "✎ changed: 架替"
    assert model.index(row, model.COL_COST).data() == "50,000"
    assert model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fff2cc"
    assert model.index(row + 1 if row + 1 < model.rowCount() else row - 1, 0).data(
        Qt.ItemDataRole.BackgroundRole) is None
    qtmodeltester.check(model, force_py=True)

    # When the plan is made again, the engine carries the row out as set, marked
    _make_plan(qtbot, page)
    mine = [r for r in page.outcome.rows if r.asset_id == before.asset_id and r.overridden]
    assert {(r.fiscal_year, r.measure, r.cost_yen) for r in mine} == {
        (before.fiscal_year + 1, "replacement", 50_000_000), (before.fiscal_year, "none", 0)}

    # When the user gives the moved row back to the engine
    moved = next(i for i in range(model.rowCount()) if model.row_data(i).asset_id == before.asset_id
                 and model.row_data(i).fiscal_year == before.fiscal_year + 1)
    assert page.revert_plan_row(moved)
    assert (before.asset_id, before.fiscal_year + 1) not in read_overrides(region.conn)
    assert model.index(moved, model.COL_CHANGED).data() == ""
    # and a row the engine made cannot be given back
    plain = next(i for i in range(model.rowCount()) if not model.row_data(i).overridden)
    assert not page.revert_plan_row(plain)
    assert "not changed by hand" in page.message.text()


def test_the_row_dialog_proposes_the_unit_price_and_clears_the_cost_for_no_measure(qtbot):
    dialog = PlanRowDialog("豊平橋", 2027, "preventive_repair", 5_650_000, first_year=2026, last_year=2035,
                           prices={"preventive_repair": 5_650_000, "corrective_repair": 19_600_000,
                                   "replacement": 123_000_000}, measure_names={})
    qtbot.addWidget(dialog)
    assert dialog.cost.value() == 5_650
    dialog.measure.setCurrentIndex(dialog.measure.findData("replacement"))
    assert dialog.cost.value() == 123_000
    dialog.measure.setCurrentIndex(dialog.measure.findData("none"))
    assert dialog.cost.value() == 0 and not dialog.cost.isEnabled()
    dialog.year.setValue(2030)
    assert dialog.era.text() == "令和12年度"
    assert dialog.choice() == RowChoice(2030, "none", 0, "")


def test_what_the_budget_cannot_do_is_said_in_the_summary(qtbot, region, controller):
    # Given a plan under a budget far below what the stock needs (1,000 thousand yen a year)
    page = _page(qtbot, region)
    page.use_budget.setChecked(True)
    page.budget.setValue(1_000)
    _make_plan(qtbot, page)
    # Then the summary says how many assets still wait at the end, and no choice exceeds it
    summary = page.summary.text()
    assert "still wait for a measure in the last year" in summary
    assert "exceed the budget" not in summary

    # When the user decides to remove the best candidate in the plan's first year
    start = page.outcome.result.options.start_fy
    candidate = page.candidate_model.row_data(0)
    assert candidate.removal_cost_yen > 1_000_000
    page.candidate_table.selectRow(0)
    page.decision_choice.setCurrentIndex(page.decision_choice.findData("remove"))
    page.decision_year.setValue(start)
    with qtbot.waitSignal(page.choice_saved):
        page.decide_button.click()
    _make_plan(qtbot, page)

    # Then the removal is carried out and the summary says it alone exceeds that year's budget
    over = candidate.removal_cost_yen - 1_000_000
    assert page.outcome.result.scenario("budget").extra["committed_over_budget_yen"] == {str(start): over}
    assert "exceed the budget in 1 fiscal year(s)" in page.summary.text()
    assert f"{over / 1e6:,.0f} million yen over in FY{start}" in page.summary.text()
