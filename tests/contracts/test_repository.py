"""The contracts repository round-trips the core records and keeps residents' contacts local."""

import datetime as dt

from contracts_helpers import JV, PREF, TOWN_A, TOWN_B

from gunmane_desktop.core.contracts import (
    Bid,
    Contract,
    ContractStatus,
    Orderer,
    PaymentForm,
    Process,
    ShareMethod,
    Tender,
    TenderResult,
    cost_shares,
    failed_tender_rate,
)
from gunmane_desktop.core.performance import (
    DeductionRule,
    Kpi,
    MeasuredBy,
    Measurement,
    RequestCategory,
    ResidentContact,
    ResidentRequest,
    WorkOrder,
    response_stats,
)
from gunmane_desktop.storage.checks import run_checks
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.sync.tables import TABLE_NAMES


def _contract(ctx):
    return Contract(ctx.new_id(), PREF, "R8-橋-1", "橋梁定期点検 共同発注 (県・若葉市・雪峰村)",
                    (Orderer(PREF, 1, lead=True), Orderer(TOWN_A, 1), Orderer(TOWN_B, 1)),
                    JV, dt.date(2026, 4, 1), dt.date(2029, 3, 31), amount_yen=90_000_000,
                    budget_by_fy={2026: 30_000_000, 2027: 30_000_000, 2028: 30_000_000},
                    payment_form=PaymentForm.MIXED,
                    processes=(Process.INSPECTION, Process.REPAIR_DESIGN),
                    share_method=ShareMethod.BY_ASSETS, status=ContractStatus.ACTIVE)


def test_a_contract_round_trips_with_orderers_and_scope(db, ctx, assets):
    repo = ContractRepository(db)
    c = repo.add(ctx, _contract(ctx), scope=assets + assets[:2])
    got = repo.get(c.id)
    assert got == c
    assert len(repo.scope(c.id)) == 6
    by_owner = repo.scope_by_owner(c.id)
    assert by_owner == {PREF: 1, TOWN_A: 2, TOWN_B: 3}
    shares = cost_shares(c.amount_yen, got.orderers, got.share_method, by_owner)
    assert shares == {PREF: 15_000_000, TOWN_A: 30_000_000, TOWN_B: 45_000_000}
    assert all(r.ok for r in run_checks(db)), [r for r in run_checks(db) if not r.ok]


def test_updates_are_versioned_and_audited(db, ctx):
    repo = ContractRepository(db)
    c = repo.add(ctx, _contract(ctx))
    c.status = ContractStatus.COMPLETED
    assert set(repo.update(ctx, c)) == {"status"}
    vv = db.conn.execute("SELECT vv FROM contracts WHERE id = ?", (c.id,)).fetchone()[0]
    assert vv == '{"150002":2}'
    actions = [r[0] for r in db.conn.execute(
        "SELECT action FROM audit_log WHERE table_name = 'contracts' ORDER BY seq")]
    assert actions == ["insert", "update"]


def test_tenders_with_a_retender_feed_the_failure_rate(db, ctx):
    repo = ContractRepository(db)
    c = repo.add(ctx, _contract(ctx))
    first = repo.add_tender(ctx, Tender(ctx.new_id(), PREF, c.id, dt.date(2026, 2, 1), 95_000_000,
                                        (Bid(JV, 99_000_000),), opened_on=dt.date(2026, 2, 20)))
    assert first.result is TenderResult.OVER_CEILING
    second = repo.add_tender(ctx, Tender(ctx.new_id(), PREF, c.id, dt.date(2026, 3, 1), 95_000_000,
                                         (Bid(JV, 90_000_000), Bid("other", None)),
                                         opened_on=dt.date(2026, 3, 15), round=2,
                                         previous_id=first.id))
    assert second.result is TenderResult.AWARDED
    tenders = repo.tenders(c.id)
    assert tenders == [first, second]
    rates = failed_tender_rate(tenders, by="org", orderers=repo.orderers_by_contract())
    assert {r.key: r.rate for r in rates} == {PREF: 0.5, TOWN_A: 0.5, TOWN_B: 0.5}


def test_kpis_and_measurements_round_trip_and_a_measurement_is_replaced(db, ctx):
    repo = ContractRepository(db)
    c = repo.add(ctx, _contract(ctx))
    kpi = repo.add_kpi(ctx, Kpi(ctx.new_id(), PREF, c.id, "点検の計画どおり実施率", "%", 100.0,
                                measured_by=MeasuredBy.INSPECTIONS_ON_SCHEDULE,
                                deduction=DeductionRule(percent=1.0)))
    assert repo.kpis(c.id) == [kpi]
    repo.record_measurement(ctx, Measurement(kpi.id, "2026", 90.0))
    repo.record_measurement(ctx, Measurement(kpi.id, "2026", 100.0))
    assert repo.measurements(c.id) == [Measurement(kpi.id, "2026", 100.0)]


def test_requests_keep_the_residents_contact_in_a_local_table(db, ctx):
    repo = ContractRepository(db)
    c = repo.add(ctx, _contract(ctx))
    t0 = dt.datetime(2026, 6, 1, 8, 30)
    req = repo.add_request(ctx, ResidentRequest(ctx.new_id(), TOWN_A, t0, RequestCategory.POTHOLE,
                                                place="市道1号 役場前", contract_id=c.id),
                           ResidentContact("", "山田花子", "090-0000-0000", "若葉市1-2"))
    order = repo.add_work_order(ctx, WorkOrder(ctx.new_id(), TOWN_A, req.id, c.id, JV,
                                               t0 + dt.timedelta(hours=1)))
    repo.complete_work_order(ctx, order.id, t0 + dt.timedelta(hours=20), "常温合材で補修")
    assert repo.requests(c.id) == [req]
    assert repo.contact(req.id).name == "山田花子"
    stats = response_stats(repo.requests(c.id), repo.work_orders(c.id), as_of=t0 + dt.timedelta(days=2))
    assert stats.share_within == 100.0 and stats.mean_hours == 20.0
    # The personal data has no exchange columns and is not an exchanged table.
    cols = [r[1] for r in db.conn.execute("PRAGMA table_info(request_contacts)")]
    assert "owner" not in cols and "hlc" not in cols
    assert "request_contacts" not in TABLE_NAMES
    assert "山田花子" not in str(db.conn.execute("SELECT * FROM requests").fetchall())


def test_register_kpis_are_computed_from_inspections_and_measures(db, ctx, assets):
    # Given a contract over 6 bridges: 2 inspected in FY2026, one of them Ⅲ with a repair started
    from gunmane_desktop.core.models import Inspection, Measure, MeasureStatusId
    from gunmane_desktop.storage.inspections import InspectionRepository
    from gunmane_desktop.storage.measures import MeasureRepository

    repo = ContractRepository(db)
    c = repo.add(ctx, _contract(ctx), scope=assets)
    insp = InspectionRepository(db)
    insp.add(ctx, Inspection(ctx.new_id(), PREF, assets[0], dt.date(2021, 6, 1), "soundness", "II"))
    insp.add(ctx, Inspection(ctx.new_id(), PREF, assets[0], dt.date(2026, 6, 1), "soundness", "II"))
    third = insp.add(ctx, Inspection(ctx.new_id(), TOWN_A, assets[1], dt.date(2026, 7, 1),
                                     "soundness", "III"))
    insp.add(ctx, Inspection(ctx.new_id(), TOWN_A, assets[2], dt.date(2024, 7, 1), "soundness", "IV"))
    MeasureRepository(db).add(ctx, Measure(ctx.new_id(), TOWN_A, assets[1], "repair",
                                           MeasureStatusId.STARTED, inspection_id=third.id,
                                           started_on=dt.date(2026, 9, 1)))
    on_schedule = Kpi(ctx.new_id(), PREF, c.id, "点検実施率", "%", 100.0,
                      measured_by=MeasuredBy.INSPECTIONS_ON_SCHEDULE)
    started = Kpi(ctx.new_id(), PREF, c.id, "措置着手率", "%", 80.0,
                  measured_by=MeasuredBy.MEASURES_STARTED)
    # Then: due in FY2026 = the two inspected + 3 never inspected (asset 2 was done in 2024)
    assert repo.inspections_on_schedule(c.id, 2026) == (2, 5)
    assert repo.computed_measurement(on_schedule, "2026").value == 40.0
    # and of the two Ⅲ/Ⅳ bridges one has a measure started
    assert repo.computed_measurement(started, "2026") == Measurement(started.id, "2026", 50.0, "computed")
