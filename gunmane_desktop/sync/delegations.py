"""Delegations: an owner lets another organisation create and change its rows of a table.

A delegation is itself a synchronised row owned by the delegating organisation, so it
travels with the exchange and every site judges incoming versions by the same rights.
Revoking is a tombstone; versions made while it was active and already accepted stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..storage.changes import ChangeContext
from ..storage.sqlhelpers import insert_row, update_row, write

TABLES = ("*", "assets", "inspections", "inspection_members", "measures", "attachment_links",
          # schema 4: e.g. a lead lets the contractor enter KPI measurements, a town lets it
          # report work orders complete
          "contracts", "contract_orderers", "contract_scope", "contract_documents", "tenders", "kpis",
          "kpi_measurements", "requests", "work_orders")


@dataclass(frozen=True)
class Delegation:
    id: str
    owner: str
    delegate: str
    table_name: str
    note: str
    active: bool


def grant(ctx: ChangeContext, delegate: str, table_name: str = "*", note: str = "") -> str:
    """``ctx.org`` delegates its rows of ``table_name`` ('*' = all) to ``delegate``."""
    if table_name not in TABLES:
        raise ValueError(f"委任できない表です: {table_name} (one of {', '.join(TABLES)})")
    if delegate == ctx.org:
        raise ValueError("自分自身には委任できません (cannot delegate to yourself)")
    with write(ctx.conn) as conn:
        row_id = ctx.new_id()
        insert_row(conn, "delegations", row_id, ctx.org, ctx.stamp(),
                   {"delegate": delegate, "table_name": table_name, "note": note})
        ctx.audit("delegations", row_id, "insert", f"{delegate} に {table_name} を委任")
    return row_id


def revoke(ctx: ChangeContext, delegation_id: str) -> None:
    with write(ctx.conn) as conn:
        row = conn.execute("SELECT vv, owner, delegate FROM delegations WHERE id = ?",
                           (delegation_id,)).fetchone()
        if row is None or row["owner"] != ctx.org:
            raise KeyError(f"委任 {delegation_id} はありません (no such delegation of {ctx.org})")
        update_row(conn, "delegations", delegation_id, ctx.stamp(row["vv"]), {"deleted": 1})
        ctx.audit("delegations", delegation_id, "tombstone", f"{row['delegate']} への委任を取り消し")


def active(ctx: ChangeContext) -> list[Delegation]:
    return [Delegation(r["id"], r["owner"], r["delegate"], r["table_name"], r["note"], not r["deleted"])
            for r in ctx.conn.execute("SELECT * FROM delegations WHERE deleted = 0 ORDER BY seq")]
