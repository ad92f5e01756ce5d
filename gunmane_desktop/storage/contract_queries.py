"""Read-only queries behind the 契約 page that the contracts repository does not answer.

Plain rows for the GUI's lists: the contract list with orderer and contractor names, the
scope per organisation and asset type, residents' requests joined with their work orders
and (local-only) contacts, who owns a set of selected assets, and the region-wide effects
of bundling (contracts per year, failed tenders, response times, KPI compliance, ordering
workload). Nothing here writes. The readers that reuse the repository take the Database.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from ..core.contracts import CONTRACTOR_KINDS, FAILED_RESULTS, TenderResult, failed_tender_rate
from ..core.organisations import OrgKind
from ..core.performance import compliance, response_hours, response_stats
from .contracts import ContractRepository
from .database import Database

_CHUNK = 900  # stay under SQLite's default limit of bound parameters


class ContractListRow(NamedTuple):
    """One contract as the list shows it."""

    contract_id: str
    number: str
    title: str
    orderer_names: tuple[str, ...]
    contractor_name: str  # "" while not awarded
    start_on: dt.date
    end_on: dt.date
    status: str
    amount_yen: int | None


def org_names(conn: sqlite3.Connection) -> dict[str, str]:
    """Organisation code -> name, for every live organisation of the file."""
    return {r[0]: r[1] for r in conn.execute("SELECT code, name FROM organisations WHERE deleted = 0")}


def contract_list(conn: sqlite3.Connection) -> list[ContractListRow]:
    """Every live contract, earliest start first, with orderer and contractor names."""
    names = org_names(conn)
    orderers: dict[str, list[str]] = {}
    for r in conn.execute("SELECT contract_id, org FROM contract_orderers WHERE deleted = 0 "
                          "ORDER BY lead DESC, seq"):
        orderers.setdefault(r[0], []).append(names.get(r[1], r[1]))
    return [ContractListRow(r[0], r[1], r[2], tuple(orderers.get(r[0], ())),
                            names.get(r[3], r[3]) if r[3] else "",
                            dt.date.fromisoformat(r[4]), dt.date.fromisoformat(r[5]), r[6], r[7])
            for r in conn.execute(
                "SELECT id, number, title, contractor, start_on, end_on, status, amount_yen "
                "FROM contracts WHERE deleted = 0 ORDER BY start_on, seq")]


class OrgChoice(NamedTuple):
    code: str
    name: str
    kind: str


def orderer_choices(conn: sqlite3.Connection) -> list[OrgChoice]:
    """The prefecture and the municipalities, which may order work; prefecture first."""
    return [OrgChoice(*r) for r in conn.execute(
        "SELECT code, name, kind FROM organisations WHERE deleted = 0 AND kind IN (?, ?) "
        "ORDER BY kind <> 'prefecture', code", (str(OrgKind.PREFECTURE), str(OrgKind.MUNICIPALITY)))]


def contractor_choices(conn: sqlite3.Connection) -> list[OrgChoice]:
    """Companies, JVs and 事業協同組合, which may take a contract; by name."""
    kinds = [str(k) for k in CONTRACTOR_KINDS]
    return [OrgChoice(*r) for r in conn.execute(
        f"SELECT code, name, kind FROM organisations WHERE deleted = 0 "
        f"AND kind IN ({', '.join('?' * len(kinds))}) ORDER BY name, code", kinds)]


def owners_of(conn: sqlite3.Connection, asset_ids: Iterable[str]) -> dict[str, int]:
    """Live assets per owning organisation among ``asset_ids`` (owner code order)."""
    ids = list(dict.fromkeys(asset_ids))
    counts: dict[str, int] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for owner, n in conn.execute(
                f"SELECT owner, count(*) FROM assets WHERE deleted = 0 "
                f"AND id IN ({', '.join('?' * len(chunk))}) GROUP BY owner", chunk):
            counts[owner] = counts.get(owner, 0) + n
    return dict(sorted(counts.items()))


class ScopeRow(NamedTuple):
    owner: str
    owner_name: str
    type_name: str
    assets: int


def scope_by_owner_and_type(conn: sqlite3.Connection, contract_id: str) -> list[ScopeRow]:
    """The contract's scope counted per owning organisation and asset type."""
    return [ScopeRow(*r) for r in conn.execute(
        "SELECT a.owner, coalesce(o.name, a.owner), coalesce(t.name_ja, a.asset_type), count(*) "
        "FROM contract_scope s JOIN assets a ON a.id = s.asset_id AND a.deleted = 0 "
        "LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0 "
        "LEFT JOIN asset_types t ON t.id = a.asset_type "
        "WHERE s.contract_id = ? AND s.deleted = 0 GROUP BY a.owner, a.asset_type "
        "ORDER BY a.owner, a.asset_type", (contract_id,))]


class RequestRow(NamedTuple):
    """A resident's request with its asset, contact (personal data) and work order."""

    request_id: str
    owner_name: str
    received_at: dt.datetime
    category: str
    place: str
    asset_name: str
    contact_name: str
    contact_phone: str
    ordered_at: dt.datetime | None
    completed_at: dt.datetime | None
    response_hours: float | None  # None while open


def request_rows(db: Database, contract_id: str) -> list[RequestRow]:
    """The contract's requests in the order received.

    The contact comes from the local-only table ``request_contacts``; only this list shows it.
    """
    conn = db.conn
    repo = ContractRepository(db)
    names = org_names(conn)
    orders = repo.work_orders(contract_id)
    by_request: dict[str, list] = {}
    for o in orders:
        if o.request_id is not None:
            by_request.setdefault(o.request_id, []).append(o)
    extra = {r[0]: (r[1] or "", r[2] or "", r[3] or "") for r in conn.execute(
        "SELECT q.id, a.name, c.name, c.phone FROM requests q "
        "LEFT JOIN assets a ON a.id = q.asset_id LEFT JOIN request_contacts c ON c.request_id = q.id "
        "WHERE q.contract_id = ? AND q.deleted = 0", (contract_id,))}
    rows = []
    for req in repo.requests(contract_id):
        mine = by_request.get(req.id, [])
        asset, name, phone = extra.get(req.id, ("", "", ""))
        done = [o.completed_at for o in mine if o.completed_at is not None]
        rows.append(RequestRow(
            req.id, names.get(req.owner, req.owner), req.received_at, str(req.category), req.place,
            asset, name, phone, min((o.ordered_at for o in mine), default=None),
            max(done) if done and len(done) == len(mine) else None, response_hours(req, mine)))
    return rows


# -- effects ---------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class YearEffects:
    """One fiscal year of the region's contracts."""

    fiscal_year: int
    bundled_contracts: int  # 群マネ contracts running that year
    separate_contracts: int  # what they replace: one per orderer and year
    tenders: int  # opened tenders whose notice fell in the year
    failed_tenders: int  # 不調・不落
    staff_hours_bundled: float
    staff_hours_separate: float


@dataclass(frozen=True, slots=True)
class Effects:
    years: tuple[YearEffects, ...]
    tenders: int
    failed_tenders: int
    requests_judged: int
    requests_within: int
    response_limit_hours: float
    kpi_periods_measured: int
    kpi_periods_met: int

    @property
    def failed_rate(self) -> float | None:
        return self.failed_tenders / self.tenders if self.tenders else None

    @property
    def share_within(self) -> float | None:
        return self.requests_within / self.requests_judged if self.requests_judged else None

    @property
    def kpi_met_share(self) -> float | None:
        return self.kpi_periods_met / self.kpi_periods_measured if self.kpi_periods_measured else None


def effects(db: Database, *, as_of: dt.datetime, hours_per_contract: float,
            hours_per_joint_orderer: float, limit_hours: float = 24.0) -> Effects:
    """What bundling did across the file's contracts (draft and cancelled ones left out).

    Workload is a judgement the caller passes (the bundling assistant's figures): without
    bundling each orderer would order the year's work itself (one contract per orderer and
    fiscal year); a bundled contract costs one ordering per year plus the agreement and
    cost-share work of each further orderer.
    """
    repo = ContractRepository(db)
    live = [c for c in repo.all() if c.status not in ("draft", "cancelled")]
    per_year: dict[int, list[float]] = {}
    for c in live:
        n = len(c.orderers)
        for fy in c.fiscal_years:
            y = per_year.setdefault(fy, [0, 0, 0.0, 0.0])
            y[0] += 1
            y[1] += n
            y[2] += hours_per_contract + (n - 1) * hours_per_joint_orderer
            y[3] += n * hours_per_contract
    tenders = [t for t in repo.tenders() if t.result is not TenderResult.PENDING]
    rates = {r.key: r for r in failed_tender_rate(tenders, by="year")}
    years = sorted(set(per_year) | {int(k) for k in rates})
    rows = tuple(YearEffects(
        fy, int(per_year.get(fy, [0])[0]), int(per_year.get(fy, [0, 0])[1]),
        rates[fy].tenders if fy in rates else 0, rates[fy].failed if fy in rates else 0,
        per_year.get(fy, [0, 0, 0.0])[2], per_year.get(fy, [0, 0, 0.0, 0.0])[3]) for fy in years)
    live_ids = {c.id for c in live}
    requests = [r for r in repo.requests() if r.contract_id in live_ids]
    orders = [o for c in live for o in repo.work_orders(c.id)]
    stats = response_stats(requests, orders, limit_hours=limit_hours, as_of=as_of)
    measured = met = 0
    for c in live:
        kpis = {k.id: k for k in repo.kpis(c.id)}
        for m in repo.measurements(c.id):
            if m.kpi_id in kpis:
                measured += 1
                met += bool(compliance(kpis[m.kpi_id], m).met)
    return Effects(rows, len(tenders), sum(t.result in FAILED_RESULTS for t in tenders),
                   stats.judged, stats.within_limit, limit_hours, measured, met)

