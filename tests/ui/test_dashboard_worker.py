"""On a large file the dashboard reads its statistics on a worker: the page stays usable,
draws the same figures as on the GUI thread, and only the scope chosen last is drawn."""

from PySide6.QtCore import QTimer

from gunmane_desktop.ui.dashboard_page import DashboardPage

TOWN = "155918"  # 雪峰村


def _drawn(page: DashboardPage) -> tuple:
    return (page.grade_chart.categories,
            [list(s.values) for s in page.grade_chart.series],
            [list(s.values) for s in page.age_chart.series],
            [list(s.values) for s in page.due_chart.series],
            [list(s.values) for s in page.cohort_chart.series],
            page.urgent_model.rowCount())


def test_a_large_file_draws_the_same_figures_from_the_worker(region, qtbot, monkeypatch):
    here = DashboardPage(region.conn)
    qtbot.addWidget(here)
    here.refresh()
    assert not here.uses_worker and not here.busy

    monkeypatch.setattr(DashboardPage, "WORKER_ABOVE", 0)  # the demo region stands in
    page = DashboardPage(region.conn)
    qtbot.addWidget(page)
    assert page.uses_worker
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        page.refresh()
        assert page.busy
        assert page.grade_chart.categories == []  # nothing drawn until the answer
        assert page.timing_label.text()  # says it is reading
    assert not page.busy
    assert _drawn(page) == _drawn(here)


def test_only_the_scope_chosen_last_is_drawn(region, qtbot, monkeypatch):
    monkeypatch.setattr(DashboardPage, "WORKER_ABOVE", 0)
    page = DashboardPage(region.conn)
    qtbot.addWidget(page)
    drawn = []
    page.refreshed.connect(drawn.append)
    page.refresh()  # the whole region ...
    page.set_org(TOWN)  # ... then, before it is answered, one village
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    qtbot.wait(50)  # a late answer for the region would arrive now
    assert len(drawn) == 1
    assert page.grade_chart.categories == ["雪峰村"]


def test_choosing_another_grade_scale_redraws_without_reading_again(region, qtbot,
                                                                    monkeypatch):
    monkeypatch.setattr(DashboardPage, "WORKER_ABOVE", 0)
    page = DashboardPage(region.conn)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        page.refresh()
    here = DashboardPage(region.conn)  # the same scale drawn on the GUI thread
    here.uses_worker = False
    qtbot.addWidget(here)
    here.refresh()
    last = 1  # 舗装: another scale than the first group
    here.group_combo.setCurrentIndex(last)
    first = [list(s.values) for s in page.grade_chart.series]
    page.group_combo.setCurrentIndex(last)
    assert not page.busy  # drawn from what was read
    drawn = [list(s.values) for s in page.grade_chart.series]
    assert drawn != first
    assert drawn == [list(s.values) for s in here.grade_chart.series]


def test_the_answer_is_drawn_a_chart_per_turn_of_the_event_loop(region, qtbot, monkeypatch):
    # Given a page reading on the worker and a timer counting the event loop's turns
    monkeypatch.setattr(DashboardPage, "WORKER_ABOVE", 0)
    page = DashboardPage(region.conn)
    qtbot.addWidget(page)
    turns = [0]
    ticker = QTimer()
    ticker.setInterval(0)
    ticker.timeout.connect(lambda: turns.__setitem__(0, turns[0] + 1))
    drawn_in_turn = {}
    for name in ("grade_chart", "age_chart", "due_chart", "cohort_chart"):
        chart = getattr(page, name)
        monkeypatch.setattr(chart, "set_data", lambda *args, _draw=chart.set_data, _name=name: (
            drawn_in_turn.__setitem__(_name, turns[0]), _draw(*args)))
    ticker.start()
    # When the answer comes
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        page.refresh()
    ticker.stop()
    # Then each chart was drawn in a turn of its own, and the page was busy until the last
    assert len(set(drawn_in_turn.values())) == 4
    assert not page.busy and page.urgent_model.rowCount() > 0


def test_a_scope_chosen_while_drawing_stops_the_old_drawing(region, qtbot, monkeypatch):
    monkeypatch.setattr(DashboardPage, "WORKER_ABOVE", 0)
    page = DashboardPage(region.conn)
    qtbot.addWidget(page)
    drawn = []
    page.refreshed.connect(drawn.append)
    ages = []  # the total of every age chart drawn
    monkeypatch.setattr(page.age_chart, "set_data", lambda categories, series, _draw=(
        page.age_chart.set_data): (ages.append(sum(series[0].values)), _draw(categories, series)))
    page._step_timer.setInterval(60_000)  # hold the region's drawing before its first chart
    page.refresh()
    qtbot.waitUntil(lambda: page._query is None, timeout=20_000)
    assert page.busy and page.grade_chart.categories == []
    page._step_timer.setInterval(0)
    page._on_step()  # the region's first chart is drawn, the next is due ...
    assert len(page.grade_chart.categories) > 1 and page._step_timer.isActive()
    page.set_org(TOWN)  # ... when one village is chosen
    qtbot.waitUntil(lambda: not page.busy, timeout=20_000)
    qtbot.wait(50)
    assert len(drawn) == 1
    assert page.grade_chart.categories == ["雪峰村"]
    assert ages == [sum(page.age_chart.series[0].values)]  # the region's ages never drawn
