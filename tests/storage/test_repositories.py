"""The register, inspection history and measures as the repositories keep them."""

import datetime as dt
import json
import sqlite3

import pytest

from gunmane_desktop.core import versions
from gunmane_desktop.core.ids import is_uuid7, new_id
from gunmane_desktop.core.models import (
    Asset,
    AssetStatus,
    Inspection,
    Measure,
    MeasureStatusId,
    MemberFinding,
    ValidationError,
)
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.storage.measures import MeasureRepository

TOWN = "011002"  # the town of the conftest fixtures


def _bridge(**kw) -> Asset:
    base = {"id": new_id(), "owner": TOWN, "asset_type": "橋梁", "name": "豊平橋",
            "route": "市道豊平線", "built_year": 1970, "built_year_text": "S45", "length_m": 12.5}
    return Asset(**{**base, **kw})


def _status(db, asset_id):
    return db.conn.execute("SELECT s.* FROM asset_status s JOIN assets a ON a.seq = s.asset_seq "
                           "WHERE a.id = ?", (asset_id,)).fetchone()


def test_added_asset_carries_the_exchange_columns(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    row = db.conn.execute("SELECT * FROM assets WHERE id = ?", (asset.id,)).fetchone()
    assert is_uuid7(row["id"])
    assert row["asset_type"] == "bridge"  # the Japanese name was normalised to the id
    assert row["owner"] == TOWN and row["deleted"] == 0
    assert versions.loads(row["vv"]) == {TOWN: 1}
    assert row["hlc"].endswith(TOWN)
    assert row["modified_by"] == f"{TOWN}:tanaka"
    assert row["built_year_text"] == "S45"


def test_edit_bumps_the_version_and_writes_a_readable_audit_entry(db, ctx):
    repo = AssetRepository(db)
    asset = repo.add(ctx, _bridge())
    asset.width_m = 5.5
    asset.route = "市道新線"
    changes = repo.update(ctx, asset)
    assert changes == {"width_m": (None, 5.5), "route": ("市道豊平線", "市道新線")}
    row = db.conn.execute("SELECT vv FROM assets WHERE id = ?", (asset.id,)).fetchone()
    assert versions.loads(row["vv"]) == {TOWN: 2}
    audit = db.conn.execute("SELECT * FROM audit_log WHERE row_id = ? AND action = 'update'",
                            (asset.id,)).fetchone()
    assert "幅員 (m): (空欄) → 5.5" in audit["summary"]
    assert "路線名: 市道豊平線 → 市道新線" in audit["summary"]
    assert json.loads(audit["changes"])["width_m"] == [None, 5.5]
    assert audit["actor"] == f"{TOWN}:tanaka"


def test_saving_without_changes_makes_no_new_version(db, ctx):
    repo = AssetRepository(db)
    asset = repo.add(ctx, _bridge())
    assert repo.update(ctx, asset) == {}
    assert db.conn.execute("SELECT vv FROM assets").fetchone()[0] == versions.dumps({TOWN: 1})


def test_invalid_asset_reports_every_field(db, ctx):
    with pytest.raises(ValidationError) as exc:
        AssetRepository(db).add(ctx, _bridge(name=" ", lat=10.0, lon=140.0, length_m=-1))
    fields = {e.field for e in exc.value.errors}
    assert fields == {"name", "lat", "length_m"}
    assert db.conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 0


def test_retired_assets_stay_with_their_history(db, ctx):
    repo = AssetRepository(db)
    asset = repo.add(ctx, _bridge())
    InspectionRepository(db).add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2020, 6, 1),
                                                 "soundness", "II"))
    repo.retire(ctx, asset.id, AssetStatus.REMOVED)
    assert repo.get(asset.id).status is AssetStatus.REMOVED
    assert len(InspectionRepository(db).history(asset.id)) == 1
    assert db.conn.execute("SELECT action FROM audit_log WHERE row_id = ? ORDER BY seq DESC",
                           (asset.id,)).fetchone()[0] == "retire"


def test_inspection_history_is_append_only(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    insp = InspectionRepository(db).add(ctx, Inspection(new_id(), TOWN, asset.id,
                                                        dt.date(2020, 6, 1), "soundness", "II"))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.conn.execute("UPDATE inspections SET grade = 'I' WHERE id = ?", (insp.id,))
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.conn.execute("DELETE FROM inspections")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.conn.execute("DELETE FROM audit_log")


def test_a_correction_supersedes_without_erasing(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    repo = InspectionRepository(db)
    wrong = repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2020, 6, 1), "soundness", "IV"))
    repo.correct(ctx, wrong.id, Inspection(new_id(), TOWN, asset.id, dt.date(2020, 6, 1),
                                           "soundness", "II", findings="入力誤りの訂正"))
    assert [i.grade for i in repo.history(asset.id)] == ["II"]
    assert [i.grade for i in repo.history(asset.id, include_superseded=True)] == ["IV", "II"]
    assert _status(db, asset.id)["grade"] == "II"


def test_member_findings_are_kept_in_order(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    members = (MemberFinding("主桁", "腐食", "d", "III", "C1"),
               MemberFinding("床版", "床版ひびわれ", "c", "II", "B"))
    insp = InspectionRepository(db).add(ctx, Inspection(new_id(), TOWN, asset.id,
                                                        dt.date(2024, 6, 1), "soundness", "III",
                                                        members=members))
    assert InspectionRepository(db).get(insp.id).members == members


def test_inspection_with_a_grade_outside_its_scale_is_refused(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    with pytest.raises(ValidationError, match="grade"):
        InspectionRepository(db).add(ctx, Inspection(new_id(), TOWN, asset.id,
                                                     dt.date(2024, 6, 1), "soundness", "D"))


def test_status_follows_the_latest_inspection_and_its_measures(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    insp_repo, measures = InspectionRepository(db), MeasureRepository(db)
    assert _status(db, asset.id)["grade"] is None  # not inspected yet
    insp_repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2019, 6, 1), "soundness", "II"))
    latest = insp_repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2024, 6, 1),
                                           "soundness", "III"))
    status = _status(db, asset.id)
    assert (status["grade"], status["next_due_fy"], status["action_required"]) == ("III", 2029, 1)
    assert status["measure_state"] == "none"
    m = measures.add(ctx, Measure(new_id(), TOWN, asset.id, "repair", MeasureStatusId.PLANNED,
                                  "断面修復", latest.id, planned_fy=2026))
    assert _status(db, asset.id)["measure_state"] == "planned"
    m.status, m.started_on = MeasureStatusId.STARTED, dt.date(2026, 7, 1)
    measures.update(ctx, m)
    assert _status(db, asset.id)["measure_state"] == "started"
    m.status, m.completed_on = MeasureStatusId.COMPLETED, dt.date(2026, 10, 1)
    measures.update(ctx, m)
    assert _status(db, asset.id)["measure_state"] == "completed"


def test_a_measure_completed_before_the_latest_inspection_does_not_count(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    insp_repo = InspectionRepository(db)
    first = insp_repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2015, 6, 1),
                                          "soundness", "III"))
    MeasureRepository(db).add(ctx, Measure(new_id(), TOWN, asset.id, "repair",
                                           MeasureStatusId.COMPLETED, "断面修復", first.id,
                                           started_on=dt.date(2016, 5, 1),
                                           completed_on=dt.date(2016, 12, 1)))
    insp_repo.add(ctx, Inspection(new_id(), TOWN, asset.id, dt.date(2021, 6, 1), "soundness", "III"))
    assert _status(db, asset.id)["measure_state"] == "none"


def test_attachments_are_stored_once_by_content(db, ctx):
    asset = AssetRepository(db).add(ctx, _bridge())
    store = AttachmentStore(db)
    photo = b"\x89PNG" + bytes(range(256)) * 10
    store.attach(ctx, TOWN, "assets", asset.id, photo, "image/png", "a.png")
    store.attach(ctx, TOWN, "assets", asset.id, photo, "image/png", "copy-of-a.png")
    assert db.conn.execute("SELECT count(*) FROM attachments").fetchone()[0] == 1
    links = store.links("assets", asset.id)
    assert [link["filename"] for link in links] == ["a.png", "copy-of-a.png"]
    assert store.get(links[0]["sha256"]) == photo
