"""Realistic contracts for the demo region (call after ``demo.generate_region``).

Adds, as the prefecture's file sees them:
- a joint bridge inspection contract of the prefecture and three towns (FY2027-2028, by
  assets owned), awarded to the local company at the first tender;
- a 5-year 包括 road maintenance contract of 汐見町 and 稲穂町 with the local JV
  (patrol, cleaning, pavement repair, snow removal, call centre) over the two towns' road
  sections (舗装) and the footbridges and sign gantries on their roads, whose first tender
  failed (不調: no bidder) and was awarded on the re-tender; with KPIs, residents' requests
  (each about a section of those roads; contacts in the local-only table), work orders and
  computed KPI measurements.
Content is fixed by the seed (ids, dates, times); only the version stamps carry the clock.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from ..core.contracts import Bid, Contract, ContractStatus, Orderer, PaymentForm, Process, ShareMethod, Tender
from ..core.ids import UUID7Generator
from ..core.performance import (
    DeductionRule,
    Direction,
    Kpi,
    MeasuredBy,
    Measurement,
    Period,
    RequestCategory,
    ResidentContact,
    ResidentRequest,
    WorkOrder,
    response_measurement,
)
from ..demo import generate_region
from ..storage.changes import ChangeContext
from ..storage.contracts import ContractRepository
from ..storage.database import Database

PREF, CITY, SNOWY, COASTAL, FARMING = "150002", "152986", "155918", "155926", "155934"
COMPANY, JV = "8110001087654", "XDE0000000001"
_SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村", "小林", "加藤")
_GIVEN = ("花子", "太郎", "恵子", "一郎", "美咲", "健", "陽子", "翔", "由美", "誠")


def add_demo_contracts(path: Path | str, *, seed: int = 2026) -> dict[str, str]:
    """Write the demo contracts into an existing demo-region file; returns their ids."""
    rng = random.Random(f"gunmane-demo-contracts:{seed}")
    ids = UUID7Generator(clock=lambda: 1_790_000_000_000, rng=random.Random(seed))
    with Database.open(path) as db:
        have = {r[0] for r in db.conn.execute("SELECT code FROM organisations WHERE deleted = 0")}
        missing = {PREF, CITY, SNOWY, COASTAL, FARMING, COMPANY, JV} - have
        if missing:
            raise ValueError(f"{path}: デモ契約は標準のデモ地域にだけ追加できます "
                             f"(organisations missing: {', '.join(sorted(missing))})")
        ctx = ChangeContext(db, PREF, "demo", "demo contracts")
        repo = ContractRepository(db)
        with db.transaction():
            bridge_id = _bridge_inspection(db, ctx, repo, ids)
            road_id = _road_maintenance(db, ctx, repo, ids, rng)
    return {"bridge_inspection": bridge_id, "road_maintenance": road_id}


def _bridge_inspection(db: Database, ctx: ChangeContext, repo: ContractRepository, ids) -> str:
    orgs = (PREF, CITY, SNOWY, FARMING)
    scope = [r[0] for r in db.conn.execute(
        "SELECT a.id FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        "WHERE a.asset_type = 'bridge' AND a.deleted = 0 AND a.status = 'in_service' "
        f"AND a.owner IN ({', '.join('?' * len(orgs))}) AND s.next_due_fy BETWEEN 2027 AND 2028 "
        "ORDER BY a.id", orgs)]
    amount = 148_500_000
    contract = Contract(
        ids(), PREF, "R9-道路-橋点-1", "橋梁定期点検業務 (県・若葉市・雪峰村・稲穂町 共同発注)",
        tuple(Orderer(o, 1.0, lead=o == PREF) for o in orgs), COMPANY,
        dt.date(2027, 4, 1), dt.date(2029, 3, 31), amount_yen=amount,
        budget_by_fy={2027: 75_000_000, 2028: 75_000_000}, payment_form=PaymentForm.UNIT_PRICE,
        processes=(Process.INSPECTION, Process.REPAIR_DESIGN), share_method=ShareMethod.BY_ASSETS,
        status=ContractStatus.ACTIVE, note="県が幹事として一括発注し、負担金は対象橋梁数で按分")
    repo.add(ctx, contract, scope)
    repo.add_tender(ctx, Tender(ids(), PREF, contract.id, dt.date(2027, 2, 3), 152_000_000,
                                (Bid(COMPANY, amount), Bid("7110001087655", 151_000_000)),
                                opened_on=dt.date(2027, 3, 2)))
    kpi = repo.add_kpi(ctx, Kpi(ids(), PREF, contract.id, "点検の計画どおり実施率", "%", 100.0,
                                measured_by=MeasuredBy.INSPECTIONS_ON_SCHEDULE,
                                period=Period.FISCAL_YEAR, deduction=DeductionRule(percent=1.0)))
    repo.record_measurement(ctx, Measurement(kpi.id, "2027", 98.6, "manual"), "2橋は通行規制の調整で翌年度")
    return contract.id


#: What a 包括 road maintenance contract looks after: the road sections it patrols, cleans,
#: repairs and clears of snow, and the structures over those roads it patrols and cleans.
#: Bridges and tunnels stay with their 5-yearly inspection contracts.
ROAD_MAINTENANCE_TYPES = ("pavement", "footbridge", "sign_gantry")


def _road_scope(db: Database, orderers: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(asset id, owner, route) of the orderers' in-service road sections and roadside
    structures, in id order (the demo stays the same for the same seed)."""
    marks = ", ".join("?" * len(orderers))
    types = ", ".join("?" * len(ROAD_MAINTENANCE_TYPES))
    return [(r[0], r[1], r[2]) for r in db.conn.execute(
        f"SELECT id, owner, route FROM assets WHERE deleted = 0 AND status = 'in_service' "
        f"AND owner IN ({marks}) AND asset_type IN ({types}) ORDER BY id",
        (*orderers, *ROAD_MAINTENANCE_TYPES))]


def _road_maintenance(db: Database, ctx: ChangeContext, repo: ContractRepository, ids,
                      rng: random.Random) -> str:
    amount = 740_000_000
    contract = Contract(
        ids(), COASTAL, "R8-包括-1", "道路包括維持管理業務 (汐見町・稲穂町, 5年)",
        (Orderer(COASTAL, 3.0, lead=True), Orderer(FARMING, 2.0)), JV,
        dt.date(2026, 4, 1), dt.date(2031, 3, 31), amount_yen=amount,
        budget_by_fy={fy: 148_000_000 for fy in range(2026, 2031)}, payment_form=PaymentForm.MIXED,
        processes=(Process.PATROL, Process.CLEANING, Process.PAVEMENT_REPAIR, Process.SNOW_REMOVAL,
                   Process.CALL_CENTRE),
        share_method=ShareMethod.FIXED, status=ContractStatus.ACTIVE,
        note="性能規定: 巡回・清掃・舗装補修・除雪・住民対応を一括。三条市の例に倣う")
    # The contract's rows belong to the lead town; the prefecture's file records them as
    # the lead of the region would after receiving them.
    town = ChangeContext(ctx.db, COASTAL, "demo", "demo contracts")
    scope = _road_scope(db, (COASTAL, FARMING))
    repo.add(town, contract, [asset_id for asset_id, _owner, _route in scope])
    sections = {org: [(a, route) for a, owner, route in scope if owner == org and route]
                for org in (COASTAL, FARMING)}
    first = repo.add_tender(town, Tender(ids(), COASTAL, contract.id, dt.date(2025, 12, 1), 745_000_000,
                                         (Bid(JV, None),), opened_on=dt.date(2026, 1, 9),
                                         note="参加者辞退により不調"))
    repo.add_tender(town, Tender(ids(), COASTAL, contract.id, dt.date(2026, 1, 20), 745_000_000,
                                 (Bid(JV, amount),), opened_on=dt.date(2026, 2, 16), round=2,
                                 previous_id=first.id, note="巡回頻度を見直して再公告"))
    within = repo.add_kpi(town, Kpi(ids(), COASTAL, contract.id, "ポットホール24時間以内対応率", "%", 90.0,
                                    measured_by=MeasuredBy.RESPONSE_WITHIN, period=Period.FISCAL_YEAR,
                                    deduction=DeductionRule(percent=1.0, cap_percent=5.0),
                                    params={"hours": 24}))
    mean = repo.add_kpi(town, Kpi(ids(), COASTAL, contract.id, "通報から完了までの平均時間", "h", 48.0,
                                  direction=Direction.AT_MOST, measured_by=MeasuredBy.MEAN_RESPONSE_HOURS,
                                  period=Period.FISCAL_YEAR))
    patrol = repo.add_kpi(town, Kpi(ids(), COASTAL, contract.id, "道路巡回 (月あたり)", "回/月", 4.0,
                                    period=Period.MONTH, deduction=DeductionRule(per_unit_yen=200_000)))
    for month in range(4, 11):
        repo.record_measurement(town, Measurement(patrol.id, f"2026-{month:02d}",
                                                  float(rng.choice((4, 4, 5, 4, 3)))))
    requests, orders = [], []
    # April to October: potholes most of all, and no snow yet.
    categories = [RequestCategory.POTHOLE] * 6 + [RequestCategory.FALLEN_TREE, RequestCategory.DRAINAGE,
                                                  RequestCategory.GUARDRAIL, RequestCategory.SIGN_LIGHT]
    for n in range(60):
        owner = COASTAL if n % 5 < 3 else FARMING
        received = dt.datetime(2026, 4, 1, 8) + dt.timedelta(days=rng.randint(0, 200),
                                                             hours=rng.randint(0, 10))
        base = (38.02, 139.33) if owner == COASTAL else (37.8, 139.1)
        category = rng.choice(categories)
        # Where: a section of the town's roads in scope; a pothole names it as the asset.
        section_id, route = sections[owner][rng.randint(1, 40) % len(sections[owner])]
        req = ResidentRequest(ids(), owner, received, category, place=route,
                              asset_id=section_id if category is RequestCategory.POTHOLE else None,
                              lat=round(base[0] + rng.uniform(-0.04, 0.04), 5),
                              lon=round(base[1] + rng.uniform(-0.04, 0.04), 5),
                              contract_id=contract.id, description="通報内容 (デモ)")
        contact = ResidentContact("", rng.choice(_SURNAMES) + rng.choice(_GIVEN),
                                  f"0250-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}")
        repo.add_request(ChangeContext(ctx.db, owner, "demo", "demo contracts"), req, contact)
        hours = rng.choice((3, 5, 8, 12, 18, 20, 22, 30, 50)) if n < 57 else None
        order = WorkOrder(ids(), owner, req.id, contract.id, JV, received + dt.timedelta(hours=1),
                          received + dt.timedelta(hours=hours) if hours else None,
                          "補修済み" if hours else "")
        repo.add_work_order(ChangeContext(ctx.db, owner, "demo", "demo contracts"), order)
        requests.append(req)
        orders.append(order)
    as_of = dt.datetime(2026, 10, 31, 17)
    for kpi in (within, mean):
        m = response_measurement(kpi, requests, orders, "2026", as_of=as_of)
        if m is not None:
            repo.record_measurement(town, m)
    return contract.id


def make_demo_region(path: Path | str, *, seed: int = 2026, progress=None, cancel=None):
    """The demo region as the CLI and the window offer it: stock and history from the
    demo generator, then the region's contracts, tenders, KPIs and resident requests."""
    summary = generate_region(path, seed=seed, progress=progress, cancel=cancel)
    add_demo_contracts(path, seed=seed)
    return summary
