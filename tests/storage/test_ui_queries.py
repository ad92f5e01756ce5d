"""The queries behind the inspection and measure pages agree with the repositories and analytics."""

import datetime as dt

import pytest

from gunmane_desktop.core.models import Measure, MeasureStatusId
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import analytics
from gunmane_desktop.storage import ui_queries as uq
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.measures import MeasureRepository

TOWN = "155918"  # 雪峰村 of the demo region
PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5dd5f8d0000000049454e44ae426082")


@pytest.fixture
def region(tmp_path):
    path = tmp_path / "demo.sqlite"
    generate_region(path)
    db = Database.open(path)
    yield db
    db.close()


def test_measure_list_holds_every_live_measure_with_its_names(region):
    rows = uq.measure_list(region.conn)
    assert len(rows) == region.conn.execute(
        "SELECT count(*) FROM measures WHERE deleted = 0").fetchone()[0]
    assert {r.status_name for r in rows} <= {"計画", "着手", "完了", "中止"}
    linked = [r for r in rows if r.inspection_id]
    assert linked and all(r.grade_symbol for r in linked)
    town = uq.measure_list(region.conn, org=TOWN)
    assert town and {r.owner for r in town} == {TOWN}
    open_ = uq.measure_list(region.conn, open_only=True)
    assert {r.status for r in open_} <= {"planned", "started"}


def test_waiting_assets_are_the_urgent_items_without_a_limit(region):
    waiting = uq.assets_waiting_for_measures(region.conn)
    urgent = analytics.urgent_items(region.conn, limit=100_000)
    assert [w.asset_id for w in waiting] == [u.asset_id for u in urgent]
    assert all(w.measure_state in ("none", "planned") for w in waiting)
    town = uq.assets_waiting_for_measures(region.conn, org=TOWN)
    assert len(town) == len(analytics.urgent_items(region.conn, analytics.Scope(org=TOWN),
                                                   limit=100_000))


def test_starting_a_measure_takes_the_asset_off_the_waiting_list(region):
    # Given an asset waiting for a measure
    first = uq.assets_waiting_for_measures(region.conn)[0]
    ctx = ChangeContext(region, region.site_org, "tester", "test")
    # When a measure linked to its latest inspection is started
    MeasureRepository(region).add(ctx, Measure(
        id=ctx.new_id(), owner=region.conn.execute(
            "SELECT owner FROM assets WHERE id = ?", (first.asset_id,)).fetchone()[0],
        asset_id=first.asset_id, kind="repair", status=MeasureStatusId.STARTED,
        inspection_id=first.last_inspection_id, started_on=dt.date(2026, 11, 1)))
    # Then it is no longer listed
    assert first.asset_id not in {w.asset_id for w in uq.assets_waiting_for_measures(region.conn)}


def test_catalogue_lookups_for_the_forms(region):
    assert uq.cycle_years(region.conn, "bridge") == 5
    assert uq.cycle_years(region.conn, "other") is None
    assert "近接目視" in uq.known_methods(region.conn, "bridge")
    assert "管口カメラ調査" not in uq.known_methods(region.conn, "bridge")
    definitions = uq.grade_definitions(region.conn, "soundness")
    assert set(definitions) == {"I", "II", "III", "IV"} and "緊急" in definitions["IV"]
    assert [k for k, _ in uq.measure_kinds(region.conn)][:2] == ["repair", "reinforcement"]
    assert [s for s, _ in uq.measure_statuses(region.conn)] == [
        "planned", "started", "completed", "cancelled"]
    codes = [c for c, _ in uq.organisation_choices(region.conn)]
    assert codes[0] == "150002" and "8110001087654" in codes  # contractors can inspect too


def test_photo_links_list_only_images_of_the_row(region):
    ctx = ChangeContext(region, region.site_org, "tester", "test")
    inspection_id = region.conn.execute("SELECT id FROM inspections LIMIT 1").fetchone()[0]
    store = AttachmentStore(region)
    store.attach(ctx, "150002", "inspections", inspection_id, PNG_1PX, "image/png", "a.png")
    store.attach(ctx, "150002", "inspections", inspection_id, b"%PDF-1.4", "application/pdf",
                 "report.pdf")
    links = uq.photo_links(region.conn, "inspections", inspection_id)
    assert [filename for _, _, filename in links] == ["a.png"]
