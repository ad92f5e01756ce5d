"""The dashboard draws the region's figures from analytics, follows its scope, is quick, and
a click on a grade bar opens the register filtered to exactly the assets it counts."""

import pytest
from PySide6.QtCore import QPoint, Qt

from gunmane_desktop.storage import analytics
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.ui.dashboard_page import DashboardPage, UrgentItemsModel
from gunmane_desktop.ui.main_window import MainWindow

TOWN = "155918"  # 雪峰村


@pytest.fixture
def dashboard(window):
    window.show_page(MainWindow.PAGE_DASHBOARD)
    return window.dashboard_page


def _series(chart, name):
    return next(s for s in chart.series if s.name == name)


def test_the_dashboard_draws_every_chart_from_the_analytics(dashboard, region):
    # Given the demo region, when the dashboard is shown, then each chart holds its figures
    grade = dashboard.grade_chart
    assert grade.categories == ["みどり県", "若葉市", "雪峰村", "汐見町", "稲穂町"]
    assert [s.name for s in grade.series] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "未点検"]
    road_structures = region.conn.execute(
        "SELECT count(*) FROM assets WHERE deleted = 0 AND status = 'in_service' AND asset_type "
        "IN ('bridge', 'tunnel', 'footbridge', 'sign_gantry', 'shed_culvert')").fetchone()[0]
    assert sum(sum(s.values) for s in grade.series) == road_structures

    buckets = analytics.age_distribution(region.conn)
    unknown = next(b.count for b in buckets if b.start is None)
    assert dashboard.age_chart.categories[-1] == "不明"
    assert dashboard.age_chart.series[0].values[-1] == unknown > 0
    assert dashboard.age_chart.series[0].colours[-1] != dashboard.age_chart.series[0].colours[0]
    assert sum(dashboard.age_chart.series[0].values) == sum(b.count for b in buckets)
    assert f"{unknown:,}" in dashboard.age_caption.text()

    due = analytics.inspections_due(region.conn)
    assert _series(dashboard.due_chart, "実施済").values == [d.done for d in due]
    assert _series(dashboard.due_chart, "遅れ・未点検").values == [d.overdue for d in due]

    cohorts = analytics.action_cohorts(region.conn)
    assert [round(v) for v in _series(dashboard.cohort_chart, "着手").values] == [
        round(100 * c.started_share) for c in cohorts]
    assert dashboard.cohort_chart.value_labels[0].endswith("%")

    urgent = analytics.urgent_items(region.conn, limit=50)
    model = dashboard.urgent_model
    assert model.rowCount() == len(urgent) > 0
    assert model.index(0, model.COL_NAME).data().startswith(urgent[0].name)
    assert model.index(0, model.COL_GRADE).data() == urgent[0].grade_symbol


def test_the_dashboard_redraws_well_under_a_second(dashboard):
    for _ in range(3):
        dashboard.refresh()
        assert dashboard.last_refresh_seconds < 0.5
    assert "秒" in dashboard.timing_label.text()


def test_choosing_an_organisation_narrows_every_chart(dashboard, region):
    dashboard.set_org(TOWN)
    assert dashboard.grade_chart.categories == ["雪峰村"]
    scope = analytics.Scope(org=TOWN)
    assert sum(dashboard.age_chart.series[0].values) == sum(
        b.count for b in analytics.age_distribution(region.conn, scope))
    urgent = analytics.urgent_items(region.conn, scope, limit=50)
    assert dashboard.urgent_model.rowCount() == len(urgent)
    assert {u.owner for u in urgent} <= {TOWN}


def test_each_grade_group_uses_its_own_scale(dashboard):
    dashboard.set_grade_group("下水道")
    assert [s.name for s in dashboard.grade_chart.series] == ["劣化なし", "Ⅲ", "Ⅱ", "Ⅰ", "未点検"]
    dashboard.set_grade_group("舗装区間")
    assert [s.name for s in dashboard.grade_chart.series][:3] == ["Ⅰ", "Ⅱ", "Ⅲ-1"]


def test_every_grade_bar_filters_the_register_to_exactly_its_count(dashboard, region):
    for group in range(dashboard.group_combo.count()):
        dashboard.group_combo.setCurrentIndex(group)
        chart = dashboard.grade_chart
        for k, series in enumerate(chart.series):
            for i, value in enumerate(series.values):
                if value:
                    flt = dashboard.filter_for_bar(i, k)
                    assert len(rq.filtered_seqs(region.conn, flt)) == value, (
                        dashboard.group_combo.currentText(), chart.categories[i], series.name)


def test_clicking_a_grade_bar_opens_the_register_filtered_to_it(window, dashboard, qtbot):
    # Given the grades of 道路構造物 per owner
    chart = dashboard.grade_chart
    category = chart.categories.index("雪峰村")
    series = [s.name for s in chart.series].index("Ⅲ")
    expected = chart.series[series].values[category]
    assert expected > 0
    # When the user clicks the Ⅲ part of 雪峰村's bar
    centre = chart.bar_centre(category, series)
    with qtbot.waitSignal(dashboard.register_requested):
        qtbot.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(round(centre.x()), round(centre.y())))
    # Then the register shows those assets, and its filter bar says so
    page = window.register_page
    assert window.pages.currentWidget() is page
    assert page.model.rowCount() == expected
    bar = page.filter_bar
    assert bar.org_combo.currentText() == "雪峰村"
    assert "Ⅲ 早期措置段階" in bar.grade_combo.currentText()
    assert f"{expected:,} 件" in window.count_label.text()
    assert {page.model.row_data(r).grade_symbol for r in range(expected)} == {"Ⅲ"}


def test_double_clicking_an_urgent_item_opens_its_measure_form(window, dashboard, qtbot):
    view = dashboard.urgent_view
    asset_id = dashboard.urgent_model.asset_id_at(0)
    rect = view.visualRect(dashboard.urgent_model.index(0, UrgentItemsModel.COL_NAME))
    # A real double-click is a press and release, then a second press as a double-click.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.pages.currentWidget() is window.measures_page
    assert window.measures_page.form.asset_id == asset_id


def test_urgent_items_model_passes_the_model_tester(region, qapp, qtmodeltester):
    page = DashboardPage(region.conn)
    page.refresh()
    assert page.urgent_model.rowCount() > 0
    qtmodeltester.check(page.urgent_model, force_py=True)
    page.deleteLater()
