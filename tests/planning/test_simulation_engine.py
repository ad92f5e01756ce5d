"""The fast scenario engine does exactly what the plain rules say.

The simulation works on whole replication rows, ages only the assets that move, and fills
the budget from a static order in chunks (docs/performance.md: 500,000 assets). Each test
here writes the rule out plainly, asset by asset, and checks the engine reproduces it to
the yen and the last grade on the same random numbers.
"""

import sqlite3

import numpy as np
import pytest

from gunmane_desktop.core.unit_costs import LIFE_POLICIES
from gunmane_desktop.planning.funding import FundingOrder, fund_in_order
from gunmane_desktop.planning.scenarios import (
    PREVENTIVE,
    REACTIVE,
    Commitments,
    PlanInputs,
    budget_constrained,
    simulate,
)
from gunmane_desktop.planning.service_life import first_end
from gunmane_desktop.planning.stock import Stock, load_stock


def plain_greedy(costs: list[int], budget: int) -> list[int]:
    """docs/planning.md §3: fund in order, skip what does not fit, three passes."""
    remaining, chosen, items = budget, [], list(range(len(costs)))
    for _ in range(3):
        items = [i for i in items if costs[i] <= remaining]
        for k, i in enumerate(items):
            if costs[i] <= remaining:
                chosen.append(i)
                remaining -= costs[i]
            else:
                items = items[k + 1:]  # the one that did not fit is skipped
                break
        else:
            items = []
    return chosen


@pytest.mark.parametrize("seed", range(6))
def test_budget_fill_matches_the_plain_three_pass_rule(seed):
    rng = np.random.default_rng(seed)
    # Long enough to cross the engine's chunk boundaries; a mix of cheap repairs and
    # replacements that do not fit, with a few free items.
    n = int(rng.integers(1, 30_000))
    cost = rng.choice([0, 1_000, 5_000, 20_000, 300_000, 9_000_000], size=n,
                      p=[0.01, 0.3, 0.3, 0.2, 0.15, 0.04]).astype(np.int64)
    for budget in (0, 1_000, 4_000_000, int(cost.sum() // 3), int(cost.sum())):
        assert fund_in_order(cost, budget).tolist() == plain_greedy(cost.tolist(), budget)


def test_budget_fill_stops_after_three_skips_however_long_the_list():
    # Given 5,000 cheap items and then, far down the list, three that each end a pass
    cost = np.array([1] * 5_000 + [10_000, 5_000, 2_000, 60, 50, 1, 1, 1], dtype=np.int64)
    funded = fund_in_order(cost, 10_100).tolist()
    # The 10,000, the 2,000 and the 50 each end a pass (skipped); the 1s after the third are not reached
    assert funded == [*range(5_000), 5_001, 5_003]
    assert funded == plain_greedy(cost.tolist(), 10_100)


def test_funding_order_is_grade_then_static_priority_with_blocked_assets_left_out():
    rng = np.random.default_rng(7)
    n = 5_000
    costs = np.zeros((n, 4), dtype=np.int64)
    costs[:, 1:] = np.sort(rng.integers(1, 500, size=(n, 3)), axis=1) * 1000
    importance = rng.choice([0, 0, 0, 2, 8], size=n).astype(np.int16)
    grade = rng.choice(4, size=n, p=[0.4, 0.3, 0.2, 0.1]).astype(np.int8)
    order = FundingOrder(costs, importance, act_from=1)
    rank = {int(a): p for p, a in enumerate(np.lexsort((costs[:, 2], -importance.astype(np.int32))))}
    blocked_assets = set(rng.choice(n, size=300, replace=False).tolist())
    blocked = np.array(sorted(rank[a] for a in blocked_assets), dtype=np.int64)
    wanting = sorted((a for a in range(n) if grade[a] >= 1 and a not in blocked_assets),
                     key=lambda a: (-grade[a], rank[a]))
    for budget in (0, 2_000_000, 60_000_000, 10**12):
        idx, g, c, wanted = order.fund(grade, budget, blocked)
        funded = [wanting[k] for k in plain_greedy([int(costs[a, grade[a]]) for a in wanting], budget)]
        assert idx.tolist() == funded
        assert g.tolist() == [int(grade[a]) for a in funded]
        assert c.tolist() == [int(costs[a, grade[a]]) for a in funded]
        assert c.sum() <= budget
        assert wanted == len(wanting)


def _inputs(n=400, replications=3, years=15, seed=11) -> PlanInputs:
    """A small synthetic stock with fast-moving models; one matrix can also improve (below
    the diagonal), which the engine must handle by counting every asset out in full. Half
    the assets have short service lives (some already over when the plan starts), so lives
    end, and begin again after renewals, several times within the horizon."""
    rng = np.random.default_rng(seed)
    models = 4
    cum = np.empty((replications, models, 4, 4))
    for r in range(replications):
        for m in range(models):
            p = np.triu(rng.random((4, 4)) + np.eye(4) * 3)
            if m == 2:
                p[1, 1] = 0.0  # grade II never stays
            if m == 3:
                p[2, 0] = 0.4  # a recovery without a measure
            p /= p.sum(axis=1, keepdims=True)
            c = np.cumsum(p, axis=1)
            c[:, -1] = 2.0
            cum[r, m] = c
    costs = np.zeros((n, 4), dtype=np.int64)
    costs[:, 1:] = np.sort(rng.integers(1, 300, size=(n, 3)), axis=1) * 10_000
    stock = Stock(ids=[f"a{i}" for i in range(n)], names=[""] * n, owners=["o"] * n,
                  asset_types=["bridge"] * n, groups=["bridge"] * n,
                  grade=np.zeros(n, np.int8), last_fy=np.zeros(n, np.int32),
                  area_m2=np.ones(n), length_m=np.ones(n), width_m=np.ones(n),
                  built_year=np.zeros(n, np.int32), emergency_route=np.zeros(n, bool),
                  over_railway=np.zeros(n, bool), over_road=np.zeros(n, bool),
                  detour=np.full(n, -1, np.int8), heavy_traffic=np.zeros(n, bool))
    lives = np.zeros((2, n), dtype=np.int32)
    limited = rng.random(n) < 0.5
    lives[0, limited] = rng.integers(3, 12, size=limited.sum())
    lives[1, limited] = lives[0, limited] + rng.integers(2, 8, size=limited.sum())
    age = rng.integers(0, 20, size=n).astype(np.int32)
    return PlanInputs(stock=stock, start_fy=2026, years=years, replications=replications, seed=seed,
                      grade0=rng.choice(4, size=n).astype(np.int8), imputed=np.zeros(n, bool),
                      model_idx=rng.integers(0, models, size=n).astype(np.int32),
                      model_keys=[("o", f"g{m}") for m in range(models)], cum=cum, costs=costs,
                      removal_cost=rng.integers(1, 100, size=n) * 100_000,
                      importance=rng.choice([0, 1, 8], size=n).astype(np.int16), lives=lives,
                      life_end0=np.stack([first_end(age, lives[k]) for k in range(2)]),
                      built_imputed=np.zeros(n, bool))


def plain_simulation(inputs: PlanInputs, spec, commitments: Commitments):
    """The scenario rules asset by asset: each year the user's choices, then the assets whose
    service life ends count at the worst grade, then the scenario's own measures (by the
    budget if any; a measure at the worst grade is a renewal and starts a new life), then
    each asset ages by its model's row."""
    R, years, n = inputs.replications, inputs.years, len(inputs.stock)
    c32 = inputs.cum.astype(np.float32)
    costs = inputs.costs.tolist()
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((inputs.costs[:, 2], -inputs.importance.astype(np.int32)))] = np.arange(n)
    rng = np.random.default_rng(inputs.seed)
    grade = [inputs.grade0.tolist() for _ in range(R)]
    annual = np.zeros((R, years), dtype=np.int64)
    shares = np.zeros((R, years, 4))
    plan = []
    removal_t = commitments.removal_t.tolist()
    policy = LIFE_POLICIES.index(spec.life_policy)
    life = inputs.lives[policy].tolist()
    end = [inputs.life_end0[policy].tolist() for _ in range(R)]
    renews = ([False] * len(commitments.ov_asset) if commitments.ov_renews is None
              else commitments.ov_renews)
    for t in range(years):
        removed = {i for i in range(n) if removal_t[i] <= t}
        hand_set = {int(a): (int(c), bool(acts), bool(new)) for a, tt, c, acts, new in zip(
            commitments.ov_asset, commitments.ov_t, commitments.ov_cost, commitments.ov_acts, renews,
            strict=True) if tt == t}
        committed = (sum(int(inputs.removal_cost[i]) for i in range(n) if removal_t[i] == t)
                     + sum(c for c, _, _ in hand_set.values()))
        for r in range(R):
            row = grade[r]
            annual[r, t] += committed
            for a, (_, acts, new) in hand_set.items():
                if acts:
                    row[a] = 0
                if new and life[a]:
                    end[r][a] = t + life[a]
            for i in range(n):
                if end[r][i] == t and i not in removed:
                    row[i] = 3
            wanting = [i for i in range(n)
                       if row[i] >= spec.act_from and i not in removed and i not in hand_set]
            if spec.budget_yen is not None:
                wanting.sort(key=lambda i, row=row: (-row[i], rank[i]))
                left = max(spec.budget_yen - committed, 0)
                funded = plain_greedy([costs[i][row[i]] for i in wanting], left)
                wanting = [wanting[k] for k in funded]
            for i in wanting:
                annual[r, t] += costs[i][row[i]]
                if r == 0:
                    plan.append((i, t, row[i], costs[i][row[i]]))
                if row[i] == 3 and life[i]:
                    end[r][i] = t + life[i]
                row[i] = 0
            u = rng.random(n, dtype=np.float32)
            m = inputs.model_idx
            for i in range(n):
                row[i] = sum(int(u[i] >= c32[r, m[i], row[i], j]) for j in range(3))
            for i in removed:
                row[i] = 0
            for k in range(4):
                shares[r, t, k] = sum(1 for i in range(n) if row[i] == k and i not in removed)
            shares[r, t] /= max(n - len(removed), 1)
    removed = {i for i in range(n) if removal_t[i] < years}
    backlog = [sum(costs[i][grade[r][i]] for i in range(n) if i not in removed) for r in range(R)]

    def life_value(ends, at, grades):
        return sum(costs[i][3] * min(max(ends[i] - at, 0), life[i]) / life[i] for i in range(n)
                   if life[i] and i not in removed and grades[i] != 3)

    start = life_value(inputs.life_end0[policy].tolist(), 0, inputs.grade0.tolist())
    used = [start - life_value(end[r], years, grade[r]) for r in range(R)]
    return annual, shares, backlog, plan, used


def _choices(inputs: PlanInputs) -> Commitments:
    n, years = len(inputs.stock), inputs.years
    none = Commitments.none(n, years)
    removal_t = none.removal_t.copy()
    removal_t[[3, 50, 51]] = [0, 4, years - 1]
    return Commitments(removal_t, np.array([7, 8, 9, 60]), np.array([0, 2, 5, 6], dtype=np.int32),
                       np.array([5_000_000, 0, 40_000_000, 1_000_000]), np.array([True, False, True, True]),
                       np.array([False, False, True, False]))  # asset 9 replaced by hand


@pytest.mark.parametrize("spec", [PREVENTIVE, REACTIVE, budget_constrained(0),
                                  budget_constrained(3_000_000), budget_constrained(30_000_000)],
                         ids=lambda s: f"{s.name}-{s.budget_yen}")
@pytest.mark.parametrize("with_choices", [False, True])
def test_simulation_follows_the_plain_rules(spec, with_choices):
    inputs = _inputs()
    n = len(inputs.stock)
    commitments = _choices(inputs) if with_choices else Commitments.none(n, inputs.years)
    result = simulate(inputs, spec, commitments=commitments)
    annual, shares, backlog, plan, used = plain_simulation(inputs, spec, commitments)
    assert result.extra["service_life_ends"] > 0
    assert result.life_used.tolist() == pytest.approx(used, abs=2)
    assert result.annual_cost.tolist() == annual.tolist()
    assert result.shares.tolist() == shares.tolist()
    assert result.backlog.tolist() == backlog
    engine_plan = list(zip(result.plan_asset.tolist(), result.plan_year.tolist(), result.plan_grade.tolist(),
                           result.plan_cost.tolist(), strict=True))
    assert engine_plan == plan
    if spec.budget_yen is not None and not with_choices:
        assert result.annual_cost.max() <= spec.budget_yen


def test_detour_and_heavy_traffic_are_read_from_the_attributes(region_path, tmp_path):
    copy = tmp_path / "copy.gunmane"
    with sqlite3.connect(region_path) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    recorded = {'{"detour_available": true}': (1, False), '{"detour_available": "有"}': (1, False),
                '{"detour_available": false}': (0, False), '{"detour": "なし"}': (0, False),
                '{"traffic_class": "N6", "spans": 2}': (-1, True), '{"traffic_class": "N3"}': (-1, False),
                '{"detour_available": "yes", "traffic_class": "多"}': (1, True)}
    with sqlite3.connect(copy) as conn:
        seqs = [s for (s,) in conn.execute(
            "SELECT seq FROM assets WHERE deleted = 0 AND status = 'in_service' ORDER BY seq LIMIT ?",
            (len(recorded),))]
        for seq, text in zip(seqs, recorded, strict=True):
            conn.execute("UPDATE assets SET attributes = ? WHERE seq = ?", (text, seq))
    with sqlite3.connect(copy) as conn:
        stock = load_stock(conn)
    k = len(recorded)
    assert stock.detour[:k].tolist() == [d for d, _ in recorded.values()]
    assert stock.heavy_traffic[:k].tolist() == [h for _, h in recorded.values()]
    assert (stock.detour[k:] == -1).all()  # the demo register records no detours
