"""KPI compliance and residents' response times."""

import datetime as dt

from gunmane_desktop.core.performance import (
    DeductionRule,
    Direction,
    Kpi,
    MeasuredBy,
    Measurement,
    Period,
    RequestCategory,
    ResidentRequest,
    WorkOrder,
    compliance,
    compliance_table,
    period_of,
    response_measurement,
    response_stats,
)

T0 = dt.datetime(2026, 5, 1, 9, 0)


def _kpi(**kw):
    base = dict(id="k1", owner="150002", contract_id="c1", name="24時間以内の対応率", unit="%",
                target=90.0, measured_by=MeasuredBy.RESPONSE_WITHIN, period=Period.FISCAL_YEAR,
                deduction=DeductionRule(percent=2.0, per_unit_yen=10_000, cap_percent=5.0),
                params={"hours": 24})
    base.update(kw)
    return Kpi(**base)


def test_compliance_at_least_target_with_deduction_capped():
    kpi = _kpi()
    met = compliance(kpi, Measurement("k1", "2026", 95.0), period_payment_yen=10_000_000)
    assert met.met and met.deduction_yen == 0
    missed = compliance(kpi, Measurement("k1", "2026", 80.0), period_payment_yen=10_000_000)
    # 2% of 1,000万 + 10 points x 1万 = 30万, under the 5% cap (50万)
    assert not missed.met and missed.shortfall == 10.0 and missed.deduction_yen == 300_000
    worse = compliance(kpi, Measurement("k1", "2026", 0.0), period_payment_yen=10_000_000)
    assert worse.deduction_yen == 500_000


def test_compliance_at_most_and_unmeasured_periods():
    kpi = _kpi(id="k2", name="平均対応時間", unit="h", target=48, direction=Direction.AT_MOST,
               measured_by=MeasuredBy.MEAN_RESPONSE_HOURS)
    rows = compliance_table([kpi], [Measurement("k2", "2025", 50.5), Measurement("k2", "2026", 30)],
                            ["2025", "2026", "2027"])
    assert [(r.period, r.met, r.shortfall) for r in rows] == [
        ("2025", False, 2.5), ("2026", True, 0.0), ("2027", None, 0.0)]


def test_period_labels_follow_the_fiscal_year():
    assert period_of(dt.date(2027, 3, 31), Period.FISCAL_YEAR) == "2026"
    assert period_of(dt.date(2026, 4, 1), Period.QUARTER) == "2026-Q1"
    assert period_of(dt.date(2027, 1, 5), Period.QUARTER) == "2026-Q4"
    assert period_of(dt.datetime(2026, 7, 9, 3), Period.MONTH) == "2026-07"


def _req(i, hours_ago_from_t0=0):
    return ResidentRequest(f"r{i}", "152986", T0 + dt.timedelta(hours=hours_ago_from_t0),
                           RequestCategory.POTHOLE, contract_id="c1")


def _order(i, req, done_after_h):
    done = None if done_after_h is None else req.received_at + dt.timedelta(hours=done_after_h)
    return WorkOrder(f"w{i}", "152986", req.id, "c1", "XDE0000000001", req.received_at, done)


def test_response_statistics_and_the_share_within_24_hours():
    # Given 6 requests: fixed in 2, 10, 30 and 20 h, one open for 50 h, one open for 3 h
    as_of = T0 + dt.timedelta(hours=100)
    reqs = [_req(i, i) for i in range(4)] + [_req(4, 50), _req(5, 97)]
    orders = [_order(0, reqs[0], 2), _order(1, reqs[1], 10), _order(2, reqs[2], 30),
              _order(3, reqs[3], 20), _order(4, reqs[4], None), _order(5, reqs[5], None)]
    # When
    stats = response_stats(reqs, orders, limit_hours=24, as_of=as_of)
    # Then: 4 completed, 3 of them within 24 h; the 50 h open one counts as missed
    assert (stats.requests, stats.completed, stats.open) == (6, 4, 2)
    assert stats.mean_hours == 15.5 and stats.median_hours == 15.0
    assert abs(stats.p90_hours - 27.0) < 1e-9
    assert (stats.within_limit, stats.judged) == (3, 5)
    assert stats.share_within == 60.0


def test_a_request_with_two_orders_is_fixed_when_the_last_one_is_done():
    r = _req(0)
    orders = [_order(0, r, 5), _order(1, r, 26)]
    stats = response_stats([r], orders, as_of=T0 + dt.timedelta(days=5))
    assert stats.mean_hours == 26 and stats.within_limit == 0


def test_response_kpi_is_computed_per_period_and_feeds_compliance():
    reqs = [_req(0), _req(1, 24 * 400)]  # the second falls in FY2027
    orders = [_order(0, reqs[0], 3), _order(1, reqs[1], 3)]
    m = response_measurement(_kpi(), reqs, orders, "2026", as_of=T0 + dt.timedelta(days=800))
    assert m == Measurement("k1", "2026", 100.0, "computed")
    assert compliance(_kpi(), m).met
    assert response_measurement(_kpi(), reqs, orders, "2030", as_of=T0) is None
