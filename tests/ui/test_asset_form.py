"""The asset form as a user drives it from the register: new, edit, mistakes, retire.

Each save must reach the file through the repository (stamped, audited) and show in the
register at once; a field that cannot be read keeps its message next to it and saves nothing.
"""

import pytest
from PySide6.QtCore import Qt

from gunmane_desktop.core.models import AssetStatus
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.ui.register_model import RegisterTableModel
from gunmane_desktop.ui.register_page import RegisterPage

TOWN = "155918"


@pytest.fixture
def page(qtbot, region, settings, japanese):
    widget = RegisterPage(region.conn, db=region, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load()
    return widget


def _count(db, sql, *params):
    return db.conn.execute(sql, params).fetchone()[0]


def _click(qtbot, button):
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot, edit, text):
    """ASCII key by key; kana, kanji and full-width text as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(edit, text)
    else:
        edit.insert(text)  # QTest cannot type kanji


def test_a_new_bridge_with_a_wareki_year_is_saved_audited_and_shown(page, region, qtbot):
    # Given the register filtered to one town
    page.filter_bar.select(org=TOWN)
    # When the user opens the form, picks 橋梁 and types a 和暦 year
    _click(qtbot, page.new_button)
    form = page.asset_form
    assert form.owner_combo.currentData() == TOWN  # the owner the register shows
    form.type_combo.setCurrentIndex(form.type_combo.findData("bridge"))
    _type(qtbot, form.edits["name"], "みどり新橋")
    _type(qtbot, form.edits["route"], "町道中央線")
    _type(qtbot, form.edits["built_year"], "S45")
    # Then the form says how it read the year
    assert form.built_reading.text() == "= 1970 (昭和45年)"
    _type(qtbot, form.edits["length_m"], "２４．５")  # full-width digits, as an IME types
    _type(qtbot, form.attribute_edits["spans"], "2")
    form.attribute_edits["detour_available"].setCurrentIndex(2)  # なし
    with qtbot.waitSignal(page.assets_changed), qtbot.waitSignal(form.asset_saved) as saved:
        _click(qtbot, form.save_button)
    asset_id = saved.args[0]
    # Then the file holds 1970 with the spelling typed, the per-type fields and an audit entry
    stored = AssetRepository(region).get(asset_id)
    assert (stored.owner, stored.asset_type, stored.name) == (TOWN, "bridge", "みどり新橋")
    assert (stored.built_year, stored.built_year_text, stored.length_m) == (1970, "S45", 24.5)
    assert stored.attributes == {"spans": 2, "detour_available": False}
    [(action, source, summary)] = region.conn.execute(
        "SELECT action, source, summary FROM audit_log WHERE row_id = ?", (asset_id,)).fetchall()
    assert (action, source) == ("insert", "gui") and "みどり新橋" in summary
    # And the register shows and selects it, with the details beside it
    assert not form.isVisible()
    assert page.current_asset_id() == asset_id
    assert page.detail.asset_id == asset_id and page.detail.title.text() == "みどり新橋"


def test_an_edit_from_a_double_click_changes_the_name_only(page, region, qtbot):
    # Given the first asset, double-clicked
    page.select_row(0)
    asset_id = page.current_asset_id()
    before = AssetRepository(region).get(asset_id)
    centre = page.table.visualRect(page.model.index(0, 2)).center()
    # A double click is a press and release, then the double-click event.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    form = page.asset_form
    assert form is not None and form.asset.id == asset_id
    assert not form.owner_combo.isEnabled()  # an asset changes hands only by exchange
    # When the user corrects the name and saves
    form.edits["name"].selectAll()
    _type(qtbot, form.edits["name"], "改名橋")
    with qtbot.waitSignal(form.asset_saved):
        _click(qtbot, form.save_button)
    # Then only the name changed, with an audit entry saying old → new
    after = AssetRepository(region).get(asset_id)
    assert after.name == "改名橋"
    assert after.attributes == before.attributes and after.built_year == before.built_year
    [summary] = [r[0] for r in region.conn.execute(
        "SELECT summary FROM audit_log WHERE row_id = ? AND action = 'update'", (asset_id,))]
    assert f"名称: {before.name} → 改名橋" in summary
    assert "、" not in summary.split("」: ", 1)[1]  # one field, nothing else touched
    assert page.current_asset_id() == asset_id
    assert page.model.row_data(page.table.currentIndex().row()).name == "改名橋"


def test_mistakes_show_next_to_their_fields_and_nothing_is_saved(page, region, qtbot):
    assets = _count(region, "SELECT count(*) FROM assets")
    audits = _count(region, "SELECT count(*) FROM audit_log")
    form = page.new_asset()
    # When the user types an era year that never was: the message appears as they type
    _type(qtbot, form.edits["built_year"], "昭和99")
    assert "昭和99年はありません" in form.visible_errors()["built_year"]
    assert form.built_reading.text() == ""
    _type(qtbot, form.edits["lat"], "200")
    _type(qtbot, form.edits["lon"], "139.06")
    # And saves with the name left empty
    _click(qtbot, form.save_button)
    # Then each message sits under its own field, the form stays open and nothing is written
    errors = form.visible_errors()
    assert set(errors) == {"name", "built_year", "lat"}
    assert errors["name"] == "名称を入力してください"
    assert "緯度 200.0 は日本の範囲" in errors["lat"]
    assert form.errors["lat"].isVisible() and form.isVisible()
    assert "Not saved" in form.message.text() or "保存" in form.message.text()
    assert _count(region, "SELECT count(*) FROM assets") == assets
    assert _count(region, "SELECT count(*) FROM audit_log") == audits
    # When the user corrects them, the messages go and the save goes through
    _type(qtbot, form.edits["name"], "訂正橋")
    form.edits["built_year"].setText("")
    _type(qtbot, form.edits["built_year"], "不明")
    assert form.built_reading.text() == "= 不明"
    form.edits["lat"].setText("")
    _type(qtbot, form.edits["lat"], "36.39")
    assert form.visible_errors() == {}
    with qtbot.waitSignal(form.asset_saved) as saved:
        _click(qtbot, form.save_button)
    stored = AssetRepository(region).get(saved.args[0])
    assert (stored.built_year, stored.built_year_text) == (None, "不明")
    assert (stored.lat, stored.lon) == (36.39, 139.06)


def test_a_retired_asset_leaves_the_register_but_not_the_file(page, region, qtbot):
    # Given the current asset
    page.select_row(0)
    asset_id = page.current_asset_id()
    shown = page.shown_count
    # When the user retires it, without a reason at first
    _click(qtbot, page.retire_button)
    dialog = page.retire_dialog
    _click(qtbot, dialog.retire_button)
    assert dialog.errors["reason"].isVisible() and dialog.isVisible()
    _type(qtbot, dialog.reason_edit, "統合により廃止")
    dialog.date_edit.setText("R6.3.31")
    with qtbot.waitSignal(page.assets_changed):
        _click(qtbot, dialog.retire_button)
    # Then it is no longer listed, and its row (with reason and date) is still in the file
    assert page.shown_count == shown - 1
    seq = _count(region, "SELECT seq FROM assets WHERE id = ?", asset_id)
    assert page.model.row_of_seq(seq) is None
    stored = AssetRepository(region).get(asset_id)
    assert stored.status is AssetStatus.RETIRED
    assert stored.attributes["retired_on"] == "2024-03-31"
    assert stored.attributes["retired_reason"] == "統合により廃止"
    assert _count(region, "SELECT count(*) FROM audit_log WHERE row_id = ? AND action = 'retire'",
                  asset_id) == 1
    # And it shows again when retired assets are included
    page.filter_bar.retired_check.setChecked(True)
    assert page.model.row_of_seq(seq) is not None


def test_the_form_retires_too_and_offers_the_fields_of_each_type(page, region, qtbot):
    page.select_row(0)
    form = page.edit_current()
    # Every type lays out its own fields: a sewer span asks for the pipe, a park for the park
    new = page.new_asset()
    for type_id, key in (("sewer", "diameter_mm"), ("park", "park"), ("river", "bank"),
                         ("pavement", "traffic_class"), ("tunnel", "lighting")):
        new.type_combo.setCurrentIndex(new.type_combo.findData(type_id))
        assert key in new.attribute_edits, type_id
    new.reject()
    # The retire button of the edit form asks for the reason as well
    _click(qtbot, form.retire_button)
    _type(qtbot, form.retire_dialog.reason_edit, "架替により撤去")
    form.retire_dialog.status_combo.setCurrentIndex(1)  # 撤去済
    with qtbot.waitSignal(form.asset_saved):
        _click(qtbot, form.retire_dialog.retire_button)
    assert AssetRepository(region).get(form.asset.id).status is AssetStatus.REMOVED
    assert not form.isVisible()


def test_without_a_database_the_page_only_browses(qtbot, region):
    page = RegisterPage(region.conn)
    qtbot.addWidget(page)
    page.load()
    assert not page.new_button.isVisibleTo(page) and page.new_asset() is None
    assert not page.filter_bar.save_filter_button.isVisibleTo(page)


def test_on_a_large_register_the_saved_asset_is_selected_when_the_worker_answers(
        qtbot, region, settings, monkeypatch):
    # Given a register big enough to query on a worker thread (the threshold lowered)
    monkeypatch.setattr(RegisterTableModel, "WORKER_ABOVE", 10)
    page = RegisterPage(region.conn, db=region, settings=settings)
    qtbot.addWidget(page)
    page.load()
    assert page.model.uses_worker
    # When a new asset is saved
    form = page.new_asset()
    _type(qtbot, form.edits["name"], "大規模台帳橋")
    saved = []
    form.asset_saved.connect(saved.append)
    _click(qtbot, form.save_button)
    assert page.model.busy  # the register is queried again off the GUI thread
    # Then, once the query is answered, the register selects it
    assert page.model.wait()
    assert page.current_asset_id() == saved[0]
