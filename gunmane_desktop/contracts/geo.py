"""Distances and routes for the bundling assistant: haversine, a local plane in km,
cost-balanced recursive bisection, and a nearest-neighbour tour on a grid.

Pure Python and deterministic: equal input gives equal output (ties broken by index).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

EARTH_RADIUS_KM = 6371.0088
#: Road distance over straight-line distance; a judgement for rural Japanese road networks.
ROAD_FACTOR = 1.3


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def project_km(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    """(lat, lon) to (x, y) km on a plane tangent at the mean latitude (fine within ~200 km)."""
    if not points:
        return []
    lat0 = sum(p[0] for p in points) / len(points)
    kx = math.radians(1) * EARTH_RADIUS_KM * math.cos(math.radians(lat0))
    ky = math.radians(1) * EARTH_RADIUS_KM
    return [(lon * kx, lat * ky) for lat, lon in points]


def bisect_balanced(index: list[int], xy: Sequence[tuple[float, float]], cost: Sequence[float],
                    k: int) -> list[list[int]]:
    """Split ``index`` into ``k`` geographically compact groups of about equal cost.

    Recursive bisection: cut across the longer side of the bounding box where the running
    cost reaches the share of the first half of the groups. Deterministic.
    """
    if k <= 1 or len(index) <= 1:
        return [index]
    xs = [xy[i][0] for i in index]
    ys = [xy[i][1] for i in index]
    axis = 0 if max(xs) - min(xs) >= max(ys) - min(ys) else 1
    ordered = sorted(index, key=lambda i: (xy[i][axis], xy[i][1 - axis], i))
    k1 = k // 2
    goal = sum(cost[i] for i in ordered) * k1 / k
    running, cut, best = 0.0, 1, math.inf
    for n, i in enumerate(ordered[:-1], start=1):
        running += cost[i]
        gap = abs(running - goal)
        if gap < best:
            best, cut = gap, n
        elif running > goal:
            break
    return (bisect_balanced(ordered[:cut], xy, cost, k1)
            + bisect_balanced(ordered[cut:], xy, cost, k - k1))


def nearest_neighbour_tour(xy: Sequence[tuple[float, float]], start: int = 0) -> tuple[list[int], float]:
    """A closed nearest-neighbour tour from ``start``: visiting order and length (km).

    Candidates come from a uniform grid searched ring by ring, rebuilt coarser as points
    are used up, so 50,000 points take well under a second per 10,000.
    """
    n = len(xy)
    if n == 0:
        return [], 0.0
    remaining = set(range(n))
    order = [start]
    remaining.discard(start)
    total = 0.0
    current = start
    while remaining:
        grid, cell, built_with = _grid(xy, remaining)
        while remaining and len(remaining) * 4 >= built_with:
            cx, cy = xy[current]
            gx, gy = math.floor(cx / cell), math.floor(cy / cell)
            best, best_d = -1, math.inf
            ring = 0
            while True:
                if ring > 4 and best < 0:
                    # A long jump to a far cluster: scanning the rest beats growing rings.
                    best_d, best = min((math.hypot(xy[j][0] - cx, xy[j][1] - cy), j) for j in remaining)
                    break
                for key in _ring(gx, gy, ring):
                    for j in grid.get(key, ()):
                        d = math.hypot(xy[j][0] - cx, xy[j][1] - cy)
                        if d < best_d or (d == best_d and j < best):
                            best, best_d = j, d
                if best >= 0 and ring * cell >= best_d:
                    break
                ring += 1
            grid[(math.floor(xy[best][0] / cell), math.floor(xy[best][1] / cell))].remove(best)
            remaining.discard(best)
            order.append(best)
            total += best_d
            current = best
    total += math.hypot(xy[current][0] - xy[start][0], xy[current][1] - xy[start][1])
    return order, total


def _grid(xy: Sequence[tuple[float, float]], members: set[int]) -> tuple[dict, float, int]:
    xs = [xy[i][0] for i in members]
    ys = [xy[i][1] for i in members]
    area = max(max(xs) - min(xs), 1e-3) * max(max(ys) - min(ys), 1e-3)
    cell = max(math.sqrt(area / len(members)) * 2, 1e-3)
    grid: dict[tuple[int, int], list[int]] = {}
    for i in sorted(members):
        grid.setdefault((math.floor(xy[i][0] / cell), math.floor(xy[i][1] / cell)), []).append(i)
    return grid, cell, len(members)


def _ring(gx: int, gy: int, r: int) -> list[tuple[int, int]]:
    if r == 0:
        return [(gx, gy)]
    cells = [(gx + dx, gy + dy) for dx in range(-r, r + 1) for dy in (-r, r)]
    cells += [(gx + dx, gy + dy) for dx in (-r, r) for dy in range(-r + 1, r)]
    return cells
