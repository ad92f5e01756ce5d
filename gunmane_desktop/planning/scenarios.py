"""Maintenance scenarios over 10-50 fiscal years: preventive, reactive, budget-constrained.

Each asset's grade moves one year at a time by its model's annual matrix (the step matrix's
root, core.deterioration.matrix_root). At the start of each fiscal year a scenario acts on
every asset at or past its trigger grade: preventive acts from the second grade (Ⅱ, B, b,
sewer Ⅲ), reactive only at the worst (Ⅳ, D, d, sewer Ⅰ) with replacement. The measure is
the one for the grade reached (preventive repair, corrective repair, replacement) and
returns the asset to the best grade. A budget-constrained scenario wants what preventive
wants but funds, each year, the worst grades first and within a grade the most important
assets (stock.IMPORTANCE_WEIGHTS), never spending more than the annual budget; what is not
funded waits and keeps deteriorating.

Replications: the first uses the posterior mean matrices and gives the per-asset plan;
the others draw matrices from the posterior and their own deterioration, which gives the
uncertainty bands (5th-95th percentile) of costs and grade shares. Every scenario uses the
same random numbers (common random numbers), so differences between scenarios are not noise
of the draws. Simplification, stated in docs/planning.md: the grade is taken as known every
year, not only at the 5-yearly inspection.

The inner loops live in their own modules because a 500,000-asset, 50-year plan runs them
a thousand times per scenario: ageing.py (one replication's year of deterioration) and
funding.py (the budget's priority order and greedy fill). tests/planning/test_simulation_engine.py
checks them against the rules written out asset by asset.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..core.deterioration import N_GRADES, Matrix, matrix_root
from ..core.unit_costs import LIFE_POLICIES, MEASURES, UnitCostTable
from .ageing import Ageing
from .funding import FundingOrder
from .models import ModelSet
from .service_life import LifeCalendar, ages_at_start, first_end, service_lives
from .stock import Stock

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

# Measure taken at each grade index (nothing at the best grade).
MEASURE_AT_GRADE = (None, "preventive_repair", "corrective_repair", "replacement")


class PlanCancelled(Exception):
    """The user cancelled a plan run; nothing was written."""


@dataclass(frozen=True, slots=True)
class ScenarioSpec:
    name: str
    label_ja: str
    act_from: int  # grade index at and above which a measure is taken
    budget_yen: int | None = None
    #: Whose service lives apply (core.unit_costs.LIFE_POLICIES): preventive repairs carry
    #: an asset to the longer life a 長寿命化 plan aims at.
    life_policy: str = "preventive"


PREVENTIVE = ScenarioSpec("preventive", "予防保全 (Ⅱで措置)", 1)
REACTIVE = ScenarioSpec("reactive", "事後保全 (Ⅳまたは耐用年数で更新)", 3, life_policy="reactive")


def budget_constrained(budget_yen: int) -> ScenarioSpec:
    if budget_yen < 0:
        raise ValueError("budget must not be negative")
    return ScenarioSpec("budget", f"予算制約 (年 {budget_yen:,} 円, 予防保全を優先度順)", 1, int(budget_yen))


@dataclass(slots=True)
class PlanInputs:
    """Everything a scenario run needs, as arrays; built once, used for every scenario."""

    stock: Stock
    start_fy: int
    years: int
    replications: int
    seed: int
    grade0: np.ndarray  # (n,) int8, unknown grades filled from the group's current mix
    imputed: np.ndarray  # (n,) bool: grade0 was imputed
    model_idx: np.ndarray  # (n,) int32
    model_keys: list[tuple[str, str]]
    cum: np.ndarray  # (R, M, 4, 4) cumulative annual matrices, last column 2.0
    costs: np.ndarray  # (n, 4) int64: cost of acting at each grade (0 at grade 0)
    removal_cost: np.ndarray  # (n,) int64
    importance: np.ndarray  # (n,) int16
    lives: np.ndarray  # (2, n) int32: service life under LIFE_POLICIES, 0 = no limit
    life_end0: np.ndarray  # (2, n) int32: year offset at which the present life ends
    built_imputed: np.ndarray  # (n,) bool: construction year unknown, age drawn from the type's


def _cumulative(m: Matrix) -> list[list[float]]:
    out = []
    for row in m:
        acc, c = 0.0, []
        for p in row[:-1]:
            acc += p
            c.append(acc)
        c.append(2.0)
        out.append(c)
    return out


def asset_costs(stock: Stock, unit_costs: UnitCostTable) -> tuple[np.ndarray, np.ndarray]:
    """(n, 4) cost of the measure at each grade, and (n,) removal cost, in 円."""
    n = len(stock)
    costs = np.zeros((n, N_GRADES), dtype=np.int64)
    removal = np.zeros(n, dtype=np.int64)
    types = np.array(stock.asset_types, dtype=object)
    for type_id in sorted(set(stock.asset_types)):
        sel = np.flatnonzero(types == type_id)
        tc = unit_costs.for_type(type_id)
        if tc.unit == "each":
            size = np.ones(len(sel))
        elif tc.unit == "m2":
            area = stock.area_m2[sel]
            lw = stock.length_m[sel] * stock.width_m[sel]
            size = np.where(np.isfinite(area) & (area > 0), area, lw)
        else:
            size = stock.length_m[sel]
        size = np.where(np.isfinite(size) & (size > 0), size, tc.default_size)
        for g, measure in enumerate(MEASURE_AT_GRADE):
            if measure is None:
                continue
            c = tc.measures[measure]
            costs[sel, g] = np.round((c.fixed_yen + c.per_unit_yen * size) / 1000.0).astype(np.int64) * 1000
        c = tc.measures[MEASURES[3]]
        removal[sel] = np.round((c.fixed_yen + c.per_unit_yen * size) / 1000.0).astype(np.int64) * 1000
    return costs, removal


def build_inputs(stock: Stock, models: ModelSet, unit_costs: UnitCostTable, *, start_fy: int,
                 years: int, replications: int = 20, seed: int = 2026) -> PlanInputs:
    """Model matrices per replication, imputed unknown grades, costs and importance."""
    if not 1 <= years <= 100:
        raise ValueError("years must be between 1 and 100")
    if replications < 1:
        raise ValueError("replications must be at least 1")
    rng = random.Random(f"gunmane-plan:{seed}")
    keys = sorted(set(zip(stock.owners, stock.groups, strict=True)))
    index = {k: i for i, k in enumerate(keys)}
    model_idx = np.array([index[k] for k in zip(stock.owners, stock.groups, strict=True)], dtype=np.int32)
    cum = np.empty((replications, len(keys), N_GRADES, N_GRADES), dtype=np.float64)
    for m, (owner, group) in enumerate(keys):
        est = models.for_asset(owner, group)
        for r in range(replications):
            step_matrix = est.mean if r == 0 else est.sample(rng)
            cum[r, m] = _cumulative(matrix_root(step_matrix, est.step_years))
    # Never-inspected assets: drawn from the current mix of inspected assets of their group.
    grade0 = stock.grade.copy()
    unknown = grade0 < 0
    np_rng = np.random.default_rng(rng.getrandbits(63))
    groups = np.array(stock.groups, dtype=object)
    for group in sorted(set(groups[unknown])):
        sel = np.flatnonzero(unknown & (groups == group))
        known = stock.grade[(groups == group) & ~unknown]
        if len(known):
            mix = np.bincount(known, minlength=N_GRADES) / len(known)
            grade0[sel] = np_rng.choice(N_GRADES, size=len(sel), p=mix)
        else:
            grade0[sel] = 0
    costs, removal = asset_costs(stock, unit_costs)
    lives = service_lives(stock, unit_costs)
    age, built_unknown = ages_at_start(stock, start_fy, np_rng)
    life_end0 = np.stack([first_end(age, lives[k]) for k in range(len(LIFE_POLICIES))])
    return PlanInputs(stock=stock, start_fy=start_fy, years=years, replications=replications,
                      seed=seed, grade0=grade0.astype(np.int8), imputed=unknown,
                      model_idx=model_idx, model_keys=keys, cum=cum, costs=costs,
                      removal_cost=removal, importance=stock.importance(), lives=lives,
                      life_end0=life_end0, built_imputed=built_unknown)


@dataclass(slots=True)
class ScenarioResult:
    spec: ScenarioSpec
    start_fy: int
    annual_cost: np.ndarray  # (R, years) int64
    shares: np.ndarray  # (R, years, 4) float64: grade shares at the end of each fiscal year
    backlog: np.ndarray  # (R,) int64: cost of bringing every asset back to the best grade at the end
    plan_asset: np.ndarray  # first replication's measures: asset index, year offset, grade acted at
    plan_year: np.ndarray
    plan_grade: np.ndarray
    plan_cost: np.ndarray
    unfunded_last_year: int = 0  # assets wanting a measure in the final year that went unfunded
    asset_spend: np.ndarray | None = None  # (n,) mean spend per asset over the horizon
    asset_backlog: np.ndarray | None = None  # (n,) mean end-of-horizon backlog per asset
    extra: dict = field(default_factory=dict)
    #: (R,) value of the service life used up over the horizon (see _service_life_used).
    life_used: np.ndarray | None = None
    asset_life_used: np.ndarray | None = None  # (n,) its mean per asset

    @property
    def total_cost(self) -> float:
        """Mean over replications of the spend over the horizon."""
        return float(self.annual_cost.sum(axis=1).mean())

    @property
    def service_life_used(self) -> float:
        """Mean over replications of the value of service life used up, in 円."""
        return float(self.life_used.mean()) if self.life_used is not None else 0.0

    @property
    def life_cycle_cost(self) -> float:
        """Spend, plus the end-of-horizon backlog, plus the value of service life used up: the
        same valuation for every scenario, so neither a scenario that lets the stock decay
        nor one that defers renewals past the horizon looks cheap."""
        used = self.life_used if self.life_used is not None else 0
        return float((self.annual_cost.sum(axis=1) + self.backlog + used).mean())

    def to_json(self) -> dict:
        years = self.annual_cost.shape[1]
        fys = list(range(self.start_fy, self.start_fy + years))
        mean_cost = self.annual_cost.mean(axis=0)
        lo_cost, hi_cost = np.percentile(self.annual_cost, [5, 95], axis=0)
        mean_share = self.shares.mean(axis=0)
        lo_share, hi_share = np.percentile(self.shares, [5, 95], axis=0)
        out = {
            "name": self.spec.name,
            "label_ja": self.spec.label_ja,
            "budget_yen_per_year": self.spec.budget_yen,
            "total_cost_yen": round(self.total_cost),
            "life_cycle_cost_yen": round(self.life_cycle_cost),
            "end_backlog_yen": round(float(self.backlog.mean())),
            "service_life_used_yen": round(self.service_life_used),
            "fiscal_years": fys,
            "annual_cost_yen": [round(x) for x in mean_cost],
            "annual_cost_p05_yen": [round(x) for x in lo_cost],
            "annual_cost_p95_yen": [round(x) for x in hi_cost],
            "grade_share_by_year": [
                {"fiscal_year": fy, "share": [round(float(x), 4) for x in mean_share[t]],
                 "p05": [round(float(x), 4) for x in lo_share[t]],
                 "p95": [round(float(x), 4) for x in hi_share[t]]}
                for t, fy in enumerate(fys)],
            **self.extra,
        }
        if self.spec.budget_yen is not None:
            out["unfunded_in_last_year"] = self.unfunded_last_year
        return out


@dataclass(frozen=True, slots=True)
class Commitments:
    """The user's own choices a scenario carries out before funding anything else.

    ``removal_t`` is, per asset, the year offset of a decided removal (``years`` or more:
    not removed in the horizon); the asset is out of the plan from that year and its removal
    cost is charged in it. The override arrays are the plan rows set by hand: in year
    ``ov_t`` the asset ``ov_asset`` gets no measure from the scenario, and when ``ov_acts``
    the hand-set measure is taken at ``ov_cost`` (returning the asset to the best grade);
    otherwise the year is left without a measure.
    """

    removal_t: np.ndarray  # (n,) int32
    ov_asset: np.ndarray  # (k,) int64
    ov_t: np.ndarray  # (k,) int32
    ov_cost: np.ndarray  # (k,) int64
    ov_acts: np.ndarray  # (k,) bool
    ov_renews: np.ndarray | None = None  # (k,) bool: the hand-set measure is a replacement

    @classmethod
    def none(cls, n: int, years: int) -> Commitments:
        return cls(np.full(n, years, dtype=np.int32), np.empty(0, dtype=np.int64),
                   np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64), np.empty(0, dtype=bool))

    def renewals(self, t: int) -> np.ndarray:
        """Assets whose hand-set measure in year ``t`` is a replacement (a new service life)."""
        if self.ov_renews is None:
            return np.empty(0, dtype=np.int64)
        return self.ov_asset[(self.ov_t == t) & self.ov_renews]

    def any(self, years: int) -> bool:
        return bool((self.removal_t < years).any() or len(self.ov_asset))

    def committed_cost(self, t: int, removal_cost: np.ndarray) -> int:
        """What the user's choices cost in year ``t`` (removals plus hand-set measures)."""
        ov = self.ov_t == t
        return int(removal_cost[self.removal_t == t].sum()) + int(self.ov_cost[ov].sum())

    def blocked(self, t: int) -> np.ndarray:
        """Assets the scenario must not act on in year ``t``: removed, or set by hand."""
        out = self.removal_t <= t
        out[self.ov_asset[self.ov_t == t]] = True
        return out


def simulate(inputs: PlanInputs, spec: ScenarioSpec, *, progress: Progress | None = None,
             cancel: Cancel | None = None, commitments: Commitments | None = None) -> ScenarioResult:
    """Run one scenario, carrying out the user's ``commitments`` (decided removals, plan rows
    set by hand) first: they are charged in their year, and a budget scenario funds its own
    measures from what they leave of the budget. A year whose commitments alone exceed the
    budget is reported in ``extra["committed_over_budget_yen"]``, never hidden: the user's
    choices are kept, and the scenario funds nothing else that year.

    Year by year, and within a year replication by replication (act, then age the row by
    ageing.Ageing): each replication's row of grades stays in cache while it is worked on,
    and the random numbers are drawn in the same order as one (replications x assets) block
    a year, so a seed gives the same plan however the work is split.
    """
    R, years, n = inputs.replications, inputs.years, len(inputs.stock)
    ageing = Ageing(inputs.cum, inputs.model_idx)
    cost_flat = inputs.costs.reshape(-1)
    asset_base = np.arange(n, dtype=np.int64) * N_GRADES
    grade = np.broadcast_to(inputs.grade0, (R, n)).copy()
    chosen = commitments if commitments is not None and commitments.any(years) else None
    annual_cost = np.zeros((R, years), dtype=np.int64)
    shares = np.zeros((R, years, N_GRADES), dtype=np.float64)
    plan_parts: list[tuple[np.ndarray, int, np.ndarray, np.ndarray]] = []
    rng = np.random.default_rng(inputs.seed)
    unfunded = 0
    over_budget: dict[int, int] = {}
    asset_spend = np.zeros(n, dtype=np.float64)
    order = (FundingOrder(inputs.costs, inputs.importance, spec.act_from)
             if spec.budget_yen is not None else None)
    wants = np.empty(n, dtype=bool)
    gone = np.zeros(n, dtype=bool)  # removed by the end of the year
    life_k = LIFE_POLICIES.index(spec.life_policy)
    lives = LifeCalendar(inputs.life_end0[life_k], inputs.lives[life_k], R, years)
    worst = np.int8(N_GRADES - 1)
    life_ends = 0  # assets counted at the worst grade because their life ended, all replications
    for t in range(years):
        if cancel is not None and cancel():
            raise PlanCancelled
        active = None
        blocked = None  # the same, as positions in the funding order
        committed = 0
        if chosen is not None:
            active = ~chosen.blocked(t)
            committed = chosen.committed_cost(t, inputs.removal_cost)
            annual_cost[:, t] += committed
            acting = chosen.ov_asset[(chosen.ov_t == t) & chosen.ov_acts]
            np.add.at(asset_spend, chosen.ov_asset[chosen.ov_t == t], chosen.ov_cost[chosen.ov_t == t])
            grade[:, acting] = 0
            gone = chosen.removal_t <= t
            if order is not None:
                blocked = np.flatnonzero(~active[order.order])
        gone_idx = np.flatnonzero(gone)
        budget = 0
        if order is not None:
            budget = int(spec.budget_yen or 0) - committed
            if budget < 0:
                over_budget[inputs.start_fy + t] = -budget
            budget = max(budget, 0)
        for r in range(R):
            row = grade[r]
            if chosen is not None:
                lives.renewed(r, t, chosen.renewals(t))  # replaced by hand: a new life first
            ending = lives.ending(r, t)
            if len(ending):
                if len(gone_idx):
                    ending = ending[~gone[ending]]
                row[ending] = worst  # its service life is over: it needs renewing, whatever its grade
                life_ends += len(ending)
            if order is not None:
                cand, g, c, wanted = order.fund(row, budget, blocked)
                if t == years - 1 and r == 0:
                    unfunded = wanted - len(cand)
                if not wanted:
                    cand = None  # nothing wanted: no plan entry for the year, as before
            else:
                np.greater_equal(row, spec.act_from, out=wants)
                if active is not None:
                    wants &= active
                cand = np.flatnonzero(wants)
                g = row[cand]
                c = cost_flat[asset_base[cand] + g]
            if cand is not None:
                annual_cost[r, t] += int(c.sum())
                asset_spend[cand] += c / R  # each asset at most once per replication and year
                if r == 0:
                    plan_parts.append((cand, t, g, c))
                row[cand] = 0
                lives.renewed(r, t, cand[g == worst])
            ageing.step(r, row, rng)
            if len(gone_idx):
                row[gone_idx] = 0  # removed: counted out of the shares below
            shares[r, t, :] = ageing.counts(row)
        shares[:, t, 0] -= len(gone_idx)
        shares[:, t, :] /= max(n - len(gone_idx), 1)
        if progress is not None:
            progress((t + 1) / years, f"{spec.label_ja}: {inputs.start_fy + t}年度")
    backlog = np.zeros(R, dtype=np.int64)
    asset_backlog_sum = np.zeros(n, dtype=np.int64)  # exact: yen sums stay far below 2**53
    for r in range(R):
        row_backlog = cost_flat[asset_base + grade[r]]
        if gone.any():
            row_backlog[gone] = 0
        backlog[r] = row_backlog.sum()
        asset_backlog_sum += row_backlog
    asset_backlog = asset_backlog_sum / R
    life_used, asset_life_used = _service_life_used(inputs, lives, life_k, grade, gone)
    if plan_parts:
        pa = np.concatenate([p[0] for p in plan_parts])
        py = np.concatenate([np.full(len(p[0]), p[1], dtype=np.int32) for p in plan_parts])
        pg = np.concatenate([p[2] for p in plan_parts])
        pc = np.concatenate([p[3] for p in plan_parts])
    else:
        pa = py = pg = pc = np.empty(0, dtype=np.int64)
    extra = {"committed_over_budget_yen": {str(k): v for k, v in over_budget.items()}} if over_budget else {}
    extra["service_life_ends"] = round(life_ends / R, 1)
    return ScenarioResult(spec, inputs.start_fy, annual_cost, shares, backlog, pa, py, pg, pc,
                          unfunded, asset_spend, asset_backlog, extra, life_used, asset_life_used)


def _service_life_used(inputs: PlanInputs, lives: LifeCalendar, life_k: int, grade: np.ndarray,
                       gone: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(R,) value of the service life used up over the horizon, in 円 (negative: gained), and
    (n,) its mean per asset.

    The stock's remaining life is valued straight line, replacement cost times the share of
    its present life still to run, at the start and at the end; the difference is what the
    horizon consumed. An asset at the worst grade has no life left (the backlog renews it),
    a removed one counts at neither end, and a type without a service life counts nothing.
    Without it, a scenario that defers renewals past the horizon looks cheap, and one that
    renews its stock gets no credit for the new structures it leaves.
    """
    life = inputs.lives[life_k]
    replacement = inputs.costs[:, N_GRADES - 1].astype(np.float64)
    R = inputs.replications
    out = np.zeros(R, dtype=np.int64)
    per_asset = np.zeros(len(life), dtype=np.float64)
    limited = (life > 0) & ~gone
    if not limited.any():
        return out, per_asset
    share = np.zeros(len(life), dtype=np.float64)

    def value(ends: np.ndarray, at: int, grades: np.ndarray) -> np.ndarray:
        """Per asset, the value of the life left at year offset ``at`` (a fresh array)."""
        left = np.clip(ends - at, 0, life)
        np.divide(left, life, out=share, where=limited)
        share[~limited] = 0.0
        share[grades == N_GRADES - 1] = 0.0
        return replacement * share

    start = value(inputs.life_end0[life_k], 0, inputs.grade0)
    start_total = round(float(start.sum()))
    for r in range(R):
        end = value(lives.end[r], inputs.years, grade[r])
        out[r] = start_total - round(float(end.sum()))
        per_asset -= end
    per_asset /= R
    per_asset += start
    return out, per_asset
