"""Measure rows (措置): finding the stored measure a row describes, and what would change.

A measure belongs to an asset, so a row first finds its asset (stored, or planned by the
register sheet of the same workbook). Then it matches a stored measure of that asset:

1. the same kind and the same 予定年度 (both blank counts as the same);
2. a row with a year: a measure of the same kind with no year (the file fills it in);
3. a row without a year: the newest measure of the same kind;
4. otherwise the row is a new measure.

Each stored measure is matched by at most one row, in the order it was recorded, so rows
naming the same asset, kind and year pair off with the stored measures in export order.
Columns the sheet does not have keep the stored values; a blank 予定年度 never removes one.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..core.catalogue import Catalogue
from ..core.models import Measure, MeasureStatusId
from ..core.wareki import fiscal_year_of
from ..storage.rowmap import measure_from_row, measure_values
from .rows import StatedMeasure

# The measure fields a ledger can state, in storage's column names.
MEASURE_FIELDS = ("kind", "status", "description", "planned_fy", "started_on", "completed_on",
                  "cost_planned_yen", "cost_actual_yen")
_FROM_LEDGER = {"measure_kind": "kind", "measure_status": "status"}


@dataclass(slots=True)
class PlannedMeasure:
    """One ledger row's measure, to be added or updated (or that changes nothing)."""

    sheet: str
    row: int  # Excel row number
    action: str  # new / updated / unchanged
    owner: str
    asset_id: str  # "" while the asset is new: then asset_row gives it once written
    values: dict[str, Any]  # storage.rowmap.measure_values form, merged over the stored measure
    measure_id: str = ""
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    asset_row: Any = None  # the preview's PlannedRow of a new asset

    def measure(self, measure_id: str) -> Measure:
        """The Measure to hand to storage.measures.MeasureRepository."""
        v = self.values
        asset_id = self.asset_id or (self.asset_row.asset_id if self.asset_row is not None else "")
        return Measure(
            id=measure_id, owner=self.owner, asset_id=asset_id, kind=v["kind"],
            status=MeasureStatusId(v["status"]), description=v["description"],
            inspection_id=v["inspection_id"], planned_fy=v["planned_fy"],
            started_on=_day(v["started_on"]), completed_on=_day(v["completed_on"]),
            cost_planned_yen=v["cost_planned_yen"], cost_actual_yen=v["cost_actual_yen"],
            contract_id=v["contract_id"])


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class ExistingMeasures:
    """Live stored measures per asset (loaded per owner when first needed), and which are taken."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.by_asset: dict[str, list[sqlite3.Row]] = {}
        self.taken: set[str] = set()
        self._loaded: set[str] = set()

    def of(self, owner: str, asset_id: str) -> list[sqlite3.Row]:
        if owner not in self._loaded:
            self._loaded.add(owner)
            for r in self.conn.execute(
                    "SELECT m.* FROM measures m JOIN assets a ON a.id = m.asset_id"
                    " WHERE m.deleted = 0 AND a.owner = ? ORDER BY m.seq", (owner,)):
                self.by_asset.setdefault(r["asset_id"], []).append(r)
        return self.by_asset.get(asset_id, [])

    def match(self, owner: str, asset_id: str, kind: str, year: int | None) -> sqlite3.Row | None:
        """The stored measure a row of this kind and year describes (see the module's rules)."""
        free = [m for m in self.of(owner, asset_id) if m["kind"] == kind and m["id"] not in self.taken]
        found = next((m for m in free if m["planned_fy"] == year), None)
        if found is None and year is not None:
            found = next((m for m in free if m["planned_fy"] is None), None)
        if found is None and year is None and free:
            found = free[-1]
        if found is not None:
            self.taken.add(found["id"])
        return found


_BLANK = {"asset_id": "", "inspection_id": None, "kind": "", "status": "planned", "description": "",
          "planned_fy": None, "started_on": None, "completed_on": None, "cost_planned_yen": None,
          "cost_actual_yen": None, "contract_id": None}


def plan_measure(stated: StatedMeasure, existing: ExistingMeasures, owner: str, asset_id: str,
                 catalogue: Catalogue, errors: list[tuple[str, str, str]]) -> tuple[str, dict, str, dict]:
    """(action, merged values, stored measure id or "", changes); problems appended to errors.

    ``asset_id`` is "" for an asset that is new in this import (it has no stored measures).
    """
    given = {_FROM_LEDGER.get(k, k): v for k, v in stated.values.items()}
    stored = existing.match(owner, asset_id, given["kind"], given.get("planned_fy")) if asset_id else None
    old = measure_values(measure_from_row(stored)) if stored is not None else dict(_BLANK)
    if stored is not None and given.get("planned_fy", 0) is None and old["planned_fy"] is not None:
        del given["planned_fy"]  # a blank year never removes the stored one
    if "status" not in given and stored is None:
        # No 措置状況: read it from the dates (完了日 -> completed, 着手日 -> started).
        given["status"] = ("completed" if given.get("completed_on") else
                           "started" if given.get("started_on") else "planned")
    for key in ("started_on", "completed_on"):
        # Only a fiscal year in the file: a stored date in that year is the same one.
        if (key in given and given[key] and old[key] and not stated.dated.get(key, True)
                and fiscal_year_of(_day(given[key])) == fiscal_year_of(_day(old[key]))):
            given[key] = old[key]
    new = {**old, **given}
    header = {_FROM_LEDGER.get(k, k): h for k, h in stated.headers.items()}
    text = {_FROM_LEDGER.get(k, k): t for k, t in stated.texts.items()}
    if new["status"] == "completed" and not new["completed_on"]:
        errors.append((header.get("completed_on", header.get("status", "完了日")),
                       text.get("completed_on", text.get("status", "")),
                       "完了した措置には完了日 (完了年度) が必要です (a completed measure needs its "
                       "completion date)"))
    elif new["started_on"] and new["completed_on"] and new["completed_on"] < new["started_on"]:
        errors.append((header.get("completed_on", "完了日"), text.get("completed_on", new["completed_on"]),
                       f"完了日が着手日 {new['started_on']} より前です (completed before it was started)"))
    else:
        for problem in Measure(id="", owner=owner, asset_id=asset_id, kind=new["kind"],
                               status=MeasureStatusId(new["status"]),
                               completed_on=_day(new["completed_on"]), started_on=_day(new["started_on"]),
                               cost_planned_yen=new["cost_planned_yen"],
                               cost_actual_yen=new["cost_actual_yen"]).validate(catalogue):
            errors.append((header.get(problem.field, problem.field), text.get(problem.field, ""),
                           problem.message))
    if stored is None:
        return "new", new, "", {}
    changes = {k: (old[k], new[k]) for k in MEASURE_FIELDS if old[k] != new[k]}
    return ("updated" if changes else "unchanged"), new, stored["id"], changes
