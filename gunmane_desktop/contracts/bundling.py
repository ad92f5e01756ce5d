"""The bundling assistant: propose contract lots for a fiscal year from the regional register.

Due inspections (``asset_status.next_due_fy`` up to the year, and statutory assets never
inspected) and, optionally, Ⅲ/Ⅳ assets whose repair has not started are grouped across
towns and sectors by geography into lots of about a target amount (default 1億円/year),
with editable unit costs. Inspections and works are never mixed in one lot (they are
different kinds of tender). Each lot gets an estimated route (nearest-neighbour tour from
the site nearest its centre, x ROAD_FACTOR) and is compared with the usual practice: one
contract per owner (town or prefecture). Everything is deterministic for a fixed input.

The costs below are JUDGEMENTS for planning (domain notes: inspection 20-60万円 per small
bridge); a town replaces them with its own prices (``BundlingParams``).
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..core.contracts import Contract, ContractStatus, Orderer, PaymentForm, Process, ShareMethod
from ..core.unit_costs import UnitCostTable, default_unit_costs
from ..core.wareki import fiscal_year_bounds
from .geo import ROAD_FACTOR, bisect_balanced, nearest_neighbour_tour, project_km

DEFAULT_TARGET_YEN = 100_000_000  # about 1億円 per lot and year (府中市)
INSPECTION = "inspection"
WORKS = "works"

#: Inspection cost per asset type: (fixed 円, 円 per unit, unit, default size). Judgements.
DEFAULT_INSPECTION_COSTS: dict[str, tuple[int, int, str, float]] = {
    "bridge": (200_000, 2_000, "m2", 73.0),
    "footbridge": (300_000, 2_000, "m2", 80.0),
    "tunnel": (2_500_000, 5_000, "m", 200.0),
    "sign_gantry": (250_000, 0, "each", 1.0),
    "shed_culvert": (800_000, 5_000, "m", 50.0),
    "pavement": (50_000, 30, "m2", 3_000.0),
    "sewer": (30_000, 1_500, "m", 40.0),
    "park": (20_000, 0, "each", 1.0),
    "river": (150_000, 0, "each", 1.0),
    "other": (200_000, 0, "each", 1.0),
}


@dataclass(frozen=True, slots=True)
class BundlingParams:
    target_yen: int = DEFAULT_TARGET_YEN
    tolerance: float = 0.5  # lots within target x (1 ± tolerance)
    include_repairs: bool = False
    inspection_costs: dict[str, tuple[int, int, str, float]] = field(
        default_factory=lambda: dict(DEFAULT_INSPECTION_COSTS))
    repair_costs: UnitCostTable | None = None  # default: core.unit_costs default table
    mobilisation_yen_per_contract: int = 1_000_000  # 現場準備・共通仮設 (judgement)
    travel_yen_per_km: int = 150  # vehicle and crew time per road km (judgement)
    ordering_hours_per_contract: float = 120.0  # 設計・積算・入札・契約・検査 (judgement)
    ordering_hours_per_joint_orderer: float = 24.0  # 協定・負担金 for each co-orderer

    @property
    def band(self) -> tuple[int, int]:
        return (int(self.target_yen * (1 - self.tolerance)), int(self.target_yen * (1 + self.tolerance)))


@dataclass(frozen=True, slots=True)
class DueItem:
    asset_id: str
    owner: str
    asset_type: str
    sector: str
    kind: str  # INSPECTION or WORKS
    cost_yen: int
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Lot:
    number: int
    kind: str
    fiscal_year: int
    asset_ids: tuple[str, ...]
    orgs: tuple[str, ...]
    sectors: tuple[str, ...]
    cost_yen: int
    cost_by_org: dict[str, int]
    assets_by_org: dict[str, int]
    travel_km: float
    centre: tuple[float, float]  # (lat, lon)
    in_band: bool


@dataclass(frozen=True, slots=True)
class Practice:
    """The figures of one way of ordering the year's work."""

    contracts: int
    travel_km: float
    mobilisation_yen: int
    staff_hours: float


@dataclass(frozen=True, slots=True)
class Proposal:
    fiscal_year: int
    params: BundlingParams
    lots: tuple[Lot, ...]
    bundled: Practice
    per_owner: Practice  # baseline: one contract per town (and one for the prefecture)
    per_owner_travel_km: dict[str, float]
    unlocated: int  # items without coordinates, placed at their owner's centre


def inspection_cost(item_type: str, area_m2: float | None, length_m: float | None,
                    width_m: float | None, costs: dict[str, tuple[int, int, str, float]]) -> int:
    fixed, per, unit, default = costs.get(item_type) or costs["other"]
    if unit == "m2":
        size = area_m2 or (length_m * width_m if length_m and width_m else None)
    elif unit == "m":
        size = length_m
    else:
        size = 1.0
    size = size if size and size > 0 else default
    return int(round(fixed + per * size, -3))


_DUE_SQL = """
SELECT a.id, a.owner, a.asset_type, t.sector_id, a.lat, a.lon, a.area_m2, a.length_m, a.width_m,
       s.next_due_fy, s.last_inspection_id, t.cycle_years, s.action_required, s.measure_state
FROM assets a
JOIN asset_status s ON s.asset_seq = a.seq
JOIN asset_types t ON t.id = a.asset_type
WHERE a.deleted = 0 AND a.status = 'in_service'
  AND ((t.cycle_years IS NOT NULL AND (s.next_due_fy <= :fy OR s.last_inspection_id IS NULL))
       OR (:repairs AND s.action_required = 1 AND s.measure_state IN ('none', 'planned')))
ORDER BY a.id
"""


def load_due_items(conn: sqlite3.Connection, fiscal_year: int,
                   params: BundlingParams = BundlingParams()) -> list[DueItem]:
    """Due inspections (and optionally repairs) of the year from the register, id order."""
    repair_costs = params.repair_costs or default_unit_costs()
    items: list[DueItem] = []
    for r in conn.execute(_DUE_SQL, {"fy": fiscal_year, "repairs": int(params.include_repairs)}):
        (asset_id, owner, type_id, sector, lat, lon, area, length, width, due, last, cycle,
         action, state) = tuple(r)
        if cycle is not None and (last is None or (due is not None and due <= fiscal_year)):
            items.append(DueItem(asset_id, owner, type_id, sector, INSPECTION,
                                 inspection_cost(type_id, area, length, width,
                                                 params.inspection_costs), lat, lon))
        if params.include_repairs and action and state in ("none", "planned"):
            tc = repair_costs.for_type(type_id)
            cost = repair_costs.cost(type_id, "corrective_repair", tc.size_of(area, length, width))
            items.append(DueItem(asset_id, owner, type_id, sector, WORKS, cost, lat, lon))
    return items


def choose_lot_count(total_yen: int, target_yen: int) -> int:
    """The number of lots whose mean size is closest to the target (ratio, not difference)."""
    if total_yen <= 0:
        return 0
    x = total_yen / target_yen
    lo = max(1, math.floor(x))
    hi = max(1, math.ceil(x))
    return min((lo, hi), key=lambda k: (abs(math.log(x / k)), k))


def _locate(items: Sequence[DueItem]) -> tuple[list[tuple[float, float]], int]:
    """(lat, lon) per item; unlocated items go to their owner's (or the region's) centre."""
    sums: dict[str, list[float]] = {}
    for it in items:
        if it.lat is not None and it.lon is not None:
            s = sums.setdefault(it.owner, [0.0, 0.0, 0])
            s[0] += it.lat
            s[1] += it.lon
            s[2] += 1
    located = [(it.lat, it.lon) for it in items if it.lat is not None and it.lon is not None]
    region = ((sum(p[0] for p in located) / len(located), sum(p[1] for p in located) / len(located))
              if located else (0.0, 0.0))
    out, missing = [], 0
    for it in items:
        if it.lat is not None and it.lon is not None:
            out.append((it.lat, it.lon))
        else:
            missing += 1
            s = sums.get(it.owner)
            out.append((s[0] / s[2], s[1] / s[2]) if s else region)
    return out, missing


def _route_km(index: Sequence[int], xy: Sequence[tuple[float, float]]) -> float:
    """Estimated road km of a closed tour from the site nearest the group's centre."""
    if len(index) < 2:
        return 0.0
    pts = [xy[i] for i in index]
    cx = sum(p[0] for p in pts) / len(pts)
    cy = sum(p[1] for p in pts) / len(pts)
    start = min(range(len(pts)), key=lambda j: (math.hypot(pts[j][0] - cx, pts[j][1] - cy), j))
    return nearest_neighbour_tour(pts, start)[1] * ROAD_FACTOR


def propose_lots(items: Sequence[DueItem], fiscal_year: int,
                 params: BundlingParams = BundlingParams(), *,
                 progress: Callable[[float, str], None] | None = None) -> Proposal:
    """Group ``items`` into lots per kind and compare with one contract per owner."""
    items = sorted(items, key=lambda it: (it.kind, it.asset_id))
    latlon, unlocated = _locate(items)
    xy = project_km(latlon)
    lots: list[Lot] = []
    low, high = params.band
    kinds = sorted({it.kind for it in items})
    for n_kind, kind in enumerate(kinds):
        index = [i for i, it in enumerate(items) if it.kind == kind]
        cost = [float(it.cost_yen) for it in items]
        k = choose_lot_count(sum(items[i].cost_yen for i in index), params.target_yen)
        groups = bisect_balanced(index, xy, cost, k)
        for g, group in enumerate(groups):
            if progress:
                progress((n_kind + g / len(groups)) / (len(kinds) + 1),
                         f"ロット {len(lots) + 1} の経路を推定")
            group = sorted(group, key=lambda i: items[i].asset_id)
            cost_by_org: dict[str, int] = {}
            assets_by_org: dict[str, int] = {}
            for i in group:
                cost_by_org[items[i].owner] = cost_by_org.get(items[i].owner, 0) + items[i].cost_yen
                assets_by_org[items[i].owner] = assets_by_org.get(items[i].owner, 0) + 1
            total = sum(cost_by_org.values())
            lots.append(Lot(
                number=len(lots) + 1, kind=kind, fiscal_year=fiscal_year,
                asset_ids=tuple(items[i].asset_id for i in group),
                orgs=tuple(sorted(cost_by_org)), sectors=tuple(sorted({items[i].sector for i in group})),
                cost_yen=total, cost_by_org=dict(sorted(cost_by_org.items())),
                assets_by_org=dict(sorted(assets_by_org.items())),
                travel_km=round(_route_km(group, xy), 1),
                centre=(round(sum(latlon[i][0] for i in group) / len(group), 5),
                        round(sum(latlon[i][1] for i in group) / len(group), 5)),
                in_band=low <= total <= high))
    if progress:
        progress(len(kinds) / (len(kinds) + 1), "町ごとの発注と比較しています")
    per_owner_km: dict[str, float] = {}
    per_owner_contracts = 0
    for kind in kinds:
        by_owner: dict[str, list[int]] = {}
        for i, it in enumerate(items):
            if it.kind == kind:
                by_owner.setdefault(it.owner, []).append(i)
        for owner, group in sorted(by_owner.items()):
            per_owner_contracts += 1
            per_owner_km[owner] = round(per_owner_km.get(owner, 0.0) + _route_km(group, xy), 1)
    bundled_km = round(sum(lot.travel_km for lot in lots), 1)
    baseline_km = round(sum(per_owner_km.values()), 1)
    joint_orderers = sum(len(lot.orgs) - 1 for lot in lots)
    bundled = Practice(
        contracts=len(lots), travel_km=bundled_km,
        mobilisation_yen=len(lots) * params.mobilisation_yen_per_contract
        + int(bundled_km * params.travel_yen_per_km),
        staff_hours=len(lots) * params.ordering_hours_per_contract
        + joint_orderers * params.ordering_hours_per_joint_orderer)
    per_owner = Practice(
        contracts=per_owner_contracts, travel_km=baseline_km,
        mobilisation_yen=per_owner_contracts * params.mobilisation_yen_per_contract
        + int(baseline_km * params.travel_yen_per_km),
        staff_hours=per_owner_contracts * params.ordering_hours_per_contract)
    if progress:
        progress(1.0, "ロット案を作成しました")
    return Proposal(fiscal_year, params, tuple(lots), bundled, per_owner, per_owner_km, unlocated)


def propose_for_region(conn: sqlite3.Connection, fiscal_year: int,
                       params: BundlingParams = BundlingParams(),
                       progress: Callable[[float, str], None] | None = None) -> Proposal:
    """Load the year's due work from the register and propose lots."""
    return propose_lots(load_due_items(conn, fiscal_year, params), fiscal_year, params,
                        progress=progress)


def lot_to_contract(lot: Lot, contract_id: str, lead: str, *, number: str = "",
                    years: int = 1) -> Contract:
    """A draft contract for a lot: orderers are the lot's owners, shares by assets owned."""
    start, _ = fiscal_year_bounds(lot.fiscal_year)
    _, end = fiscal_year_bounds(lot.fiscal_year + years - 1)
    orgs = lot.orgs if lead in lot.orgs else (lead, *lot.orgs)
    kind_ja = "点検" if lot.kind == INSPECTION else "修繕工事"
    return Contract(
        id=contract_id, owner=lead, number=number or f"案-{lot.fiscal_year}-{lot.number}",
        title=f"{lot.fiscal_year}年度 {kind_ja} 共同発注 ロット{lot.number} (案)",
        orderers=tuple(Orderer(o, float(lot.assets_by_org.get(o, 0)), lead=o == lead) for o in orgs),
        contractor=None, start_on=start, end_on=end, amount_yen=lot.cost_yen * years,
        budget_by_fy={fy: lot.cost_yen for fy in range(lot.fiscal_year, lot.fiscal_year + years)},
        payment_form=PaymentForm.UNIT_PRICE,
        processes=(Process.INSPECTION,) if lot.kind == INSPECTION else (Process.REPAIR_DESIGN, Process.WORKS),
        share_method=ShareMethod.BY_ASSETS, status=ContractStatus.DRAFT,
        note=f"群マネ ロット提案から作成 (施設 {len(lot.asset_ids)} 件, 移動 {lot.travel_km:,.1f} km)")
