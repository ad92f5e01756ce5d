"""Resolving a conflict with an edited merge: theirs for one field, ours for another, a value
of one's own, the common base shown, a value the field cannot hold refused."""

from __future__ import annotations

import json

import pytest
from exchange_helpers import delegated_pair
from exchange_helpers import exchange as _exchange
from exchange_helpers import set_fields as _set
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gunmane_desktop.storage.database import Database
from gunmane_desktop.sync import list_conflicts
from gunmane_desktop.ui.conflict_merge_model import ConflictMergeModel
from gunmane_desktop.ui.exchange_page import ExchangePage

M = ConflictMergeModel




def _asset(db: Database, asset_id: str) -> dict:
    return dict(db.conn.execute("SELECT * FROM assets WHERE id = ?", (asset_id,)).fetchone())


@pytest.fixture
def both_sides(tmp_path):
    """Town A delegated its assets to the lead; both changed the same asset's name, route and
    length differently, and each has imported the other's edit: an open conflict on each side."""
    lead, town, asset = delegated_pair(tmp_path)
    base = _asset(town, asset)
    _set(town, asset, name="町の名前", route="町道1号線", length_m=12.5)
    _set(lead, asset, name="県の名前", route="県道2号線", length_m=13.0)
    _exchange(town, lead, tmp_path / "to-lead.zip")
    _exchange(lead, town, tmp_path / "to-town.zip")
    assert len(list_conflicts(town)) == 1 and len(list_conflicts(lead)) == 1
    yield lead, town, asset, base
    lead.close()
    town.close()


def _row(model: ConflictMergeModel, field: str) -> int:
    return next(r for r in range(model.rowCount()) if model.index(r, M.COL_FIELD).data(
        Qt.ItemDataRole.ToolTipRole) == field)


def _tick(model: ConflictMergeModel, field: str, column: int) -> None:
    assert model.setData(model.index(_row(model, field), column), Qt.CheckState.Checked,
                         Qt.ItemDataRole.CheckStateRole)


def _type(model: ConflictMergeModel, field: str, text: str) -> None:
    assert model.setData(model.index(_row(model, field), M.COL_OWN), text, Qt.ItemDataRole.EditRole)


def test_a_merge_of_theirs_ours_and_a_typed_value_resolves_and_closes_the_other_side(
        qtbot, qapp, both_sides, tmp_path, monkeypatch):
    lead, town, asset, base = both_sides
    page = ExchangePage(town)
    qtbot.addWidget(page)
    changed = []
    page.data_changed.connect(lambda: changed.append(True))
    model = page.conflicts.fields_model
    conflict_id = list_conflicts(town)[0].seq

    # Given the conflict shown side by side with the common base
    assert not page.conflicts.fields.isColumnHidden(M.COL_BASE)
    name = _row(model, "name")
    assert model.index(name, M.COL_BASE).data() == base["name"]
    assert model.index(name, M.COL_LOCAL).data() == "町の名前"
    assert model.index(name, M.COL_REMOTE).data() == "県の名前"
    # ours is ticked for every differing field, and only differing fields can be ticked
    for field in ("name", "route", "length_m"):
        row = _row(model, field)
        assert model.index(row, M.COL_LOCAL).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
        assert model.index(row, M.COL_REMOTE).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    same = _row(model, "address")
    assert model.index(same, M.COL_LOCAL).data(Qt.ItemDataRole.CheckStateRole) is None
    assert not model.flags(model.index(same, M.COL_LOCAL)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(same, M.COL_OWN)) & Qt.ItemFlag.ItemIsEditable

    # When the user takes theirs for the name, keeps ours for the route, types a length,
    # and confirms the merge
    _tick(model, "name", M.COL_REMOTE)
    assert model.index(name, M.COL_LOCAL).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    _type(model, "length_m", "12.8")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _parent, _title, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.Yes)
    page.conflicts.merge_button.click()

    # Then the row holds theirs and ours and the typed value, and the conflict is closed
    assert asked and "県の名前" in asked[0] and "町道1号線" in asked[0]
    row = _asset(town, asset)
    assert (row["name"], row["route"], row["length_m"]) == ("県の名前", "町道1号線", 12.8)
    assert list_conflicts(town) == [] and page.conflicts.list_model.rowCount() == 0
    assert "resolved" in page.message.text() and changed
    # and the audit entry says it was an edited merge made in the GUI, naming the changed fields
    summary, source, changes = town.conn.execute(
        "SELECT summary, source, changes FROM audit_log WHERE row_id = ? ORDER BY seq DESC LIMIT 1",
        (asset,)).fetchone()
    assert f"競合 {conflict_id} を解決" in summary and "編集あり" in summary and source == "gui"
    assert set(json.loads(changes)) == {"name", "length_m"}

    # When the resolution travels to the lead, its mirrored conflict closes and both rows agree
    _exchange(town, lead, tmp_path / "resolution.zip")
    assert list_conflicts(lead) == []
    theirs = _asset(lead, asset)
    assert (theirs["name"], theirs["route"], theirs["length_m"]) == ("県の名前", "町道1号線", 12.8)


def test_a_typed_value_the_field_cannot_hold_is_refused_and_nothing_is_written(
        qtbot, qapp, both_sides, monkeypatch):
    _lead, town, asset, _base = both_sides
    page = ExchangePage(town)
    qtbot.addWidget(page)
    model = page.conflicts.fields_model
    before = _asset(town, asset)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: pytest.fail("no confirmation for a refused merge"))

    # When the user types text into the length (a number column) and asks to merge
    _type(model, "length_m", "十三メートル")
    page.conflicts.merge_button.click()

    # Then the value is refused next to the button and in the cell, and nothing is written
    row = _row(model, "length_m")
    assert "length_m" in page.conflicts.merge_message.text()
    assert "十三メートル" in page.conflicts.merge_message.text()
    assert model.index(row, M.COL_OWN).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert "not a number" in model.index(row, M.COL_OWN).data(Qt.ItemDataRole.ToolTipRole)
    assert _asset(town, asset) == before and len(list_conflicts(town)) == 1

    # When the user clears the value, the tick counts again and the refusal is gone
    _type(model, "length_m", "")
    assert page.conflicts.merge_message.text() == ""
    assert model.index(row, M.COL_LOCAL).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked


def test_the_merge_keeps_the_side_that_needs_fewer_edits(qtbot, qapp, both_sides):
    _lead, town, _asset_id, _base = both_sides
    model = ConflictMergeModel()
    model.set_conflict(list_conflicts(town)[0])
    assert model.merge() == ("local", {})  # nothing changed: ours as it is
    _tick(model, "name", M.COL_REMOTE)
    _tick(model, "route", M.COL_REMOTE)
    # all theirs but the length: theirs with one edit rather than ours with two
    assert model.merge() == ("remote", {"length_m": 12.5})


def test_the_merge_model_passes_the_model_tester(qtbot, qapp, both_sides, qtmodeltester):
    _lead, town, _asset_id, _base = both_sides
    model = ConflictMergeModel()
    model.set_conflict(list_conflicts(town)[0])
    _type(model, "length_m", "abc")
    qtmodeltester.check(model, force_py=True)
    model.set_conflict(None)
    qtmodeltester.check(model, force_py=True)
