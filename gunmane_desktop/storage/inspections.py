"""Inspection history: append-only records with optional member-level findings.

An inspection is never edited or deleted (the schema's triggers refuse it). A mistake is
fixed by recording a correction, a new inspection that names the one it supersedes; both
stay in the history and the audit trail.
"""

from __future__ import annotations

from ..core.catalogue import Catalogue, default_catalogue
from ..core.models import Inspection, ValidationError
from .changes import ChangeContext
from .database import Database
from .rowmap import inspection_from_row, inspection_values, member_from_row
from .sqlhelpers import insert_row, write
from .status import refresh_asset_status


class InspectionRepository:
    def __init__(self, db: Database, catalogue: Catalogue | None = None) -> None:
        self.db = db
        self.catalogue = catalogue or default_catalogue()

    def add(self, ctx: ChangeContext, inspection: Inspection) -> Inspection:
        errors = inspection.validate(self.catalogue)
        if errors:
            raise ValidationError(errors)
        with write(self.db.conn) as conn:
            asset = conn.execute("SELECT name FROM assets WHERE id = ?",
                                 (inspection.asset_id,)).fetchone()
            if asset is None:
                raise KeyError(f"施設 {inspection.asset_id} はありません")
            insert_row(conn, "inspections", inspection.id, inspection.owner, ctx.stamp(),
                       inspection_values(inspection))
            for position, m in enumerate(inspection.members):
                insert_row(conn, "inspection_members", ctx.new_id(), inspection.owner, ctx.stamp(),
                           {"inspection_id": inspection.id, "position": position,
                            "member": m.member, "damage_type": m.damage_type,
                            "degree": m.degree, "member_grade": m.member_grade,
                            "countermeasure": m.countermeasure, "note": m.note})
            grade = self.catalogue.scale(inspection.scale).grade(inspection.grade)
            verb = "訂正" if inspection.supersedes else "登録"
            ctx.audit("inspections", inspection.id, "correct" if inspection.supersedes else "insert",
                      f"「{asset['name']}」の点検 {inspection.inspected_on.isoformat()} "
                      f"{grade.symbol} ({grade.label_ja}) を{verb}",
                      {"supersedes": (None, inspection.supersedes)} if inspection.supersedes else None)
            refresh_asset_status(conn, asset_ids=[inspection.asset_id])
        return inspection

    def correct(self, ctx: ChangeContext, original_id: str, correction: Inspection) -> Inspection:
        """Record ``correction`` as superseding the inspection ``original_id``."""
        original = self.get(original_id)
        if original is None:
            raise KeyError(f"点検 {original_id} はありません")
        if correction.asset_id != original.asset_id:
            raise ValueError("a correction must be for the same asset")
        correction.supersedes = original_id
        return self.add(ctx, correction)

    def get(self, inspection_id: str) -> Inspection | None:
        row = self.db.conn.execute("SELECT * FROM inspections WHERE id = ?",
                                   (inspection_id,)).fetchone()
        if row is None:
            return None
        members = tuple(member_from_row(m) for m in self.db.conn.execute(
            "SELECT * FROM inspection_members WHERE inspection_id = ? AND deleted = 0 "
            "ORDER BY position", (inspection_id,)))
        return inspection_from_row(row, members)

    def history(self, asset_id: str, *, include_superseded: bool = False) -> list[Inspection]:
        """The asset's inspections, oldest first; corrected ones hidden unless asked for."""
        rows = self.db.conn.execute(
            "SELECT * FROM inspections i WHERE asset_id = ? AND deleted = 0 "
            + ("" if include_superseded else
               "AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.supersedes = i.id AND c.deleted = 0) ")
            + "ORDER BY inspected_on, seq", (asset_id,))
        return [inspection_from_row(r) for r in rows]
