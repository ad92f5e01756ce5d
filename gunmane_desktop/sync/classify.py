"""Classification of every incoming row, in SQL over the ATTACHed package (alias ``pkg``).

For each synchronised table, parents first, a temporary table ``temp.cls_<table>`` gets one
row per incoming row with its verdict:

- ``rejected`` (with a reason): the ownership rule (design 3.5) or the file's integrity
  would be broken: the sender may not send rows of that owner; a version carries changes by
  an organisation that is neither the owner nor its delegate; at the owner, a version claims
  changes by the owner that this file never made (forgery); the owner changed; an
  inspection's content changed (history is append-only); a parent, organisation or
  catalogue code is unknown; the same version arrives with different content;
- ``new``: no local row; ``adopt``: an organisation this file only had a placeholder for;
- ``identical``: same version; ``stale``: the local version has already seen it;
- ``fast_forward``: the incoming version has seen the local one;
- ``merge``: concurrent versions with the same content: the vectors are joined and the join
  gets a fresh stamp of this site (no conflict); ``restamp``: the same join made elsewhere
  with a later stamp, which wins on every side;
- ``held``: concurrent, and an open conflict already holds this version or a newer one;
- ``conflict``: concurrent with different content: the local row stays, both are stored.

Version vectors are compared by a deterministic SQL function over their canonical JSON;
equal vectors are equal strings, so the common cases never leave SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from ..core import versions
from .tables import ATTACHMENT_REFS, OWNER_CHECKED, PERSONAL_DATA, SyncTable, sync_tables

ACCEPTED = ("new", "adopt", "fast_forward", "merge", "restamp")
COUNTED_AS = {"new": "new", "adopt": "new",
              "fast_forward": "updated", "merge": "updated", "restamp": "updated",
              "identical": "unchanged", "stale": "unchanged", "held": "unchanged",
              "conflict": "conflicts", "rejected": "rejected",
              "merged": "updated"}  # concurrent edits of different fields, merged (merge.py)


def _vv_order(a: str | None, b: str | None) -> str:
    return versions.compare(versions.loads(a), versions.loads(b)).value


def _vv_foreign(local: str | None, remote: str, owner: str) -> str | None:
    """Slots other than the owner's that ``remote`` advanced beyond ``local`` (JSON list)."""
    lv, rv = versions.loads(local), versions.loads(remote)
    slots = [k for k, n in rv.items() if k != owner and n > lv.get(k, 0)]
    return json.dumps(slots) if slots else None


def _vv_slot(vv: str | None, slot: str) -> int:
    return versions.loads(vv).get(slot, 0)


def _vv_merge(a: str, b: str) -> str:
    return versions.dumps(versions.merge(versions.loads(a), versions.loads(b)))


def register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("vv_order", 2, _vv_order, deterministic=True)
    conn.create_function("vv_foreign", 3, _vv_foreign, deterministic=True)
    conn.create_function("vv_slot", 2, _vv_slot, deterministic=True)
    conn.create_function("vv_merge", 2, _vv_merge, deterministic=True)


@dataclass
class Rejection:
    table: str
    id: str
    owner: str
    reason: str


@dataclass
class Preview:
    """What an import would do, per organisation and table, before anything is written."""

    sender: str
    package: str
    by_table: dict[str, dict[str, int]] = field(default_factory=dict)
    by_org: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    rejections: list[Rejection] = field(default_factory=list)

    def totals(self) -> dict[str, int]:
        out = {"new": 0, "updated": 0, "unchanged": 0, "conflicts": 0, "rejected": 0}
        for verdicts in self.by_table.values():
            for verdict, n in verdicts.items():
                out[COUNTED_AS[verdict]] += n
        return out

    @property
    def writes(self) -> bool:
        t = self.totals()
        return bool(t["new"] or t["updated"] or t["conflicts"])


def _same(cols: tuple[str, ...]) -> str:
    return " AND ".join(f"l.{c} IS p.{c}" for c in cols) or "1"


def _reject(conn: sqlite3.Connection, t: SyncTable, reason_sql: str, where: str,
            params: dict) -> None:
    conn.execute(f"UPDATE temp.cls_{t.name} AS c SET verdict = 'rejected', reason = {reason_sql} "
                 f"WHERE c.verdict IS NULL AND ({where})", params)


def _pcol(table: str, column: str) -> str:
    """SQL for an incoming row's column, from inside an UPDATE of temp.cls_<table> AS c."""
    return f"coalesce((SELECT CAST(p.{column} AS TEXT) FROM pkg.{table} p WHERE p.id = c.id), '')"


def _writer_ok(t: SyncTable, who: str) -> str:
    """SQL: organisation expression ``who`` may write rows of c.owner in this table."""
    if t.name in ("organisations", "delegations"):
        return f"({who} = c.owner)"
    return (f"({who} = c.owner OR EXISTS (SELECT 1 FROM temp.eff_delegations d WHERE d.owner = c.owner "
            f"AND d.delegate = {who} AND d.table_name IN ('*', '{t.name}')))")


def _classify_table(conn: sqlite3.Connection, t: SyncTable, params: dict) -> None:
    n = t.name
    conn.execute(f"DROP TABLE IF EXISTS temp.cls_{n}")
    conn.execute(
        f"CREATE TEMP TABLE cls_{n} AS SELECT p.id AS id, p.owner AS owner, p.vv AS vv, p.hlc AS hlc, "
        f"p.deleted AS deleted, l.seq AS local_seq, l.owner AS local_owner, l.vv AS local_vv, "
        f"l.hlc AS local_hlc, l.deleted AS local_deleted, "
        f"CASE WHEN l.seq IS NULL THEN NULL WHEN l.vv = p.vv THEN 'equal' "
        f"ELSE vv_order(l.vv, p.vv) END AS ord, "
        f"CASE WHEN l.seq IS NULL THEN 0 ELSE ({_same(t.content)}) END AS same_content, "
        f"CASE WHEN l.seq IS NULL THEN 0 ELSE ({_same(t.data)}) END AS same_data, "
        f"CASE WHEN l.seq IS NULL THEN 0 "
        f"ELSE ({_same(('hlc', 'modified_at', 'modified_by'))}) END AS same_stamp, "
        f"NULL AS verdict, NULL AS reason "
        f"FROM pkg.{n} p LEFT JOIN main.{n} l ON l.id = p.id")
    conn.execute(f"CREATE UNIQUE INDEX temp.cls_{n}_id ON cls_{n} (id)")
    if conn.execute(f"SELECT 1 FROM temp.cls_{n} LIMIT 1").fetchone() is None:
        return  # most packages leave most tables empty: skip the dozen passes
    # Already known versions need no further checks: most of a re-import stops here.
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'identical' WHERE ord = 'equal' AND same_content "
                 "AND same_stamp")
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'stale' WHERE ord = 'after'")
    # Two sites that joined the same concurrent versions stamp the join separately: the
    # later stamp wins everywhere, so they end equal.
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = CASE WHEN hlc > local_hlc THEN 'restamp' "
                 "ELSE 'identical' END WHERE verdict IS NULL AND ord = 'equal' AND same_content")
    _reject(conn, t, "'同じ版で内容が異なります (same version, different content)'",
            "c.ord = 'equal'", params)
    _reject(conn, t, "'所有者が変わっています (owner changed from ' || c.local_owner || ')'",
            "c.local_owner IS NOT NULL AND c.local_owner <> c.owner", params)
    relay = ("EXISTS (SELECT 1 FROM temp.eff_orgs o WHERE o.code = c.owner AND o.lead_code = :sender) "
             "OR EXISTS (SELECT 1 FROM temp.eff_orgs o WHERE o.code = :site AND o.lead_code = :sender)")
    _reject(conn, t, "'送信元 ' || :sender || ' は ' || c.owner || ' の行を送れません "
                     "(sender may not send rows of this owner)'",
            f"NOT ({_writer_ok(t, ':sender')} OR {relay})", params)
    _reject(conn, t, "'' || :site || ' が行っていない変更を含みます (forged: claims a change by the owner "
                     "this file never made)'",
            ":guard_own AND c.owner = :site "
            "AND vv_slot(c.vv, :site) > coalesce(vv_slot(c.local_vv, :site), 0)",
            params)
    foreign = "json_each(vv_foreign(c.local_vv, c.vv, c.owner))"
    _reject(conn, t, f"'委任のない ' || (SELECT group_concat(value) FROM {foreign}) || ' による変更です "
                     "(changed by an organisation without a delegation from the owner)'",
            # Most versions carry the owner's slot alone: no need to parse them.
            f"(instr(c.vv, ',') > 0 OR substr(c.vv, 3, length(c.owner) + 1) <> c.owner || '\"') "
            f"AND EXISTS (SELECT 1 FROM {foreign} s WHERE NOT {_writer_ok(t, 's.value')})", params)
    if t.append_only:
        _reject(conn, t, "'点検記録は書き換えできません (inspections are append-only: content differs)'",
                "c.local_seq IS NOT NULL AND NOT c.same_data", params)
    for parent in t.parents:
        accepted = (f"EXISTS (SELECT 1 FROM temp.cls_{parent.table} x WHERE x.id = p.{parent.column} "
                    f"AND x.verdict IN ('new', 'adopt'))" if parent.table != t.name else
                    f"EXISTS (SELECT 1 FROM pkg.{t.name} x WHERE x.id = p.{parent.column})")
        _reject(conn, t, f"'参照先 {parent.table} ' || {_pcol(n, parent.column)} || "
                         "' がありません (missing parent)'",
                f"EXISTS (SELECT 1 FROM pkg.{t.name} p WHERE p.id = c.id AND p.{parent.column} IS NOT NULL "
                f"AND NOT EXISTS (SELECT 1 FROM main.{parent.table} m "
                f"WHERE m.{parent.key} = p.{parent.column}) "
                f"AND NOT {accepted})", params)
    for column, ref_table, key in t.catalogue_refs:
        _reject(conn, t, f"'未知のコード {column}=' || {_pcol(n, column)} || ' (unknown catalogue code)'",
                f"EXISTS (SELECT 1 FROM pkg.{t.name} p WHERE p.id = c.id AND NOT EXISTS "
                f"(SELECT 1 FROM main.{ref_table} m WHERE m.{key} = p.{column}))", params)
    if n == "inspections":
        _reject(conn, t, "'未知の判定区分です (unknown grade)'",
                "EXISTS (SELECT 1 FROM pkg.inspections p WHERE p.id = c.id AND NOT EXISTS "
                "(SELECT 1 FROM main.grades g WHERE g.scale_id = p.scale_id AND g.code = p.grade))", params)
    for ref_table, column in ATTACHMENT_REFS:
        if n == ref_table:
            _reject(conn, t, "'添付ファイル本体がありません (attachment bytes missing)'",
                    f"EXISTS (SELECT 1 FROM pkg.{n} p WHERE p.id = c.id AND p.{column} IS NOT NULL "
                    f"AND NOT EXISTS (SELECT 1 FROM main.attachments a WHERE a.sha256 = p.{column}) "
                    f"AND NOT EXISTS (SELECT 1 FROM pkg.attachments a WHERE a.sha256 = p.{column}))",
                    params)
    if n in OWNER_CHECKED:
        _reject(conn, t, "'未知の団体 ' || c.owner || ' (unknown organisation)'",
                "NOT EXISTS (SELECT 1 FROM temp.eff_orgs o WHERE o.code = c.owner)", params)
    if n == "organisations":
        # The code is unique, so two records of one organisation (its own from `init`, and
        # the lead's from the regional bundle) meet here: a placeholder made by someone
        # else gives way, otherwise the older record (lower UUIDv7) wins on every side.
        conn.execute(
            "UPDATE temp.cls_organisations AS c SET verdict = CASE WHEN vv_slot(l.vv, l.owner) = 0 "
            "OR p.id < l.id THEN 'adopt' ELSE 'stale' END "
            "FROM pkg.organisations p JOIN main.organisations l ON l.code = p.code AND l.id <> p.id "
            "WHERE p.id = c.id AND c.verdict IS NULL")
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'new' WHERE verdict IS NULL AND local_seq IS NULL")
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'fast_forward' WHERE verdict IS NULL AND ord = 'before'")
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'merge' WHERE verdict IS NULL AND same_content")
    conn.execute(
        f"UPDATE temp.cls_{n} AS c SET verdict = 'held' WHERE verdict IS NULL AND EXISTS "
        f"(SELECT 1 FROM main.sync_conflicts k WHERE k.status = 'open' AND k.table_name = '{n}' "
        f"AND k.row_id = c.id AND vv_order(c.vv, k.remote_vv) IN ('equal', 'before'))")
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'conflict' WHERE verdict IS NULL")


def _effective_orgs(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.eff_orgs")
    conn.execute("CREATE TEMP TABLE eff_orgs AS SELECT code, lead_code FROM main.organisations "
                 "WHERE code NOT IN (SELECT p.code FROM pkg.organisations p JOIN temp.cls_organisations c "
                 "ON c.id = p.id AND c.verdict IN ('new', 'adopt', 'fast_forward', 'merge')) "
                 "UNION ALL SELECT p.code, p.lead_code FROM pkg.organisations p "
                 "JOIN temp.cls_organisations c "
                 "ON c.id = p.id AND c.verdict IN ('new', 'adopt', 'fast_forward', 'merge')")


def _effective_delegations(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE IF EXISTS temp.eff_delegations")
    conn.execute("CREATE TEMP TABLE eff_delegations AS "
                 "SELECT owner, delegate, table_name FROM main.delegations WHERE deleted = 0 "
                 "AND id NOT IN (SELECT id FROM temp.cls_delegations WHERE verdict IN "
                 "('new', 'fast_forward', 'merge')) "
                 "UNION ALL SELECT p.owner, p.delegate, p.table_name FROM pkg.delegations p "
                 "JOIN temp.cls_delegations c ON c.id = p.id "
                 "AND c.verdict IN ('new', 'fast_forward', 'merge') "
                 "WHERE p.deleted = 0")


def classify(conn: sqlite3.Connection, *, site: str, sender: str, package: str) -> Preview:
    """Fill temp.cls_* for every table (pkg must be attached) and summarise them."""
    register_functions(conn)
    # Synchronised rows are never deleted, so a version of our own row claiming a change by
    # us that we do not hold is forged; except while a file holds no register of its own
    # yet (first filled, or rebuilt, from the lead's copy).
    guard_own = conn.execute("SELECT 1 FROM main.assets WHERE owner = ? LIMIT 1", (site,)).fetchone()
    params = {"site": site, "sender": sender, "guard_own": int(guard_own is not None)}
    conn.execute("DROP TABLE IF EXISTS temp.eff_orgs")
    conn.execute("CREATE TEMP TABLE eff_orgs AS SELECT code, lead_code FROM main.organisations")
    conn.execute("DROP TABLE IF EXISTS temp.eff_delegations")
    conn.execute("CREATE TEMP TABLE eff_delegations AS SELECT owner, delegate, table_name "
                 "FROM main.delegations WHERE deleted = 0")
    preview = Preview(sender, package)
    for t in sync_tables():
        _classify_table(conn, t, params)
        if t.name == "organisations":
            _effective_orgs(conn)
        elif t.name == "delegations":
            _effective_delegations(conn)
        verdicts: dict[str, int] = {}
        for owner, verdict, count in conn.execute(
                f"SELECT owner, verdict, count(*) FROM temp.cls_{t.name} GROUP BY 1, 2"):
            verdicts[verdict] = verdicts.get(verdict, 0) + count
            org = preview.by_org.setdefault(owner, defaultdict(dict))
            org[t.name][verdict] = count
        preview.by_table[t.name] = verdicts
        preview.rejections += [Rejection(t.name, r[0], r[1], r[2]) for r in conn.execute(
            f"SELECT id, owner, reason FROM temp.cls_{t.name} WHERE verdict = 'rejected' ORDER BY id")]
    _classify_contacts(conn, preview, params)
    preview.by_org = {k: dict(v) for k, v in preview.by_org.items()}
    return preview


def _classify_contacts(conn: sqlite3.Connection, preview: Preview, params: dict) -> None:
    """Residents' contacts, sent only on explicit request: they have no versions, so the
    contact this file already holds stays (``stale``); a new one is taken when its request is
    here (or arrives now) and the sender may send that request's rows."""
    n = PERSONAL_DATA
    conn.execute(f"DROP TABLE IF EXISTS temp.cls_{n}")
    conn.execute(
        f"CREATE TEMP TABLE cls_{n} AS SELECT p.request_id AS id, "
        "coalesce(q.owner, (SELECT x.owner FROM pkg.requests x JOIN temp.cls_requests c ON c.id = x.id "
        "AND c.verdict IN ('new', 'fast_forward', 'merge', 'restamp', 'identical', 'stale') "
        "WHERE x.id = p.request_id)) AS owner, "
        "l.request_id IS NOT NULL AS known, "
        "l.name IS p.name AND l.phone IS p.phone AND l.address IS p.address AS same, "
        "NULL AS verdict, NULL AS reason "
        f"FROM pkg.{n} p LEFT JOIN main.requests q ON q.id = p.request_id "
        f"LEFT JOIN main.{n} l ON l.request_id = p.request_id")
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = 'rejected', "
                 "reason = '参照先 requests ' || id || ' がありません (missing parent)' WHERE owner IS NULL")
    requests = next(t for t in sync_tables() if t.name == "requests")
    relay = ("EXISTS (SELECT 1 FROM temp.eff_orgs o WHERE o.code = c.owner AND o.lead_code = :sender) "
             "OR EXISTS (SELECT 1 FROM temp.eff_orgs o WHERE o.code = :site AND o.lead_code = :sender)")
    conn.execute(f"UPDATE temp.cls_{n} AS c SET verdict = 'rejected', reason = '送信元 ' || :sender || "
                 "' は ' || c.owner || ' の行を送れません (sender may not send rows of this owner)' "
                 f"WHERE c.verdict IS NULL AND NOT ({_writer_ok(requests, ':sender')} OR {relay})", params)
    conn.execute(f"UPDATE temp.cls_{n} SET verdict = CASE WHEN NOT known THEN 'new' "
                 "WHEN same THEN 'identical' ELSE 'stale' END WHERE verdict IS NULL")
    verdicts: dict[str, int] = {}
    for owner, verdict, count in conn.execute(f"SELECT owner, verdict, count(*) FROM temp.cls_{n} "
                                              "GROUP BY 1, 2"):
        verdicts[verdict] = verdicts.get(verdict, 0) + count
        org = preview.by_org.setdefault(owner or "", defaultdict(dict))
        org[n][verdict] = count
    if verdicts:
        preview.by_table[n] = verdicts
    preview.rejections += [Rejection(n, r[0], r[1] or "", r[2]) for r in conn.execute(
        f"SELECT id, owner, reason FROM temp.cls_{n} WHERE verdict = 'rejected' ORDER BY id")]
