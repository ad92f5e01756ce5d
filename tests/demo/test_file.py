"""The file a generation leaves: all or nothing, never an overwrite, sound and well-formed."""

import json

import pytest

from gunmane_desktop.core.ids import is_uuid7
from gunmane_desktop.core.organisations import validate_org_code
from gunmane_desktop.core.versions import HLCStamp
from gunmane_desktop.demo import GenerationCancelled, generate_region
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.errors import NotAGunmaneFileError

SYNCED = ("organisations", "assets", "inspections", "inspection_members", "measures")


def test_cancel_leaves_no_file_behind(tmp_path):
    # Given a user who cancels after the first progress report on assets
    path = tmp_path / "cancelled.gunmane"
    calls = []

    def progress(fraction, message):
        calls.append((fraction, message))

    # When the generation is cancelled part-way
    with pytest.raises(GenerationCancelled):
        generate_region(path, towns=2, assets_per_town=5000, progress=progress,
                        cancel=lambda: len(calls) >= 2)
    # Then nothing is left: no database, WAL, journal or lock file
    assert list(tmp_path.iterdir()) == []


def test_progress_is_reported_now_and_then_in_order_and_in_japanese(tmp_path):
    calls = []
    generate_region(tmp_path / "p.gunmane", progress=lambda f, m: calls.append((f, m)))
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert 5 <= len(calls) <= 150  # not per row
    assert all(any("\u3040" <= c <= "\u30ff" for c in m) for _, m in calls)


def test_an_existing_file_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "keep.gunmane"
    path.write_bytes(b"precious")
    with pytest.raises(NotAGunmaneFileError):
        generate_region(path)
    assert path.read_bytes() == b"precious"


def test_bad_sizes_are_refused_before_any_file_is_made(tmp_path):
    with pytest.raises(ValueError, match="assets_per_town"):
        generate_region(tmp_path / "x.gunmane", towns=2, assets_per_town=-1)
    assert list(tmp_path.iterdir()) == []


def test_the_file_is_sound_and_opens_like_any_other(region):
    summary, conn = region
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with Database.open(summary.path) as db:
        assert db.site_org == "150002"
        assert db.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("SELECT count(*) FROM asset_status").fetchone()[0] == summary.assets


def test_summary_counts_match_the_file(region):
    summary, conn = region
    count = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
             for t in ("organisations", "assets", "inspections", "measures")}
    assert count == {"organisations": summary.organisations, "assets": summary.assets,
                     "inspections": summary.inspections, "measures": summary.measures}


def test_organisations_have_valid_codes_and_the_prefecture_leads(conn):
    rows = conn.execute("SELECT code, kind, name, lead_code, members, representative "
                        "FROM organisations").fetchall()
    kinds = {kind for _, kind, *_ in rows}
    assert {"prefecture", "municipality", "company", "jv"} <= kinds
    codes = {code for code, *_ in rows}
    for code, kind, name, lead, members, representative in rows:
        assert validate_org_code(code, kind) == code
        assert name
        if kind == "municipality":
            assert lead == "150002"
        if kind == "jv":
            assert set(json.loads(members)) <= codes and representative in codes
    assert conn.execute("SELECT count(*) FROM organisations WHERE kind = 'municipality'"
                        ).fetchone()[0] == 4
    # The prefecture owns some assets itself (prefectural road bridges).
    assert conn.execute("SELECT count(*) FROM assets WHERE owner = '150002' "
                        "AND asset_type = 'bridge'").fetchone()[0] > 0
    # Inspectors are the towns, the prefecture or the contractors, all known.
    inspectors = {c for (c,) in conn.execute("SELECT DISTINCT inspector_org FROM inspections")}
    assert inspectors <= codes and len(inspectors) >= 5


def test_meta_and_one_audit_entry_describe_the_region(conn):
    meta = dict(conn.execute("SELECT key, value FROM meta"))
    assert meta["site_org"] == "150002"
    assert meta["demo_seed"] == "2026"
    assert meta["as_of"] == "2026-10-31"
    assert meta["region_name"]
    audit = conn.execute("SELECT actor, source, summary FROM audit_log").fetchall()
    assert len(audit) == 1
    assert audit[0][1] == "demo" and "デモ地域" in audit[0][2]


def test_synchronised_rows_carry_ids_stamps_and_versions_from_the_fake_clock(conn):
    high = HLCStamp.parse(dict(conn.execute("SELECT key, value FROM meta"))["hlc_high"])
    for table in SYNCED:
        rows = conn.execute(f"SELECT id, owner, vv, hlc, deleted, modified_at, modified_by "
                            f"FROM {table} ORDER BY seq").fetchall()
        assert rows, table
        for row_id, owner, vv, hlc, deleted, modified_at, modified_by in rows:
            assert is_uuid7(row_id)
            assert json.loads(vv) == {owner: 1}
            stamp = HLCStamp.parse(hlc)
            assert stamp.node == owner
            # A later local edit (ChangeContext observes hlc_high) sorts after every row.
            assert (stamp.millis, stamp.counter) < (high.millis, high.counter)
            assert deleted == 0
            # Derived from the recipe's as-of date, not from the wall clock.
            assert modified_at.startswith("2026-10-31T") and modified_at.endswith("Z")
            assert modified_by == f"{owner}:demo"
        ids = [r[0] for r in rows]
        assert ids == sorted(ids)  # time-ordered in insertion order


def test_bridges_have_national_style_ids_routes_and_places_in_japan(conn):
    rows = conn.execute("SELECT owner, external_id, name, route, address, lat, lon, attributes "
                        "FROM assets WHERE asset_type = 'bridge'").fetchall()
    for owner, external, name, route, address, lat, lon, attributes in rows:
        assert external.startswith(f"BR0-{owner}-") and len(external.split("-")[2]) == 5
        assert name.endswith("橋")
        assert route.endswith("線") and address
        assert 36.5 < lat < 38.5 and 138.0 < lon < 140.0
        assert {"material", "form"} <= json.loads(attributes).keys()
    assert len({r[1] for r in rows}) == len(rows)
    flags = conn.execute("SELECT sum(emergency_route), sum(over_railway), sum(over_road) "
                         "FROM assets WHERE asset_type = 'bridge'").fetchone()
    assert all(f > 0 for f in flags)
