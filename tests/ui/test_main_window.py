"""The main window on a region: it opens, shows the register, filters, sorts and details."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase

from gunmane_desktop.core.contracts import Contract, Orderer
from gunmane_desktop.storage import asset_record as ar
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.register_query import NOT_INSPECTED
from gunmane_desktop.ui.editing import gui_change_context
from gunmane_desktop.ui.main_window import MainWindow

TOWN = "155918"  # 雪峰村 of the demo region


def _count(db, where="", params=()):
    sql = ("SELECT count(*) FROM assets a LEFT JOIN asset_status s ON s.asset_seq = a.seq "
           "JOIN asset_types t ON t.id = a.asset_type "
           "WHERE a.deleted = 0 AND a.status = 'in_service'")
    return db.conn.execute(sql + (f" AND {where}" if where else ""), params).fetchone()[0]


def _column(window, column, rows=None):
    model = window.register_page.model
    rows = range(model.rowCount()) if rows is None else rows
    return [model.index(r, column).data() for r in rows]


def test_window_opens_on_the_region_and_shows_its_assets(window, region):
    # Given the demo region, when the window opens, then the register lists every asset
    # and the first one is shown in the detail pane
    assert window.windowTitle() == "群マネ Desktop — みどり地域.sqlite"
    page = window.register_page
    assert window.pages.currentWidget() is page
    assert page.model.rowCount() == _count(region) > 1000
    first = page.model.index(0, rq.COL_NAME).data()
    assert first and first == region.conn.execute(
        "SELECT name FROM assets WHERE status = 'in_service' ORDER BY seq LIMIT 1").fetchone()[0]
    assert f"{_count(region):,}" in window.count_label.text()
    assert page.detail.title.text() == first
    assert page.detail.history_model.rowCount() >= 1


def test_only_the_rows_on_screen_are_read_from_the_file(window):
    model = window.register_page.model
    assert model.rowCount() > 1000
    assert 1 <= model.pages_fetched <= 2  # the first screenful, not 1,800 rows


def test_filtering_by_owner_type_and_grade_narrows_to_what_sql_says(window, region, qtbot):
    bar, model = window.register_page.filter_bar, window.register_page.model
    bar.select(org=TOWN)
    assert model.rowCount() == _count(region, "a.owner = ?", (TOWN,))
    assert set(_column(window, rq.COL_OWNER)) == {"雪峰村"}
    bar.select(asset_type="bridge")
    assert model.rowCount() == _count(region, "a.owner = ? AND a.asset_type = 'bridge'", (TOWN,))
    bar.select(grade="III", grade_scale="soundness")
    expected = _count(region, "a.owner = ? AND a.asset_type = 'bridge' AND s.grade = 'III'",
                      (TOWN,))
    assert 0 < model.rowCount() == expected
    assert set(_column(window, rq.COL_GRADE)) == {"Ⅲ"}
    assert f"{expected:,} 件" in window.count_label.text()


def test_a_sector_and_not_inspected_yet(window, region):
    bar, model = window.register_page.filter_bar, window.register_page.model
    bar.select(sector="road")
    assert model.rowCount() == _count(region, "t.sector_id = 'road'")
    bar.select(grade=NOT_INSPECTED)
    assert model.rowCount() == _count(region, "t.sector_id = 'road' AND s.grade IS NULL")
    assert set(_column(window, rq.COL_GRADE)) == {"未点検"}


def test_typing_a_search_narrows_after_a_short_pause(window, region, qtbot):
    bar, model = window.register_page.filter_bar, window.register_page.model
    expected = _count(region, "(a.name LIKE '%川%' OR a.route LIKE '%川%' OR "
                              "a.external_id LIKE '%川%' OR a.address LIKE '%川%')")
    total = model.rowCount()
    # QTest cannot type kanji; an input method inserts the committed text like this.
    bar.search_edit.insert("川")
    assert model.rowCount() == total  # nothing yet: the query waits for a pause in typing
    with qtbot.waitSignal(bar.filter_changed, timeout=2000):
        pass
    assert 0 < model.rowCount() == expected < total
    qtbot.keyClicks(bar.search_edit, " BR0")  # ASCII is typed key by key
    with qtbot.waitSignal(bar.filter_changed, timeout=2000):
        pass
    assert model.rowCount() == _count(region, "a.external_id LIKE '%BR0%' AND "
                                              "(a.name LIKE '%川%' OR a.route LIKE '%川%' OR "
                                              "a.external_id LIKE '%川%' OR a.address LIKE '%川%')")


def test_selecting_an_asset_shows_its_inspection_history(window, region, qtbot):
    page = window.register_page
    asset_id, name, inspections = region.conn.execute(
        "SELECT a.id, a.name, count(*) FROM assets a JOIN inspections i ON i.asset_id = a.id "
        "WHERE a.status = 'in_service' GROUP BY a.id HAVING count(*) >= 2 "
        "ORDER BY a.seq LIMIT 1 OFFSET 5").fetchone()  # not the first row, selected at start
    page.filter_bar.select(text=name)
    row = next(r for r in range(page.model.rowCount()) if page.model.asset_id_at(r) == asset_id)
    with qtbot.waitSignal(page.asset_selected) as selected:
        page.select_row(row)
    assert selected.args == [asset_id]
    detail = page.detail
    assert detail.title.text() == name
    history = detail.history_model
    assert history.rowCount() == len(ar.history(region.conn, asset_id)) >= 1
    assert history.rowCount() <= inspections
    date = history.index(0, history.COL_DATE).data()
    newest = ar.history(region.conn, asset_id)[0]
    assert date.startswith(("令和", "平成")) and f"({newest.inspected_on.isoformat()})" in date
    assert history.index(0, history.COL_FISCAL_YEAR).data().endswith("年度")
    assert history.index(0, history.COL_GRADE).data().startswith(newest.grade_symbol)
    assert "点検履歴" in detail.history_caption.text()


def test_the_detail_pane_shows_the_built_year_in_wareki(window, region):
    page = window.register_page
    (asset_id,) = region.conn.execute(
        "SELECT id FROM assets WHERE built_year BETWEEN 1926 AND 1988 "
        "AND status = 'in_service' ORDER BY seq LIMIT 1").fetchone()
    page.detail.show_asset(asset_id)
    texts = [label.text() for label in page.detail.findChildren(type(page.detail.title))]
    assert any(t.startswith("昭和") and "(19" in t for t in texts)


def test_sorting_by_a_column_reorders_in_sql_and_keeps_the_selection(window, qtbot):
    page = window.register_page
    page.filter_bar.select(org=TOWN)
    page.select_row(5)
    selected = page.detail.asset_id
    page.table.sortByColumn(rq.COL_LENGTH, Qt.SortOrder.DescendingOrder)
    lengths = [float(v.replace(",", "")) for v in _column(window, rq.COL_LENGTH, range(50)) if v]
    assert lengths == sorted(lengths, reverse=True)
    assert page.model.asset_id_at(page.table.currentIndex().row()) == selected
    page.table.sortByColumn(rq.COL_GRADE, Qt.SortOrder.DescendingOrder)
    levels = [page.model.row_data(r).grade_level for r in range(page.model.rowCount())]
    known = [lv for lv in levels if lv is not None]
    assert known == sorted(known, reverse=True)
    assert levels.index(None) > len(known) - 1 if None in levels else True


def test_grade_cells_are_coloured_from_green_to_red(window):
    page = window.register_page
    page.filter_bar.select(asset_type="bridge", grade="IV", grade_scale="soundness")
    cell = page.model.index(0, rq.COL_GRADE)
    assert cell.data() == "Ⅳ"
    assert cell.data(Qt.ItemDataRole.BackgroundRole).name() == "#c62828"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).name() == "#ffffff"
    page.filter_bar.select(grade="I", grade_scale="soundness")
    assert page.model.index(0, rq.COL_GRADE).data(
        Qt.ItemDataRole.BackgroundRole).name() == "#a5d6a7"


def test_the_contracts_page_reads_the_file_when_first_shown(window, region):
    # A contract saved after the window opened (as an exchange would bring one) is listed
    # when the page is first shown.
    contract = Contract(id="", owner=TOWN, number="R8-1", title="橋梁点検 (雪峰村)",
                        orderers=(Orderer(TOWN, lead=True),), contractor=None,
                        start_on=dt.date(2026, 4, 1), end_on=dt.date(2027, 3, 31))
    ContractRepository(region).add(ChangeContext(region, org=TOWN, user="test"), contract)
    window.show_page(MainWindow.PAGE_CONTRACTS)
    assert window.pages.currentWidget() is window.contracts_page
    titles = [window.contracts_page.list_model.row_data(r).title
              for r in range(window.contracts_page.list_model.rowCount())]
    assert "橋梁点検 (雪峰村)" in titles


def test_the_map_loads_when_first_shown_and_a_clicked_point_opens_the_asset(window):
    assert window.map_page.points() == []  # nothing read while the register paints
    window.show_page(MainWindow.PAGE_MAP)
    points = window.map_page.points()
    assert points
    target = points[len(points) // 2]
    window.map_page.select_asset(target.asset_id)
    assert window.register_page.detail.asset_id == target.asset_id
    window.show_page(MainWindow.PAGE_REGISTER)
    current = window.register_page.table.currentIndex()
    assert window.register_page.model.asset_id_at(current.row()) == target.asset_id


def test_the_window_is_in_japanese_by_default(window):
    assert window.nav.item(MainWindow.PAGE_REGISTER).text() == "施設台帳"
    assert window.menuBar().actions()[0].text() == "ファイル(&F)"
    header = window.register_page.model.headerData(rq.COL_GRADE, Qt.Orientation.Horizontal)
    assert header == "最新判定"


def test_the_window_is_in_english_when_chosen(english_window):
    assert english_window.nav.item(MainWindow.PAGE_REGISTER).text() == "Asset register"
    assert english_window.menuBar().actions()[0].text() == "&File"


def test_choosing_a_language_is_saved_for_the_next_start(window, settings, monkeypatch):
    shown = []
    monkeypatch.setattr("gunmane_desktop.ui.main_window.QMessageBox.information",
                        lambda *args: shown.append(args[2]))
    window.language_actions["en"].trigger()
    assert settings.value("ui/language") == "en"
    assert shown and "次に起動" in shown[0]


def test_the_bundled_font_is_registered_and_used(window, app_fonts, qapp):
    assert "BIZ UDGothic" in app_fonts
    assert "BIZ UDGothic" in QFontDatabase.families()
    assert qapp.font().family() == "BIZ UDGothic"


def test_retired_assets_show_when_asked_for_and_the_counts_follow(window, region):
    page = window.register_page
    in_service = page.model.rowCount()
    everything = region.conn.execute("SELECT count(*) FROM assets WHERE deleted = 0").fetchone()[0]
    page.filter_bar.retired_check.setChecked(True)
    assert page.model.rowCount() == everything
    assert page.total_count == everything
    assert f"{everything:,} 件 / 全 {everything:,} 件" == window.count_label.text()
    page.filter_bar.retired_check.setChecked(False)
    assert page.model.rowCount() == in_service


def test_an_edit_is_undone_from_the_edit_menu_and_the_register_shows_the_old_name(window, region, qtbot):
    # Given an asset renamed through the GUI's change context (as every form saves)
    page = window.register_page
    asset_id = page.model.asset_id_at(0)
    old_name = page.model.index(0, rq.COL_NAME).data()
    repo = AssetRepository(region)
    asset = repo.get(asset_id)
    asset.name = "改名した橋"
    repo.update(gui_change_context(region, asset.owner), asset)
    page.refresh()
    assert page.model.index(0, rq.COL_NAME).data() == "改名した橋"

    # When the user opens 編集 and chooses its first action (元に戻す: …)
    edit_menu = window.menuBar().actions()[1].menu()
    assert window.menuBar().actions()[1].text() == "編集(&E)"
    undo = edit_menu.actions()[0]
    qtbot.waitUntil(undo.isEnabled)
    assert "改名した橋" in undo.text()
    undo.trigger()

    # Then the register, read again, shows the old name
    assert page.model.index(0, rq.COL_NAME).data() == old_name
    assert edit_menu.actions()[1].isEnabled()  # やり直し


def test_a_rename_in_the_register_form_marks_other_pages_stale_and_undoes(window, region, qtbot):
    # Given the dashboard read once, and the register's first asset opened in its form
    window.show_page(MainWindow.PAGE_DASHBOARD)
    window.show_page(MainWindow.PAGE_REGISTER)
    assert MainWindow.PAGE_DASHBOARD not in window._stale
    page = window.register_page
    page.select_row(0)
    asset_id = page.current_asset_id()
    old_name = AssetRepository(region).get(asset_id).name
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    form = page.asset_form
    form.edits["name"].selectAll()
    form.edits["name"].insert("台帳で改名")
    # When it is saved
    with qtbot.waitSignal(page.assets_changed):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    # Then the other pages read again when shown, and 編集 → 元に戻す names the asset
    assert MainWindow.PAGE_DASHBOARD in window._stale
    undo = window.menuBar().actions()[1].menu().actions()[0]
    qtbot.waitUntil(undo.isEnabled)
    assert "台帳で改名" in undo.text()
    undo.trigger()
    assert AssetRepository(region).get(asset_id).name == old_name
