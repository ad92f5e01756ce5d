"""Export: the rows a peer has not acknowledged (or all of them) into a package.

Which rows go to whom:
- authority: a site sends rows it owns, rows delegated to it, and rows it relays as the
  lead of their owner (organisations.lead_code); the recipient would reject anything else;
- scope: a lead's package for one town holds that town's rows, the lead's own rows, rows
  delegated to the town, and all organisations and delegations; ``--region`` holds
  everything the lead may relay (a read-only regional snapshot for viewers);
- contracts: a package for one organisation holds only its part of the contract tables
  (see ``_part``): an orderer gets the contracts it orders with the scope rows of its own
  assets and the requests and work orders about them; a contractor gets the contracts it
  holds, their whole scope and the scope assets with their inspection history; the lead
  of a row's owner gets the row (it relays);
- personal data: residents' contacts (request_contacts) stay in the file unless the export
  is asked for them explicitly (``include_personal_data``);
- increment: a row goes unless the recipient acknowledged its origin's clock reading
  (the row's HLC names the origin) or made the version itself; a contract that has just
  come into the recipient's view (it was made an orderer, or the contractor) brings its
  older rows too.

Rows are copied with INSERT ... SELECT into a package.sqlite ATTACHed to the local file,
inside one read transaction, so the export is a consistent snapshot.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..core.ids import new_id
from ..storage.database import Database, utc_now
from .merge import remember_sent
from .package import DATABASE, REGION, Manifest, create_package_database, write_zip
from .parts import write_parts
from .peers import Peers, hlc_node_sql
from .tables import ATTACHMENT_REFS, CONTRACT_TABLES, PERSONAL_COLUMNS, PERSONAL_DATA, sync_tables


class ExportError(Exception):
    """An export that cannot be made (no site organisation, unknown recipient)."""


@dataclass(frozen=True)
class ExportResult:
    path: Path  # the package, or part 1 of a split export
    manifest: Manifest
    #: Every file written: the package alone, or its parts in order.
    files: list[Path] = field(default_factory=list)
    #: Files over the size limit that could not be split further (a photo larger than the
    #: limit, or rows alone larger than it).
    oversize: list[Path] = field(default_factory=list)

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


def _newer(alias: str) -> str:
    """SQL: the row ``alias`` is a change the recipient has not acknowledged."""
    node = hlc_node_sql(f"{alias}.hlc")
    return f"{alias}.hlc > coalesce(json_extract(:since, '$.\"' || {node} || '\"'), '')"


_HELD = "(SELECT c.id FROM main.contracts c WHERE c.contractor = :recipient)"
_VISIBLE = ("(SELECT c.id FROM main.contracts c WHERE c.owner = :recipient OR c.contractor = :recipient "
            "OR c.id IN (SELECT o.contract_id FROM main.contract_orderers o WHERE o.org = :recipient))")
_OWN_ASSETS = "(SELECT a.id FROM main.assets a WHERE a.owner = :recipient)"
_SCOPE_HELD = ("(SELECT s.asset_id FROM main.contract_scope s JOIN main.contracts c ON c.id = s.contract_id "
               "WHERE c.contractor = :recipient AND s.deleted = 0)")
#: The contract a row belongs to (over alias ``r``).
_CONTRACT_OF = {"contracts": "r.id", "kpi_measurements": "(SELECT k.contract_id FROM main.kpis k "
                                                         "WHERE k.id = r.kpi_id)"}


def _part(table: str) -> str:
    """SQL predicate over ``r``: the recipient's part of a contract table.

    The owner and the owner's lead (who relays) get every row; otherwise an orderer gets
    the contracts it orders with their orderers, documents, tenders and KPIs, the scope rows
    of its own assets, and the requests and work orders about its assets; a contractor gets
    the contracts it holds, their whole scope and their requests and work orders.
    """
    relay = "EXISTS (SELECT 1 FROM main.organisations o WHERE o.code = r.owner AND o.lead_code = :recipient)"
    part = {
        "contracts": f"r.id IN {_VISIBLE}",
        "contract_scope": f"r.contract_id IN {_VISIBLE} AND (r.asset_id IN {_OWN_ASSETS} "
                          f"OR r.contract_id IN {_HELD})",
        "kpi_measurements": f"r.kpi_id IN (SELECT k.id FROM main.kpis k WHERE k.contract_id IN {_VISIBLE})",
        "requests": f"(r.asset_id IN {_OWN_ASSETS} OR r.contract_id IN {_HELD} OR r.id IN "
                    "(SELECT w.request_id FROM main.work_orders w WHERE w.owner = :recipient "
                    f"OR w.contractor = :recipient OR w.contract_id IN {_HELD}))",
        "work_orders": f"r.contract_id IN {_VISIBLE} AND (r.contractor = :recipient "
                       f"OR r.contract_id IN {_HELD} OR r.request_id IN (SELECT q.id FROM main.requests q "
                       f"WHERE q.owner = :recipient OR q.asset_id IN {_OWN_ASSETS}))",
    }.get(table, f"r.contract_id IN {_VISIBLE}")
    return f"(r.owner = :recipient OR {relay} OR ({part}))"


def _fresh_contracts() -> str:
    """SQL: contracts that came into the recipient's view since its acknowledgement."""
    return ("(SELECT c.id FROM main.contracts c WHERE (c.contractor = :recipient AND "
            f"{_newer('c')}) OR EXISTS (SELECT 1 FROM main.contract_orderers o WHERE o.contract_id = c.id "
            f"AND o.org = :recipient AND {_newer('o')}))")


def _scope_assets(table: str) -> str | None:
    """SQL predicate over ``r``: a row of an asset in the scope of a contract the recipient holds."""
    if table == "assets":
        return f"r.id IN {_SCOPE_HELD}"
    if table == "inspections":
        return f"r.asset_id IN {_SCOPE_HELD}"
    if table == "inspection_members":
        return f"r.inspection_id IN (SELECT i.id FROM main.inspections i WHERE i.asset_id IN {_SCOPE_HELD})"
    return None


def _fresh_scope_assets() -> str:
    """SQL: scope assets of held contracts that came into the recipient's view since."""
    return ("(SELECT s.asset_id FROM main.contract_scope s JOIN main.contracts c ON c.id = s.contract_id "
            f"WHERE c.contractor = :recipient AND s.deleted = 0 AND ({_newer('s')} "
            f"OR c.id IN {_fresh_contracts()}))")


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


def _filters(db: Database, site: str, recipient: str, since: dict[str, str], *,
             increment: bool = True) -> tuple[dict[str, str], dict[str, str]]:
    """Per table, the WHERE clause (over alias ``r``) choosing the rows to send."""
    lead_of_recipient = recipient != REGION and db.conn.execute(
        "SELECT 1 FROM organisations WHERE code = ? AND lead_code = ? AND deleted = 0",
        (recipient, site)).fetchone() is not None
    out = {}
    for t in sync_tables():
        where = [_authority(t.name)]
        scope_assets = _scope_assets(t.name)
        if t.name in CONTRACT_TABLES:
            if recipient != REGION:
                where.append(_part(t.name))
        elif lead_of_recipient:
            where.append(f"({_scope(t.name)} OR {scope_assets})" if scope_assets else _scope(t.name))
        if t.name == "organisations":
            # A placeholder made by someone else (e.g. `init --lead`) is local.
            where.append("json_extract(r.vv, '$.\"' || r.owner || '\"') IS NOT NULL")
        if since and increment:
            newer = _newer("r")
            if t.name in CONTRACT_TABLES:
                contract = _CONTRACT_OF.get(t.name, "r.contract_id")
                newer = f"({newer} OR {contract} IN {_fresh_contracts()})"
            elif scope_assets:
                column = {"assets": "r.id", "inspections": "r.asset_id"}.get(t.name)
                fresh = (f"{column} IN {_fresh_scope_assets()}" if column else
                         "r.inspection_id IN (SELECT i.id FROM main.inspections i "
                         f"WHERE i.asset_id IN {_fresh_scope_assets()})")
                newer = f"({newer} OR {fresh})"
            where.append(newer)
        out[t.name] = " AND ".join(where)
    return out, {"site": site, "recipient": recipient, "since": json.dumps(since)}


def pending_rows(db: Database, peer: str) -> int:
    """How many rows the next incremental export to ``peer`` would carry."""
    site = db.site_org or ""
    where_of, params = _filters(db, site, peer, Peers(db).get(peer).acked if peer != REGION else {})
    return sum(db.conn.execute(f"SELECT count(*) FROM main.{t.name} r WHERE {where_of[t.name]}",
                               params).fetchone()[0] for t in sync_tables())


def export_package(db: Database, out: Path | str, *, to: str | None = None,
                   full: bool = False, include_personal_data: bool = False, photos: bool = True,
                   max_bytes: int | None = None) -> ExportResult:
    """Write a package for organisation ``to`` (or the region) and record it as sent.

    Without ``photos`` the rows go with a description of their photos but not the bytes
    (the receiver keeps placeholders until a later package brings them; photos.py). With
    ``max_bytes`` a package larger than that is written as parts ``NAME.partKofN.zip``,
    each a package of its own (parts.py); ``files`` lists what was written.

    Residents' contacts (name, phone, address) never leave the file unless
    ``include_personal_data`` is given: then the contacts of every request the recipient
    gets (in this package or before) go along, for a recipient that has to call back.
    """
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
        # A scratch file (zipped below, deleted after): no journal, no fsync.
        conn.execute("PRAGMA pkg.journal_mode = OFF")
        conn.execute("PRAGMA pkg.synchronous = OFF")
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
                counts[PERSONAL_DATA] = 0
                if include_personal_data:
                    everything, _ = _filters(db, site, recipient, since, increment=False)
                    cols = ", ".join(PERSONAL_COLUMNS)
                    counts[PERSONAL_DATA] = conn.execute(
                        f"INSERT INTO pkg.{PERSONAL_DATA} ({cols}) "
                        f"SELECT {', '.join(f'k.{c}' for c in PERSONAL_COLUMNS)} "
                        f"FROM main.{PERSONAL_DATA} k JOIN main.requests r ON r.id = k.request_id "
                        f"WHERE {everything['requests']}", params).rowcount
                referenced = " UNION ".join(f"SELECT {column} FROM pkg.{name}"
                                            for name, column in ATTACHMENT_REFS)
                conn.execute("INSERT INTO pkg.attachments (sha256, mime, size, created_at) "
                             "SELECT a.sha256, a.mime, a.size, a.created_at FROM main.attachments a "
                             f"WHERE a.sha256 IN ({referenced})")
                # The description of every photo goes; the bytes only when asked for and
                # held (a placeholder's bytes have not arrived here either).
                attachments = {r[0]: bytes(r[1]) for r in conn.execute(
                    "SELECT a.sha256, a.data FROM main.attachments a "
                    "WHERE a.sha256 IN (SELECT sha256 FROM pkg.attachments) "
                    "AND length(a.data) = a.size")} if photos else {}
                counts["attachments"] = conn.execute("SELECT count(*) FROM pkg.attachments").fetchone()[0]
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
                            since=since, upto=upto, counts=counts, photos=photos)
        whole = Path(tmp) / out.name
        write_zip(whole, manifest, package_db, attachments)
        if max_bytes is None or whole.stat().st_size <= max_bytes or not attachments:
            shutil.move(str(whole), out)
            files = [out]
            oversize = [out] if max_bytes is not None and out.stat().st_size > max_bytes else []
        else:
            whole.unlink()
            files, oversize = write_parts(out, manifest, package_db, attachments, max_bytes, Path(tmp))
        remember_sent(db, package_db)  # bases of later automatic merges (merge.py)
    peers.record_sent(recipient, files[0].name, manifest.created)
    return ExportResult(files[0], manifest, files, oversize)
