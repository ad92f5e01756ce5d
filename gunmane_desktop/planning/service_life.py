"""End of service life: the years in which assets must be renewed whatever their grade.

A grade-only Markov model has no memory of age: with the illustrative bridge matrix a
bridge left alone takes about 290 years on average to reach Ⅳ, so "wait and replace at
Ⅳ" looks nearly free over 30 years. Municipal 長寿命化修繕計画 compare the policies on
service lives instead: under 事後保全 a structure is renewed at about its statutory life
(60 years for a concrete bridge), under 予防保全 the repairs carry it to the life the plan
aims at (100 years). The engine does both: grades move by the matrices, and an asset whose
service life under the scenario's policy ends is counted at the worst grade that year, so
the scenario renews it (or, under a budget, funds it with the worst grades first). A
renewal starts a new life; a repair does not.

Ages come from the construction year. An unknown year (35-45% of a town's bridges) is
drawn from the known years of the same asset type. An asset already past its life when the
plan starts is due within the first inspection cycle: spread evenly over the first five
years by its position, not all renewed in the first year.

One calendar per scenario run: which assets reach the end of their life in each year, per
replication (a renewal moves an asset's next end by its life, and replications renew at
different times). Only the assets that expire or are renewed are touched in a year, so the
calendar adds little to a 500,000-asset plan.
"""

from __future__ import annotations

import numpy as np

from ..core.unit_costs import LIFE_POLICIES, UnitCostTable
from .stock import Stock

# An asset already past its life at the start is due within the first inspection cycle.
OVERDUE_SPREAD_YEARS = 5
NO_LIFE = 0


def service_lives(stock: Stock, unit_costs: UnitCostTable) -> np.ndarray:
    """(2, n) int32: each asset's life in years under (reactive, preventive); 0 = no limit."""
    lives = np.zeros((len(LIFE_POLICIES), len(stock)), dtype=np.int32)
    types = np.array(stock.asset_types, dtype=object)
    for type_id in sorted(set(stock.asset_types)):
        life = unit_costs.for_type(type_id).service_life
        if life:
            sel = types == type_id
            for k, policy in enumerate(LIFE_POLICIES):
                lives[k, sel] = life[policy]
    return lives


def ages_at_start(stock: Stock, start_fy: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(n,) int32 age at the start of the plan, and (n,) bool: the construction year was unknown.

    Unknown years are drawn from the known years of the same type; a type with no known
    year at all gets age -1 (no end of life is applied to it).
    """
    built = stock.built_year.astype(np.int32)
    unknown = built <= 0
    age = np.where(unknown, -1, np.maximum(start_fy - built, 0)).astype(np.int32)
    types = np.array(stock.asset_types, dtype=object)
    for type_id in sorted(set(types[unknown])):
        sel = np.flatnonzero(unknown & (types == type_id))
        known = age[(types == type_id) & ~unknown]
        if len(known):
            age[sel] = rng.choice(known, size=len(sel))
    return age, unknown


def first_end(age: np.ndarray, life: np.ndarray) -> np.ndarray:
    """(n,) int32 year offset at which each asset's present life ends (a large number: never).

    Assets already past it are spread over the first OVERDUE_SPREAD_YEARS years.
    """
    never = np.iinfo(np.int32).max // 2
    out = np.full(len(age), never, dtype=np.int32)
    limited = (life > NO_LIFE) & (age >= 0)
    out[limited] = life[limited] - age[limited]
    overdue = np.flatnonzero(limited & (out < 0))
    out[overdue] = (np.arange(len(overdue)) % OVERDUE_SPREAD_YEARS).astype(np.int32)
    return out


class LifeCalendar:
    """Which assets' service life ends in each year, per replication."""

    def __init__(self, first: np.ndarray, life: np.ndarray, replications: int, years: int) -> None:
        self.life = life
        self.years = years
        self.end = np.broadcast_to(first, (replications, len(first))).copy()
        order = np.argsort(first, kind="stable")
        cut = np.searchsorted(first[order], np.arange(years + 1))
        # Shared by every replication: the ends of the lives the assets start the plan in.
        self._initial = [order[cut[t]:cut[t + 1]] for t in range(years)]
        self._renewed: list[dict[int, list[np.ndarray]]] = [{} for _ in range(replications)]

    def ending(self, r: int, t: int) -> np.ndarray:
        """Assets of replication ``r`` whose life ends in year ``t`` (not renewed since)."""
        parts = [self._initial[t], *self._renewed[r].pop(t, ())]
        cand = parts[0] if len(parts) == 1 else np.concatenate(parts)
        if not len(cand):
            return cand
        return cand[self.end[r, cand] == t]

    def renewed(self, r: int, t: int, assets: np.ndarray) -> None:
        """``assets`` were renewed in year ``t``: each starts a new life."""
        if not len(assets):
            return
        limited = assets[self.life[assets] > NO_LIFE]
        ends = t + self.life[limited]
        self.end[r, limited] = ends
        inside = ends < self.years
        if not inside.any():
            return
        limited, ends = limited[inside], ends[inside]
        calendar = self._renewed[r]
        for year in np.unique(ends):
            calendar.setdefault(int(year), []).append(limited[ends == year])
