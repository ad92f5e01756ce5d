"""Scenarios of the regional exchange between two towns, the lead and a contractor."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3

from sync_helpers import (
    CONTRACTOR,
    LEAD,
    TOWN_A,
    TOWN_B,
    ctx_of,
    exchange,
    file_digest,
    first_asset,
    make_site,
    rebuild,
    rename,
    row,
    tombstone,
)

from gunmane_desktop import cli
from gunmane_desktop.core.models import Inspection
from gunmane_desktop.core.organisations import OrgKind
from gunmane_desktop.storage.backups import backup_folder, list_backups
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.sync import export_package, import_package, list_conflicts, resolve, undo_last_import
from gunmane_desktop.sync.delegations import grant
from gunmane_desktop.sync.tables import table


def _count(db, table, owner=None):
    sql = f"SELECT count(*) FROM {table}" + (" WHERE owner = ?" if owner else "")
    return db.conn.execute(sql, (owner,) if owner else ()).fetchone()[0]


def test_each_town_gets_its_own_rows_from_the_lead_and_nothing_of_the_other(sites):
    lead, a, b = sites["lead"], sites["a"], sites["b"]
    assert _count(a, "assets", TOWN_A) == _count(lead, "assets", TOWN_A) == 8
    assert _count(a, "assets", TOWN_B) == 0
    assert _count(b, "inspections", TOWN_B) == _count(lead, "inspections", TOWN_B)
    for t in ("assets", "inspections"):
        for r in a.conn.execute(f"SELECT id, vv, hlc FROM {t} WHERE owner = ?", (TOWN_A,)):
            assert row(lead, t, r["id"])["vv"] == r["vv"]
    # asset_status was refreshed for the imported assets
    assert a.conn.execute("SELECT count(*) FROM asset_status WHERE last_inspection_id IS NOT NULL"
                          ).fetchone()[0] == a.conn.execute(
        "SELECT count(DISTINCT asset_id) FROM inspections").fetchone()[0]


def test_a_duplicated_package_changes_nothing(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    rename(a, first_asset(a, TOWN_A), "新しい名前橋")
    export_package(a, tmp_path / "p.zip", to=LEAD)
    first = import_package(lead, tmp_path / "p.zip")
    assert first.preview.totals()["updated"] == 1 and first.applied
    before = file_digest(lead.path)
    again = import_package(lead, tmp_path / "p.zip")
    assert not again.applied
    assert again.preview.totals() == {"new": 0, "updated": 0, "unchanged": first.preview.totals()["updated"]
                                      + first.preview.totals()["unchanged"], "conflicts": 0, "rejected": 0}
    assert file_digest(lead.path) == before
    assert lead.conn.execute("SELECT count(*) FROM sync_conflicts").fetchone()[0] == 0


def test_applied_rows_are_in_the_audit_trail_with_package_and_sender(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    asset = first_asset(a, TOWN_A)
    rename(a, asset, "監査橋")
    export_package(a, tmp_path / "audit.zip", to=LEAD)
    import_package(lead, tmp_path / "audit.zip")
    entry = lead.conn.execute("SELECT * FROM audit_log WHERE row_id = ? ORDER BY seq DESC LIMIT 1",
                              (asset,)).fetchone()
    assert entry["actor"] == f"{TOWN_A}:sync" and "audit.zip" in entry["source"]
    assert "audit.zip" in entry["summary"] and TOWN_A in entry["summary"]
    assert json.loads(entry["changes"])["sender"] == TOWN_A


def test_a_forged_package_claiming_another_towns_rows_is_rejected_row_by_row(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    rename(a, first_asset(a, TOWN_A), "本物")
    export_package(a, tmp_path / "real.zip", to=LEAD)
    forged = rebuild(tmp_path / "real.zip", tmp_path / "forged.zip",
                     manifest=lambda m: m.update(sender=TOWN_B))
    before = row(lead, "assets", first_asset(a, TOWN_A))
    result = import_package(lead, forged)
    totals = result.preview.totals()
    assert totals["new"] == totals["updated"] == 0 and totals["rejected"] > 0
    assert {r.owner for r in result.preview.rejections} == {TOWN_A}
    assert all("sender may not send rows" in r.reason for r in result.preview.rejections)
    assert row(lead, "assets", first_asset(a, TOWN_A)) == before


def test_the_lead_cannot_edit_a_towns_row_without_a_delegation(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    asset = first_asset(a, TOWN_A)
    rename(lead, asset, "県が勝手に変更")
    result = exchange(lead, a)
    assert [(r.table, r.id) for r in result.preview.rejections] == [("assets", asset)]
    assert "without a delegation" in result.preview.rejections[0].reason
    assert row(a, "assets", asset)["name"] != "県が勝手に変更"


def test_the_owner_detects_a_forged_version_in_its_own_name(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    asset = first_asset(a, TOWN_A)
    with lead.transaction() as conn:  # a lead that rewrites history as if the town had
        conn.execute("UPDATE assets SET name = '偽', vv = ?, hlc = ? WHERE id = ?",
                     (json.dumps({TOWN_A: 9}), f"9999999999999999-0000-{TOWN_A}", asset))
    result = exchange(lead, a)
    assert [r.id for r in result.preview.rejections] == [asset]
    assert "forged" in result.preview.rejections[0].reason


def _delegate_assets_to_lead(sites):
    grant(ctx_of(sites["a"]), LEAD, "assets", "県による修繕計画")
    exchange(sites["a"], sites["lead"])


def test_concurrent_edits_conflict_then_the_resolution_flows_both_ways(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    rename(a, asset, "町の名前")
    rename(lead, asset, "県の名前")
    at_a = exchange(lead, a)
    at_lead = exchange(a, lead)
    assert at_a.preview.totals()["conflicts"] == 1 and at_lead.preview.totals()["conflicts"] == 1
    # the local version stays until someone decides; both images are kept
    assert row(a, "assets", asset)["name"] == "町の名前"
    assert row(lead, "assets", asset)["name"] == "県の名前"
    (conflict,) = list_conflicts(a)
    assert conflict.local["name"] == "町の名前" and conflict.remote["name"] == "県の名前"
    assert conflict.differing_fields() == ["name"]
    # re-importing records no second conflict
    assert exchange(lead, a).preview.totals()["conflicts"] == 0
    assert len(list_conflicts(a)) == 1
    resolve(ctx_of(a), conflict.seq, "remote")
    assert row(a, "assets", asset)["name"] == "県の名前"
    exchange(a, lead)
    assert list_conflicts(lead) == []  # the mirrored conflict closed itself
    assert row(lead, "assets", asset) == row(a, "assets", asset)
    assert exchange(lead, a).preview.totals()["conflicts"] == 0
    assert row(lead, "assets", asset) == row(a, "assets", asset)


def test_an_edited_merge_resolves_and_travels(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    rename(a, asset, "町の名前")
    rename(lead, asset, "県の名前")
    exchange(lead, a)
    (conflict,) = list_conflicts(a)
    resolve(ctx_of(a), conflict.seq, "local", {"name": "町と県の名前", "notes": "協議済"})
    exchange(a, lead)
    assert row(lead, "assets", asset)["name"] == "町と県の名前"
    assert row(lead, "assets", asset) == row(a, "assets", asset)
    assert list_conflicts(lead) == [] and list_conflicts(a) == []


def test_delete_against_edit_is_a_conflict(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    tombstone(a, "assets", asset)
    rename(lead, asset, "県が編集")
    assert exchange(a, lead).preview.totals()["conflicts"] == 1
    (conflict,) = list_conflicts(lead)
    assert conflict.local["deleted"] == 0 and conflict.remote["deleted"] == 1
    resolve(ctx_of(lead), conflict.seq, "remote")
    exchange(lead, a)
    assert row(lead, "assets", asset)["deleted"] == row(a, "assets", asset)["deleted"] == 1
    assert list_conflicts(a) == [] and row(lead, "assets", asset) == row(a, "assets", asset)


def test_a_lead_relays_a_contractors_inspection_to_the_owning_town(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    grant(ctx_of(a), CONTRACTOR, "inspections", "令和8年度 橋梁点検業務")
    exchange(a, lead)
    c = make_site(tmp_path / "c.sqlite", CONTRACTOR, OrgKind.COMPANY, "みどり建設株式会社")
    try:
        export_package(lead, tmp_path / "snapshot.zip")  # the regional snapshot
        assert import_package(c, tmp_path / "snapshot.zip").preview.totals()["rejected"] == 0
        asset = first_asset(c, TOWN_A)
        result_id = ctx_of(c).new_id()
        InspectionRepository(c).add(ctx_of(c), Inspection(
            result_id, TOWN_A, asset, dt.date(2026, 10, 1), "soundness", "III", method="近接目視",
            inspector_org=CONTRACTOR))
        at_lead = exchange(c, lead)
        assert at_lead.preview.rejections == [] and row(lead, "inspections", result_id)
        at_a = exchange(lead, a)
        assert at_a.preview.rejections == []
        assert row(a, "inspections", result_id)["vv"] == json.dumps({CONTRACTOR: 1}, separators=(",", ":"))
        status = a.conn.execute("SELECT s.last_inspection_id FROM asset_status s JOIN assets x "
                                "ON x.seq = s.asset_seq WHERE x.id = ?", (asset,)).fetchone()
        assert status[0] == result_id
    finally:
        c.close()


def test_a_contractor_without_delegation_is_rejected(sites, tmp_path):
    lead = sites["lead"]
    c = make_site(tmp_path / "c.sqlite", CONTRACTOR, OrgKind.COMPANY, "みどり建設株式会社")
    try:
        export_package(lead, tmp_path / "snapshot.zip")
        import_package(c, tmp_path / "snapshot.zip")
        asset = first_asset(c, TOWN_A)
        InspectionRepository(c).add(ctx_of(c), Inspection(
            ctx_of(c).new_id(), TOWN_A, asset, dt.date(2026, 10, 1), "soundness", "II"))
        export_package(c, tmp_path / "c.zip", to=LEAD, full=True)
        assert import_package(lead, tmp_path / "c.zip").preview.by_table["inspections"] == {}

        def smuggle(path):  # put the contractor's inspection into the package by hand
            conn = sqlite3.connect(path)
            cols = ", ".join(table("inspections").names)
            conn.execute("ATTACH DATABASE ? AS c", (str(c.path),))
            conn.execute(f"INSERT INTO inspections ({cols}) SELECT {cols} FROM c.inspections "
                         "WHERE vv LIKE ?", (f'%{CONTRACTOR}%',))
            conn.commit()
            conn.close()

        forged = rebuild(tmp_path / "c.zip", tmp_path / "smuggled.zip", db=smuggle,
                         manifest=lambda m: m["counts"].update(inspections=1))
        result = import_package(lead, forged)
        assert result.preview.totals()["new"] == 0
        assert [r.owner for r in result.preview.rejections] == [TOWN_A]
        assert "sender may not send" in result.preview.rejections[0].reason
    finally:
        c.close()


def _lead_inspects(sites, asset, when):
    lead = sites["lead"]
    iid = ctx_of(lead).new_id()
    InspectionRepository(lead).add(ctx_of(lead), Inspection(iid, TOWN_A, asset, when, "soundness", "II"))
    return iid


def test_a_lost_package_is_healed_by_the_next_incremental_one(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    grant(ctx_of(a), LEAD, "inspections")
    exchange(a, lead)
    asset = first_asset(a, TOWN_A)
    first = _lead_inspects(sites, asset, dt.date(2026, 6, 1))
    export_package(lead, tmp_path / "lost.zip", to=TOWN_A)  # never arrives
    second = _lead_inspects(sites, asset, dt.date(2026, 7, 1))
    export_package(lead, tmp_path / "next.zip", to=TOWN_A)
    result = import_package(a, tmp_path / "next.zip")
    assert result.preview.totals()["new"] == 2
    assert row(a, "inspections", first) and row(a, "inspections", second)
    # once acknowledged, the next package from the lead is empty of them
    exchange(a, lead)
    export_package(lead, tmp_path / "after.zip", to=TOWN_A)
    assert import_package(a, tmp_path / "after.zip").preview.by_table["inspections"] == {}
    # and the late arrival of the lost one changes nothing
    assert not import_package(a, tmp_path / "lost.zip").preview.writes


def test_undo_last_import_restores_the_previous_state(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    grant(ctx_of(a), LEAD, "inspections")
    exchange(a, lead)
    iid = _lead_inspects(sites, first_asset(a, TOWN_A), dt.date(2026, 6, 1))
    export_package(lead, tmp_path / "p.zip", to=TOWN_A)
    import_package(a, tmp_path / "p.zip")
    assert row(a, "inspections", iid)
    undo_last_import(a)
    assert not row(a, "inspections", iid)
    assert import_package(a, tmp_path / "p.zip").preview.totals()["new"] == 1


def test_an_import_takes_a_whole_file_backup_only_when_none_is_a_day_old(sites, tmp_path):
    # Undo works from the pre-images each import saves (test_import_undo.py); the whole-file
    # copy is the day's safety net, not a per-import cost.
    lead, a = sites["lead"], sites["a"]

    def import_backups():
        return [b for b in list_backups(lead.path) if b.reason == "before-sync-import"]

    shutil.rmtree(backup_folder(lead.path), ignore_errors=True)
    for n in range(5):
        rename(a, first_asset(a, TOWN_A), f"橋{n}")
        exchange(a, lead)
    backups = import_backups()
    assert len(backups) == 1
    paths = [r[0] for r in lead.conn.execute("SELECT backup_path FROM sync_imports ORDER BY seq")]
    assert paths[-5:] == [str(backups[0].path), "", "", "", ""]


def test_cli_import_json_keys_and_dry_run(sites, tmp_path, capsys):
    lead, a = sites["lead"], sites["a"]
    rename(lead, first_asset(a, TOWN_A), "無断変更")
    export_package(lead, tmp_path / "p.zip", to=TOWN_A)
    a.close()
    before = file_digest(tmp_path / "a.sqlite")
    assert cli.main(["sync", "import", str(tmp_path / "a.sqlite"), str(tmp_path / "p.zip"),
                     "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    for key in ("new", "updated", "unchanged", "conflicts", "rejected"):
        assert isinstance(out[key], int)
    assert out["rejected"] == 1 and out["rejections"][0]["table"] == "assets"
    assert set(out["rejections"][0]) >= {"table", "id", "reason"}
    assert file_digest(tmp_path / "a.sqlite") == before
    assert cli.main(["sync", "status", str(tmp_path / "a.sqlite"), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["peers"][0]["peer"] == LEAD
    assert cli.main(["sync", "conflicts", str(tmp_path / "a.sqlite"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_cli_conflicts_resolve_and_undo(sites, tmp_path, capsys):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    rename(a, asset, "町")
    rename(lead, asset, "県")
    export_package(lead, tmp_path / "l.zip", to=TOWN_A)
    a.close()
    town = str(tmp_path / "a.sqlite")
    assert cli.main(["sync", "export", town, str(tmp_path / "to-lead.zip"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["recipient"] == LEAD  # the default: the lead
    assert cli.main(["sync", "import", town, str(tmp_path / "l.zip"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["conflicts"] == 1
    assert cli.main(["sync", "conflicts", town, "--json"]) == 0
    (conflict,) = json.loads(capsys.readouterr().out)
    assert conflict["fields"] == ["name"] and conflict["remote"]["name"] == "県"
    assert cli.main(["sync", "resolve", town, str(conflict["id"]), "--keep", "remote",
                     "--set", "notes=協議済"]) == 0
    assert "remote" in capsys.readouterr().out
    assert cli.main(["sync", "conflicts", town, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    # the resolution is a local change made after the import: undo refuses without --force
    assert cli.main(["sync", "undo", town]) == 2
    assert "--force" in capsys.readouterr().err
    assert cli.main(["sync", "undo", town, "--force"]) == 0
    assert "l.zip" in capsys.readouterr().out
    assert cli.main(["sync", "conflicts", town, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # back to before the import
    assert cli.main(["sync", "resolve", town, "999", "--keep", "local"]) == 2


def test_photos_travel_content_addressed_and_rejected_links_bring_no_bytes(sites, tmp_path):
    from gunmane_desktop.storage.attachments import AttachmentStore
    lead, a = sites["lead"], sites["a"]
    photo = b"\x89PNG" + bytes(range(256)) * 40
    link = AttachmentStore(a).attach(ctx_of(a), TOWN_A, "assets", first_asset(a, TOWN_A), photo,
                                     "image/png", "g1.png", "主桁")
    result = exchange(a, lead, tmp_path / "photo.zip")
    assert result.preview.by_table["attachment_links"] == {"new": 1}
    digest = row(lead, "attachment_links", link)["sha256"]
    assert AttachmentStore(lead).get(digest) == photo
    # the same photo sent by someone with no right to the row is refused, bytes and all
    other = b"\x89PNG other photo"
    AttachmentStore(lead).attach(ctx_of(lead), TOWN_A, "assets", first_asset(a, TOWN_A), other,
                                 "image/png", "x.png")
    result = exchange(lead, a, tmp_path / "refused.zip")
    assert [r.table for r in result.preview.rejections] == ["attachment_links"]
    assert a.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1


def test_a_package_for_another_town_is_refused_and_the_file_untouched(sites, tmp_path, capsys):
    lead, b = sites["lead"], sites["b"]
    export_package(lead, tmp_path / "for-a.zip", to=TOWN_A)
    b.close()
    before = file_digest(tmp_path / "b.sqlite")
    assert cli.main(["sync", "import", str(tmp_path / "b.sqlite"), str(tmp_path / "for-a.zip")]) == 2
    assert "addressed to another organisation" in capsys.readouterr().err
    assert file_digest(tmp_path / "b.sqlite") == before
