"""Contracts in the core: cost shares, contractor rules, tenders and their failure rate."""

import datetime as dt

import pytest

from gunmane_desktop.core.contracts import (
    Bid,
    Contract,
    Orderer,
    ShareMethod,
    Tender,
    TenderResult,
    allocate,
    cost_shares,
    failed_tender_rate,
    judge,
    retender_chain,
    shares_by_fiscal_year,
    validate_contractor,
)
from gunmane_desktop.core.organisations import Organisation, OrgKind

PREF, A, B = "150002", "152986", "155918"


def _contract(**kw):
    base = dict(id="c1", owner=PREF, number="R7-1", title="橋梁点検 共同発注",
                orderers=(Orderer(PREF, 2, lead=True), Orderer(A, 1), Orderer(B, 1)),
                contractor=None, start_on=dt.date(2025, 4, 1), end_on=dt.date(2030, 3, 31))
    base.update(kw)
    return Contract(**base)


def test_fixed_ratio_shares_add_up_to_the_total_in_whole_yen():
    # Given ratios 2:1:1 and a total that does not divide evenly
    shares = cost_shares(100_000_001, _contract().orderers, ShareMethod.FIXED)
    # Then the shares add up exactly and follow the ratios
    assert sum(shares.values()) == 100_000_001
    assert shares == {PREF: 50_000_001, A: 25_000_000, B: 25_000_000}


def test_shares_by_assets_owned_in_scope():
    shares = cost_shares(90_000_000, _contract().orderers, ShareMethod.BY_ASSETS,
                         {PREF: 10, A: 50, B: 30})
    assert shares == {PREF: 10_000_000, A: 50_000_000, B: 30_000_000}


def test_an_orderer_without_assets_in_scope_pays_nothing_and_foreign_owners_are_refused():
    shares = cost_shares(1_000, _contract().orderers, ShareMethod.BY_ASSETS, {A: 3})
    assert shares == {PREF: 0, A: 1_000, B: 0}
    with pytest.raises(ValueError):
        cost_shares(1_000, _contract().orderers, ShareMethod.BY_ASSETS, {"999999": 3})


def test_allocate_is_exact_and_deterministic_for_thirds():
    assert allocate(100, {"x": 1, "y": 1, "z": 1}) == {"x": 34, "y": 33, "z": 33}
    assert allocate(0, {"x": 1}) == {"x": 0}


def test_shares_per_fiscal_year_follow_the_debt_burden_amounts():
    c = _contract(budget_by_fy={2025: 40_000_000, 2026: 20_000_000})
    per_year = shares_by_fiscal_year(c)
    assert per_year[2025] == {PREF: 20_000_000, A: 10_000_000, B: 10_000_000}
    assert sum(per_year[2026].values()) == 20_000_000


def test_contract_validation_names_the_fields():
    c = _contract(title=" ", budget_by_fy={2031: 1}, end_on=dt.date(2024, 1, 1))
    fields = {e.field for e in c.validate()}
    assert {"title", "budget_by_fy", "end_on"} <= fields
    assert _contract(budget_by_fy={2025: 5}, amount_yen=4).validate() == []
    assert _contract().fiscal_years == (2025, 2026, 2027, 2028, 2029)


def test_a_jv_needs_members_and_a_representative_among_them():
    ok = Organisation("XDE0000000001", OrgKind.JV, "JV", members=("1", "2"), representative="1")
    bad = Organisation("XDE0000000002", OrgKind.JV, "JV", members=("1",), representative="3")
    town = Organisation(A, OrgKind.MUNICIPALITY, "若葉市")
    assert validate_contractor(ok) == []
    assert len(validate_contractor(bad)) == 2
    assert validate_contractor(town)


def _tender(tid, day, bids, ceiling=100, prev=None, rnd=1, contract="c1", owner=PREF):
    t = Tender(tid, owner, contract, day, ceiling, tuple(Bid(b, a) for b, a in bids),
               round=rnd, previous_id=prev)
    t.result = judge(t)
    return t


def test_tender_results_follow_the_bids():
    assert _tender("t", dt.date(2025, 5, 1), []).result is TenderResult.NO_BID
    assert _tender("t", dt.date(2025, 5, 1), [("x", None)]).result is TenderResult.NO_BID
    over = _tender("t", dt.date(2025, 5, 1), [("x", 120), ("y", 101)])
    assert over.result is TenderResult.OVER_CEILING and over.lowest_bid_yen == 101
    won = _tender("t", dt.date(2025, 5, 1), [("x", 99), ("y", 95)])
    assert won.result is TenderResult.AWARDED and won.winner == "y"
    won.result = TenderResult.NO_BID
    assert [e.field for e in won.validate()] == ["result"]


def test_failed_tender_rate_per_year_and_per_orderer_with_a_retender_chain():
    # Given FY2025: a 不調 and its re-tender awarded, a 不落 and an award; FY2026: one award
    t1 = _tender("t1", dt.date(2025, 6, 1), [])
    t2 = _tender("t2", dt.date(2025, 7, 1), [("x", 90)], prev="t1", rnd=2)
    t3 = _tender("t3", dt.date(2025, 9, 1), [("x", 150)], contract="c2", owner=A)
    t4 = _tender("t4", dt.date(2026, 1, 10), [("x", 80)], contract="c2", owner=A)
    t5 = _tender("t5", dt.date(2026, 4, 10), [("y", 80)], contract="c3", owner=B)
    tenders = [t1, t2, t3, t4, t5]
    # Then
    by_year = {r.key: (r.failed, r.tenders) for r in failed_tender_rate(tenders)}
    assert by_year == {2025: (2, 4), 2026: (0, 1)}
    by_org = {r.key: r.rate for r in failed_tender_rate(
        tenders, by="org", orderers={"c1": [PREF, A], "c2": [A], "c3": [B]})}
    assert by_org == {PREF: 0.5, A: 0.5, B: 0.0}
    assert [t.id for t in retender_chain(tenders, "t2")] == ["t1", "t2"]


def test_an_active_contract_needs_a_contractor():
    from gunmane_desktop.core.contracts import ContractStatus
    assert [e.field for e in _contract(status=ContractStatus.ACTIVE).validate()] == ["contractor"]
    assert _contract(status=ContractStatus.ACTIVE, contractor="XDE0000000001").validate() == []
