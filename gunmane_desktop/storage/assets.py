"""Asset register repository: add, edit (with a per-field audit trail), retire, look up.

Assets are never deleted. Retiring sets the status (供用廃止 / 撤去済) and keeps the row and
its whole inspection history.
"""

from __future__ import annotations

from ..core.catalogue import Catalogue, default_catalogue
from ..core.models import FIELD_LABELS_JA, Asset, AssetStatus, ValidationError
from .changes import ChangeContext
from .database import Database
from .rowmap import asset_from_row, asset_values
from .sqlhelpers import insert_row, update_row, write
from .status import refresh_asset_status

_STATUS_JA = {AssetStatus.IN_SERVICE: "供用中", AssetStatus.RETIRED: "供用廃止",
              AssetStatus.REMOVED: "撤去済"}


def _describe_change(field: str, old: object, new: object) -> str:
    label = FIELD_LABELS_JA.get(field, field)
    blank = "(空欄)"
    return f"{label}: {old if old not in (None, '') else blank} → {new if new not in (None, '') else blank}"


class AssetRepository:
    def __init__(self, db: Database, catalogue: Catalogue | None = None) -> None:
        self.db = db
        self.catalogue = catalogue or default_catalogue()

    def get(self, asset_id: str) -> Asset | None:
        row = self.db.conn.execute("SELECT * FROM assets WHERE id = ?", (asset_id,)).fetchone()
        return asset_from_row(row) if row else None

    def get_by_seq(self, seq: int) -> Asset | None:
        row = self.db.conn.execute("SELECT * FROM assets WHERE seq = ?", (seq,)).fetchone()
        return asset_from_row(row) if row else None

    def find_by_external_id(self, owner: str, external_id: str) -> Asset | None:
        row = self.db.conn.execute(
            "SELECT * FROM assets WHERE owner = ? AND external_id = ? AND deleted = 0",
            (owner, external_id)).fetchone()
        return asset_from_row(row) if row else None

    def add(self, ctx: ChangeContext, asset: Asset) -> Asset:
        errors = asset.validate(self.catalogue)
        if errors:
            raise ValidationError(errors)
        asset.asset_type = self.catalogue.asset_type(asset.asset_type).id
        with write(self.db.conn) as conn:
            insert_row(conn, "assets", asset.id, asset.owner, ctx.stamp(), asset_values(asset))
            type_ja = self.catalogue.asset_type(asset.asset_type).name_ja
            ctx.audit("assets", asset.id, "insert", f"{type_ja}「{asset.name}」を登録")
            refresh_asset_status(conn, asset_ids=[asset.id])
        return asset

    def update(self, ctx: ChangeContext, asset: Asset) -> dict[str, tuple[object, object]]:
        """Save edits; returns the changed fields (old, new). No change, no new version."""
        errors = asset.validate(self.catalogue)
        if errors:
            raise ValidationError(errors)
        with write(self.db.conn) as conn:
            row = conn.execute("SELECT * FROM assets WHERE id = ?", (asset.id,)).fetchone()
            if row is None:
                raise KeyError(f"施設 {asset.id} はありません")
            old = asset_values(asset_from_row(row))
            new = asset_values(asset)
            changes = {k: (old[k], v) for k, v in new.items() if old[k] != v}
            if not changes:
                return {}
            update_row(conn, "assets", asset.id, ctx.stamp(row["vv"]),
                       {k: new[k] for k in changes})
            summary = f"「{asset.name}」: " + "、".join(
                _describe_change(k, o, n) for k, (o, n) in changes.items())
            action = "retire" if set(changes) == {"status"} else "update"
            ctx.audit("assets", asset.id, action, summary, changes)
            if "asset_type" in changes:
                refresh_asset_status(conn, asset_ids=[asset.id])
        return changes

    def retire(self, ctx: ChangeContext, asset_id: str,
               status: AssetStatus = AssetStatus.RETIRED) -> None:
        """供用廃止 or 撤去: the asset stays in the file with its whole history."""
        asset = self.get(asset_id)
        if asset is None:
            raise KeyError(f"施設 {asset_id} はありません")
        if status is AssetStatus.IN_SERVICE:
            raise ValueError("retire() needs RETIRED or REMOVED")
        asset.status = status
        self.update(ctx, asset)

    def count(self) -> int:
        return self.db.conn.execute("SELECT count(*) FROM assets WHERE deleted = 0").fetchone()[0]

    @staticmethod
    def status_label(status: AssetStatus) -> str:
        return _STATUS_JA[status]
