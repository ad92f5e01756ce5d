"""Bulk edits and retirement with a reason: one transaction, one audit entry per asset."""

import datetime as dt
import json

import pytest

from gunmane_desktop.core.ids import new_id
from gunmane_desktop.core.models import Asset, AssetStatus
from gunmane_desktop.storage.asset_edits import apply_bulk_change, bulk_preview, retire_with_reason
from gunmane_desktop.storage.assets import AssetRepository

TOWN = "011002"


def _add(db, ctx, name, **kw) -> Asset:
    asset = Asset(id=new_id(), owner=TOWN, asset_type="bridge", name=name, **kw)
    return AssetRepository(db).add(ctx, asset)


def _audit(db, action):
    return db.conn.execute("SELECT row_id, summary FROM audit_log WHERE action = ? ORDER BY seq",
                           (action,)).fetchall()


def test_bulk_route_change_audits_each_asset_that_changes(db, ctx):
    # Given three bridges, one already on the new route
    a = _add(db, ctx, "一号橋", route="町道旧線")
    b = _add(db, ctx, "二号橋", route="町道旧線")
    c = _add(db, ctx, "三号橋", route="町道新線")
    ids = [a.id, b.id, c.id]
    # Then the preview names only the two that will change
    assert bulk_preview(db, ids, "route", "町道新線") == [a.id, b.id]
    # When the route is set for all three
    changed = apply_bulk_change(ctx, ids, "route", " 町道新線 ")
    # Then two assets changed, each with its own audit entry
    assert changed == [a.id, b.id]
    repo = AssetRepository(db)
    assert {repo.get(i).route for i in ids} == {"町道新線"}
    assert [r["row_id"] for r in _audit(db, "update")] == [a.id, b.id]
    assert "路線名: 町道旧線 → 町道新線" in _audit(db, "update")[0]["summary"]


def test_bulk_notes_can_be_appended_and_flags_set(db, ctx):
    a = _add(db, ctx, "一号橋", notes="H30 補修済")
    b = _add(db, ctx, "二号橋")
    apply_bulk_change(ctx, [a.id, b.id], "notes", "R6 豪雨後に臨時点検", append=True)
    apply_bulk_change(ctx, [a.id, b.id], "emergency_route", True)
    repo = AssetRepository(db)
    assert repo.get(a.id).notes == "H30 補修済\nR6 豪雨後に臨時点検"
    assert repo.get(b.id).notes == "R6 豪雨後に臨時点検"
    assert repo.get(a.id).emergency_route and repo.get(b.id).emergency_route


def test_a_bulk_change_is_all_or_nothing(db, ctx):
    a = _add(db, ctx, "一号橋")
    before = db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(KeyError):
        apply_bulk_change(ctx, [a.id, new_id()], "route", "町道新線")
    assert AssetRepository(db).get(a.id).route == ""
    assert db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_the_owner_is_not_bulk_editable(db, ctx):
    a = _add(db, ctx, "一号橋")
    with pytest.raises(ValueError):
        apply_bulk_change(ctx, [a.id], "owner", "150002")


def test_retiring_keeps_the_row_with_date_and_reason(db, ctx):
    a = _add(db, ctx, "一号橋")
    retire_with_reason(ctx, a.id, on=dt.date(2024, 3, 31), reason="架替により撤去",
                       status=AssetStatus.REMOVED)
    stored = AssetRepository(db).get(a.id)
    assert stored.status is AssetStatus.REMOVED
    assert stored.attributes == {"retired_on": "2024-03-31", "retired_reason": "架替により撤去"}
    assert [r["row_id"] for r in _audit(db, "retire")] == [a.id]
    changes = json.loads(db.conn.execute(
        "SELECT changes FROM audit_log WHERE action = 'update'").fetchone()[0])
    assert "attributes" in changes


def test_retiring_needs_a_reason(db, ctx):
    a = _add(db, ctx, "一号橋")
    with pytest.raises(ValueError, match="理由"):
        retire_with_reason(ctx, a.id, on=dt.date(2024, 3, 31), reason="  ")
    assert AssetRepository(db).get(a.id).status is AssetStatus.IN_SERVICE
