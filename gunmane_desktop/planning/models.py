"""Deterioration models of a region: transition counts from the history, pooled estimates.

Pairs of consecutive valid inspections of one asset (neither a tombstone nor superseded)
become transitions of the asset's model group when
- both use the same grade scale,
- no repair, strengthening, replacement or removal was under way between them, and
- the gap in fiscal years matches the model's step (±1 year for 5-year steps, exact for
  annual ones); other gaps are counted as excluded, not stretched.
Pairs that improve without a recorded measure are excluded and counted too (a repair that
never reached the register, or a lenient inspector). Each owner's model is pooled with the
region (core.deterioration.pooled), so the amount of data behind every estimate is shown.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from ..core.deterioration import Estimate, Prior, PriorTable, default_priors, empty_counts, estimate, pooled
from .stock import GROUP_SQL, RANK_CTE, Scope

# Measures that change the condition of a structure; closure and monitoring do not.
_WORKS = "('repair', 'reinforcement', 'replacement', 'removal', 'consolidation')"

_PAIRS_SQL = f"""
WITH {RANK_CTE},
valid AS (
    SELECT i.seq, i.asset_id, i.inspected_on, i.fiscal_year, i.scale_id, i.grade
    FROM inspections i
    WHERE i.deleted = 0
      AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.supersedes = i.id AND c.deleted = 0)
),
paired AS (
    SELECT asset_id, inspected_on, fiscal_year, scale_id, grade,
           lag(inspected_on) OVER w AS prev_on, lag(fiscal_year) OVER w AS prev_fy,
           lag(scale_id) OVER w AS prev_scale, lag(grade) OVER w AS prev_grade
    FROM valid
    WINDOW w AS (PARTITION BY asset_id ORDER BY inspected_on, seq)
)
SELECT a.owner, {GROUP_SQL} AS grp, p.fiscal_year - p.prev_fy AS gap, r0.rank, r1.rank,
       EXISTS (SELECT 1 FROM measures m
               WHERE m.asset_id = p.asset_id AND m.deleted = 0 AND m.kind IN {_WORKS}
                 AND m.status IN ('started', 'completed')
                 AND coalesce(m.started_on, m.completed_on) <= p.inspected_on
                 AND coalesce(m.completed_on, m.started_on, '9999') >= p.prev_on) AS treated,
       count(*)
FROM paired p
JOIN assets a ON a.id = p.asset_id
JOIN ranks r0 ON r0.scale_id = p.prev_scale AND r0.code = p.prev_grade
JOIN ranks r1 ON r1.scale_id = p.scale_id AND r1.code = p.grade
WHERE p.prev_on IS NOT NULL AND p.prev_scale = p.scale_id AND {{where}}
GROUP BY 1, 2, 3, 4, 5, 6
"""


@dataclass(slots=True)
class GroupData:
    """Transitions of one (owner, group) and the pairs left out, by reason."""

    counts: list[list[int]]
    excluded: dict[str, int]


def _gap_ok(gap: int, step: int) -> bool:
    return gap == step if step == 1 else abs(gap - step) <= 1


def transition_counts(conn: sqlite3.Connection, scope: Scope | None = None,
                      priors: PriorTable | None = None) -> dict[tuple[str, str], GroupData]:
    """Transition counts per (owner, model group) from the inspection history in scope."""
    priors = priors or default_priors()
    where, params = (scope or Scope()).where()
    out: dict[tuple[str, str], GroupData] = {}
    for owner, group, gap, g0, g1, treated, n in conn.execute(_PAIRS_SQL.format(where=where), params):
        data = out.get((owner, group))
        if data is None:
            data = out[(owner, group)] = GroupData(empty_counts(), defaultdict(int))
        step = priors.for_group(group).step_years
        if treated:
            data.excluded["measure_between"] += n
        elif not _gap_ok(gap, step):
            data.excluded["interval_not_one_step"] += n
        elif g1 < g0:
            data.excluded["improved_without_measure"] += n
        else:
            data.counts[g0][g1] += n
    for data in out.values():
        data.excluded = dict(data.excluded)
    return out


def regional_scope(scope: Scope) -> Scope:
    """The history a scope's models learn from: every owner's, of the same sector/type."""
    return Scope(sector=scope.sector, asset_type=scope.asset_type)


@dataclass(frozen=True, slots=True)
class ModelSet:
    """Estimated models: one per region group, and one per (owner, group) pooled with it."""

    regional: dict[str, Estimate]
    local: dict[tuple[str, str], Estimate]
    priors: PriorTable

    def for_asset(self, owner: str, group: str) -> Estimate:
        return self.local.get((owner, group)) or self.regional[group]

    def summary(self) -> list[dict]:
        """Per model: who, which group, the estimate, its intervals and the data behind it."""
        rows = [{"owner": None, "group": g, **e.summary()} for g, e in sorted(self.regional.items())]
        rows += [{"owner": o, "group": g, **e.summary()} for (o, g), e in sorted(self.local.items())]
        return rows


def estimate_models(conn: sqlite3.Connection, scope: Scope | None = None, *,
                    priors: PriorTable | None = None, pool_strength: float = 50.0,
                    groups: set[tuple[str, str]] | None = None,
                    data: dict[tuple[str, str], GroupData] | None = None) -> ModelSet:
    """Estimate every group's regional model and each owner's pooled model.

    The regional data are always all owners' pairs (the bundle), whatever ``scope.org``
    says, so a town's plan borrows from its neighbours. ``groups`` adds (owner, group)
    pairs that have assets but no usable history: they get the pooled regional model.
    ``data`` are the counts of ``transition_counts(conn, regional_scope(scope))`` when the
    caller has read them already (e.g. on another connection, in parallel).
    """
    priors = priors or default_priors()
    scope = scope or Scope()
    if data is None:
        data = transition_counts(conn, regional_scope(scope), priors)
    by_group: dict[str, list[list[int]]] = {}
    excluded_by_group: dict[str, dict[str, int]] = {}
    for (_owner, group), d in data.items():
        acc = by_group.setdefault(group, empty_counts())
        for i in range(len(acc)):
            for j in range(len(acc)):
                acc[i][j] += d.counts[i][j]
        ex = excluded_by_group.setdefault(group, {})
        for k, v in d.excluded.items():
            ex[k] = ex.get(k, 0) + v
    wanted = set(data) | set(groups or ())
    all_groups = {g for _, g in wanted}
    regional: dict[str, Estimate] = {}
    for group in sorted(all_groups):
        prior: Prior = priors.for_group(group)
        regional[group] = estimate(prior, by_group.get(group, empty_counts()),
                                   excluded=excluded_by_group.get(group),
                                   source=f"region ({prior.source})")
    local: dict[tuple[str, str], Estimate] = {}
    for owner, group in sorted(wanted):
        if scope.org and owner != scope.org:
            continue
        d = data.get((owner, group))
        counts = d.counts if d else empty_counts()
        # Leave the town's own pairs out of the region it borrows from: counted once.
        region_total = by_group.get(group, empty_counts())
        others = [[region_total[i][j] - counts[i][j] for j in range(len(counts))]
                  for i in range(len(counts))]
        local[(owner, group)] = pooled(priors.for_group(group), others, counts, pool_strength=pool_strength,
                                       excluded=d.excluded if d else None,
                                       source=f"{owner} pooled with region")
    return ModelSet(regional, local, priors)
