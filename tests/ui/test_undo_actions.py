"""元に戻す / やり直し in the window: a save undone and redone as new versions, the actions
named after the step they take, and an undo refused when an import wrote the row since."""

import json

import pytest
from PySide6.QtGui import QKeySequence

from gunmane_desktop.core import versions
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.ui.editing import gui_change_context
from gunmane_desktop.ui.inspection_page import InspectionPage
from gunmane_desktop.ui.undo import UndoController


@pytest.fixture
def controller(region, qtbot):
    undo = UndoController(region)
    yield undo
    undo.stop()


@pytest.fixture
def bridge(region):
    return region.conn.execute(
        "SELECT a.id, a.name, a.owner FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        "WHERE a.asset_type = 'bridge' AND a.deleted = 0 AND s.grade = 'II' ORDER BY a.seq LIMIT 1"
    ).fetchone()


def _rename(db, ctx, asset_id, name):
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    asset.name = name
    repo.update(ctx, asset)


def _asset(db, asset_id):
    return db.conn.execute("SELECT name, vv FROM assets WHERE id = ?", (asset_id,)).fetchone()


def test_a_renamed_asset_is_undone_and_redone_from_the_edit_menu_actions(
        japanese, region, controller, bridge, qtbot):
    asset_id, old_name, owner = bridge
    assert not controller.undo_action.isEnabled() and controller.undo_action.text() == "元に戻す"
    # Given a save made through the GUI's change context, as every form makes it
    _rename(region, gui_change_context(region, owner), asset_id, "新しい橋")
    edited_vv = versions.loads(_asset(region, asset_id)["vv"])
    qtbot.waitUntil(controller.undo_action.isEnabled)
    assert controller.undo_action.text() == "元に戻す: 橋梁「新しい橋」の編集"

    # When the user chooses 元に戻す
    with qtbot.waitSignal(controller.undone):
        controller.undo_action.trigger()

    # Then the old name is back as a newer version, with an audit entry saying so
    row = _asset(region, asset_id)
    assert row["name"] == old_name
    assert versions.compare(edited_vv, versions.loads(row["vv"])) is versions.Order.BEFORE
    audit = region.conn.execute("SELECT action, source, summary, changes FROM audit_log "
                                "WHERE row_id = ? ORDER BY seq DESC LIMIT 1", (asset_id,)).fetchone()
    assert (audit["action"], audit["source"]) == ("update", "gui undo")
    assert audit["summary"] == "元に戻す: 橋梁「新しい橋」の編集"
    assert json.loads(audit["changes"]) == {"name": ["新しい橋", old_name]}
    assert not controller.undo_action.isEnabled()
    assert controller.redo_action.text() == "やり直し: 橋梁「新しい橋」の編集"

    # And やり直し brings the new name back, again as a newer version
    with qtbot.waitSignal(controller.undone):
        controller.redo_action.trigger()
    assert _asset(region, asset_id)["name"] == "新しい橋"
    assert not controller.redo_action.isEnabled() and controller.undo_action.isEnabled()


def test_an_inspection_saved_on_the_inspection_page_is_withdrawn_by_undo(
        region, controller, bridge, qtbot):
    asset_id, name, _owner = bridge
    page = InspectionPage(region)
    qtbot.addWidget(page)
    page.set_asset(asset_id)
    page.form.grade_combo.setCurrentIndex(page.form.grade_combo.findData("IV"))
    inspection_id = page.save()
    assert inspection_id is not None
    qtbot.waitUntil(controller.undo_action.isEnabled)
    assert controller.undo_action.text() == f"Undo: 「{name}」の点検の登録"
    grade = "SELECT s.grade FROM asset_status s JOIN assets a ON a.seq = s.asset_seq WHERE a.id = ?"
    assert region.conn.execute(grade, (asset_id,)).fetchone()[0] == "IV"

    assert controller.undo()

    row = region.conn.execute("SELECT deleted, grade FROM inspections WHERE id = ?",
                              (inspection_id,)).fetchone()
    assert tuple(row) == (1, "IV")  # a tombstone: the record itself is never rewritten
    assert region.conn.execute(grade, (asset_id,)).fetchone()[0] == "II"
    assert inspection_id not in [i.id for i in InspectionRepository(region).history(asset_id)]


def test_undo_is_refused_with_a_message_when_an_import_wrote_the_row_since(
        japanese, region, controller, bridge, qtbot):
    asset_id, _name, owner = bridge
    _rename(region, gui_change_context(region, owner), asset_id, "新しい橋")
    # An exchange import writes through a context of its own, which records nothing
    _rename(region, ChangeContext(region, owner, "sync", "sync import"), asset_id, "取り込まれた橋")
    qtbot.waitUntil(controller.undo_action.isEnabled)

    with qtbot.waitSignal(controller.refused) as refusal:
        controller.undo_action.trigger()

    assert "橋梁「新しい橋」はこの編集の後に変更されています" in refusal.args[0]
    assert _asset(region, asset_id)["name"] == "取り込まれた橋"
    assert not controller.undo_action.isEnabled()


def test_the_actions_use_the_usual_keys_and_say_imports_are_not_undone(japanese, controller):
    assert controller.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Y") in controller.redo_action.shortcuts()
    assert "取り込み" in controller.undo_action.toolTip()
    assert not controller.undo()  # nothing to undo yet: refused, nothing written
