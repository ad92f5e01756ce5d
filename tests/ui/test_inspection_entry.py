"""Recording an inspection as a user would: pick the asset in the register, fill the form in
和暦, add member rows and a photo by drag and drop, save, and see the register and the
dashboard follow. Mistakes show next to their fields and nothing is written."""

import datetime as dt

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QImage
from PySide6.QtWidgets import QMessageBox, QStyleOptionViewItem

from gunmane_desktop.core.wareki import fiscal_year_of
from gunmane_desktop.storage import asset_record as ar
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.ui.editing import os_user
from gunmane_desktop.ui.main_window import MainWindow
from gunmane_desktop.ui.member_table import MemberTableModel

TODAY = dt.date.today()


def _photo(tmp_path, name="P0001_主桁.jpg"):
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#8a9aa8"))
    path = tmp_path / name
    assert image.save(str(path), "JPG")
    return path


def _drop_files(widget, paths):
    """Drop files on a widget the way a file manager does."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)
    return event.isAccepted()


@pytest.fixture
def bridge(region):
    """A bridge with history whose latest inspection is from an earlier fiscal year."""
    return region.conn.execute(
        "SELECT a.id, a.name FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        "WHERE a.asset_type = 'bridge' AND a.status = 'in_service' AND s.last_fiscal_year < ? "
        "AND s.grade = 'II' ORDER BY a.seq LIMIT 1", (fiscal_year_of(TODAY),)).fetchone()


def _open_inspection_page(window, asset_id, name):
    page = window.register_page
    page.filter_bar.select(text=name)
    row = next(r for r in range(page.model.rowCount()) if page.model.asset_id_at(r) == asset_id)
    page.select_row(row)
    window.show_page(MainWindow.PAGE_INSPECTIONS)
    return window.inspection_page


def test_recording_an_inspection_with_a_photo_updates_register_and_dashboard(
        window, region, bridge, tmp_path, qtbot):
    asset_id, name = bridge
    window.show_page(MainWindow.PAGE_DASHBOARD)
    done_before = window.dashboard_page.due_chart.series[0].values[2]  # this fiscal year
    history_before = len(ar.history(region.conn, asset_id))
    # Given the asset chosen in the register and the 点検 page opened
    page = _open_inspection_page(window, asset_id, name)
    assert page.title.text() == name
    latest = ar.history(region.conn, asset_id)[0].inspected_on
    assert f"({latest.isoformat()})" in page.previous.date.text()  # shown beside the form
    form = page.form
    # When the user picks Ⅲ, types a 和暦 date, names the inspector and adds a member row
    form.grade_combo.setCurrentIndex(form.grade_combo.findData("III"))
    form.date_edit.clear()
    day = TODAY - dt.timedelta(days=1)
    qtbot.keyClicks(form.date_edit, f"R{day.year - 2018}.{day.month}.{day.day}")
    assert f"({day.isoformat()})" in form.date_reading.text()
    form.inspector_edit.insert("山田 太郎")  # as an input method commits kanji
    form.findings_edit.insertPlainText("主桁端部に腐食。")
    qtbot.mouseClick(form.add_member_button, Qt.MouseButton.LeftButton)
    members = form.members
    for column, value in ((MemberTableModel.COL_MEMBER, "主桁"),
                          (MemberTableModel.COL_DAMAGE, "腐食"),
                          (MemberTableModel.COL_DEGREE, "d"),
                          (MemberTableModel.COL_GRADE, "III"),
                          (MemberTableModel.COL_COUNTERMEASURE, "C1")):
        members.setData(members.index(0, column), value)
    assert members.index(0, MemberTableModel.COL_GRADE).data() == "Ⅲ"
    # ... and drops a photo on the form
    assert _drop_files(form.photos, [_photo(tmp_path)])
    assert form.photos.list.count() == 1
    # ... and saves
    with qtbot.waitSignal(page.inspection_saved) as saved:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    # Then the inspection, its member row and its photo are stored
    _, inspection_id = saved.args
    stored = InspectionRepository(region).get(inspection_id)
    assert stored.grade == "III" and stored.inspected_on == day
    assert stored.inspector_name == "山田 太郎" and stored.inspector_org == "150002"
    assert [(m.member, m.degree, m.countermeasure) for m in stored.members] == [
        ("主桁", "d", "C1")]
    [link] = AttachmentStore(region).links("inspections", inspection_id)
    assert link["filename"] == "P0001_主桁.jpg"
    assert AttachmentStore(region).get(link["sha256"])[:2] == b"\xff\xd8"  # a JPEG
    actor, source = region.conn.execute(
        "SELECT actor, source FROM audit_log WHERE row_id = ?", (inspection_id,)).fetchone()
    assert (actor, source) == (f"150002:{os_user()}", "gui")
    # ... the page now shows it as the previous inspection and is ready for the next one
    assert "Ⅲ" in page.previous.grade.text()
    trend = page.previous.trend.points  # the grade-over-time chart gained the new dot
    assert len(trend) == history_before + 1 and trend[-1][1] == 2  # Ⅲ is level 2 of 0-3
    assert page.previous.photos.list.count() == 1
    assert not page.previous.photos.isHidden()
    assert form.photos.list.count() == 0 and form.grade_combo.currentData() is None
    assert "保存しました" in page.status.text()
    # ... the register's detail pane lists it
    detail = window.register_page.detail
    assert detail.history_model.rowCount() == history_before + 1
    assert detail.history_model.index(0, 2).data().startswith("Ⅲ")
    register_row = window.register_page.model.row_data(
        window.register_page.table.currentIndex().row())
    assert register_row.grade_symbol == "Ⅲ"
    # ... and the dashboard counts one more inspection done this fiscal year
    window.show_page(MainWindow.PAGE_DASHBOARD)
    assert window.dashboard_page.due_chart.series[0].values[2] == done_before + 1


def test_mistakes_are_shown_next_to_their_fields_and_nothing_is_saved(window, region, bridge,
                                                                     qtbot):
    asset_id, name = bridge
    page = _open_inspection_page(window, asset_id, name)
    form = page.form
    count = region.conn.execute("SELECT count(*) FROM inspections").fetchone()[0]
    # An impossible date and no grade
    form.date_edit.setText("R6.13.40")
    assert "日付" in form.visible_errors()["inspected_on"]  # at once, while typing
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    errors = form.visible_errors()
    assert set(errors) == {"inspected_on", "grade"}
    assert "判定区分を選んでください" in errors["grade"]
    # A future date and a member row without a member name, from validate()
    form.grade_combo.setCurrentIndex(form.grade_combo.findData("II"))
    form.date_edit.setText("令和20年4月1日")
    form.members.add_row()
    form.members.setData(form.members.index(0, MemberTableModel.COL_DAMAGE), "腐食")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    errors = form.visible_errors()
    assert "未来" in errors["inspected_on"]
    assert errors["members"].startswith("1 行目") and "部材名" in errors["members"]
    assert "保存していません" in page.status.text()
    assert region.conn.execute("SELECT count(*) FROM inspections").fetchone()[0] == count


def test_next_due_is_computed_as_the_date_is_typed(window, bridge):
    page = _open_inspection_page(window, *bridge)
    form = page.form
    form.date_edit.setText("令和3年6月1日")
    assert form.next_due_label.text().startswith("令和8年度 (2026)")
    assert "5年ごと" in form.next_due_label.text()
    form.date_edit.setText("H31.4.10")  # 平成31年度 = 令和元年度
    assert "令和元年度" in form.date_reading.text()
    assert form.next_due_label.text().startswith("令和6年度 (2024)")
    assert "期限切れ" in form.next_due_label.text()


def test_the_grades_offered_are_those_of_the_assets_scale(window, region):
    sewer_id, sewer_name = region.conn.execute(
        "SELECT id, name FROM assets WHERE asset_type = 'sewer' AND status = 'in_service' "
        "ORDER BY seq LIMIT 1").fetchone()
    page = _open_inspection_page(window, sewer_id, sewer_name)
    combo = page.form.grade_combo
    assert [combo.itemText(i) for i in range(1, combo.count())] == [
        "劣化なし", "Ⅲ 軽度", "Ⅱ 中度", "Ⅰ 重度"]
    combo.setCurrentIndex(4)
    assert page.form.grade_definition.text()  # the official definition beside the choice


def test_a_file_that_is_not_a_photo_is_refused_with_its_name(window, bridge, tmp_path):
    page = _open_inspection_page(window, *bridge)
    text = tmp_path / "メモ.txt"
    text.write_text("写真ではありません", encoding="utf-8")
    problems = page.form.photos.add_files([text, _photo(tmp_path)])
    assert len(problems) == 1 and "メモ.txt" in problems[0]
    assert page.form.photos.list.count() == 1
    assert "メモ.txt" in page.form.photos.message.text()


def test_a_photo_opens_full_size(window, bridge, tmp_path, qtbot):
    page = _open_inspection_page(window, *bridge)
    page.form.photos.add_files([_photo(tmp_path)])
    viewer = page.form.photos.open_photo(0)
    qtbot.addWidget(viewer)
    label = viewer.findChild(type(page.title))
    assert label.pixmap().width() == 64


def test_switching_assets_keeps_unsaved_typing_unless_the_user_agrees(window, region, bridge,
                                                                     monkeypatch):
    page = _open_inspection_page(window, *bridge)
    page.form.findings_edit.insertPlainText("途中まで入力")
    other = region.conn.execute("SELECT id FROM assets WHERE id <> ? AND status = 'in_service' "
                                "ORDER BY seq LIMIT 1", (bridge[0],)).fetchone()[0]
    asked = []
    answer = QMessageBox.StandardButton.No
    monkeypatch.setattr("gunmane_desktop.ui.inspection_page.QMessageBox.question",
                        lambda *args: asked.append(args[2]) or answer)
    # When the user selects another asset in the register and says No, the typing stays
    window.register_page.filter_bar.apply(RegisterFilter())
    row = window.register_page.model.row_of_seq(region.conn.execute(
        "SELECT seq FROM assets WHERE id = ?", (other,)).fetchone()[0])
    window.register_page.select_row(row)
    window.show_page(MainWindow.PAGE_INSPECTIONS)
    assert asked and bridge[1] in asked[0]
    assert page.asset_id == bridge[0]
    assert page.form.findings_edit.toPlainText() == "途中まで入力"
    # and says Yes: the new asset's form replaces it
    answer = QMessageBox.StandardButton.Yes
    page.follow_asset(other)
    assert page.asset_id == other and page.form.findings_edit.toPlainText() == ""


def test_member_model_passes_the_model_tester(qapp, qtmodeltester):
    model = MemberTableModel()
    model.set_grade_symbols({"I": "Ⅰ", "II": "Ⅱ"})
    model.add_row("主桁")
    model.add_row("床版")
    model.setData(model.index(1, MemberTableModel.COL_DEGREE), "c")
    qtmodeltester.check(model, force_py=True)
    assert [f.member for f in model.findings()] == ["主桁", "床版"]
    model.remove_row(0)
    assert model.rowCount() == 1


def test_the_choose_button_goes_back_to_the_register(window, bridge, qtbot):
    page = _open_inspection_page(window, *bridge)
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert window.pages.currentWidget() is window.register_page


def test_member_cells_are_edited_with_lists_of_the_allowed_values(window, bridge):
    page = _open_inspection_page(window, *bridge)
    form = page.form
    form.add_member_button.click()
    view, model = form.member_view, form.members
    delegate = view.itemDelegate()
    for column, choice, stored in ((MemberTableModel.COL_DEGREE, "e", "e"),
                                   (MemberTableModel.COL_GRADE, "Ⅳ", "IV"),
                                   (MemberTableModel.COL_COUNTERMEASURE, "S1", "S1")):
        index = model.index(0, column)
        editor = delegate.createEditor(view.viewport(), QStyleOptionViewItem(), index)
        delegate.setEditorData(editor, index)
        assert not editor.isEditable()  # a slip of the keyboard cannot enter a bad code
        editor.setCurrentIndex(editor.findText(choice))
        delegate.setModelData(editor, model, index)
        assert index.data(Qt.ItemDataRole.EditRole) == stored
        editor.deleteLater()
    damage = delegate.createEditor(view.viewport(), QStyleOptionViewItem(),
                                   model.index(0, MemberTableModel.COL_DAMAGE))
    assert damage.isEditable() and damage.findText("床版ひびわれ") >= 0
    damage.deleteLater()
