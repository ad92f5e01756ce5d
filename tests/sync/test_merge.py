"""Automatic merge of concurrent edits to different fields (issue #5): scenarios through real
files and packages, and the three-way rule itself."""

from __future__ import annotations

import json

from sync_helpers import LEAD, TOWN_A, ctx_of, exchange, first_asset, rename, row, tombstone

from gunmane_desktop.cli import main as cli_main
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.sync import export_package, import_package, list_conflicts, undo_last_import
from gunmane_desktop.sync.delegations import grant
from gunmane_desktop.sync.merge import meet, three_way


def _delegate_assets_to_lead(sites):
    grant(ctx_of(sites["a"]), LEAD, "assets", "県による修繕計画")
    exchange(sites["a"], sites["lead"])


def _set(db, asset_id: str, **fields) -> None:
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    for k, v in fields.items():
        setattr(asset, k, v)
    repo.update(ctx_of(db), asset)


def test_edits_of_different_fields_merge_on_both_sides_to_the_same_row(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    # Given the town changes the route and the lead the name, before hearing of each other
    _set(a, asset, route="町道1号線")
    rename(lead, asset, "県の名前")
    # When the packages cross in the mail: each imports the other's
    export_package(lead, tmp_path / "to-a.zip", to=TOWN_A)
    export_package(a, tmp_path / "to-lead.zip", to=LEAD)
    at_a = import_package(a, tmp_path / "to-a.zip")
    at_lead = import_package(lead, tmp_path / "to-lead.zip")
    # Then both merge by themselves: no conflict for anyone, both changes kept
    for result in (at_a, at_lead):
        assert result.preview.totals()["conflicts"] == 0
        assert result.to_json()["merged"] == 1
        assert result.preview.by_table["assets"]["merged"] == 1
    assert list_conflicts(a) == [] and list_conflicts(lead) == []
    for db in (a, lead):
        merged = row(db, "assets", asset)
        assert (merged["route"], merged["name"]) == ("町道1号線", "県の名前")
    # and the same version on both sides: the next round settles the stamp, nothing conflicts
    assert row(a, "assets", asset)["vv"] == row(lead, "assets", asset)["vv"]
    exchange(lead, a)
    exchange(a, lead)
    assert row(a, "assets", asset) == row(lead, "assets", asset)
    assert exchange(lead, a).preview.totals()["updated"] == 0


def test_the_audit_entry_says_which_fields_came_from_whom(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    _set(a, asset, notes="町の点検メモ")
    _set(lead, asset, route="県道2号線", name_kana="けんのなまえ")
    exchange(lead, a)
    summary, changes = a.conn.execute("SELECT summary, changes FROM audit_log WHERE row_id = ? "
                                      "ORDER BY seq DESC LIMIT 1", (asset,)).fetchone()
    merged = json.loads(changes)["merged"]
    assert merged["remote"] == {"by": LEAD, "fields": ["name_kana", "route"]}
    assert merged["local"] == {"by": TOWN_A, "fields": ["notes"]}
    assert "自動統合" in summary and "route" in summary and "notes" in summary
    assert json.loads(changes)["route"][1] == "県道2号線"


def test_the_same_field_changed_differently_is_still_a_conflict_and_keeps_the_base(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    base_name = row(a, "assets", asset)["name"]
    _set(a, asset, name="町の名前", notes="町のメモ")
    _set(lead, asset, name="県の名前", route="県道")
    result = exchange(lead, a)
    assert result.preview.totals()["conflicts"] == 1 and result.to_json()["merged"] == 0
    (conflict,) = list_conflicts(a)
    assert conflict.base is not None and conflict.base["name"] == base_name
    assert conflict.changed_fields() == {"local": ["name", "notes"], "remote": ["name", "route"]}
    assert conflict.to_json()["base"]["name"] == base_name
    assert row(a, "assets", asset)["name"] == "町の名前"  # the local row stays until a person decides


def test_identical_changes_and_disjoint_ones_merge_together(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    _set(a, asset, route="同じ路線", notes="町")
    _set(lead, asset, route="同じ路線", name="県")
    assert exchange(lead, a).to_json()["merged"] == 1
    assert (row(a, "assets", asset)["route"], row(a, "assets", asset)["notes"],
            row(a, "assets", asset)["name"]) == ("同じ路線", "町", "県")


def test_a_tombstone_against_an_edit_of_another_field_stays_a_conflict(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    tombstone(a, "assets", asset)
    _set(lead, asset, route="県が編集")
    result = exchange(a, lead)
    assert result.preview.totals()["conflicts"] == 1 and result.to_json()["merged"] == 0
    assert list_conflicts(lead)[0].base is not None


def test_without_a_known_base_concurrent_edits_remain_a_conflict(sites, tmp_path):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    a.conn.execute("DELETE FROM sync_base")  # e.g. a file upgraded from schema 7 mid-flight
    asset = first_asset(a, TOWN_A)
    _set(a, asset, route="町道")
    rename(lead, asset, "県の名前")
    result = exchange(lead, a)
    assert result.preview.totals()["conflicts"] == 1
    assert list_conflicts(a)[0].base is None
    # the lead still has the base: it merges, and its merged row closes the town's conflict
    assert exchange(a, lead).to_json()["merged"] == 1
    exchange(lead, a)
    assert list_conflicts(a) == [] and row(a, "assets", asset) == row(lead, "assets", asset)
    assert (row(a, "assets", asset)["route"], row(a, "assets", asset)["name"]) == ("町道", "県の名前")


def test_undelegated_rows_keep_no_base(sites):
    lead, a = sites["lead"], sites["a"]
    exchange(a, lead)
    rename(a, first_asset(a, TOWN_A), "町の名前")
    exchange(a, lead)
    assert a.conn.execute("SELECT count(*) FROM sync_base").fetchone()[0] == 0
    assert lead.conn.execute("SELECT count(*) FROM sync_base").fetchone()[0] == 0


def test_cli_import_json_counts_merged(sites, tmp_path, capsys):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    _set(a, asset, route="町道")
    rename(lead, asset, "県の名前")
    export_package(lead, tmp_path / "lead.zip", to=TOWN_A)
    path = a.path
    a.close()
    assert cli_main(["sync", "import", str(path), str(tmp_path / "lead.zip"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["merged"] == 1 and out["conflicts"] == 0 and out["updated"] == 1


def test_three_way_takes_each_side_and_is_symmetric():
    cols = ("deleted", "name", "route", "notes")
    base = {"deleted": 0, "name": "橋", "route": "", "notes": ""}
    local = {**base, "route": "町道"}
    remote = {**base, "name": "県の橋", "notes": "県"}
    m = three_way(base, local, remote, cols)
    assert m.clean and m.image == {"deleted": 0, "name": "県の橋", "route": "町道", "notes": "県"}
    assert (m.from_local, m.from_remote) == (("route",), ("name", "notes"))
    assert three_way(base, remote, local, cols).image == m.image


def test_meet_is_what_both_versions_have_seen():
    assert meet('{"a":3,"b":1}', '{"a":2,"c":4}') == '{"a":2}'
    assert meet('{"a":1}', '{"b":1}') == "{}"


def test_undoing_the_import_puts_the_merged_row_back(sites):
    lead, a = sites["lead"], sites["a"]
    _delegate_assets_to_lead(sites)
    asset = first_asset(a, TOWN_A)
    _set(a, asset, route="町道")
    before = row(a, "assets", asset)
    rename(lead, asset, "県の名前")
    assert exchange(lead, a).to_json()["merged"] == 1
    undo_last_import(a)
    assert row(a, "assets", asset) == before
