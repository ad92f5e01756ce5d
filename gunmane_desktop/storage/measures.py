"""Measures: repairs, closures, removal; planned, started, completed, with costs."""

from __future__ import annotations

from ..core.catalogue import Catalogue, default_catalogue
from ..core.models import FIELD_LABELS_JA, Measure, ValidationError
from .changes import ChangeContext
from .database import Database
from .rowmap import measure_from_row, measure_values
from .sqlhelpers import insert_row, update_row, write
from .status import refresh_asset_status


class MeasureRepository:
    def __init__(self, db: Database, catalogue: Catalogue | None = None) -> None:
        self.db = db
        self.catalogue = catalogue or default_catalogue()

    def add(self, ctx: ChangeContext, measure: Measure) -> Measure:
        errors = measure.validate(self.catalogue)
        if errors:
            raise ValidationError(errors)
        with write(self.db.conn) as conn:
            insert_row(conn, "measures", measure.id, measure.owner, ctx.stamp(),
                       measure_values(measure))
            kind = self.catalogue.measure_kind(measure.kind).name_ja
            ctx.audit("measures", measure.id, "insert",
                      f"措置「{kind} {measure.description}」を登録 ({measure.status})")
            refresh_asset_status(conn, asset_ids=[measure.asset_id])
        return measure

    def update(self, ctx: ChangeContext, measure: Measure) -> dict[str, tuple[object, object]]:
        errors = measure.validate(self.catalogue)
        if errors:
            raise ValidationError(errors)
        with write(self.db.conn) as conn:
            row = conn.execute("SELECT * FROM measures WHERE id = ?", (measure.id,)).fetchone()
            if row is None:
                raise KeyError(f"措置 {measure.id} はありません")
            old = measure_values(measure_from_row(row))
            new = measure_values(measure)
            changes = {k: (old[k], v) for k, v in new.items() if old[k] != v}
            if changes:
                update_row(conn, "measures", measure.id, ctx.stamp(row["vv"]),
                           {k: new[k] for k in changes})
                ctx.audit("measures", measure.id, "update", "措置を更新: " + "、".join(
                    f"{FIELD_LABELS_JA.get(k, k)}: {o} → {n}" for k, (o, n) in changes.items()),
                    changes)
                refresh_asset_status(conn, asset_ids=[measure.asset_id])
        return changes

    def for_asset(self, asset_id: str) -> list[Measure]:
        rows = self.db.conn.execute(
            "SELECT * FROM measures WHERE asset_id = ? AND deleted = 0 ORDER BY seq", (asset_id,))
        return [measure_from_row(r) for r in rows]
