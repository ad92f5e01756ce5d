"""Automatic merge of concurrent edits to different fields of one row (a three-way merge).

Two organisations may write the same row (the owner and its delegate). When both changed
it before hearing of each other, the classification says ``conflict``. Here such a pair is
looked at again with their common *base*, the version both started from: a field changed
on one side only takes that side's value, a field both sides changed to the same value is
that value, and only a field both sides changed differently (or a tombstone on one side
against an edit on the other) is a real conflict for a person, kept as before with the base
beside it.

Which base. A version vector names one version of a row everywhere (classify rejects the
same vector with different content), so the base of two concurrent versions is the version
whose vector is their *meet* (element-wise minimum). This file keeps images of versions
it sent or received (``sync_base``, schema 8), keyed by vector, for rows more than one
organisation may write; a merge happens only when an image with exactly the meet's vector
is here. Requiring the exact meet makes both sides decide from the same three images, so
they compute the same content; an older shared version would also be a common ancestor,
but a value changed back to it would look unchanged and be lost.

The merged version's vector is the join of the two (no new change counted), the same on
both sides, and its content is the same on both sides: when the other side's merge arrives
it is the same version (``identical``, or ``restamp`` when its stamp is later, which wins
everywhere), never a conflict. The clock reading is a fresh one of the merging site, like
classify's ``merge`` of equal content, so increments carry the merged row onward (a
reading copied from one of the two versions could already be acknowledged by a third site,
which would then never get it). When only one side has the base, that side merges and the
other records the conflict, which the merged row fast-forwards and closes on arrival.

This module is pure Python and SQL over the ATTACHed package (``pkg``) and the
``temp.cls_<table>`` verdicts; ``apply.py`` calls ``plan_merges`` after classifying and
``apply_merges`` after the tables are applied, ``export.py`` calls ``remember_sent``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core import versions
from ..storage.database import Database, utc_now
from ..storage.status import refresh_asset_status
from .classify import Preview
from .tables import ATTACHMENT_REFS, SyncTable, sync_tables

#: Base images kept per row: the versions last sent to or received from a few peers.
KEEP_PER_ROW = 4
#: Only the owner writes these (no delegation applies), so they are never concurrent.
_OWNER_ONLY = ("organisations", "delegations")
#: Verdicts whose row, once applied, is a version the sender also holds.
_SHARED = ("new", "fast_forward", "merge", "restamp")
MERGED = "merged"


@dataclass(frozen=True)
class Merge:
    """The outcome of merging ``local`` and ``remote`` over ``base`` (content columns)."""

    image: dict[str, Any]
    from_local: tuple[str, ...]  # fields only this file's side changed
    from_remote: tuple[str, ...]  # fields only the received side changed
    clashes: tuple[str, ...]  # fields both changed differently: a real conflict

    @property
    def clean(self) -> bool:
        return not self.clashes


def three_way(base: Mapping[str, Any], local: Mapping[str, Any], remote: Mapping[str, Any],
              columns: Sequence[str]) -> Merge:
    """Merge two versions of a row over their common base, field by field.

    Symmetric: swapping ``local`` and ``remote`` gives the same image and clashes, which is
    what lets both sides of an exchange reach the same row. A tombstone (``deleted``) set
    on one side while the other side changed any field is a clash: deleting a row someone
    has just edited is a decision for a person.
    """
    image: dict[str, Any] = {}
    from_local, from_remote, clashes = [], [], []
    for c in columns:
        b, loc, rem = base.get(c), local.get(c), remote.get(c)
        if loc == rem:
            image[c] = loc
        elif loc == b:
            image[c] = rem
            from_remote.append(c)
        elif rem == b:
            image[c] = loc
            from_local.append(c)
        else:
            image[c] = loc
            clashes.append(c)
    edited_local = [c for c in from_local if c != "deleted"]
    edited_remote = [c for c in from_remote if c != "deleted"]
    if ("deleted" in from_remote and edited_local) or ("deleted" in from_local and edited_remote):
        clashes.append("deleted")
    return Merge(image, tuple(from_local), tuple(from_remote), tuple(sorted(clashes)))


def meet(a: str | None, b: str | None) -> str:
    """The canonical vector of what both versions have seen (element-wise minimum)."""
    va, vb = versions.loads(a), versions.loads(b)
    return versions.dumps({k: min(n, vb[k]) for k, n in va.items() if k in vb and min(n, vb[k]) > 0})


def mergeable_tables() -> tuple[SyncTable, ...]:
    """Tables whose rows two organisations may change concurrently with different content."""
    return tuple(t for t in sync_tables() if not t.append_only and t.name not in _OWNER_ONLY)


def merge_columns(t: SyncTable) -> tuple[str, ...]:
    """The columns a merge decides (the owner never changes; the stamps are joined)."""
    return tuple(c for c in t.content if c not in ("id", "owner"))


def _delegated(t: SyncTable, alias: str) -> str:
    """SQL: the row ``alias`` belongs to an owner that delegated this table to someone."""
    return (f"EXISTS (SELECT 1 FROM main.delegations d WHERE d.deleted = 0 AND d.owner = {alias}.owner "
            f"AND d.table_name IN ('*', '{t.name}'))")


def _image_sql(t: SyncTable, alias: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.{c}" for c in t.names) + ")"


def _row(conn: sqlite3.Connection, schema: str, t: SyncTable, row_id: str) -> dict[str, Any]:
    values = conn.execute(f"SELECT {', '.join(t.names)} FROM {schema}.{t.name} WHERE id = ?",
                          (row_id,)).fetchone()
    return dict(zip(t.names, tuple(values), strict=True))


def _has_delegations(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM main.delegations WHERE deleted = 0 LIMIT 1").fetchone() is not None


def plan_merges(conn: sqlite3.Connection, preview: Preview) -> None:
    """Turn ``conflict`` verdicts into ``merged`` where the base is known and the fields do
    not clash; note the base of the others. Fills ``temp.merge_plan``; updates ``preview``."""
    conn.execute("DROP TABLE IF EXISTS temp.merge_plan")
    conn.execute("CREATE TEMP TABLE merge_plan (table_name TEXT, id TEXT, verdict TEXT, base TEXT, "
                 "image TEXT, from_local TEXT, from_remote TEXT)")
    for t in mergeable_tables():
        ids = [r[0] for r in conn.execute(f"SELECT id FROM temp.cls_{t.name} WHERE verdict = 'conflict'")]
        for row_id in ids:
            local, remote = _row(conn, "main", t, row_id), _row(conn, "pkg", t, row_id)
            found = conn.execute("SELECT image FROM main.sync_base WHERE table_name = ? AND row_id = ? "
                                 "AND vv = ?", (t.name, row_id, meet(local["vv"], remote["vv"]))).fetchone()
            if found is None:
                continue
            merged = three_way(json.loads(found[0]), local, remote, merge_columns(t))
            verdict = MERGED if merged.clean and _photos_here(conn, t, merged) else "conflict"
            conn.execute("INSERT INTO temp.merge_plan VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (t.name, row_id, verdict, found[0], json.dumps(merged.image, ensure_ascii=False),
                          json.dumps(merged.from_local), json.dumps(merged.from_remote)))
            if verdict == MERGED:
                conn.execute(f"UPDATE temp.cls_{t.name} SET verdict = '{MERGED}' WHERE id = ?", (row_id,))
                _recount(preview, t.name, local["owner"])


def _photos_here(conn: sqlite3.Connection, t: SyncTable, merged: Merge) -> bool:
    """A merged row may name a photo only if this file has it (or its placeholder)."""
    for table_name, column in ATTACHMENT_REFS:
        digest = merged.image.get(column) if table_name == t.name else None
        if digest and column in merged.from_remote and conn.execute(
                "SELECT 1 FROM main.attachments WHERE sha256 = ?", (digest,)).fetchone() is None:
            return False
    return True


def _recount(preview: Preview, table: str, owner: str) -> None:
    for counts in (preview.by_table.get(table), preview.by_org.get(owner, {}).get(table)):
        if counts is None:
            continue
        counts["conflict"] -= 1
        if not counts["conflict"]:
            del counts["conflict"]
        counts[MERGED] = counts.get(MERGED, 0) + 1


def merged_count(preview: Preview) -> int:
    """Rows the import merges by itself (counted among ``updated`` in the totals too)."""
    return sum(verdicts.get(MERGED, 0) for verdicts in preview.by_table.values())


def _origin(hlc: str) -> str:
    return versions.HLCStamp.parse(hlc).node


def apply_merges(conn: sqlite3.Connection, *, site: str, sender: str, package: str, actor: str,
                 source: str) -> None:
    """Write the merged rows (with an audit entry saying which fields came from whom), keep
    the base beside the real conflicts, and remember the versions now shared with the sender.

    Runs inside the import's transaction after the tables are applied; ``next_hlc()`` is
    the import's clock.
    """
    at = utc_now()
    touched_assets: set[str] = set()
    plan = conn.execute("SELECT table_name, id, verdict, base, image, from_local, from_remote "
                        "FROM temp.merge_plan ORDER BY rowid").fetchall()
    for name, row_id, verdict, base, image_text, from_local_text, from_remote_text in plan:
        if verdict != MERGED:
            conn.execute("UPDATE main.sync_conflicts SET base_image = ? WHERE status = 'open' "
                         "AND package = ? AND table_name = ? AND row_id = ? AND base_image IS NULL",
                         (base, package, name, row_id))
            continue
        t = next(x for x in sync_tables() if x.name == name)
        before = conn.execute(f"SELECT seq, {', '.join(t.names)} FROM main.{name} WHERE id = ?",
                              (row_id,)).fetchone()
        before_image = dict(zip(("seq", *t.names), tuple(before), strict=True))
        remote = _row(conn, "pkg", t, row_id)
        image = json.loads(image_text)
        from_local, from_remote = json.loads(from_local_text), json.loads(from_remote_text)
        vv = versions.dumps(versions.merge(versions.loads(before_image["vv"]), versions.loads(remote["vv"])))
        hlc = conn.execute("SELECT next_hlc()").fetchone()[0]
        values = {**image, "vv": vv, "hlc": hlc, "modified_at": at, "modified_by": f"{site}:sync"}
        conn.execute(f"UPDATE main.{name} SET {', '.join(f'{c} = ?' for c in values)} WHERE id = ?",
                     [*values.values(), row_id])
        local_by, remote_by = _origin(before_image["hlc"]), _origin(remote["hlc"])
        changes: dict[str, Any] = {c: [before_image[c], image[c]] for c in from_remote}
        changes.update({
            "vv": [before_image["vv"], vv], "hlc": [before_image["hlc"], hlc],
            "package": package, "sender": sender,
            "merged": {"local": {"by": local_by, "fields": from_local},
                       "remote": {"by": remote_by, "fields": from_remote}},
            "before": before_image})
        tombstone = image.get("deleted") == 1 and before_image["deleted"] == 0
        summary = (f"{package} ({sender}) から自動統合: {name} — 受信した版 ({remote_by}) の "
                   f"{', '.join(from_remote) or 'なし'} と、このファイルの版 ({local_by}) の "
                   f"{', '.join(from_local) or 'なし'} を採用 (merged: fields from each side)")
        conn.execute("INSERT INTO audit_log (at, actor, source, table_name, row_id, action, changes, "
                     "summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (at, actor, source, name, row_id, "tombstone" if tombstone else "update",
                      json.dumps(changes, ensure_ascii=False, default=str), summary))
        conn.execute("UPDATE main.sync_conflicts SET status = 'superseded', resolved_at = ?, resolution = ? "
                     "WHERE status = 'open' AND table_name = ? AND row_id = ? "
                     "AND vv_order(remote_vv, ?) IN ('equal', 'before')",
                     (at, f"merged automatically with {package}", name, row_id, vv))
        if name == "assets":
            touched_assets.add(row_id)
        elif "asset_id" in image or "asset_id" in before_image:
            touched_assets.add(before_image.get("asset_id"))
    _remember_received(conn)
    touched_assets.discard(None)
    if touched_assets:
        refresh_asset_status(conn, sorted(touched_assets))


def _remember(conn: sqlite3.Connection, t: SyncTable, select: str, params: Iterable = ()) -> None:
    conn.execute(f"INSERT OR IGNORE INTO main.sync_base (table_name, row_id, vv, image) {select}", params)


def _prune(conn: sqlite3.Connection, mark: int) -> None:
    """Keep the newest KEEP_PER_ROW images of every row recorded since ``mark``."""
    conn.execute(
        "DELETE FROM main.sync_base WHERE seq IN (SELECT seq FROM (SELECT seq, row_number() OVER "
        "(PARTITION BY table_name, row_id ORDER BY seq DESC) AS k FROM main.sync_base "
        "WHERE (table_name, row_id) IN (SELECT table_name, row_id FROM main.sync_base WHERE seq > ?)) "
        f"WHERE k > {KEEP_PER_ROW})", (mark,))


def _mark(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(seq), 0) FROM main.sync_base").fetchone()[0]


def _remember_received(conn: sqlite3.Connection) -> None:
    """Images of the versions this import shares with the sender: rows taken as they came,
    received versions that were merged or conflict (the sender holds them), merged rows."""
    if not _has_delegations(conn):
        return
    mark = _mark(conn)
    for t in mergeable_tables():
        n = t.name
        shared = ", ".join(f"'{v}'" for v in _SHARED)
        _remember(conn, t, f"SELECT '{n}', m.id, m.vv, {_image_sql(t, 'm')} FROM main.{n} m "
                           f"JOIN temp.cls_{n} c ON c.id = m.id WHERE c.verdict IN ({shared}, '{MERGED}') "
                           f"AND {_delegated(t, 'm')}")
        _remember(conn, t, f"SELECT '{n}', p.id, p.vv, {_image_sql(t, 'p')} FROM pkg.{n} p "
                           f"JOIN temp.cls_{n} c ON c.id = p.id WHERE c.verdict IN ('{MERGED}', 'conflict') "
                           f"AND {_delegated(t, 'p')}")
    _remember_covered(conn, "SELECT p.owner, p.table_name FROM pkg.delegations p JOIN temp.cls_delegations c "
                            f"ON c.id = p.id WHERE c.verdict IN ({', '.join(repr(v) for v in _SHARED)}) "
                            "AND p.deleted = 0")
    _prune(conn, mark)


def _remember_covered(conn: sqlite3.Connection, delegations: str) -> None:
    """Images of the rows a delegation that travels now covers, as this file holds them.

    A delegation is usually granted after the rows were exchanged, so no version of them
    was remembered; the one both sides hold when the delegation reaches the delegate is
    the base of their first concurrent edits. ``delegations`` is SQL giving (owner,
    table_name) pairs.
    """
    for t in mergeable_tables():
        _remember(conn, t, f"SELECT '{t.name}', m.id, m.vv, {_image_sql(t, 'm')} FROM main.{t.name} m "
                           f"WHERE m.owner IN (SELECT d.owner FROM ({delegations}) d "
                           f"WHERE d.table_name IN ('*', '{t.name}'))")


def remember_sent(db: Database, package_db: Path) -> None:
    """After an export: keep the images of the versions just sent of delegated rows (the
    recipient will hold them, so they may be the base of a later concurrent edit)."""
    conn = db.conn
    if not _has_delegations(conn):
        return
    conn.execute("ATTACH DATABASE ? AS sent", (str(package_db),))
    try:
        with db.transaction():
            mark = _mark(conn)
            for t in mergeable_tables():
                _remember(conn, t, f"SELECT '{t.name}', r.id, r.vv, {_image_sql(t, 'r')} "
                                   f"FROM sent.{t.name} r WHERE {_delegated(t, 'r')}")
            _remember_covered(conn, "SELECT owner, table_name FROM sent.delegations WHERE deleted = 0")
            _prune(conn, mark)
    finally:
        conn.execute("DETACH DATABASE sent")
