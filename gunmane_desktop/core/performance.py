"""Performance-based contracts (性能規定): KPIs as data, compliance, residents' requests.

A KPI is a row of data: name, unit, target, direction, how it is measured (entered by hand
or computed from records), its period and a deduction rule. A measurement is a value for
one period; compliance compares it with the target and works out the deduction. Residents'
requests and the work orders given to the contractor yield response times, and the share
fixed within a time limit is itself a KPI. Stdlib only.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from .models import FieldError


class Direction(StrEnum):
    AT_LEAST = "at_least"  # value >= target (share on schedule, patrol count)
    AT_MOST = "at_most"  # value <= target (hours to fix, complaints)


class MeasuredBy(StrEnum):
    MANUAL = "manual"  # entered per period
    RESPONSE_WITHIN = "response_within"  # share of requests fixed within params["hours"]
    MEAN_RESPONSE_HOURS = "mean_response_hours"
    INSPECTIONS_ON_SCHEDULE = "inspections_on_schedule"  # share of due inspections done
    MEASURES_STARTED = "measures_started"  # share of Ⅲ/Ⅳ assets with a measure started


MEASURED_BY_JA = {MeasuredBy.MANUAL: "手入力", MeasuredBy.RESPONSE_WITHIN: "時間内対応率",
                  MeasuredBy.MEAN_RESPONSE_HOURS: "平均対応時間",
                  MeasuredBy.INSPECTIONS_ON_SCHEDULE: "点検の計画どおり実施率",
                  MeasuredBy.MEASURES_STARTED: "Ⅲ・Ⅳの措置着手率"}


class Period(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    FISCAL_YEAR = "fiscal_year"


@dataclass(frozen=True, slots=True)
class DeductionRule:
    """What a missed target costs: ``percent`` of the period's payment per missed period,
    plus ``per_unit_yen`` for each unit of shortfall; never more than ``cap_percent``."""

    percent: float = 0.0
    per_unit_yen: int = 0
    cap_percent: float = 100.0

    def deduction(self, shortfall: float, period_payment_yen: int) -> int:
        if shortfall <= 0:
            return 0
        raw = period_payment_yen * self.percent / 100 + self.per_unit_yen * shortfall
        return int(min(raw, period_payment_yen * self.cap_percent / 100))


@dataclass(slots=True)
class Kpi:
    id: str
    owner: str
    contract_id: str
    name: str
    unit: str  # "%", "h", "回/月"
    target: float
    direction: Direction = Direction.AT_LEAST
    measured_by: MeasuredBy = MeasuredBy.MANUAL
    period: Period = Period.FISCAL_YEAR
    deduction: DeductionRule = field(default_factory=DeductionRule)
    params: dict[str, float] = field(default_factory=dict)  # e.g. {"hours": 24}
    note: str = ""

    def validate(self) -> list[FieldError]:
        errors: list[FieldError] = []
        if not self.name.strip():
            errors.append(FieldError("name", "指標名を入力してください"))
        if not math.isfinite(self.target):
            errors.append(FieldError("target", "目標値が数値ではありません"))
        if self.measured_by is MeasuredBy.RESPONSE_WITHIN and self.params.get("hours", 0) <= 0:
            errors.append(FieldError("params", "時間内対応率には時間 (hours) が必要です"))
        if self.deduction.percent < 0 or self.deduction.per_unit_yen < 0:
            errors.append(FieldError("deduction", "減額は0以上にしてください"))
        return errors


@dataclass(frozen=True, slots=True)
class Measurement:
    kpi_id: str
    period: str  # "2026" (年度), "2026-Q1" (年度の四半期), "2026-04" (月)
    value: float
    source: str = "manual"  # or "computed"


@dataclass(frozen=True, slots=True)
class Compliance:
    kpi_id: str
    name: str
    period: str
    value: float | None
    target: float
    met: bool | None  # None: not measured yet
    shortfall: float
    deduction_yen: int


def compliance(kpi: Kpi, measurement: Measurement | None, *,
               period: str | None = None, period_payment_yen: int = 0) -> Compliance:
    """Whether one period meets the target, by how much it falls short, and the deduction."""
    label = measurement.period if measurement else (period or "")
    if measurement is None:
        return Compliance(kpi.id, kpi.name, label, None, kpi.target, None, 0.0, 0)
    if kpi.direction is Direction.AT_LEAST:
        shortfall = max(0.0, kpi.target - measurement.value)
    else:
        shortfall = max(0.0, measurement.value - kpi.target)
    shortfall = round(shortfall, 9)
    return Compliance(kpi.id, kpi.name, label, measurement.value, kpi.target, shortfall == 0,
                      shortfall, kpi.deduction.deduction(shortfall, period_payment_yen))


def compliance_table(kpis: Sequence[Kpi], measurements: Iterable[Measurement],
                     periods: Sequence[str],
                     period_payment_yen: Mapping[str, int] | None = None) -> list[Compliance]:
    """Per KPI and period (KPIs in the given order, periods in the given order)."""
    by_key = {(m.kpi_id, m.period): m for m in measurements}
    pay = period_payment_yen or {}
    return [compliance(k, by_key.get((k.id, p)), period=p, period_payment_yen=pay.get(p, 0))
            for k in kpis for p in periods]


def period_of(moment: dt.datetime | dt.date, period: Period) -> str:
    """The label of the period a moment falls in (fiscal years start in April)."""
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    fy = day.year if day.month >= 4 else day.year - 1
    if period is Period.FISCAL_YEAR:
        return str(fy)
    if period is Period.QUARTER:
        return f"{fy}-Q{(day.month - 4) % 12 // 3 + 1}"
    return f"{day.year:04d}-{day.month:02d}"


def share(numerator: int, denominator: int) -> float | None:
    """A percentage, or None when there is nothing to count."""
    return None if denominator == 0 else 100.0 * numerator / denominator


# -- residents' requests and work orders ----------------------------------------------------

class RequestCategory(StrEnum):
    POTHOLE = "pothole"  # 路面の穴
    FALLEN_TREE = "fallen_tree"  # 倒木
    DRAINAGE = "drainage"  # 側溝・排水
    GUARDRAIL = "guardrail"  # 防護柵
    SIGN_LIGHT = "sign_light"  # 標識・照明
    SNOW = "snow"  # 除雪
    OTHER = "other"


REQUEST_CATEGORY_JA = {RequestCategory.POTHOLE: "路面の穴 (ポットホール)",
                       RequestCategory.FALLEN_TREE: "倒木", RequestCategory.DRAINAGE: "側溝・排水",
                       RequestCategory.GUARDRAIL: "防護柵",
                       RequestCategory.SIGN_LIGHT: "標識・照明", RequestCategory.SNOW: "除雪",
                       RequestCategory.OTHER: "その他"}


@dataclass(slots=True)
class ResidentRequest:
    """A resident's report. The reporter's name and contact are NOT here: they live in a
    local-only table of the town's file (``ResidentContact``) and never travel by default."""

    id: str
    owner: str  # the town that received it
    received_at: dt.datetime
    category: RequestCategory
    place: str = ""
    lat: float | None = None
    lon: float | None = None
    asset_id: str | None = None
    contract_id: str | None = None
    description: str = ""
    photo_sha256: str | None = None


@dataclass(frozen=True, slots=True)
class ResidentContact:
    request_id: str
    name: str = ""
    phone: str = ""
    address: str = ""


@dataclass(slots=True)
class WorkOrder:
    id: str
    owner: str
    request_id: str | None
    contract_id: str
    contractor: str
    ordered_at: dt.datetime
    completed_at: dt.datetime | None = None
    work_done: str = ""

    def validate(self) -> list[FieldError]:
        if self.completed_at is not None and self.completed_at < self.ordered_at:
            return [FieldError("completed_at", "完了日時が指示日時より前です")]
        return []


@dataclass(frozen=True, slots=True)
class ResponseStats:
    requests: int
    completed: int
    open: int
    mean_hours: float | None
    median_hours: float | None
    p90_hours: float | None
    within_limit: int  # fixed within the limit
    judged: int  # completed, or open for longer than the limit (already missed)
    limit_hours: float

    @property
    def share_within(self) -> float | None:
        return share(self.within_limit, self.judged)


def response_hours(request: ResidentRequest, orders: Sequence[WorkOrder]) -> float | None:
    """Hours from receipt to the last completion of the request's work, or None if open."""
    mine = [o for o in orders if o.request_id == request.id]
    if not mine or any(o.completed_at is None for o in mine):
        return None
    done = max(o.completed_at for o in mine if o.completed_at is not None)
    return (done - request.received_at).total_seconds() / 3600


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear interpolation between closest ranks (numpy's default)."""
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def response_stats(requests: Sequence[ResidentRequest], orders: Sequence[WorkOrder], *,
                   limit_hours: float = 24.0, as_of: dt.datetime) -> ResponseStats:
    """Response times of a set of requests (e.g. one contract's, one period's).

    A request still open past the limit at ``as_of`` has already missed it and counts
    against the share; one open within the limit is not judged yet.
    """
    by_request: dict[str, list[WorkOrder]] = {}
    for o in orders:
        if o.request_id is not None:
            by_request.setdefault(o.request_id, []).append(o)
    hours: list[float] = []
    within = judged = 0
    for r in requests:
        h = response_hours(r, by_request.get(r.id, []))
        if h is None:
            if (as_of - r.received_at).total_seconds() / 3600 > limit_hours:
                judged += 1
            continue
        hours.append(h)
        judged += 1
        within += h <= limit_hours
    hours.sort()
    return ResponseStats(
        requests=len(requests), completed=len(hours), open=len(requests) - len(hours),
        mean_hours=sum(hours) / len(hours) if hours else None,
        median_hours=_quantile(hours, 0.5) if hours else None,
        p90_hours=_quantile(hours, 0.9) if hours else None,
        within_limit=within, judged=judged, limit_hours=limit_hours)


def response_measurement(kpi: Kpi, requests: Sequence[ResidentRequest],
                         orders: Sequence[WorkOrder], period: str, *,
                         as_of: dt.datetime) -> Measurement | None:
    """Compute a response-time KPI for one period from the requests received in it."""
    in_period = [r for r in requests if period_of(r.received_at, kpi.period) == period
                 and (r.contract_id in (None, kpi.contract_id))]
    stats = response_stats(in_period, orders, limit_hours=kpi.params.get("hours", 24.0),
                           as_of=as_of)
    if kpi.measured_by is MeasuredBy.RESPONSE_WITHIN:
        value = stats.share_within
    elif kpi.measured_by is MeasuredBy.MEAN_RESPONSE_HOURS:
        value = stats.mean_hours
    else:
        raise ValueError(f"{kpi.name} is not a response-time KPI")
    return None if value is None else Measurement(kpi.id, period, round(value, 4), "computed")
