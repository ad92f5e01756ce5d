"""Export: the rows a peer has not acknowledged (or all of them) into a package.

Which rows go to whom:
- authority: a site sends rows it owns, rows delegated to it, and rows it relays as the
  lead of their owner (organisations.lead_code); the recipient would reject anything else;
- scope: a lead's package for one town holds that town's rows, the lead's own rows, rows
  delegated to the town, and all organisations and delegations; ``--region`` holds
  everything the lead may relay (a read-only regional snapshot for viewers);
- increment: a row goes unless the recipient acknowledged its origin's clock reading
  (the row's HLC names the origin) or made the version itself.

Rows are copied with INSERT ... SELECT into a package.sqlite ATTACHed to the local file,
inside one read transaction, so the export is a consistent snapshot.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..core.ids import new_id
from ..storage.database import Database, utc_now
from .package import DATABASE, REGION, Manifest, create_package_database, write_zip
from .peers import Peers, hlc_node_sql
from .tables import sync_tables


class ExportError(Exception):
    """An export that cannot be made (no site organisation, unknown recipient)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: Manifest

    @property
    def rows(self) -> int:
        return sum(v for k, v in self.manifest.counts.items() if k != "attachments")


def _authority(table: str) -> str:
    """SQL predicate over ``r``: this site may send the row."""
    delegated = ("EXISTS (SELECT 1 FROM main.delegations d WHERE d.deleted = 0 AND d.owner = r.owner "
                 f"AND d.delegate = :site AND d.table_name IN ('*', '{table}'))")
    lead = "EXISTS (SELECT 1 FROM main.organisations o WHERE o.code = r.owner AND o.lead_code = :site)"
    if table in ("organisations", "delegations"):
        return f"(r.owner = :site OR {lead})"
    return f"(r.owner = :site OR {delegated} OR {lead})"


def _scope(table: str) -> str:
    """SQL predicate over ``r``: the row concerns the recipient (a lead's per-town package)."""
    if table in ("organisations", "delegations"):
        return "1"
    return ("(r.owner IN (:site, :recipient) OR EXISTS (SELECT 1 FROM main.delegations d "
            "WHERE d.deleted = 0 AND d.owner = r.owner AND d.delegate = :recipient "
            f"AND d.table_name IN ('*', '{table}')))")


def own_high(db: Database, site: str) -> str | None:
    """The latest change this organisation made that the file holds (it holds all earlier)."""
    node = hlc_node_sql("hlc")
    highs = [db.conn.execute(f"SELECT max(hlc) FROM {t.name} WHERE {node} = ?", (site,)).fetchone()[0]
             for t in sync_tables()]
    return max((h for h in highs if h), default=None)


def _acknowledgement(db: Database, site: str, received: dict[str, str], recipient: str) -> dict[str, str]:
    """What we tell the recipient we have: what it sent us, and every change we made."""
    if recipient == REGION:
        return {}
    ack = dict(received)
    high = own_high(db, site)
    if high:
        ack[site] = max(ack.get(site, ""), high)
    return ack


def _filters(db: Database, site: str, recipient: str,
             since: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Per table, the WHERE clause (over alias ``r``) choosing the rows to send."""
    lead_of_recipient = recipient != REGION and db.conn.execute(
        "SELECT 1 FROM organisations WHERE code = ? AND lead_code = ? AND deleted = 0",
        (recipient, site)).fetchone() is not None
    node = hlc_node_sql("r.hlc")
    out = {}
    for t in sync_tables():
        where = [_authority(t.name)]
        if lead_of_recipient:
            where.append(_scope(t.name))
        if t.name == "organisations":
            # A placeholder made by someone else (e.g. `init --lead`) is local.
            where.append("json_extract(r.vv, '$.\"' || r.owner || '\"') IS NOT NULL")
        if since:
            where.append(f"r.hlc > coalesce(json_extract(:since, '$.\"' || {node} || '\"'), '')")
        out[t.name] = " AND ".join(where)
    return out, {"site": site, "recipient": recipient, "since": json.dumps(since)}


def pending_rows(db: Database, peer: str) -> int:
    """How many rows the next incremental export to ``peer`` would carry."""
    site = db.site_org or ""
    where_of, params = _filters(db, site, peer, Peers(db).get(peer).acked if peer != REGION else {})
    return sum(db.conn.execute(f"SELECT count(*) FROM main.{t.name} r WHERE {where_of[t.name]}",
                               params).fetchone()[0] for t in sync_tables())


def export_package(db: Database, out: Path | str, *, to: str | None = None,
                   full: bool = False) -> ExportResult:
    """Write a package for organisation ``to`` (or the region) and record it as sent."""
    out = Path(out)
    site = db.site_org
    if not site:
        raise ExportError(f"{db.path}: このファイルの団体 (site_org) が未設定です (no site organisation)")
    recipient = to or REGION
    if recipient == site:
        raise ExportError(f"宛先 {recipient} はこのファイル自身の団体です (cannot export to yourself)")
    peers = Peers(db)
    peer = peers.get(recipient)
    since = {} if (full or recipient == REGION) else peer.acked
    where_of, params = _filters(db, site, recipient, since)
    counts: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="gunmane-export-") as tmp:
        package_db = Path(tmp) / DATABASE
        create_package_database(package_db).close()
        conn = db.conn
        conn.execute("ATTACH DATABASE ? AS pkg", (str(package_db),))
        try:
            conn.execute("BEGIN")
            try:
                for t in sync_tables():
                    where = where_of[t.name]
                    cols = ", ".join(t.names)
                    rcols = ", ".join(f"r.{c}" for c in t.names)
                    cur = conn.execute(f"INSERT INTO pkg.{t.name} ({cols}) "
                                       f"SELECT {rcols} FROM main.{t.name} r "
                                       f"WHERE {where}", params)
                    counts[t.name] = cur.rowcount
                conn.execute("INSERT INTO pkg.attachments (sha256, mime, size, created_at) "
                             "SELECT a.sha256, a.mime, a.size, a.created_at FROM main.attachments a "
                             "WHERE a.sha256 IN (SELECT sha256 FROM pkg.attachment_links)")
                attachments = {r[0]: bytes(r[1]) for r in conn.execute(
                    "SELECT a.sha256, a.data FROM main.attachments a "
                    "WHERE a.sha256 IN (SELECT sha256 FROM pkg.attachments)")}
                counts["attachments"] = len(attachments)
                upto = dict(since)
                for t in sync_tables():
                    for origin, high in conn.execute(
                            f"SELECT {hlc_node_sql('hlc')}, max(hlc) FROM pkg.{t.name} GROUP BY 1"):
                        if high > upto.get(origin, ""):
                            upto[origin] = high
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        finally:
            conn.execute("DETACH DATABASE pkg")
        manifest = Manifest(package_id=new_id(), sender=site, recipient=recipient, created=utc_now(),
                            full=not since, ack=_acknowledgement(db, site, peer.received, recipient),
                            since=since, upto=upto, counts=counts)
        write_zip(out, manifest, package_db, attachments)
    peers.record_sent(recipient, out.name, manifest.created)
    return ExportResult(out, manifest)
