"""The derived ``asset_status`` table: each asset's latest valid inspection and measure state.

"Latest valid" means the newest inspection that is neither a tombstone nor superseded by a
correction. The measure state answers the question councils ask of Ⅲ/Ⅳ assets: has a
measure been planned, started or completed since that inspection? A measure counts when it
names the inspection, is still open (planned/started), or was completed on or after it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

_REFRESH = """
WITH live AS (
    SELECT i.* FROM inspections i
    WHERE i.deleted = 0 {inspection_filter}
      AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.supersedes = i.id AND c.deleted = 0)
),
latest AS (
    -- SQLite returns the other columns from the row holding max(): the newest inspection.
    SELECT asset_id, id, inspected_on, fiscal_year, scale_id, grade,
           max(inspected_on || printf('%012d', seq)) AS _order
    FROM live GROUP BY asset_id
),
measure AS (
    SELECT a.seq AS asset_seq,
           max(CASE m.status WHEN 'completed' THEN 3 WHEN 'started' THEN 2
                             WHEN 'planned' THEN 1 ELSE 0 END) AS rank
    FROM assets a
    JOIN latest l ON l.asset_id = a.id
    JOIN measures m ON m.asset_id = a.id AND m.deleted = 0 AND m.status <> 'cancelled'
    WHERE (m.inspection_id = l.id OR m.status IN ('planned', 'started')
           OR m.completed_on >= l.inspected_on) {asset_filter}
    GROUP BY a.seq
)
INSERT OR REPLACE INTO asset_status
    (asset_seq, last_inspection_id, last_inspected_on, last_fiscal_year, scale_id, grade,
     severity, action_required, next_due_fy, measure_state)
SELECT a.seq, l.id, l.inspected_on, l.fiscal_year, l.scale_id, l.grade,
       g.severity, coalesce(g.action_required, 0),
       CASE WHEN t.cycle_years IS NULL OR l.id IS NULL THEN NULL
            ELSE l.fiscal_year + t.cycle_years END,
       CASE coalesce(ms.rank, 0) WHEN 3 THEN 'completed' WHEN 2 THEN 'started'
                                 WHEN 1 THEN 'planned' ELSE 'none' END
FROM assets a
JOIN asset_types t ON t.id = a.asset_type
LEFT JOIN latest l ON l.asset_id = a.id
LEFT JOIN grades g ON g.scale_id = l.scale_id AND g.code = l.grade
LEFT JOIN measure ms ON ms.asset_seq = a.seq
WHERE 1 {asset_filter}
"""


def refresh_asset_status(conn: sqlite3.Connection, asset_ids: Iterable[str] | None = None) -> None:
    """Recompute asset_status for the given assets, or for all of them."""
    if asset_ids is None:
        conn.execute(_REFRESH.format(inspection_filter="", asset_filter=""))
        return
    ids = list(dict.fromkeys(asset_ids))
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ", ".join("?" * len(chunk))
        sql = _REFRESH.format(inspection_filter=f"AND i.asset_id IN ({marks})",
                              asset_filter=f"AND a.id IN ({marks})")
        # The asset filter appears twice (measure CTE and final SELECT).
        conn.execute(sql, [*chunk, *chunk, *chunk])
