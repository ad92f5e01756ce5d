"""Domain records: assets, inspections with member findings, and measures.

Plain dataclasses with validation that reports every problem at once, each naming its field,
so a form can show the message next to the field and an importer can name the column.
Money is integer 円, dates are ``datetime.date``, years are integers (None when unknown)
with the original spelling kept beside them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .catalogue import Catalogue, UnknownCodeError
from .wareki import fiscal_year_of


class AssetStatus(StrEnum):
    IN_SERVICE = "in_service"
    RETIRED = "retired"  # 供用廃止 (kept for the record, never deleted)
    REMOVED = "removed"  # 撤去済


DAMAGE_DEGREES = ("a", "b", "c", "d", "e")
# 対策区分 of the national 定期点検要領; prefecture variants (A0, unsplit C) are accepted too.
COUNTERMEASURE_CLASSES = ("A", "A0", "B", "C", "C1", "C2", "E1", "E2", "M", "S1", "S2")


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(ValueError):
    """A record with one or more invalid fields."""

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass(slots=True)
class Asset:
    id: str
    owner: str
    asset_type: str
    name: str
    name_kana: str = ""
    route: str = ""
    address: str = ""
    external_id: str = ""  # e.g. the national database's BR0-011002-00001
    lat: float | None = None
    lon: float | None = None
    coord_text: str = ""  # the coordinates as the source wrote them
    built_year: int | None = None
    built_year_text: str = ""  # "S45", "不明", as written
    length_m: float | None = None
    width_m: float | None = None
    area_m2: float | None = None
    structure: str = ""  # 橋種・形式, pipe material, facility kind
    emergency_route: bool = False  # 緊急輸送道路
    over_railway: bool = False  # 跨線橋
    over_road: bool = False  # 跨道橋
    status: AssetStatus = AssetStatus.IN_SERVICE
    attributes: dict[str, Any] = field(default_factory=dict)  # per-type fields
    notes: str = ""

    def validate(self, catalogue: Catalogue, *, today: dt.date | None = None) -> list[FieldError]:
        errors: list[FieldError] = []
        try:
            catalogue.asset_type(self.asset_type)
        except UnknownCodeError as exc:
            errors.append(FieldError("asset_type", str(exc)))
        if not self.name.strip():
            errors.append(FieldError("name", "名称を入力してください"))
        if self.lat is not None and not 20.0 <= self.lat <= 46.0:
            errors.append(FieldError("lat", f"緯度 {self.lat} は日本の範囲 (20-46度) 外です"))
        if self.lon is not None and not 122.0 <= self.lon <= 154.0:
            errors.append(FieldError("lon", f"経度 {self.lon} は日本の範囲 (122-154度) 外です"))
        if (self.lat is None) != (self.lon is None):
            errors.append(FieldError("lat", "緯度と経度は両方入力してください"))
        this_year = (today or dt.date.today()).year
        if self.built_year is not None and not 1868 <= self.built_year <= this_year + 5:
            errors.append(FieldError("built_year", f"架設年 {self.built_year} が範囲外です"))
        for name in ("length_m", "width_m", "area_m2"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                errors.append(FieldError(name, "0 より大きい値を入力してください"))
        return errors


@dataclass(frozen=True, slots=True)
class MemberFinding:
    """One row of member-level diagnosis (様式1): member, damage, degree, grade, 対策区分."""

    member: str
    damage_type: str = ""
    degree: str = ""  # 損傷程度 a-e
    member_grade: str = ""  # member-level Ⅰ-Ⅳ
    countermeasure: str = ""  # 対策区分
    note: str = ""

    def validate(self, index: int) -> list[FieldError]:
        errors = []
        where = f"members[{index}]"
        if not self.member.strip():
            errors.append(FieldError(f"{where}.member", "部材名を入力してください"))
        if self.degree and self.degree not in DAMAGE_DEGREES:
            errors.append(FieldError(f"{where}.degree", f"損傷程度 '{self.degree}' は a-e ではありません"))
        if self.countermeasure and self.countermeasure not in COUNTERMEASURE_CLASSES:
            errors.append(FieldError(f"{where}.countermeasure",
                                     f"対策区分 '{self.countermeasure}' が分かりません"))
        return errors


@dataclass(slots=True)
class Inspection:
    id: str
    owner: str
    asset_id: str
    inspected_on: dt.date
    scale: str
    grade: str
    method: str = ""  # 近接目視, ドローン, 打音 ...
    inspector_org: str = ""  # organisation code of who inspected
    inspector_name: str = ""
    findings: str = ""
    measurements: dict[str, float] = field(default_factory=dict)  # crack %, rut mm, IRI, MCI
    supersedes: str | None = None  # id of the inspection this one corrects
    members: tuple[MemberFinding, ...] = ()
    contract_id: str | None = None  # the contract it was made under (a contractor's result)

    @property
    def fiscal_year(self) -> int:
        return fiscal_year_of(self.inspected_on)

    def validate(self, catalogue: Catalogue, *, today: dt.date | None = None) -> list[FieldError]:
        errors: list[FieldError] = []
        try:
            catalogue.scale(self.scale).grade(self.grade)
        except UnknownCodeError as exc:
            errors.append(FieldError("grade", str(exc)))
        if self.inspected_on > (today or dt.date.today()):
            errors.append(FieldError("inspected_on", "点検日が未来の日付です"))
        for i, m in enumerate(self.members):
            errors.extend(m.validate(i))
        return errors


class MeasureStatusId(StrEnum):
    PLANNED = "planned"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


@dataclass(slots=True)
class Measure:
    id: str
    owner: str
    asset_id: str
    kind: str  # catalogue measure kind: repair, closure, removal ...
    status: MeasureStatusId = MeasureStatusId.PLANNED
    description: str = ""  # 対策内容: 断面修復, 橋面防水 ...
    inspection_id: str | None = None  # the inspection that triggered it
    planned_fy: int | None = None
    started_on: dt.date | None = None
    completed_on: dt.date | None = None
    cost_planned_yen: int | None = None
    cost_actual_yen: int | None = None
    contract_id: str | None = None

    def validate(self, catalogue: Catalogue) -> list[FieldError]:
        errors: list[FieldError] = []
        try:
            catalogue.measure_kind(self.kind)
        except UnknownCodeError as exc:
            errors.append(FieldError("kind", str(exc)))
        if self.status is MeasureStatusId.COMPLETED and self.completed_on is None:
            errors.append(FieldError("completed_on", "完了した措置には完了日が必要です"))
        if self.started_on and self.completed_on and self.completed_on < self.started_on:
            errors.append(FieldError("completed_on", "完了日が着手日より前です"))
        for name in ("cost_planned_yen", "cost_actual_yen"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors.append(FieldError(name, "費用は0以上の整数 (円) で入力してください"))
        return errors


# Japanese names of fields, for messages, audit summaries and column headers.
FIELD_LABELS_JA: dict[str, str] = {
    "asset_type": "施設種別", "name": "名称", "name_kana": "名称かな", "route": "路線名",
    "address": "所在地", "external_id": "施設ID", "lat": "緯度", "lon": "経度",
    "coord_text": "座標 (原文)", "built_year": "架設年", "built_year_text": "架設年 (原文)",
    "length_m": "延長・橋長 (m)", "width_m": "幅員 (m)", "area_m2": "面積 (m²)",
    "structure": "構造・形式", "emergency_route": "緊急輸送道路", "over_railway": "跨線橋",
    "over_road": "跨道橋", "status": "状態", "attributes": "種別別項目", "notes": "備考",
    "owner": "管理者", "inspected_on": "点検日", "grade": "判定区分", "method": "点検方法",
    "inspector_org": "点検者 (団体)", "inspector_name": "点検者", "findings": "所見",
    "measurements": "測定値", "kind": "措置の種類", "description": "対策内容",
    "planned_fy": "予定年度", "started_on": "着手日", "completed_on": "完了日",
    "cost_planned_yen": "概算費用 (円)", "cost_actual_yen": "実績費用 (円)",
    "inspection_id": "契機となった点検", "contract_id": "契約",
}
