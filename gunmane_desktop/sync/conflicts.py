"""Conflicts: listing them and resolving one by keeping the local or the remote version.

A resolution is an ordinary new version: its vector joins both sides' vectors and adds one
change by this organisation, so it dominates both. It travels onward like any edit, and at
the other side it fast-forwards the row and closes the mirrored conflict (apply.py).
Only the owner or a delegate may resolve: a version made by anyone else would be rejected
by the owner. Concurrent changes to different fields never get here when the common base is
known: the import merges them (merge.py). What remains is a field both sides changed
differently, or a tombstone against an edit; the conflict then keeps the base too
(``base``, None when it was not known), so the person resolving it sees which side changed
what (``changed_fields``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..core import versions
from ..storage.changes import ChangeContext
from ..storage.database import Database, utc_now
from ..storage.status import refresh_asset_status
from .tables import table as sync_table


class ConflictError(Exception):
    """A resolution that cannot be made (unknown or closed conflict, no right to resolve)."""


@dataclass(frozen=True)
class Conflict:
    seq: int
    table: str
    row_id: str
    owner: str
    local: dict
    remote: dict
    package: str
    sender: str
    created_at: str
    status: str
    base: dict | None = None  # the common version both sides changed, when it was known

    def differing_fields(self) -> list[str]:
        skip = {"vv", "hlc", "modified_at", "modified_by"}
        return [k for k in self.local if k not in skip and self.local.get(k) != self.remote.get(k)]

    def changed_fields(self) -> dict[str, list[str]]:
        """Per side (``local``, ``remote``), the differing fields it changed from the base
        (both sides list a field they changed differently); empty without a base."""
        if self.base is None:
            return {}
        fields = self.differing_fields()
        return {side: [k for k in fields if image.get(k) != self.base.get(k)]
                for side, image in (("local", self.local), ("remote", self.remote))}

    def to_json(self) -> dict:
        return {"id": self.seq, "table": self.table, "row_id": self.row_id, "owner": self.owner,
                "sender": self.sender, "package": self.package, "created_at": self.created_at,
                "status": self.status, "fields": self.differing_fields(),
                "local": self.local, "remote": self.remote, "base": self.base,
                "changed": self.changed_fields()}


def list_conflicts(db: Database, *, include_closed: bool = False) -> list[Conflict]:
    where = "" if include_closed else "WHERE status = 'open'"
    return [Conflict(r["seq"], r["table_name"], r["row_id"], r["owner"], json.loads(r["local_image"]),
                     json.loads(r["remote_image"]), r["package"], r["sender"], r["created_at"], r["status"],
                     json.loads(r["base_image"]) if r["base_image"] else None)
            for r in db.conn.execute(f"SELECT * FROM sync_conflicts {where} ORDER BY seq")]


def may_write(db: Database, org: str, owner: str, table: str) -> bool:
    if org == owner:
        return True
    if table in ("organisations", "delegations"):
        return False
    return db.conn.execute("SELECT 1 FROM delegations WHERE deleted = 0 AND owner = ? AND delegate = ? "
                           "AND table_name IN ('*', ?)", (owner, org, table)).fetchone() is not None


def resolve(ctx: ChangeContext, conflict_id: int, keep: str, edits: dict | None = None) -> dict:
    """Resolve an open conflict keeping ``local`` or ``remote``, optionally with ``edits``
    (field -> value) on top: an edited merge. Returns the new row version."""
    if keep not in ("local", "remote"):
        raise ConflictError("--keep は local か remote です (keep must be local or remote)")
    edits = dict(edits or {})
    db = ctx.db
    row = db.conn.execute("SELECT * FROM sync_conflicts WHERE seq = ?", (conflict_id,)).fetchone()
    if row is None:
        raise ConflictError(f"競合 {conflict_id} はありません (no such conflict)")
    if row["status"] != "open":
        raise ConflictError(f"競合 {conflict_id} は解決済みです (already {row['status']})")
    t = sync_table(row["table_name"])
    if not may_write(db, ctx.org, row["owner"], t.name):
        raise ConflictError(f"{ctx.org} は {row['owner']} の {t.name} を変更する権限がありません。"
                            "所有者の解決を"
                            "待ってください (only the owner or its delegate can resolve)")
    with db.transaction() as conn:
        current = conn.execute(f"SELECT * FROM {t.name} WHERE id = ?", (row["row_id"],)).fetchone()
        remote = json.loads(row["remote_image"])
        joined = versions.dumps(versions.merge(versions.loads(current["vv"]), versions.loads(remote["vv"])))
        stamp = ctx.stamp(joined)
        values = {"vv": stamp.vv, "hlc": stamp.hlc, "modified_at": stamp.modified_at,
                  "modified_by": stamp.modified_by}
        changes = {}
        content = (("deleted",) if t.append_only
                   else tuple(c for c in t.content if c not in ("id", "owner")))
        unknown = set(edits) - set(content)
        if unknown:
            raise ConflictError(f"変更できない項目です: {', '.join(sorted(unknown))} (not editable)")
        chosen = {c: (remote[c] if keep == "remote" else current[c]) for c in content}
        chosen.update(edits)
        for c in content:
            if current[c] != chosen[c]:
                changes[c] = (current[c], chosen[c])
                values[c] = chosen[c]
        conn.execute(f"UPDATE {t.name} SET {', '.join(f'{c} = ?' for c in values)} WHERE id = ?",
                     [*values.values(), row["row_id"]])
        how = f"kept {keep}{' with edits' if edits else ''} by {ctx.actor}"
        conn.execute("UPDATE sync_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? "
                     "WHERE seq = ?", (how, utc_now(), conflict_id))
        for other in conn.execute("SELECT seq, remote_vv FROM sync_conflicts WHERE status = 'open' "
                                  "AND table_name = ? AND row_id = ?", (t.name, row["row_id"])).fetchall():
            if versions.compare(versions.loads(other["remote_vv"]), versions.loads(stamp.vv)) in (
                    versions.Order.BEFORE, versions.Order.EQUAL):
                conn.execute("UPDATE sync_conflicts SET status = 'superseded', resolved_at = ?, "
                             "resolution = ? WHERE seq = ?", (utc_now(), f"by conflict {conflict_id}",
                                                              other["seq"]))
        ctx.audit(t.name, row["row_id"], "update",
                  f"競合 {conflict_id} を解決 ({'ローカル' if keep == 'local' else '受信側'}を採用"
                  f"{'・編集あり' if edits else ''}, "
                  f"{row['package']} / {row['sender']})", changes)
        asset = row["row_id"] if t.name == "assets" else (
            current["asset_id"] if "asset_id" in current.keys() else None)  # noqa: SIM118 (Row)
        if asset:
            refresh_asset_status(conn, [asset])
    return {"conflict": conflict_id, "kept": keep, "table": t.name, "row_id": row["row_id"], "vv": stamp.vv}
