"""Undo and redo of GUI saves: new versions, never rewritten history."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gunmane_desktop.core import versions
from gunmane_desktop.core.contracts import Contract, Orderer
from gunmane_desktop.core.ids import new_id
from gunmane_desktop.core.models import Asset, Inspection, Measure, MeasureStatusId, MemberFinding
from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.storage.measures import MeasureRepository
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.storage.undo import EditJournal, UndoRefused

TOWN = "011002"  # the town of the conftest fixtures


@pytest.fixture
def journal(db):
    return EditJournal(db)


def gui(db, journal) -> ChangeContext:
    """A context for one save made in the window: it records the save for undo."""
    return ChangeContext(db, TOWN, "tanaka", "gui", journal=journal)


def undo_ctx(db) -> ChangeContext:
    return ChangeContext(db, TOWN, "tanaka", "gui undo")


def _bridge(name: str = "豊平橋") -> Asset:
    return Asset(new_id(), TOWN, "bridge", name, route="市道豊平線")


def _row(db, table, row_id):
    return db.conn.execute(f"SELECT * FROM {table} WHERE id = ?", (row_id,)).fetchone()


def _vv(db, table, row_id):
    return versions.loads(_row(db, table, row_id)["vv"])


def _audit(db, row_id):
    return db.conn.execute("SELECT action, source, summary, changes FROM audit_log WHERE row_id = ? "
                           "ORDER BY seq", (row_id,)).fetchall()


def _grade(db, asset_id):
    return db.conn.execute("SELECT s.grade FROM asset_status s JOIN assets a ON a.seq = s.asset_seq "
                           "WHERE a.id = ?", (asset_id,)).fetchone()[0]


def _rename(db, ctx, asset_id, name):
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    asset.name = name
    return repo.update(ctx, asset)


def test_undo_writes_the_old_name_back_as_a_newer_version_and_redo_the_new_one(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    _rename(db, gui(db, journal), asset.id, "新豊平橋")
    edited_vv = _vv(db, "assets", asset.id)
    assert journal.undo_text == "橋梁「新豊平橋」の編集"

    journal.undo(undo_ctx(db))

    assert _row(db, "assets", asset.id)["name"] == "豊平橋"
    undone_vv = _vv(db, "assets", asset.id)
    assert versions.compare(edited_vv, undone_vv) is versions.Order.BEFORE
    action, source, summary, changes = _audit(db, asset.id)[-1]
    assert (action, source) == ("update", "gui undo")
    assert summary == "元に戻す: 橋梁「新豊平橋」の編集"
    assert json.loads(changes) == {"name": ["新豊平橋", "豊平橋"]}
    assert not journal.can_undo and journal.redo_text == "橋梁「新豊平橋」の編集"

    journal.redo(undo_ctx(db))

    assert _row(db, "assets", asset.id)["name"] == "新豊平橋"
    assert versions.compare(undone_vv, _vv(db, "assets", asset.id)) is versions.Order.BEFORE
    assert _audit(db, asset.id)[-1]["summary"] == "やり直し: 橋梁「新豊平橋」の編集"
    assert journal.can_undo and not journal.can_redo


def test_an_added_asset_is_tombstoned_by_undo_and_revived_by_redo(db, ctx, journal):
    asset = AssetRepository(db).add(gui(db, journal), _bridge("北橋"))
    assert journal.undo_text == "橋梁「北橋」の登録"

    journal.undo(undo_ctx(db))

    row = _row(db, "assets", asset.id)
    assert row["deleted"] == 1 and row["name"] == "北橋"  # the row stays, as a tombstone
    assert AssetRepository(db).count() == 0
    assert _audit(db, asset.id)[-1]["action"] == "tombstone"
    journal.redo(undo_ctx(db))
    assert _row(db, "assets", asset.id)["deleted"] == 0
    assert versions.loads(_row(db, "assets", asset.id)["vv"]) == {TOWN: 3}


def test_an_undone_inspection_is_withdrawn_with_its_findings_and_photos(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    repo = InspectionRepository(db)
    repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2019, 6, 1), "soundness", "I"))
    save = gui(db, journal)
    with db.transaction():  # as the inspection page saves: the record and its photos together
        latest = repo.add(save, Inspection(
            new_id(), TOWN, asset.id, dt.date(2024, 6, 1), "soundness", "III",
            members=(MemberFinding("主桁", "腐食", "d", "III", "C1"),)))
        link = AttachmentStore(db).attach(save, TOWN, "inspections", latest.id, b"jpeg", "image/jpeg",
                                          "p1.jpg")
    assert journal.undo_text == "「豊平橋」の点検の登録"
    assert _grade(db, asset.id) == "III"

    journal.undo(undo_ctx(db))

    row = _row(db, "inspections", latest.id)
    assert row["deleted"] == 1 and row["grade"] == "III"  # withdrawn, never rewritten
    assert {r["deleted"] for r in db.conn.execute(
        "SELECT deleted FROM inspection_members WHERE inspection_id = ?", (latest.id,))} == {1}
    assert _row(db, "attachment_links", link)["deleted"] == 1
    assert _grade(db, asset.id) == "I"
    assert [i.grade for i in repo.history(asset.id)] == ["I"]

    journal.redo(undo_ctx(db))

    assert _grade(db, asset.id) == "III"
    assert repo.get(latest.id).members[0].member == "主桁"


def test_undoing_a_correction_brings_back_the_inspection_it_superseded(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    repo = InspectionRepository(db)
    first = repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2024, 6, 1), "soundness", "II"))
    repo.correct(gui(db, journal), first.id,
                 Inspection(new_id(), TOWN, asset.id, dt.date(2024, 6, 1), "soundness", "III"))
    assert journal.undo_text == "「豊平橋」の点検の訂正"
    assert _grade(db, asset.id) == "III"
    journal.undo(undo_ctx(db))
    assert _grade(db, asset.id) == "II"
    assert [i.id for i in repo.history(asset.id)] == [first.id]


def test_undoing_a_measure_update_restores_the_measure_state(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    insp = InspectionRepository(db).add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2024, 6, 1),
                                                        "soundness", "III"))
    measures = MeasureRepository(db)
    m = measures.add(ctx, Measure(new_id(), TOWN, asset.id, "repair", MeasureStatusId.PLANNED,
                                  "断面修復", insp.id, planned_fy=2026))
    m.status, m.started_on = MeasureStatusId.STARTED, dt.date(2026, 7, 1)
    measures.update(gui(db, journal), m)
    assert journal.undo_text == "「豊平橋」の措置の編集"
    state = "SELECT measure_state FROM asset_status"
    assert db.conn.execute(state).fetchone()[0] == "started"
    journal.undo(undo_ctx(db))
    assert db.conn.execute(state).fetchone()[0] == "planned"
    assert measures.for_asset(asset.id)[0].started_on is None


def test_undoing_a_new_contract_tombstones_it_with_its_orderers(db, ctx, journal):
    OrganisationRepository(db).save(ctx, Organisation("9" * 13, OrgKind.COMPANY, "豊平建設"))
    contract = Contract(new_id(), TOWN, "R6-1", "橋梁点検一括", (Orderer(TOWN, 1.0, True),),
                        "9" * 13, dt.date(2024, 4, 1), dt.date(2027, 3, 31), 30_000_000)
    ContractRepository(db).add(gui(db, journal), contract)
    assert journal.undo_text == "契約「橋梁点検一括」の登録"
    journal.undo(undo_ctx(db))
    assert ContractRepository(db).all() == []
    assert db.conn.execute("SELECT deleted FROM contract_orderers").fetchall()[0][0] == 1


def test_undo_is_refused_and_dropped_when_an_import_changed_the_row_since(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    _rename(db, gui(db, journal), asset.id, "新豊平橋")
    # Given an exchange import (not journaled) that wrote the same row afterwards
    _rename(db, ChangeContext(db, TOWN, "sync", "sync import"), asset.id, "豊平大橋")

    with pytest.raises(UndoRefused, match="橋梁「新豊平橋」はこの編集の後に変更されています"):
        journal.undo(undo_ctx(db))

    assert _row(db, "assets", asset.id)["name"] == "豊平大橋"  # the import's version stays
    assert not journal.can_undo and not journal.can_redo


def test_a_refused_step_writes_none_of_its_rows(db, ctx, journal):
    a = AssetRepository(db).add(ctx, _bridge("東橋"))
    b = AssetRepository(db).add(ctx, _bridge("西橋"))
    save = gui(db, journal)
    with db.transaction():
        _rename(db, save, a.id, "東大橋")
        _rename(db, save, b.id, "西大橋")
    assert journal.undo_text == "施設 2 件の編集"
    _rename(db, ctx, a.id, "東小橋")  # changed since; undo reaches b first, then refuses at a
    with pytest.raises(UndoRefused):
        journal.undo(undo_ctx(db))
    assert _row(db, "assets", b.id)["name"] == "西大橋"


def test_a_save_that_rolled_back_leaves_nothing_to_undo(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    with pytest.raises(RuntimeError), db.transaction():
        _rename(db, gui(db, journal), asset.id, "新豊平橋")
        raise RuntimeError("a photo was refused")
    assert not journal.can_undo
    assert journal.undo_text == ""


def test_imports_and_other_unjournaled_writes_are_not_undo_steps(db, ctx, journal):
    AssetRepository(db).add(ChangeContext(db, TOWN, "tanaka", "ledger import x.xlsx"), _bridge())
    assert not journal.can_undo
    with pytest.raises(UndoRefused, match="元に戻せる編集はありません"):
        journal.undo(undo_ctx(db))


def test_a_new_save_clears_redo_and_only_the_last_steps_are_kept(db, ctx):
    journal = EditJournal(db, depth=3)
    asset = AssetRepository(db).add(ctx, _bridge())
    for n in range(5):
        _rename(db, gui(db, journal), asset.id, f"橋{n}")
    assert journal.undo_steps() == ["橋梁「橋4」の編集", "橋梁「橋3」の編集", "橋梁「橋2」の編集"]
    journal.undo(undo_ctx(db))
    assert journal.can_redo
    _rename(db, gui(db, journal), asset.id, "橋5")
    assert not journal.can_redo
    while journal.can_undo:
        journal.undo(undo_ctx(db))
    assert _row(db, "assets", asset.id)["name"] == "橋1"  # the oldest kept step's before-image


def test_saving_without_changes_makes_no_step(db, ctx, journal):
    asset = AssetRepository(db).add(ctx, _bridge())
    _rename(db, gui(db, journal), asset.id, "豊平橋")
    assert not journal.can_undo


# -- property: random edits, foreign writes, undos and redos against a simple model ------------

ASSETS = 2
NAMES = ("北橋", "南橋", "東橋")
op = st.one_of(
    st.tuples(st.just("rename"), st.integers(0, ASSETS - 1), st.sampled_from(NAMES)),
    st.tuples(st.just("add_measure"), st.integers(0, ASSETS - 1)),
    st.tuples(st.just("edit_measure"), st.integers(0, 9), st.sampled_from(("断面修復", "橋面防水"))),
    st.tuples(st.just("foreign"), st.integers(0, ASSETS - 1), st.sampled_from(NAMES)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


class Model:
    """What the rows should say (text, deleted), and the steps undo and redo would take.

    Undo refuses (and drops the step) when a row of the step does not say what the step
    left; otherwise it writes the earlier content back, a tombstone for an inserted row.
    """

    def __init__(self, depth: int) -> None:
        self.depth = depth
        self.rows: dict[str, tuple[str, int]] = {}
        self.done: list[dict] = []
        self.undone: list[dict] = []

    def write(self, key: str, content: tuple[str, int], journaled: bool) -> None:
        old = self.rows.get(key)
        if old == content:
            return  # the repositories make no version for a save without changes
        self.rows[key] = content
        if journaled:
            earlier = old if old is not None else (content[0], 1)
            self.done.append({key: {"undone": earlier, "done": content}})
            del self.done[:-self.depth]
            self.undone.clear()

    def _move(self, source: list, target: list, now: str, then: str) -> bool:
        if not source:
            return False
        step = source.pop()
        if any(self.rows[k] != r[now] for k, r in step.items()):
            return False  # refused and dropped
        for key, r in step.items():
            self.rows[key] = r[then]
        target.append(step)
        return True

    def undo(self) -> bool:
        return self._move(self.done, self.undone, "done", "undone")

    def redo(self) -> bool:
        return self._move(self.undone, self.done, "undone", "done")


def _contents(db) -> dict[str, tuple[tuple[str, int], dict]]:
    out = {r["id"]: ((r["name"], r["deleted"]), versions.loads(r["vv"]))
           for r in db.conn.execute("SELECT id, name, deleted, vv FROM assets")}
    out |= {r["id"]: ((r["description"], r["deleted"]), versions.loads(r["vv"]))
            for r in db.conn.execute("SELECT id, description, deleted, vv FROM measures")}
    return out


@pytest.fixture(scope="module")
def town_file(tmp_path_factory):
    """A town file with its organisation and a few bridges, copied for every example."""
    path = tmp_path_factory.mktemp("undo") / "town.sqlite"
    with Database.create(path, lock=False) as db:
        db.set_meta("site_org", TOWN)
        setup = ChangeContext(db, TOWN, "tanaka", "test")
        OrganisationRepository(db).save(setup, Organisation(TOWN, OrgKind.MUNICIPALITY, "札幌市"))
        for n in range(ASSETS):
            AssetRepository(db).add(setup, _bridge(f"橋{n}"))
        db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sequence=st.lists(op, max_size=30))
def test_random_edits_undos_and_redos_match_the_model_and_versions_only_grow(town_file, sequence):
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(town_file, Path(tmp) / "town.sqlite")
        db = Database.open(Path(tmp) / "town.sqlite", lock=False, quick_check=False)
        try:
            journal = EditJournal(db, depth=4)
            model = Model(depth=4)
            assets = [r[0] for r in db.conn.execute("SELECT id FROM assets ORDER BY seq")]
            for asset_id in assets:
                model.rows[asset_id] = (AssetRepository(db).get(asset_id).name, 0)
            measures: list[Measure] = []
            seen = {k: v for k, (_c, v) in _contents(db).items()}

            for step in sequence:
                kind = step[0]
                if kind in ("rename", "foreign"):
                    journaled = kind == "rename"
                    save = gui(db, journal) if journaled else ChangeContext(db, TOWN, "x", "sync import")
                    _rename(db, save, assets[step[1]], step[2])
                    deleted = model.rows[assets[step[1]]][1]
                    model.write(assets[step[1]], (step[2], deleted), journaled)
                elif kind == "add_measure":
                    m = MeasureRepository(db).add(gui(db, journal), Measure(
                        new_id(), TOWN, assets[step[1]], "repair", description="当初"))
                    measures.append(m)
                    model.write(m.id, ("当初", 0), True)
                elif kind == "edit_measure" and measures:
                    m = measures[step[1] % len(measures)]
                    m.description = step[2]
                    MeasureRepository(db).update(gui(db, journal), m)
                    model.write(m.id, (step[2], model.rows[m.id][1]), True)
                elif kind in ("undo", "redo"):
                    expected = model.undo() if kind == "undo" else model.redo()
                    try:
                        getattr(journal, kind)(undo_ctx(db))
                        done = True
                    except UndoRefused:
                        done = False
                    assert done == expected

                contents = _contents(db)
                assert {k: c for k, (c, _v) in contents.items()} == model.rows
                for key, (_content, vv) in contents.items():
                    assert versions.compare(seen.get(key, {}), vv) in (versions.Order.EQUAL,
                                                                     versions.Order.BEFORE)
                    seen[key] = vv
                assert journal.can_undo == bool(model.done)
                assert journal.can_redo == bool(model.undone)
        finally:
            db.close()
