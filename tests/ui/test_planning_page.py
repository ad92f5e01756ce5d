"""The 計画 page: a plan run on the demo region, its charts and tables, the .xlsx export."""

from __future__ import annotations

import openpyxl

from gunmane_desktop.ui.planning_page import PlanningPage


def _run(qtbot, page: PlanningPage, years: int = 10) -> None:
    page.years.setValue(years)
    page.replications.setValue(3)
    with qtbot.waitSignal(page.plan_made, timeout=120_000):
        page.run_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=10_000)


def test_a_ten_year_plan_shows_three_scenarios_a_plan_table_and_chart_data(qtbot, region, qtmodeltester):
    # Given the planning page on the demo region
    page = PlanningPage(region)
    qtbot.addWidget(page)
    assert page.years.minimum() == 10 and page.years.maximum() == 50

    # When a 10-year plan with a budget is made
    _run(qtbot, page)

    # Then three scenarios are compared, each with ten years of costs on the chart
    result = page.outcome.result
    assert [s.spec.name for s in result.scenarios] == ["preventive", "reactive", "budget"]
    assert set(page.cost_chart.series) == {"preventive", "reactive", "budget"}
    assert all(len(v) == 10 for v in page.cost_chart.series.values())
    assert any(v.sum() > 0 for v in page.cost_chart.series.values())
    assert page.share_chart.shares.shape == (10, 4)
    assert page.share_scenario.count() == 3
    # the life-cycle-cost difference is stated
    assert "million yen" in page.summary.text() and "reactive" in page.summary.text()
    # the plan table has rows, every one inside the horizon
    assert page.plan_model.rowCount() > 0
    years = {r.fiscal_year for r in page.outcome.rows}
    assert min(years) >= result.options.start_fy and max(years) < result.options.start_fy + 10
    assert page.export_button.isEnabled()
    for model in (page.plan_model, page.candidate_model):
        qtmodeltester.check(model, force_py=True)


def test_the_plan_table_is_saved_as_xlsx(qtbot, region, tmp_path):
    page = PlanningPage(region)
    qtbot.addWidget(page)
    _run(qtbot, page)
    out = tmp_path / "plan.xlsx"
    page.export_to(out)
    qtbot.waitUntil(lambda: not page.busy, timeout=60_000)
    assert out.exists(), page.message.text()
    wb = openpyxl.load_workbook(out)
    assert "計画表" in wb.sheetnames and wb["計画表"].max_row > 3


def test_a_scope_without_assets_says_so_instead_of_drawing_empty_charts(qtbot, region):
    # Given the prefecture, which has no sewers in the demo region
    page = PlanningPage(region)
    qtbot.addWidget(page)
    page.org.setCurrentIndex(page.org.findData("150002"))
    page.sector.setCurrentIndex(page.sector.findData("sewer"))
    page.years.setValue(10)
    page.replications.setValue(1)

    # When a plan is asked for
    page.run_plan()
    qtbot.waitUntil(lambda: not page.busy, timeout=120_000)

    # Then the page says there is nothing to plan, in one line, and offers no export
    text = page.summary.text() + page.message.text()
    assert "No assets" in text and "Traceback" not in text
    assert page.plan_model.rowCount() == 0
    assert not page.export_button.isEnabled()
