"""Organisations repository: the towns, prefecture and contractors known to this file."""

from __future__ import annotations

from ..core.organisations import Organisation
from .changes import ChangeContext
from .database import Database
from .rowmap import organisation_from_row, organisation_values
from .sqlhelpers import insert_row, update_row, write


class OrganisationRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, code: str) -> Organisation | None:
        row = self.db.conn.execute(
            "SELECT * FROM organisations WHERE code = ? AND deleted = 0", (code,)).fetchone()
        return organisation_from_row(row) if row else None

    def all(self) -> list[Organisation]:
        rows = self.db.conn.execute(
            "SELECT * FROM organisations WHERE deleted = 0 ORDER BY kind <> 'prefecture', code")
        return [organisation_from_row(r) for r in rows]

    def save(self, ctx: ChangeContext, org: Organisation) -> None:
        """Add a new organisation or update the one with the same code."""
        values = organisation_values(org)
        with write(self.db.conn) as conn:
            row = conn.execute("SELECT id, vv, owner FROM organisations WHERE code = ?",
                               (org.code,)).fetchone()
            if row is None:
                # An organisation's record is owned by the organisation itself.
                insert_row(conn, "organisations", ctx.new_id(), org.code, ctx.stamp(), values)
                ctx.audit("organisations", org.code, "insert", f"団体「{org.name}」({org.code}) を登録")
                return
            old = organisation_values(organisation_from_row(
                conn.execute("SELECT * FROM organisations WHERE id = ?", (row["id"],)).fetchone()))
            changes = {k: (old[k], v) for k, v in values.items() if old[k] != v}
            if changes:
                update_row(conn, "organisations", row["id"], ctx.stamp(row["vv"]), values)
                ctx.audit("organisations", org.code, "update",
                          f"団体「{org.name}」({org.code}) を更新", changes)
