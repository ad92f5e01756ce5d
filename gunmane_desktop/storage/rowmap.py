"""Conversions between core dataclasses and SQLite rows (dates as ISO text, JSON columns)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from typing import Any

from ..core.models import (
    Asset,
    AssetStatus,
    Inspection,
    Measure,
    MeasureStatusId,
    MemberFinding,
)
from ..core.organisations import Organisation, OrgKind

ASSET_FIELDS = (
    "asset_type", "name", "name_kana", "route", "address", "external_id", "lat", "lon",
    "coord_text", "built_year", "built_year_text", "length_m", "width_m", "area_m2",
    "structure", "emergency_route", "over_railway", "over_road", "status", "attributes", "notes",
)
INSPECTION_FIELDS = (
    "asset_id", "inspected_on", "fiscal_year", "scale_id", "grade", "method", "inspector_org",
    "inspector_name", "findings", "measurements", "supersedes",
)
MEASURE_FIELDS = (
    "asset_id", "inspection_id", "kind", "status", "description", "planned_fy", "started_on",
    "completed_on", "cost_planned_yen", "cost_actual_yen", "contract_id",
)
SYNC_FIELDS = ("id", "owner", "vv", "hlc", "deleted", "modified_at", "modified_by")


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def asset_values(a: Asset) -> dict[str, Any]:
    return {
        "asset_type": a.asset_type, "name": a.name, "name_kana": a.name_kana, "route": a.route,
        "address": a.address, "external_id": a.external_id, "lat": a.lat, "lon": a.lon,
        "coord_text": a.coord_text, "built_year": a.built_year,
        "built_year_text": a.built_year_text, "length_m": a.length_m, "width_m": a.width_m,
        "area_m2": a.area_m2, "structure": a.structure,
        "emergency_route": int(a.emergency_route), "over_railway": int(a.over_railway),
        "over_road": int(a.over_road), "status": str(a.status),
        "attributes": json.dumps(a.attributes, ensure_ascii=False, sort_keys=True),
        "notes": a.notes,
    }


def asset_from_row(r: sqlite3.Row) -> Asset:
    return Asset(
        id=r["id"], owner=r["owner"], asset_type=r["asset_type"], name=r["name"],
        name_kana=r["name_kana"], route=r["route"], address=r["address"],
        external_id=r["external_id"], lat=r["lat"], lon=r["lon"], coord_text=r["coord_text"],
        built_year=r["built_year"], built_year_text=r["built_year_text"],
        length_m=r["length_m"], width_m=r["width_m"], area_m2=r["area_m2"],
        structure=r["structure"], emergency_route=bool(r["emergency_route"]),
        over_railway=bool(r["over_railway"]), over_road=bool(r["over_road"]),
        status=AssetStatus(r["status"]), attributes=json.loads(r["attributes"]), notes=r["notes"],
    )


def inspection_values(i: Inspection) -> dict[str, Any]:
    return {
        "asset_id": i.asset_id, "inspected_on": i.inspected_on.isoformat(),
        "fiscal_year": i.fiscal_year, "scale_id": i.scale, "grade": i.grade,
        "method": i.method, "inspector_org": i.inspector_org,
        "inspector_name": i.inspector_name, "findings": i.findings,
        "measurements": json.dumps(i.measurements, sort_keys=True), "supersedes": i.supersedes,
        "contract_id": i.contract_id,
    }


def inspection_from_row(r: sqlite3.Row, members: tuple[MemberFinding, ...] = ()) -> Inspection:
    return Inspection(
        id=r["id"], owner=r["owner"], asset_id=r["asset_id"],
        inspected_on=dt.date.fromisoformat(r["inspected_on"]), scale=r["scale_id"],
        grade=r["grade"], method=r["method"], inspector_org=r["inspector_org"],
        inspector_name=r["inspector_name"], findings=r["findings"],
        measurements=json.loads(r["measurements"]), supersedes=r["supersedes"], members=members,
        contract_id=r["contract_id"],
    )


def member_from_row(r: sqlite3.Row) -> MemberFinding:
    return MemberFinding(member=r["member"], damage_type=r["damage_type"], degree=r["degree"],
                         member_grade=r["member_grade"], countermeasure=r["countermeasure"],
                         note=r["note"])


def measure_values(m: Measure) -> dict[str, Any]:
    return {
        "asset_id": m.asset_id, "inspection_id": m.inspection_id, "kind": m.kind,
        "status": str(m.status), "description": m.description, "planned_fy": m.planned_fy,
        "started_on": _iso(m.started_on), "completed_on": _iso(m.completed_on),
        "cost_planned_yen": m.cost_planned_yen, "cost_actual_yen": m.cost_actual_yen,
        "contract_id": m.contract_id,
    }


def measure_from_row(r: sqlite3.Row) -> Measure:
    return Measure(
        id=r["id"], owner=r["owner"], asset_id=r["asset_id"], kind=r["kind"],
        status=MeasureStatusId(r["status"]), description=r["description"],
        inspection_id=r["inspection_id"], planned_fy=r["planned_fy"],
        started_on=_date(r["started_on"]), completed_on=_date(r["completed_on"]),
        cost_planned_yen=r["cost_planned_yen"], cost_actual_yen=r["cost_actual_yen"],
        contract_id=r["contract_id"],
    )


def organisation_values(o: Organisation) -> dict[str, Any]:
    return {"code": o.code, "kind": str(o.kind), "name": o.name, "name_en": o.name_en,
            "lead_code": o.lead_code, "members": json.dumps(list(o.members)),
            "representative": o.representative}


def organisation_from_row(r: sqlite3.Row) -> Organisation:
    return Organisation(code=r["code"], kind=OrgKind(r["kind"]), name=r["name"],
                        name_en=r["name_en"], lead_code=r["lead_code"],
                        members=tuple(json.loads(r["members"])),
                        representative=r["representative"])
