"""The user's plan choices travel like the town's other rows: decisions and plan rows set by
hand go from the town to its lead, tombstones included; the lead cannot decide for a town."""

from __future__ import annotations

from sync_helpers import LEAD, TOWN_A, exchange

from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.plan_decisions import (
    PlanDecision,
    PlanDecisionRepository,
    PlanOverride,
    read_decisions,
    read_overrides,
)


def _asset(db, owner):
    return db.conn.execute("SELECT id FROM assets WHERE owner = ? AND deleted = 0 ORDER BY id LIMIT 1",
                           (owner,)).fetchone()[0]


def test_a_towns_decision_and_override_reach_the_lead_and_so_does_their_withdrawal(sites):
    # Given town A's decision about one of its bridges and a plan row it set by hand
    lead, a = sites["lead"], sites["a"]
    asset = _asset(a, TOWN_A)
    ctx = ChangeContext(a, TOWN_A, "staff", "test")
    repo = PlanDecisionRepository(a)
    repo.decide(ctx, PlanDecision(asset, "remove", 2028, "迂回路あり", 9_000_000))
    repo.set_row(ctx, PlanOverride(asset, 2027, "corrective_repair", 4_000_000, "補正予算"))

    # When A sends its changes to the lead
    result = exchange(a, lead, to=LEAD)

    # Then the lead holds both, owned by A with A's versions
    assert result.applied
    assert read_decisions(lead.conn)[asset].fiscal_year == 2028
    assert read_overrides(lead.conn)[(asset, 2027)].cost_yen == 4_000_000
    for t in ("plan_decisions", "plan_overrides"):
        here = a.conn.execute(f"SELECT owner, vv FROM {t}").fetchone()
        there = lead.conn.execute(f"SELECT owner, vv FROM {t}").fetchone()
        assert tuple(here) == tuple(there) and here["owner"] == TOWN_A

    # When A withdraws both and sends again
    repo.withdraw(ctx, asset)
    repo.revert(ctx, asset, 2027)
    exchange(a, lead, to=LEAD)

    # Then the lead has nothing in force either
    assert read_decisions(lead.conn) == {} and read_overrides(lead.conn) == {}


def test_the_lead_cannot_decide_for_a_town_without_a_delegation(sites):
    # Given the lead's decision about a bridge of town A, written in the lead's file
    lead, a = sites["lead"], sites["a"]
    asset = _asset(lead, TOWN_A)
    PlanDecisionRepository(lead).decide(ChangeContext(lead, LEAD, "lead", "test"),
                                        PlanDecision(asset, "remove"))

    # When it is sent to A, A refuses the row: decisions about A's assets are A's
    result = exchange(lead, a, to=TOWN_A)
    assert any(r.table == "plan_decisions" for r in result.preview.rejections)
    assert read_decisions(a.conn) == {}
