"""Undo of an import from its saved pre-images: exactly the old file, at the cost of the change."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time

import pytest
from sync_helpers import LEAD, TOWN_A, TOWN_B, ctx_of, exchange, first_asset, make_site, rename, tombstone

from gunmane_desktop.core.models import Inspection
from gunmane_desktop.core.organisations import OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.sync import export_package, import_package, import_undo, list_conflicts, undo_last_import
from gunmane_desktop.sync.apply import BULK_AUDIT, ImportRefused
from gunmane_desktop.sync.delegations import grant


def dump(db: Database) -> dict[str, list[tuple]]:
    """Every table of the file, row by row (the FTS index's own shadow tables aside: the
    search is compared through a query instead)."""
    names = [r[0] for r in db.conn.execute(
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND (name NOT LIKE 'asset_search%' OR name = 'asset_search_text') ORDER BY name")]
    out = {n: sorted((tuple(r) for r in db.conn.execute(f"SELECT * FROM {n}")), key=repr) for n in names}
    out["search 'undo'"] = [tuple(r) for r in db.conn.execute(
        "SELECT rowid FROM asset_search WHERE asset_search MATCH '\"取り消し\"' ORDER BY rowid")]
    return out


def triggers(db: Database) -> list[tuple]:
    return db.conn.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' "
                           "ORDER BY name").fetchall()


def _lead_inspects(lead: Database, asset_id: str, on: dt.date) -> str:
    iid = ctx_of(lead).new_id()
    InspectionRepository(lead).add(ctx_of(lead), Inspection(iid, TOWN_A, asset_id, on, "soundness", "III"))
    return iid


def test_undo_puts_back_exactly_the_rows_the_import_changed(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    grant(ctx_of(a), LEAD, "inspections")
    grant(ctx_of(a), LEAD, "assets")
    assets = [r[0] for r in a.conn.execute("SELECT id FROM assets WHERE owner = ? ORDER BY id", (TOWN_A,))]
    rename(a, assets[3], "町の名前")
    exchange(a, lead)
    # The lead's package brings a new inspection, a tombstone and renamed assets (fast-forwards,
    # one to a searchable name) and, against the town's own concurrent edit, a conflict.
    _lead_inspects(lead, assets[0], dt.date(2026, 6, 1))
    rename(lead, assets[1], "取り消し橋")
    rename(lead, assets[3], "県の名前")
    rename(a, assets[3], "町の新しい名前")
    tombstone(lead, "assets", assets[2])
    export_package(lead, tmp_path / "p.zip", to=TOWN_A)
    before, guards = dump(a), triggers(a)

    result = import_package(a, tmp_path / "p.zip")
    totals = result.preview.totals()
    assert totals["new"] == 1 and totals["updated"] >= 2 and totals["conflicts"] == 1
    assert dump(a) != before

    out = undo_last_import(a)
    assert out["package"] == "p.zip"
    assert dump(a) == before  # every table, audit trail, peer state, status and search text
    assert triggers(a) == guards  # the append-only guards are back
    assert a.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert a.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # and the same package can be imported again, with the same result
    assert import_package(a, tmp_path / "p.zip").preview.totals() == totals


def test_undo_takes_back_imports_one_after_another(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    states = [dump(lead)]
    for n in range(3):
        rename(a, first_asset(a, TOWN_A), f"橋{n}")
        states.append(None)
        exchange(a, lead)
        states[-1] = dump(lead)
    for expected in reversed(states[:-1]):
        undo_last_import(lead)
        assert dump(lead) == expected


def test_undo_of_a_full_merge_removes_every_row_it_brought(tmp_path):
    # 1,200 new inspections: more than BULK_AUDIT, so they share one audit entry
    generate_region(tmp_path / "region.sqlite", towns=2, assets_per_town=300, inspections_per_asset=4, seed=5)
    with Database.open(tmp_path / "region.sqlite") as region:
        region.set_meta("site_org", TOWN_A)
        export_package(region, tmp_path / "full.zip", to=LEAD, full=True)
    lead = make_site(tmp_path / "lead.sqlite", LEAD, OrgKind.PREFECTURE, lead=None)
    before = dump(lead)
    result = import_package(lead, tmp_path / "full.zip")
    assert result.preview.by_table["inspections"]["new"] > BULK_AUDIT
    (entry,) = lead.conn.execute("SELECT changes, summary FROM audit_log WHERE table_name = 'inspections'")
    assert json.loads(entry[0])["count"] == result.preview.by_table["inspections"]["new"]
    assert "full.zip" in entry[1]
    assert lead.conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'assets' "
                             "AND row_id <> '*'").fetchone()[0] == result.preview.by_table["assets"]["new"]
    undo_last_import(lead)
    assert dump(lead) == before
    lead.close()


def test_the_conflicts_an_import_recorded_are_undone(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    grant(ctx_of(a), LEAD, "assets")
    exchange(a, lead)
    asset = first_asset(a, TOWN_A)
    rename(a, asset, "町の名前")
    rename(lead, asset, "県の名前")
    export_package(lead, tmp_path / "c.zip", to=TOWN_A)
    before = dump(a)
    import_package(a, tmp_path / "c.zip")
    assert len(list_conflicts(a)) == 1
    undo_last_import(a)
    assert list_conflicts(a) == []
    assert dump(a) == before


def test_undo_is_refused_after_later_changes_unless_forced(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    asset = first_asset(a, TOWN_A)
    old_name = lead.conn.execute("SELECT name FROM assets WHERE id = ?", (asset,)).fetchone()[0]
    rename(a, asset, "新しい名前")
    exchange(a, lead)
    other = first_asset(lead, TOWN_B)
    rename(lead, other, "県が後で変えた名前")
    with pytest.raises(ImportRefused, match="変更があります"):
        undo_last_import(lead)
    undo_last_import(lead, force=True)
    # The import's row is back as it was before it; the later edit of another row stays.
    assert lead.conn.execute("SELECT name FROM assets WHERE id = ?", (asset,)).fetchone()[0] == old_name
    assert lead.conn.execute("SELECT name FROM assets WHERE id = ?",
                             (other,)).fetchone()[0] == "県が後で変えた名前"


def test_an_import_that_fails_after_writing_leaves_no_trace(sites, tmp_path, monkeypatch):
    lead, a = sites["lead"], sites["a"]
    rename(a, first_asset(a, TOWN_A), "失敗する取り込み")
    export_package(a, tmp_path / "p.zip", to=LEAD)
    before = dump(lead)

    def fail(conn, undo):
        raise OSError("disk full")

    monkeypatch.setattr(import_undo, "finish", fail)
    with pytest.raises(OSError):
        import_package(lead, tmp_path / "p.zip")
    assert dump(lead) == before


def _dump(path):
    with Database.open(path) as db:
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return dump(db)


def _state(path):
    """Rows per table: an import run twice differs only in its clock readings."""
    return {table: len(rows) for table, rows in _dump(path).items()}


def test_a_killed_import_or_undo_leaves_a_state_undo_takes_back_to_the_old_file(tmp_path):
    generate_region(tmp_path / "lead.sqlite", towns=2, assets_per_town=300, inspections_per_asset=4, seed=3)
    with Database.open(tmp_path / "lead.sqlite") as lead:
        export_package(lead, tmp_path / "p.zip", to=TOWN_A)
    make_site(tmp_path / "pristine.sqlite", TOWN_A).close()
    old, pristine = _state(tmp_path / "pristine.sqlite"), _dump(tmp_path / "pristine.sqlite")
    gunmane = [sys.executable, "-m", "gunmane_desktop", "sync"]
    shutil.copy(tmp_path / "pristine.sqlite", tmp_path / "full.sqlite")
    started = time.monotonic()
    subprocess.run([*gunmane, "import", str(tmp_path / "full.sqlite"), str(tmp_path / "p.zip")], check=True,
                   capture_output=True)
    duration = time.monotonic() - started
    new = _state(tmp_path / "full.sqlite")
    rng = random.Random(5)
    for attempt in range(6):
        target = tmp_path / f"town{attempt}.sqlite"
        shutil.copy(tmp_path / ("pristine.sqlite" if attempt % 2 == 0 else "full.sqlite"), target)
        verb = ["import", str(target), str(tmp_path / "p.zip")] if attempt % 2 == 0 else ["undo", str(target)]
        proc = subprocess.Popen([*gunmane, *verb], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        state = _state(target)
        assert state in (old, new), f"attempt {attempt}: neither the old nor the new state"
        if state == new:
            subprocess.run([*gunmane, "undo", str(target)], check=True, capture_output=True)
            assert _dump(target) == pristine


def test_photos_an_import_stored_or_filled_are_taken_back(sites, tmp_path):
    from test_photo_parts import add_photos

    lead, a = sites["lead"], sites["a"]
    add_photos(a, [3_000, 4_000])
    export_package(a, tmp_path / "rows.zip", to=LEAD, photos=False)
    before_rows = dump(lead)
    import_package(lead, tmp_path / "rows.zip")  # links and two placeholders
    assert lead.conn.execute("SELECT count(*) FROM attachments WHERE length(data) <> size").fetchone()[0] == 2
    export_package(a, tmp_path / "photos.zip", to=LEAD, full=True)
    before_photos = dump(lead)
    filled = import_package(lead, tmp_path / "photos.zip")
    assert filled.photos_received == 2

    undo_last_import(lead)
    assert dump(lead) == before_photos  # placeholders again, with their sizes
    undo_last_import(lead)
    assert dump(lead) == before_rows  # no links, no placeholders


def test_a_forced_undo_that_would_orphan_a_later_row_is_refused_and_changes_nothing(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    first_ids = {r[0] for r in lead.conn.execute("SELECT id FROM assets")}
    repo = AssetRepository(a)
    asset = repo.get(first_asset(a, TOWN_A))
    asset.id = ctx_of(a).new_id()
    asset.name = "新しい橋"
    repo.add(ctx_of(a), asset)
    exchange(a, lead)
    (new_asset,) = {r[0] for r in lead.conn.execute("SELECT id FROM assets")} - first_ids
    _lead_inspects(lead, new_asset, dt.date(2026, 7, 1))  # a later row on the imported asset
    before = dump(lead)
    with pytest.raises(ImportRefused, match="参照"):
        undo_last_import(lead, force=True)
    assert not lead.conn.in_transaction
    assert dump(lead) == before
