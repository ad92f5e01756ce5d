"""Read-only queries of the 契約 page on the demo region with its demo contracts."""

import datetime as dt

import pytest

from gunmane_desktop.contracts.demo import COASTAL, FARMING, JV, PREF, add_demo_contracts
from gunmane_desktop.core.contracts import Contract, ContractStatus, Orderer
from gunmane_desktop.core.performance import response_hours
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import contract_queries as cq
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.database import Database

AS_OF = dt.datetime(2026, 10, 31, 17)


@pytest.fixture
def region(tmp_path):
    path = tmp_path / "region.sqlite"
    generate_region(path)
    ids = add_demo_contracts(path)
    db = Database.open(path)
    db.ids = ids
    yield db
    db.close()


def _effects(db):
    return cq.effects(db, as_of=AS_OF, hours_per_contract=120, hours_per_joint_orderer=24)


def test_contract_list_names_orderers_lead_first_and_the_contractor(region):
    rows = {r.contract_id: r for r in cq.contract_list(region.conn)}
    road = rows[region.ids["road_maintenance"]]
    assert road.orderer_names == ("汐見町", "稲穂町")
    assert road.contractor_name == "汐見・稲穂地域維持管理共同企業体"
    assert (road.start_on, road.end_on, road.status) == (dt.date(2026, 4, 1), dt.date(2031, 3, 31), "active")
    bridge = rows[region.ids["bridge_inspection"]]
    assert bridge.orderer_names[0] == "みどり県" and len(bridge.orderer_names) == 4


def test_choices_split_public_orderers_from_contractors(region):
    orderers = cq.orderer_choices(region.conn)
    assert orderers[0].code == PREF
    assert {o.kind for o in orderers} == {"prefecture", "municipality"}
    contractors = {c.code: c.kind for c in cq.contractor_choices(region.conn)}
    assert contractors[JV] == "jv"
    assert set(contractors.values()) <= {"company", "jv", "cooperative"}


def test_owners_of_counts_selected_assets_per_owner_across_chunks(region):
    ids = [r[0] for r in region.conn.execute("SELECT id FROM assets WHERE deleted = 0")]
    assert len(ids) > 900  # more than one chunk of bound parameters
    expected = dict(region.conn.execute(
        "SELECT owner, count(*) FROM assets WHERE deleted = 0 GROUP BY owner ORDER BY owner").fetchall())
    assert cq.owners_of(region.conn, ids + ids[:5]) == expected
    assert cq.owners_of(region.conn, []) == {}


def test_scope_per_owner_and_type_adds_up_to_the_repository_count(region):
    cid = region.ids["bridge_inspection"]
    rows = cq.scope_by_owner_and_type(region.conn, cid)
    per_owner: dict[str, int] = {}
    for r in rows:
        per_owner[r.owner] = per_owner.get(r.owner, 0) + r.assets
    assert per_owner == ContractRepository(region).scope_by_owner(cid)
    assert {r.type_name for r in rows} == {"橋梁"}


def test_request_rows_carry_contacts_and_response_times(region):
    cid = region.ids["road_maintenance"]
    repo = ContractRepository(region)
    rows = cq.request_rows(region, cid)
    assert len(rows) == 60
    orders = repo.work_orders(cid)
    for row, req in zip(rows, repo.requests(cid), strict=True):
        assert row.request_id == req.id
        assert row.contact_name == repo.contact(req.id).name
        assert row.response_hours == response_hours(req, orders)
    open_rows = [r for r in rows if r.completed_at is None]
    assert len(open_rows) == 3 and all(r.response_hours is None for r in open_rows)
    assert all(r.owner_name in ("汐見町", "稲穂町") for r in rows)


def test_effects_count_tenders_responses_kpis_and_workload(region):
    e = _effects(region)
    assert (e.tenders, e.failed_tenders) == (3, 1)
    assert e.failed_rate == pytest.approx(1 / 3)
    assert e.requests_judged == 60 and 0 < e.requests_within < 60
    assert 0 < e.kpi_periods_met < e.kpi_periods_measured
    fy2027 = next(y for y in e.years if y.fiscal_year == 2027)
    # The 5-year road contract (2 orderers) and the bridge contract (4 orderers) both run.
    assert (fy2027.bundled_contracts, fy2027.separate_contracts) == (2, 6)
    assert fy2027.staff_hours_bundled == (120 + 24) + (120 + 3 * 24)
    assert fy2027.staff_hours_separate == 6 * 120


def test_effects_leave_draft_contracts_out(region):
    before = _effects(region)
    ctx = ChangeContext(region, COASTAL, "test", "test")
    ContractRepository(region).add(ctx, Contract(
        ctx.new_id(), COASTAL, "案-1", "下書き", (Orderer(COASTAL, lead=True), Orderer(FARMING)), None,
        dt.date(2027, 4, 1), dt.date(2028, 3, 31), status=ContractStatus.DRAFT))
    assert _effects(region) == before
    assert len(cq.contract_list(region.conn)) == 3
