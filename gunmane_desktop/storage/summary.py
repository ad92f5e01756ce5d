"""What a file holds: counts per organisation, asset type and grade, and the age mix.

Feeds ``gunmane info`` now and the dashboard and council reports later. Deleted
(tombstoned) rows are never counted; retired assets are counted apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..core.wareki import fiscal_year_of
from .database import Database

OLD_AGE_YEARS = 50


def summarise(db: Database, *, today: dt.date | None = None) -> dict[str, Any]:
    """Counts for ``gunmane info``; keys are a documented contract of the CLI's --json."""
    conn = db.conn
    today = today or dt.date.today()
    fy = fiscal_year_of(today)

    def scalar(sql: str, *params: object) -> int:
        return conn.execute(sql, params).fetchone()[0]

    orgs = conn.execute(
        "SELECT code, kind, name, lead_code FROM organisations WHERE deleted = 0 "
        "ORDER BY kind <> 'prefecture', code").fetchall()
    per_org: dict[str, dict[str, Any]] = {
        o["code"]: {"org": o["code"], "name": o["name"], "kind": o["kind"],
                    "lead": o["lead_code"], "assets": 0, "retired_assets": 0,
                    "inspections": 0, "measures": 0, "by_type": {}}
        for o in orgs
    }

    def org_entry(code: str) -> dict[str, Any]:
        return per_org.setdefault(code, {"org": code, "name": "(未登録の団体)", "kind": "unknown",
                                         "lead": None, "assets": 0, "retired_assets": 0,
                                         "inspections": 0, "measures": 0, "by_type": {}})

    rows = conn.execute(
        """
        SELECT a.owner, a.asset_type, a.status <> 'in_service' AS retired,
               coalesce(s.grade, '') AS grade, count(*) AS n,
               sum(a.built_year IS NULL) AS unknown_year,
               sum(a.built_year IS NOT NULL AND ? - a.built_year >= ?) AS old
        FROM assets a LEFT JOIN asset_status s ON s.asset_seq = a.seq
        WHERE a.deleted = 0
        GROUP BY a.owner, a.asset_type, retired, grade
        """, (today.year, OLD_AGE_YEARS))
    for r in rows:
        entry = org_entry(r["owner"])
        if r["retired"]:
            entry["retired_assets"] += r["n"]
            continue
        entry["assets"] += r["n"]
        t = entry["by_type"].setdefault(r["asset_type"], {
            "assets": 0, "grades": {}, "uninspected": 0, "built_year_unknown": 0,
            f"over_{OLD_AGE_YEARS}_years": 0})
        t["assets"] += r["n"]
        if r["grade"]:
            t["grades"][r["grade"]] = t["grades"].get(r["grade"], 0) + r["n"]
        else:
            t["uninspected"] += r["n"]
        t["built_year_unknown"] += r["unknown_year"]
        t[f"over_{OLD_AGE_YEARS}_years"] += r["old"]

    for table, key in (("inspections", "inspections"), ("measures", "measures")):
        for r in conn.execute(f"SELECT owner, count(*) FROM {table} WHERE deleted = 0 GROUP BY owner"):
            org_entry(r[0])[key] = r[1]

    due = conn.execute(
        """
        SELECT sum(s.next_due_fy = ?) AS due, sum(s.next_due_fy < ?) AS overdue,
               sum(s.last_inspection_id IS NULL AND t.cycle_years IS NOT NULL) AS never
        FROM assets a JOIN asset_status s ON s.asset_seq = a.seq
        JOIN asset_types t ON t.id = a.asset_type
        WHERE a.deleted = 0 AND a.status = 'in_service'
        """, (fy, fy)).fetchone()
    action = conn.execute(
        """
        SELECT count(*) AS n, sum(s.measure_state IN ('started', 'completed')) AS started,
               sum(s.measure_state = 'completed') AS completed
        FROM assets a JOIN asset_status s ON s.asset_seq = a.seq
        WHERE a.deleted = 0 AND a.status = 'in_service' AND s.action_required = 1
        """).fetchone()

    return {
        "file": str(db.path),
        "schema_version": db.schema_version,
        "site_org": db.site_org,
        "as_of": today.isoformat(),
        "fiscal_year": fy,
        "organisations": len(orgs),
        "assets": scalar("SELECT count(*) FROM assets WHERE deleted = 0 AND status = 'in_service'"),
        "retired_assets": scalar("SELECT count(*) FROM assets WHERE deleted = 0 AND status <> 'in_service'"),
        "inspections": scalar("SELECT count(*) FROM inspections WHERE deleted = 0"),
        "measures": scalar("SELECT count(*) FROM measures WHERE deleted = 0"),
        "attachments": scalar("SELECT count(*) FROM attachments"),
        "inspections_due_this_fy": due["due"] or 0,
        "inspections_overdue": (due["overdue"] or 0) + (due["never"] or 0),
        "action_required": {"assets": action["n"], "measure_started": action["started"] or 0,
                            "measure_completed": action["completed"] or 0},
        "by_org": list(per_org.values()),
    }
