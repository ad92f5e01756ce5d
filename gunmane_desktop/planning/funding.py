"""Which of a year's wanted measures a budget pays for: the priority order and the greedy fill.

Kept apart from the scenarios because it is the budget scenario's inner loop (once per
replication and year: 1,000 times in a 50-year, 20-replication plan) and must stay both
exact (spend never above the budget) and cheap. When the budget binds, only a short prefix
of the half-million-long priority list is ever funded, so the fill reads the list in
growing chunks and stops where the budget runs out instead of filtering and summing the
whole list three times.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..core.deterioration import N_GRADES

_FIRST_CHUNK = 4096
_PASSES = 3

# (start, stop, limit) -> (positions in [start, stop) of the items costing at most limit, their costs)
Fitting = Callable[[int, int, int], tuple[np.ndarray, np.ndarray]]


def fund_in_order(cost: np.ndarray, budget: int) -> np.ndarray:
    """Positions (into ``cost``) funded from candidates already in priority order.

    Greedy in priority order; an item that does not fit is skipped and cheaper ones after
    it may still be funded (three passes), so one unaffordable replacement does not stop
    every repair behind it. The sum never exceeds ``budget``.
    """
    def fitting(start: int, stop: int, limit: int) -> tuple[np.ndarray, np.ndarray]:
        chunk = cost[start:stop]
        pos = np.flatnonzero(chunk <= limit)
        return pos + start, chunk[pos]

    return _fill(fitting, len(cost), budget)


def _fill(fitting: Fitting, n: int, budget: int) -> np.ndarray:
    """fund_in_order over a list of length ``n`` read through ``fitting``.

    Each pass keeps the items that cost no more than what was left when it began, funds
    them in order while they fit, and ends at the first that does not (skipped; the next
    pass starts after it). Read in growing chunks: a pass that ends early never looks further.
    """
    remaining = int(budget)
    chosen: list[np.ndarray] = []
    start = 0
    for _ in range(_PASSES):
        if start >= n:
            break
        limit = remaining  # the pass's filter: what was left when it began
        spent = 0
        s, size = start, _FIRST_CHUNK
        stopped_at = -1
        while s < n:
            pos, c = fitting(s, min(s + size, n), limit)
            if len(pos):
                running = np.cumsum(c) + spent
                k = int(np.searchsorted(running, limit, side="right"))
                if k:
                    chosen.append(pos[:k])
                    spent = int(running[k - 1])
                if k < len(pos):
                    stopped_at = int(pos[k])
                    break
            s += size
            size *= 2
        remaining = limit - spent
        if stopped_at < 0:
            break  # the whole list was read: later passes would find nothing more
        start = stopped_at + 1
    return np.concatenate(chosen) if chosen else np.empty(0, dtype=np.int64)


class FundingOrder:
    """Static funding order: grade first (worst first), then importance, then the cheaper structure.

    Grade comes first in the priority, so a year's candidates are read off one static order
    of all assets, grade by grade, without a sort: the list the budget is filled from is
    "every asset at the worst grade in the static order, then every asset at the next grade
    ...". Within a grade and importance the cheaper asset comes first, judged by its
    corrective-repair cost (a size proxy that orders every grade's measures the same way
    within an asset type).
    """

    def __init__(self, costs: np.ndarray, importance: np.ndarray, act_from: int) -> None:
        self.act_from = act_from
        self.grades = tuple(range(N_GRADES - 1, act_from - 1, -1))
        self.order = np.lexsort((costs[:, 2], -importance.astype(np.int32))).astype(np.int32)
        # Cost of acting at each grade, in the static order, one contiguous array per grade.
        self.cost = {g: np.ascontiguousarray(costs[self.order, g]) for g in self.grades}
        self._ordered = np.empty(len(self.order), dtype=np.int8)

    def fund(self, grade_row: np.ndarray, budget: int, blocked: np.ndarray | None = None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
        """(asset index, grade, cost) of the measures ``budget`` pays for, in priority order,
        and how many assets wanted one. ``blocked``: positions in the static order (e.g. the
        assets the user removed or set by hand) that are not candidates this year."""
        n = len(self.order)
        ordered = np.take(grade_row, self.order, out=self._ordered, mode="clip")
        if blocked is not None and len(blocked):
            ordered[blocked] = -1
        wanted = int(np.count_nonzero(ordered >= self.act_from))
        if not wanted:
            empty = np.empty(0, dtype=np.int64)
            return empty, empty.astype(np.int8), empty, 0

        def fitting(start: int, stop: int, limit: int) -> tuple[np.ndarray, np.ndarray]:
            # The list is grade by grade: index k * n + p is static position p at grade k.
            parts_pos, parts_cost = [], []
            while start < stop:
                k, p0 = divmod(start, n)
                p1 = min(stop - k * n, n)
                g = self.grades[k]
                cost = self.cost[g][p0:p1]
                pos = np.flatnonzero((ordered[p0:p1] == g) & (cost <= limit))
                parts_pos.append(pos + start)
                parts_cost.append(cost[pos])
                start = k * n + p1
            if len(parts_pos) == 1:
                return parts_pos[0], parts_cost[0]
            return np.concatenate(parts_pos), np.concatenate(parts_cost)

        chosen = _fill(fitting, n * len(self.grades), budget)
        k, pos = np.divmod(chosen, n)
        grades = np.asarray(self.grades, dtype=np.int8)[k]
        cost = np.empty(len(chosen), dtype=np.int64)
        for i, g in enumerate(self.grades):
            sel = k == i
            cost[sel] = self.cost[g][pos[sel]]
        return self.order[pos], grades, cost, wanted
