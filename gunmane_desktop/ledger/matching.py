"""Finding what a ledger row refers to: the stored asset, and the recorded inspection.

(Measures are matched in ``ledger.measures``; ``ExistingAssets.measures`` holds them.)

Assets match by owner + 施設ID, else by owner + 名称 + 路線名 (``ExistingAssets`` loads an
owner's assets once, when a row first names that owner). An inspection matches a live one of
the same asset in the same fiscal year, and on the same date when the ledger gives one.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..storage.rowmap import ASSET_FIELDS
from .measures import ExistingMeasures
from .rows import PlannedInspection


class ExistingAssets:
    """Stored assets and their live inspections, loaded per owner when first needed.

    Usually one owner (the file's own); a ledger with a 団体コード column may name others.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.by_ext: dict[tuple[str, str], sqlite3.Row] = {}
        self.by_name: dict[tuple[str, str, str], sqlite3.Row | None] = {}  # None: ambiguous
        self.inspections: dict[str, list[sqlite3.Row]] = {}
        self._loaded: set[str] = set()
        self._history_loaded: set[str] = set()
        self.measures = ExistingMeasures(conn)

    def load(self, owner: str) -> None:
        if owner in self._loaded:
            return
        self._loaded.add(owner)
        for r in self.conn.execute("SELECT * FROM assets WHERE deleted = 0 AND owner = ?", (owner,)):
            if r["external_id"]:
                self.by_ext[(owner, r["external_id"])] = r
            key = (owner, r["name"], r["route"])
            self.by_name[key] = None if key in self.by_name else r

    def history(self, owner: str, asset_id: str) -> list[sqlite3.Row]:
        """Live (not superseded) inspections of an owner's asset."""
        if owner not in self._history_loaded:
            self._history_loaded.add(owner)
            for r in self.conn.execute(
                    "SELECT i.id, i.asset_id, i.inspected_on, i.fiscal_year, i.scale_id, i.grade, i.method,"
                    " i.inspector_name, i.findings FROM inspections i JOIN assets a ON a.id = i.asset_id"
                    " WHERE i.deleted = 0 AND a.owner = ? AND NOT EXISTS (SELECT 1 FROM inspections c"
                    " WHERE c.supersedes = i.id AND c.deleted = 0)", (owner,)):
                self.inspections.setdefault(r["asset_id"], []).append(r)
        return self.inspections.get(asset_id, [])


def stored_values(row: sqlite3.Row) -> dict[str, Any]:
    return {k: row[k] for k in ASSET_FIELDS}


BLANK_ASSET = {k: None if k in ("lat", "lon", "built_year", "length_m", "width_m", "area_m2") else ""
                for k in ASSET_FIELDS} | {"emergency_route": 0, "over_railway": 0, "over_road": 0,
                                          "status": "in_service", "attributes": "{}"}


def conflicting_grade(stated, planned: PlannedInspection) -> str | None:
    """A reason when the file already stated another grade for the same inspection."""
    for date, fy, grade, sheet, row in stated:
        same = date == planned.inspected_on if planned.dated else fy == planned.fiscal_year
        if same and grade != planned.grade:
            return (f"同じ点検の判定区分が {sheet} {row}行目 ({grade}) と食い違います。"
                    f"どちらかに揃えてください "
                    f"(conflicts with the grade {grade} given in row {row})")
    return None


def match_inspection(history, planned: PlannedInspection) -> PlannedInspection | None:
    """None when the history already holds this inspection; a correction when its grade differs."""
    for h in history:
        if planned.dated:
            same = h["inspected_on"] == planned.inspected_on
        else:
            same = h["fiscal_year"] == planned.fiscal_year
        if not same:
            continue
        if h["grade"] == planned.grade and h["scale_id"] == planned.scale_id:
            return None
        planned.supersedes = h["id"]
        planned.inspected_on = h["inspected_on"]
        for k in ("method", "inspector_name", "findings"):
            if not getattr(planned, k):
                setattr(planned, k, h[k])
        return planned
    return planned
