"""Bulk edit from the register: several rows selected, one field set, one audit entry each."""

import pytest
from PySide6.QtCore import Qt

from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.ui.register_page import RegisterPage


@pytest.fixture
def page(qtbot, region, settings, japanese):
    widget = RegisterPage(region.conn, db=region, settings=settings)
    qtbot.addWidget(widget)
    widget.resize(1400, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.load()
    return widget


def _click_row(qtbot, page, row, modifier=Qt.KeyboardModifier.NoModifier):
    centre = page.table.visualRect(page.model.index(row, 2)).center()
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, modifier, centre)


def test_three_selected_assets_get_a_route_and_three_audit_entries(page, region, qtbot):
    # Given three rows picked with Ctrl+click
    _click_row(qtbot, page, 0)
    _click_row(qtbot, page, 2, Qt.KeyboardModifier.ControlModifier)
    _click_row(qtbot, page, 4, Qt.KeyboardModifier.ControlModifier)
    ids = page.selected_asset_ids()
    assert ids == [page.model.asset_id_at(r) for r in (0, 2, 4)]
    # Then the detail pane follows the row clicked last, and the bulk button counts them
    assert page.detail.asset_id == ids[2]
    assert page.bulk_button.isEnabled() and "3" in page.bulk_button.text()
    audits = region.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    # When the user sets a new route for all of them
    qtbot.mouseClick(page.bulk_button, Qt.MouseButton.LeftButton)
    dialog = page.bulk_dialog
    assert dialog.asset_ids == ids
    dialog.route_edit.insert("町道みどり中央線")
    dialog.update_preview()  # (the preview also follows a short pause in typing)
    # Then the dialog says how many will change before anything is written
    assert dialog.changing == ids
    assert dialog.preview_label.text() == "選択した 3 件のうち 3 件が変更されます。"
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(page.assets_changed), qtbot.waitSignal(dialog.changes_applied) as done:
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert done.args == [3]
    # And the file has the route on all three, with one audit entry per asset
    repo = AssetRepository(region)
    assert {repo.get(i).route for i in ids} == {"町道みどり中央線"}
    rows = region.conn.execute(
        "SELECT row_id, action, source FROM audit_log WHERE seq > ? ORDER BY seq",
        (audits,)).fetchall()
    assert sorted(r[0] for r in rows) == sorted(ids)
    assert {(r[1], r[2]) for r in rows} == {("update", "gui")}
    assert page.detail.asset_id == ids[2]


def test_assets_that_already_have_the_value_are_not_counted(page, region, qtbot):
    _click_row(qtbot, page, 0)
    _click_row(qtbot, page, 1, Qt.KeyboardModifier.ShiftModifier)
    ids = page.selected_asset_ids()
    flags = [AssetRepository(region).get(i).emergency_route for i in ids]
    dialog = page.bulk_edit_selected()
    dialog.field_combo.setCurrentIndex(dialog.field_combo.findData("emergency_route"))
    dialog.flag_combo.setCurrentIndex(dialog.flag_combo.findData(flags[0]))
    # Setting the first asset's own value changes only the assets that differ from it
    assert dialog.changing == [i for i, f in zip(ids, flags, strict=True) if f != flags[0]]
    assert dialog.apply_button.isEnabled() == (flags[0] != flags[1])


def test_one_row_is_edited_not_bulk_edited(page, qtbot):
    _click_row(qtbot, page, 0)
    assert not page.bulk_button.isEnabled()
    assert page.bulk_edit_selected() is None


def test_a_route_is_not_blanked_across_a_selection(page, qtbot):
    _click_row(qtbot, page, 0)
    _click_row(qtbot, page, 3, Qt.KeyboardModifier.ShiftModifier)
    dialog = page.bulk_edit_selected()
    assert len(dialog.asset_ids) == 4
    assert dialog.changing == [] and not dialog.apply_button.isEnabled()
    assert dialog.apply() is None
