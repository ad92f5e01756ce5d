"""Contracts repository: contracts with orderers, scope and documents; tenders; KPIs and
their measurements; residents' requests (contacts kept local) and work orders.

Takes and returns the core dataclasses of ``core.contracts`` and ``core.performance``.
Every write is stamped and audited through the ChangeContext in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from ..core.contracts import (
    TENDER_RESULT_JA,
    Bid,
    Contract,
    ContractStatus,
    Orderer,
    PaymentForm,
    Process,
    ShareMethod,
    Tender,
    TenderResult,
    judge,
    validate_contractor,
)
from ..core.models import FieldError, ValidationError
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
    share,
)
from .changes import ChangeContext
from .database import Database
from .organisations import OrganisationRepository
from .sqlhelpers import insert_row, update_row, write


def dt_text(moment: dt.datetime) -> str:
    """Local (JST) wall time as ISO text to the second: what the town's staff wrote down."""
    return moment.replace(microsecond=0).isoformat()


def parse_datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def parse_date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _contract_values(c: Contract) -> dict[str, Any]:
    return {"number": c.number, "title": c.title, "contractor": c.contractor,
            "start_on": c.start_on.isoformat(), "end_on": c.end_on.isoformat(),
            "amount_yen": c.amount_yen,
            "budget_by_fy": json.dumps({str(k): v for k, v in sorted(c.budget_by_fy.items())}),
            "payment_form": str(c.payment_form),
            "processes": json.dumps([str(p) for p in c.processes]),
            "share_method": str(c.share_method), "status": str(c.status), "note": c.note}


class ContractRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

    # -- contracts ----------------------------------------------------------------------
    def add(self, ctx: ChangeContext, contract: Contract, scope: Iterable[str] = ()) -> Contract:
        """Save a new contract with its orderers and (optionally) its scope of asset ids."""
        errors = contract.validate()
        if errors:
            raise ValidationError(errors)
        with write(self.conn) as conn:
            insert_row(conn, "contracts", contract.id, contract.owner, ctx.stamp(),
                       _contract_values(contract))
            for o in contract.orderers:
                insert_row(conn, "contract_orderers", ctx.new_id(), contract.owner, ctx.stamp(),
                           {"contract_id": contract.id, "org": o.org, "ratio": o.ratio,
                            "lead": int(o.lead)})
            ctx.audit("contracts", contract.id, "insert",
                      f"契約「{contract.title}」を登録 (発注者 {len(contract.orderers)} 団体)")
            self.add_scope(ctx, contract.id, scope)
        return contract

    def update(self, ctx: ChangeContext, contract: Contract) -> dict[str, tuple[object, object]]:
        """Save edits of the contract row (not its orderers); returns the changed fields."""
        errors = contract.validate()
        if errors:
            raise ValidationError(errors)
        with write(self.conn) as conn:
            row = conn.execute("SELECT * FROM contracts WHERE id = ?", (contract.id,)).fetchone()
            if row is None:
                raise KeyError(f"契約 {contract.id} はありません")
            new = _contract_values(contract)
            changes = {k: (row[k], v) for k, v in new.items() if row[k] != v}
            if changes:
                update_row(conn, "contracts", contract.id, ctx.stamp(row["vv"]),
                           {k: new[k] for k in changes})
                ctx.audit("contracts", contract.id, "update", f"契約「{contract.title}」を更新: "
                          + "、".join(changes), changes)
        return changes

    def add_scope(self, ctx: ChangeContext, contract_id: str, asset_ids: Iterable[str]) -> int:
        owner = self._owner(contract_id)
        with write(self.conn) as conn:
            have = {r[0] for r in conn.execute(
                "SELECT asset_id FROM contract_scope WHERE contract_id = ? AND deleted = 0",
                (contract_id,))}
            added = 0
            for asset_id in dict.fromkeys(asset_ids):
                if asset_id in have:
                    continue
                insert_row(conn, "contract_scope", ctx.new_id(), owner, ctx.stamp(),
                           {"contract_id": contract_id, "asset_id": asset_id})
                added += 1
            if added:
                ctx.audit("contract_scope", contract_id, "insert", f"契約の対象施設を {added} 件追加")
        return added

    def _owner(self, contract_id: str) -> str:
        row = self.conn.execute("SELECT owner FROM contracts WHERE id = ?", (contract_id,)).fetchone()
        if row is None:
            raise KeyError(f"契約 {contract_id} はありません")
        return row[0]

    def get(self, contract_id: str) -> Contract | None:
        row = self.conn.execute("SELECT * FROM contracts WHERE id = ? AND deleted = 0",
                                (contract_id,)).fetchone()
        return self._contract(row) if row else None

    def all(self) -> list[Contract]:
        rows = self.conn.execute("SELECT * FROM contracts WHERE deleted = 0 ORDER BY start_on, seq")
        return [self._contract(r) for r in rows.fetchall()]

    def _contract(self, row: sqlite3.Row) -> Contract:
        orderers = tuple(
            Orderer(r["org"], r["ratio"], bool(r["lead"])) for r in self.conn.execute(
                "SELECT org, ratio, lead FROM contract_orderers WHERE contract_id = ? AND deleted = 0 "
                "ORDER BY seq", (row["id"],)))
        return Contract(
            id=row["id"], owner=row["owner"], number=row["number"], title=row["title"],
            orderers=orderers, contractor=row["contractor"],
            start_on=dt.date.fromisoformat(row["start_on"]),
            end_on=dt.date.fromisoformat(row["end_on"]), amount_yen=row["amount_yen"],
            budget_by_fy={int(k): int(v) for k, v in json.loads(row["budget_by_fy"]).items()},
            payment_form=PaymentForm(row["payment_form"]),
            processes=tuple(Process(p) for p in json.loads(row["processes"])),
            share_method=ShareMethod(row["share_method"]), status=ContractStatus(row["status"]),
            note=row["note"])

    def scope(self, contract_id: str) -> list[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT asset_id FROM contract_scope WHERE contract_id = ? AND deleted = 0 ORDER BY seq",
            (contract_id,))]

    def scope_assets(self, contract_id: str) -> list[tuple[str, str, str]]:
        """(asset id, name, owner) of the live scope assets, by owner then name: the choices
        when a resident's request names the asset it is about."""
        return [(r[0], r[1], r[2]) for r in self.conn.execute(
            "SELECT a.id, a.name, a.owner FROM contract_scope s JOIN assets a ON a.id = s.asset_id "
            "WHERE s.contract_id = ? AND s.deleted = 0 AND a.deleted = 0 "
            "GROUP BY a.id ORDER BY a.owner, a.name, a.id", (contract_id,))]

    def scope_by_owner(self, contract_id: str) -> dict[str, int]:
        """Scope assets per owning organisation (the basis of ShareMethod.BY_ASSETS)."""
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT a.owner, count(*) FROM contract_scope s JOIN assets a ON a.id = s.asset_id "
            "WHERE s.contract_id = ? AND s.deleted = 0 AND a.deleted = 0 GROUP BY a.owner "
            "ORDER BY a.owner", (contract_id,))}

    def attach_document(self, ctx: ChangeContext, contract_id: str, sha256: str,
                        filename: str, kind: str = "") -> str:
        """Link stored attachment bytes (AttachmentStore.put) to the contract."""
        doc_id = ctx.new_id()
        with write(self.conn) as conn:
            insert_row(conn, "contract_documents", doc_id, self._owner(contract_id), ctx.stamp(),
                       {"contract_id": contract_id, "sha256": sha256, "filename": filename,
                        "kind": kind})
            ctx.audit("contract_documents", doc_id, "insert", f"契約書類「{filename}」を添付")
        return doc_id

    def documents(self, contract_id: str) -> list[dict[str, str]]:
        return [dict(r) for r in self.conn.execute(
            "SELECT id, sha256, filename, kind FROM contract_documents "
            "WHERE contract_id = ? AND deleted = 0 ORDER BY seq", (contract_id,))]

    def remove_document(self, ctx: ChangeContext, document_id: str) -> None:
        """Take a document off its contract (a tombstone on the link, audited).

        The stored bytes stay in ``attachments``: the same content may belong to another
        contract, and the tombstoned link (with undo) can bring this one back.
        """
        with write(self.conn) as conn:
            row = conn.execute("SELECT vv, filename FROM contract_documents WHERE id = ? AND deleted = 0",
                               (document_id,)).fetchone()
            if row is None:
                raise KeyError(f"契約書類 {document_id} はありません")
            update_row(conn, "contract_documents", document_id, ctx.stamp(row["vv"]), {"deleted": 1})
            ctx.audit("contract_documents", document_id, "tombstone", f"契約書類「{row['filename']}」を削除",
                      {"deleted": (0, 1)})

    def award(self, ctx: ChangeContext, contract_id: str, contractor: str) -> Contract:
        """Make ``contractor`` (the winner of a 落札 tender) the contract's contractor and put
        the contract in force (履行中); part of the caller's transaction when one is open, so
        the tender and the award are one save and one undo step."""
        contract = self.get(contract_id)
        if contract is None:
            raise KeyError(f"契約 {contract_id} はありません")
        org = OrganisationRepository(self.db).get(contractor)
        if org is None:
            raise ValidationError([FieldError("contractor", f"{contractor} は団体として登録されていません")])
        errors = validate_contractor(org)
        if errors:
            raise ValidationError(errors)
        contract.contractor = contractor
        if contract.status in (ContractStatus.DRAFT, ContractStatus.TENDERING):
            contract.status = ContractStatus.ACTIVE
        self.update(ctx, contract)
        return contract

    # -- tenders ------------------------------------------------------------------------
    def add_tender(self, ctx: ChangeContext, tender: Tender) -> Tender:
        """Record a tender; a pending result is judged from the bids once it is opened."""
        if tender.result is TenderResult.PENDING and tender.opened_on is not None:
            tender.result = judge(tender)
        errors = tender.validate()
        if errors:
            raise ValidationError(errors)
        with write(self.conn) as conn:
            insert_row(conn, "tenders", tender.id, tender.owner, ctx.stamp(), {
                "contract_id": tender.contract_id, "round": tender.round,
                "previous_id": tender.previous_id, "notice_on": tender.notice_on.isoformat(),
                "opened_on": tender.opened_on.isoformat() if tender.opened_on else None,
                "ceiling_yen": tender.ceiling_yen, "lowest_bid_yen": tender.lowest_bid_yen,
                "bids": json.dumps([{"bidder": b.bidder, "amount_yen": b.amount_yen}
                                    for b in tender.bids], ensure_ascii=False),
                "result": str(tender.result), "note": tender.note})
            ctx.audit("tenders", tender.id, "insert",
                      f"入札 (第{tender.round}回) を登録: {tender.result}")
        return tender

    def delete_tender(self, ctx: ChangeContext, tender_id: str) -> None:
        """Delete a tender entered by mistake (a tombstone, audited).

        A failed tender that a later round re-runs is refused: the re-tender would name a
        tender that is gone; delete the re-tender first.
        """
        with write(self.conn) as conn:
            row = conn.execute("SELECT vv, round, result FROM tenders WHERE id = ? AND deleted = 0",
                               (tender_id,)).fetchone()
            if row is None:
                raise KeyError(f"入札 {tender_id} はありません")
            later = conn.execute("SELECT round FROM tenders WHERE previous_id = ? AND deleted = 0",
                                 (tender_id,)).fetchone()
            if later is not None:
                raise ValueError(f"第{row['round']}回の入札は第{later['round']}回の再入札の元なので"
                                 "削除できません。先に再入札を削除してください")
            update_row(conn, "tenders", tender_id, ctx.stamp(row["vv"]), {"deleted": 1})
            ctx.audit("tenders", tender_id, "tombstone",
                      f"入札 (第{row['round']}回, {TENDER_RESULT_JA[TenderResult(row['result'])]}) を削除",
                      {"deleted": (0, 1)})

    def tenders(self, contract_id: str | None = None) -> list[Tender]:
        sql = "SELECT * FROM tenders WHERE deleted = 0"
        params: list[object] = []
        if contract_id is not None:
            sql += " AND contract_id = ?"
            params.append(contract_id)
        return [Tender(id=r["id"], owner=r["owner"], contract_id=r["contract_id"],
                       notice_on=dt.date.fromisoformat(r["notice_on"]), ceiling_yen=r["ceiling_yen"],
                       bids=tuple(Bid(b["bidder"], b["amount_yen"]) for b in json.loads(r["bids"])),
                       opened_on=parse_date(r["opened_on"]), round=r["round"],
                       previous_id=r["previous_id"], result=TenderResult(r["result"]), note=r["note"])
                for r in self.conn.execute(sql + " ORDER BY notice_on, seq", params)]

    def orderers_by_contract(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT contract_id, org FROM contract_orderers WHERE deleted = 0 "
                                   "ORDER BY seq"):
            out.setdefault(r[0], []).append(r[1])
        return out

    # -- KPIs -----------------------------------------------------------------------------
    def add_kpi(self, ctx: ChangeContext, kpi: Kpi) -> Kpi:
        errors = kpi.validate()
        if errors:
            raise ValidationError(errors)
        d = kpi.deduction
        with write(self.conn) as conn:
            insert_row(conn, "kpis", kpi.id, kpi.owner, ctx.stamp(), {
                "contract_id": kpi.contract_id, "name": kpi.name, "unit": kpi.unit,
                "target": kpi.target, "direction": str(kpi.direction),
                "measured_by": str(kpi.measured_by), "period": str(kpi.period),
                "deduction": json.dumps({"percent": d.percent, "per_unit_yen": d.per_unit_yen,
                                         "cap_percent": d.cap_percent}),
                "params": json.dumps(kpi.params), "note": kpi.note})
            ctx.audit("kpis", kpi.id, "insert", f"性能指標「{kpi.name}」を登録")
        return kpi

    def kpis(self, contract_id: str) -> list[Kpi]:
        return [Kpi(id=r["id"], owner=r["owner"], contract_id=r["contract_id"], name=r["name"],
                    unit=r["unit"], target=r["target"], direction=Direction(r["direction"]),
                    measured_by=MeasuredBy(r["measured_by"]), period=Period(r["period"]),
                    deduction=DeductionRule(**json.loads(r["deduction"])),
                    params=json.loads(r["params"]), note=r["note"])
                for r in self.conn.execute("SELECT * FROM kpis WHERE contract_id = ? AND deleted = 0 "
                                           "ORDER BY seq", (contract_id,))]

    def record_measurement(self, ctx: ChangeContext, measurement: Measurement, note: str = "") -> str:
        """Enter (or replace) a KPI's value for one period."""
        with write(self.conn) as conn:
            kpi = conn.execute("SELECT owner FROM kpis WHERE id = ?", (measurement.kpi_id,)).fetchone()
            if kpi is None:
                raise KeyError(f"性能指標 {measurement.kpi_id} はありません")
            row = conn.execute("SELECT id, vv, value FROM kpi_measurements WHERE kpi_id = ? "
                               "AND period = ? AND deleted = 0",
                               (measurement.kpi_id, measurement.period)).fetchone()
            values = {"value": measurement.value, "source": measurement.source, "note": note}
            if row is None:
                row_id = ctx.new_id()
                insert_row(conn, "kpi_measurements", row_id, kpi["owner"], ctx.stamp(),
                           {"kpi_id": measurement.kpi_id, "period": measurement.period, **values})
                ctx.audit("kpi_measurements", row_id, "insert",
                          f"{measurement.period} の実績 {measurement.value} を登録")
                return row_id
            update_row(conn, "kpi_measurements", row["id"], ctx.stamp(row["vv"]), values)
            ctx.audit("kpi_measurements", row["id"], "update",
                      f"{measurement.period} の実績: {row['value']} → {measurement.value}",
                      {"value": (row["value"], measurement.value)})
            return row["id"]

    def measurements(self, contract_id: str) -> list[Measurement]:
        return [Measurement(r[0], r[1], r[2], r[3]) for r in self.conn.execute(
            "SELECT m.kpi_id, m.period, m.value, m.source FROM kpi_measurements m "
            "JOIN kpis k ON k.id = m.kpi_id WHERE k.contract_id = ? AND m.deleted = 0 "
            "ORDER BY m.period, m.seq", (contract_id,))]

    def inspections_on_schedule(self, contract_id: str, fiscal_year: int) -> tuple[int, int]:
        """(done, due) for the scope's statutory assets in a fiscal year.

        Due: inspected that year, never inspected before, or last inspected at least one
        cycle earlier. Done: inspected (not a tombstone) in that fiscal year.
        """
        row = self.conn.execute(
            """
            SELECT count(*), coalesce(sum(done), 0) FROM (
                SELECT EXISTS (SELECT 1 FROM inspections i WHERE i.asset_id = a.id
                               AND i.deleted = 0 AND i.fiscal_year = :fy) AS done,
                       (SELECT max(i.fiscal_year) FROM inspections i WHERE i.asset_id = a.id
                        AND i.deleted = 0 AND i.fiscal_year < :fy) AS prev,
                       t.cycle_years AS cycle
                FROM contract_scope s
                JOIN assets a ON a.id = s.asset_id AND a.deleted = 0 AND a.status = 'in_service'
                JOIN asset_types t ON t.id = a.asset_type
                WHERE s.contract_id = :c AND s.deleted = 0 AND t.cycle_years IS NOT NULL)
            WHERE done OR prev IS NULL OR prev + cycle <= :fy
            """, {"fy": fiscal_year, "c": contract_id}).fetchone()
        return int(row[1]), int(row[0])

    def measures_started(self, contract_id: str) -> tuple[int, int]:
        """(started or completed, needing action) among the scope's Ⅲ/Ⅳ assets, as of now."""
        row = self.conn.execute(
            "SELECT count(*), coalesce(sum(st.measure_state IN ('started', 'completed')), 0) "
            "FROM contract_scope s JOIN assets a ON a.id = s.asset_id AND a.deleted = 0 "
            "JOIN asset_status st ON st.asset_seq = a.seq "
            "WHERE s.contract_id = ? AND s.deleted = 0 AND st.action_required = 1",
            (contract_id,)).fetchone()
        return int(row[1]), int(row[0])

    def computed_measurement(self, kpi: Kpi, period: str) -> Measurement | None:
        """A KPI's value computed from the records (None when nothing to count).

        Register KPIs take a fiscal-year period ("2027"); response KPIs are computed by
        ``core.performance.response_measurement`` from ``requests`` and ``work_orders``.
        """
        if kpi.measured_by is MeasuredBy.INSPECTIONS_ON_SCHEDULE:
            done, due = self.inspections_on_schedule(kpi.contract_id, int(period[:4]))
        elif kpi.measured_by is MeasuredBy.MEASURES_STARTED:
            done, due = self.measures_started(kpi.contract_id)
        else:
            raise ValueError(f"{kpi.name}: 記録から計算できない指標です ({kpi.measured_by})")
        value = share(done, due)
        return None if value is None else Measurement(kpi.id, period, round(value, 4), "computed")

    # -- requests and work orders ----------------------------------------------------------
    def add_request(self, ctx: ChangeContext, request: ResidentRequest,
                    contact: ResidentContact | None = None) -> ResidentRequest:
        """Save a resident's report; the contact goes to the local-only table."""
        with write(self.conn) as conn:
            insert_row(conn, "requests", request.id, request.owner, ctx.stamp(), {
                "received_at": dt_text(request.received_at), "category": str(request.category),
                "place": request.place, "lat": request.lat, "lon": request.lon,
                "asset_id": request.asset_id, "contract_id": request.contract_id,
                "description": request.description, "photo_sha256": request.photo_sha256})
            if contact is not None:
                conn.execute("INSERT INTO request_contacts (request_id, name, phone, address) "
                             "VALUES (?, ?, ?, ?)",
                             (request.id, contact.name, contact.phone, contact.address))
            ctx.audit("requests", request.id, "insert", f"住民からの通報を受付 ({request.category})")
        return request

    def requests(self, contract_id: str | None = None) -> list[ResidentRequest]:
        sql = "SELECT * FROM requests WHERE deleted = 0"
        params: list[object] = []
        if contract_id is not None:
            sql += " AND contract_id = ?"
            params.append(contract_id)
        return [ResidentRequest(
            id=r["id"], owner=r["owner"], received_at=parse_datetime(r["received_at"]),
            category=RequestCategory(r["category"]), place=r["place"], lat=r["lat"], lon=r["lon"],
            asset_id=r["asset_id"], contract_id=r["contract_id"], description=r["description"],
            photo_sha256=r["photo_sha256"])
            for r in self.conn.execute(sql + " ORDER BY received_at, seq", params)]

    def contact(self, request_id: str) -> ResidentContact | None:
        r = self.conn.execute("SELECT * FROM request_contacts WHERE request_id = ?",
                              (request_id,)).fetchone()
        return ResidentContact(r["request_id"], r["name"], r["phone"], r["address"]) if r else None

    def add_work_order(self, ctx: ChangeContext, order: WorkOrder) -> WorkOrder:
        errors = order.validate()
        if errors:
            raise ValidationError(errors)
        with write(self.conn) as conn:
            insert_row(conn, "work_orders", order.id, order.owner, ctx.stamp(), {
                "request_id": order.request_id, "contract_id": order.contract_id,
                "contractor": order.contractor, "ordered_at": dt_text(order.ordered_at),
                "completed_at": dt_text(order.completed_at) if order.completed_at else None,
                "work_done": order.work_done})
            ctx.audit("work_orders", order.id, "insert", f"{order.contractor} に作業を指示")
        return order

    def complete_work_order(self, ctx: ChangeContext, order_id: str, completed_at: dt.datetime,
                            work_done: str = "") -> None:
        with write(self.conn) as conn:
            row = conn.execute("SELECT vv, ordered_at FROM work_orders WHERE id = ?",
                               (order_id,)).fetchone()
            if row is None:
                raise KeyError(f"作業指示 {order_id} はありません")
            if completed_at < parse_datetime(row["ordered_at"]):
                raise ValueError("完了日時が指示日時より前です")
            update_row(conn, "work_orders", order_id, ctx.stamp(row["vv"]),
                       {"completed_at": dt_text(completed_at), "work_done": work_done})
            ctx.audit("work_orders", order_id, "update", "作業の完了を登録")

    def work_orders(self, contract_id: str) -> list[WorkOrder]:
        return [WorkOrder(
            id=r["id"], owner=r["owner"], request_id=r["request_id"], contract_id=r["contract_id"],
            contractor=r["contractor"], ordered_at=parse_datetime(r["ordered_at"]),
            completed_at=parse_datetime(r["completed_at"]) if r["completed_at"] else None,
            work_done=r["work_done"])
            for r in self.conn.execute("SELECT * FROM work_orders WHERE contract_id = ? AND deleted = 0 "
                                       "ORDER BY ordered_at, seq", (contract_id,))]
