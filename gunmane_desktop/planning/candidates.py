"""Consolidation and removal candidates (集約・撤去): where removing costs less than keeping.

For each asset the cost of keeping it is its expected spend under the preventive scenario,
plus its end-of-horizon backlog, plus the value of the service life it uses up (all from
the simulation, the same terms as the life-cycle cost); the cost of removal is the
unit-cost table's removal price. Only whole facilities (REMOVABLE_TYPES) are proposed,
never one on an emergency route. Assets whose register records no detour are left out;
assets with no record either way are listed with the detour marked unknown (要確認),
because a saving means nothing without one.
The user's decisions (remove / keep) go back into PlanOptions.decisions and so into the plan.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass

import numpy as np

from .scenarios import PlanInputs, ScenarioResult

# Facilities a town can remove or consolidate as a whole; a pavement section, a sewer span
# or a river bank is part of a network and is not proposed.
REMOVABLE_TYPES = frozenset({"bridge", "footbridge", "tunnel", "sign_gantry", "park"})


@dataclass(frozen=True, slots=True)
class Candidate:
    asset_id: str
    name: str
    owner: str
    asset_type: str
    grade_index: int
    detour: str  # "available" or "unknown"
    keep_cost_yen: int
    removal_cost_yen: int
    saving_yen: int

    def to_json(self) -> dict:
        return asdict(self)


def removal_candidates(inputs: PlanInputs, preventive: ScenarioResult, *, limit: int | None = 100,
                       min_saving_yen: int = 0, include: Collection[str] = ()) -> list[Candidate]:
    """Assets whose removal saves more than ``min_saving_yen`` over the horizon, best first.

    Assets in ``include`` (those the user has decided about) are listed after the others
    whatever their saving, so a decision stays visible after the plan carried it out (a
    removed asset costs little to "keep" once it is gone).
    """
    if preventive.asset_spend is None or preventive.asset_backlog is None:
        raise ValueError("the scenario result carries no per-asset costs")
    stock = inputs.stock
    keep = preventive.asset_spend + preventive.asset_backlog
    if preventive.asset_life_used is not None:
        keep = keep + preventive.asset_life_used
    saving = keep - inputs.removal_cost
    removable = np.isin(np.array(stock.asset_types, dtype=object), list(REMOVABLE_TYPES))
    eligible = removable & (~stock.emergency_route) & (stock.detour != 0) & (saving > min_saving_yen)
    idx = np.flatnonzero(eligible)
    idx = idx[np.argsort(-saving[idx], kind="stable")]
    if limit is not None:
        idx = idx[:limit]
    if include:
        listed = set(idx.tolist())
        index = {a: i for i, a in enumerate(stock.ids)}
        extra = sorted(index[a] for a in include if a in index and index[a] not in listed)
        idx = np.concatenate([idx, np.array(extra, dtype=idx.dtype)])
    return [Candidate(stock.ids[i], stock.names[i], stock.owners[i], stock.asset_types[i],
                      int(inputs.grade0[i]), "available" if stock.detour[i] == 1 else "unknown",
                      round(keep[i]), int(inputs.removal_cost[i]), round(saving[i]))
            for i in idx.tolist()]
