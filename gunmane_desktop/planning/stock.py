"""The register as planning inputs: assets in scope, their grade, size, flags and model group.

Reads an open database (read-only is enough) and returns column arrays, so a plan over
500,000 assets never builds 500,000 Python objects. Grades are indices in the scale's
severity order (0 = best); an asset never inspected has grade -1. Retired and removed
assets, and tombstones, are left out.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

import numpy as np

from ..storage.analytics import Scope  # the same scoping as the dashboard and reports

# Importance flags used by the budget-constrained scenario, and their weights (a judgement:
# an emergency route outranks crossing a railway or road, which outranks a missing detour
# and heavy traffic). Ties go to the worse grade first, then to these weights.
IMPORTANCE_WEIGHTS = {"emergency_route": 8, "over_railway": 4, "over_road": 2, "no_detour": 2,
                      "heavy_traffic": 1}
_HEAVY_TRAFFIC = ("N5", "N6", "N7", "heavy", "多")
_HEAVY_SQL = ", ".join(f"'{v}'" for v in _HEAVY_TRAFFIC)
# Values of detour_available that mean "yes" (JSON true reads as 1); any other recorded
# value means no detour, and no value at all "not recorded" (-1).
_DETOUR_YES_SQL = "1, 'true', '有', 'あり', 'yes'"

# Model group of an asset: its type, and for bridges the material class the priors know.
GROUP_SQL = """
CASE WHEN a.asset_type = 'bridge' THEN
    CASE WHEN a.structure LIKE '%カルバート%' THEN 'bridge:culvert'
         WHEN a.structure LIKE '鋼%' OR a.structure LIKE '%鋼橋%' THEN 'bridge:steel'
         ELSE 'bridge' END
     ELSE a.asset_type END
"""

# MATERIALIZED: computed once (20 grades) rather than as a subquery per asset.
RANK_CTE = """
ranks AS MATERIALIZED (SELECT g.scale_id, g.code,
                 (SELECT count(*) FROM grades g2 WHERE g2.scale_id = g.scale_id
                                                   AND g2.severity < g.severity) AS rank
          FROM grades g)
"""


@dataclass(slots=True)
class Stock:
    """Column arrays of the assets in scope (index i is the same asset in every array)."""

    ids: list[str]
    names: list[str]
    owners: list[str]
    asset_types: list[str]
    groups: list[str]
    grade: np.ndarray  # int8, -1 = never inspected
    last_fy: np.ndarray  # int32, 0 = never inspected
    area_m2: np.ndarray  # float64, nan = unknown
    length_m: np.ndarray
    width_m: np.ndarray
    built_year: np.ndarray  # int32, 0 = unknown
    emergency_route: np.ndarray  # bool
    over_railway: np.ndarray
    over_road: np.ndarray
    detour: np.ndarray  # int8: 1 = detour available, 0 = none, -1 = not recorded
    heavy_traffic: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.ids)

    def importance(self) -> np.ndarray:
        """Importance score per asset from the flags (see IMPORTANCE_WEIGHTS)."""
        w = IMPORTANCE_WEIGHTS
        return (w["emergency_route"] * self.emergency_route + w["over_railway"] * self.over_railway
                + w["over_road"] * self.over_road + w["no_detour"] * (self.detour == 0)
                + w["heavy_traffic"] * self.heavy_traffic).astype(np.int16)


def load_stock(conn: sqlite3.Connection, scope: Scope | None = None) -> Stock:
    """The assets in ``scope`` with their latest grade (from asset_status) as arrays."""
    where, params = (scope or Scope()).where()
    cursor = conn.execute(
        f"""
        WITH {RANK_CTE}
        SELECT a.id, a.name, a.owner, a.asset_type, {GROUP_SQL} AS grp,
               coalesce(r.rank, -1), coalesce(s.last_fiscal_year, 0), coalesce(a.area_m2, -1.0),
               coalesce(a.length_m, -1.0), coalesce(a.width_m, -1.0), coalesce(a.built_year, 0),
               a.emergency_route, a.over_railway,
               a.over_road,
               -- Only the two attributes planning reads, extracted in SQL: parsing 500,000
               -- JSON texts in Python took most of the load time.
               coalesce(CASE WHEN a.attributes LIKE '%detour%'
                             THEN coalesce(json_extract(a.attributes, '$.detour_available'),
                                           json_extract(a.attributes, '$.detour')) END
                        IN ({_DETOUR_YES_SQL}), -1),
               CASE WHEN a.attributes LIKE '%traffic_class%'
                    THEN json_extract(a.attributes, '$.traffic_class') END IN ({_HEAVY_SQL})
        FROM assets a
        LEFT JOIN asset_status s ON s.asset_seq = a.seq
        LEFT JOIN ranks r ON r.scale_id = s.scale_id AND r.code = s.grade
        WHERE {where}
        ORDER BY a.seq
        """, params)
    # Read in chunks into per-column lists: holding 500,000 sixteen-column row tuples at
    # once doubled the peak memory. Repeated texts (owner, type, group) share one object.
    cols: list[list] = [[] for _ in range(16)]
    shared: dict[str, str] = {}
    while chunk := cursor.fetchmany(50_000):
        for k, col in enumerate(zip(*chunk, strict=True)):
            if k in (2, 3, 4):
                col = map(shared.setdefault, col, col)
            cols[k].extend(col)
    n = len(cols[0])

    def floats(values: list) -> np.ndarray:
        a = np.array(values, dtype=np.float64)
        a[a < 0] = np.nan  # unknown sizes come as -1 from SQL
        return a

    return Stock(
        ids=cols[0], names=cols[1], owners=cols[2], asset_types=cols[3], groups=cols[4],
        grade=np.array(cols[5], dtype=np.int8).reshape(n),
        last_fy=np.array(cols[6], dtype=np.int32).reshape(n),
        area_m2=floats(cols[7]).reshape(n), length_m=floats(cols[8]).reshape(n),
        width_m=floats(cols[9]).reshape(n),
        built_year=np.array(cols[10], dtype=np.int32).reshape(n),
        emergency_route=np.array(cols[11], dtype=bool).reshape(n),
        over_railway=np.array(cols[12], dtype=bool).reshape(n),
        over_road=np.array(cols[13], dtype=bool).reshape(n),
        detour=np.array(cols[14], dtype=np.int8).reshape(n),
        heavy_traffic=np.array(cols[15], dtype=np.float64).reshape(n) == 1,  # NULL (None -> nan): no
    )
