"""Edits of many assets at once, and retiring an asset with its reason and date.

Both go through ``AssetRepository`` so each asset gets its own version stamp and audit entry;
what this module adds is the single transaction around them (all assets change or none) and
a preview of which assets a bulk change would actually alter.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..core.models import Asset, AssetStatus
from .assets import AssetRepository
from .changes import ChangeContext
from .database import Database
from .sqlhelpers import write

# The fields one value may be set for across a selection. The owner is not among them: an
# asset changes hands through the exchange, never by an edit.
BULK_FIELDS = ("route", "emergency_route", "notes")
MAX_BULK_ASSETS = 10_000  # a bulk edit of a whole town's register is a mistake, not a task


def _changed(asset: Asset, field: str, value: object, append: bool) -> Asset | None:
    """``asset`` with the change applied, or None when it would stay as it is."""
    if field not in BULK_FIELDS:
        raise ValueError(f"{field} cannot be edited in bulk")
    old = getattr(asset, field)
    if field == "emergency_route":
        new: object = bool(value)
    elif append and field == "notes":
        addition = str(value).strip()
        new = f"{old}\n{addition}" if old and addition else (old or addition)
    else:
        new = str(value).strip()
    if new == old:
        return None
    setattr(asset, field, new)
    return asset


def bulk_preview(db: Database, asset_ids: Sequence[str], field: str, value: object, *,
                 append: bool = False) -> list[str]:
    """The ids among ``asset_ids`` that setting ``field`` to ``value`` would change."""
    repo = AssetRepository(db)
    changing = []
    for asset_id in asset_ids:
        asset = repo.get(asset_id)
        if asset is not None and _changed(asset, field, value, append) is not None:
            changing.append(asset_id)
    return changing


def apply_bulk_change(ctx: ChangeContext, asset_ids: Sequence[str], field: str, value: object,
                      *, append: bool = False) -> list[str]:
    """Set ``field`` on every asset in one transaction; returns the ids that changed.

    Each changed asset gets an audit entry of its own. If one asset cannot be saved, none is.
    """
    if len(asset_ids) > MAX_BULK_ASSETS:
        raise ValueError(f"一括編集は {MAX_BULK_ASSETS:,} 件までです ({len(asset_ids):,} 件選択)")
    repo = AssetRepository(ctx.db)
    changed = []
    with write(ctx.db.conn):
        for asset_id in asset_ids:
            asset = repo.get(asset_id)
            if asset is None:
                raise KeyError(f"施設 {asset_id} はありません")
            edited = _changed(asset, field, value, append)
            if edited is not None and repo.update(ctx, edited):
                changed.append(asset_id)
    return changed


def retire_with_reason(ctx: ChangeContext, asset_id: str, *, on: dt.date, reason: str,
                       status: AssetStatus = AssetStatus.RETIRED) -> None:
    """供用廃止 / 撤去: the status change (audited as a retirement) and, beside it in the same
    transaction, the date and reason kept in the asset's attributes (``retired_on``,
    ``retired_reason``). The row and its history stay in the file."""
    if not reason.strip():
        raise ValueError("廃止の理由を入力してください")
    repo = AssetRepository(ctx.db)
    with write(ctx.db.conn):
        repo.retire(ctx, asset_id, status)
        asset = repo.get(asset_id)
        if asset is None:  # retire() found it a moment ago, in this same transaction
            raise KeyError(asset_id)
        asset.attributes = {**asset.attributes, "retired_on": on.isoformat(),
                            "retired_reason": reason.strip()}
        repo.update(ctx, asset)
