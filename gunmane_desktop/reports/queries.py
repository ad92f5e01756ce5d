"""SQL the reports need beyond storage.analytics: names, scope labels, measure states,
points for the map and everything one inspection sheet prints.

Same rules as analytics: deleted rows never count, only in-service assets are reported,
and figures take the same ``Scope`` so a report and the dashboard agree.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..storage.analytics import Scope
from ..storage.register_query import asset_types

_ALL = Scope()
T = TypeVar("T")


def _file_of(conn: sqlite3.Connection) -> Path | None:
    for _seq, name, file in conn.execute("PRAGMA database_list"):
        if name == "main" and file:
            return Path(file)
    return None


@contextmanager
def side_query(conn: sqlite3.Connection, fn: Callable[..., T], *args: Any
               ) -> Iterator[Future[T]]:
    """Run ``fn(other_conn, *args)`` on a second read-only connection to the same file in
    a worker thread while the caller goes on with ``conn``; the future is done on exit.
    An in-memory database has no file to reopen: then ``fn`` runs right away on ``conn``."""
    path = _file_of(conn)
    if path is None:
        done: Future[T] = Future()
        done.set_result(fn(conn, *args))
        yield done
        return

    def work() -> T:
        other = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            other.execute("PRAGMA busy_timeout = 5000")
            return fn(other, *args)
        finally:
            other.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        future = pool.submit(work)
        yield future
        future.result()


@dataclass(frozen=True, slots=True)
class GradeInfo:
    scale_id: str
    code: str
    symbol: str
    label: str
    level: int  # 0 best .. 3 worst within the scale
    action_required: bool
    definition: str


def grade_table(conn: sqlite3.Connection) -> dict[str, list[GradeInfo]]:
    """Grades of every scale from best to worst, as the file's own tables define them."""
    out: dict[str, list[GradeInfo]] = {}
    for r in conn.execute(
            "SELECT g.scale_id, g.code, g.symbol, g.label_ja, "
            "(SELECT count(*) FROM grades g2 WHERE g2.scale_id = g.scale_id "
            " AND g2.severity < g.severity), g.action_required, g.definition_ja "
            "FROM grades g ORDER BY g.scale_id, g.severity"):
        out.setdefault(r[0], []).append(GradeInfo(r[0], r[1], r[2], r[3], r[4], bool(r[5]), r[6]))
    return out


def scale_names(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """scale id -> (Japanese name, source of its definitions)."""
    return {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, name_ja, source FROM grade_scales")}


def type_names(conn: sqlite3.Connection) -> dict[str, Any]:
    """asset type id -> TypeChoice (name, sector, scale), in catalogue order."""
    return {t.id: t for t in asset_types(conn)}


def org_name(conn: sqlite3.Connection, code: str) -> str | None:
    row = conn.execute("SELECT name FROM organisations WHERE code = ? AND deleted = 0",
                       (code,)).fetchone()
    return row[0] if row else None


def asset_owners(conn: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """(code, name, kind) of organisations owning in-service assets, the prefecture first."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT o.code, o.name, o.kind FROM organisations o WHERE o.deleted = 0 AND EXISTS "
        "(SELECT 1 FROM assets a WHERE a.owner = o.code AND a.deleted = 0 "
        " AND a.status = 'in_service') ORDER BY o.kind <> 'prefecture', o.code")]


def region_label(conn: sqlite3.Connection) -> str:
    """"みどり県 地域 (5 団体)": the lead (prefecture) of the file and how many owners."""
    owners = asset_owners(conn)
    pref = next((name for _c, name, kind in owners if kind == "prefecture"), None)
    head = f"{pref} 地域" if pref else "地域全体"
    return f"{head} ({len(owners)} 団体)"


def scope_label(conn: sqlite3.Connection, scope: Scope) -> str:
    """Who the report is about: an organisation's name or the region."""
    name = org_name(conn, scope.org) if scope.org else region_label(conn)
    if scope.sector:
        sector = conn.execute("SELECT name_ja FROM sectors WHERE id = ?", (scope.sector,)).fetchone()
        name += f" ({sector[0] if sector else scope.sector}分野)"
    return name or str(scope.org)


@dataclass(frozen=True, slots=True)
class ActionState:
    assets: int  # in-service assets whose latest grade requires action
    started: int  # of those, with a measure started or completed
    completed: int


def action_state(conn: sqlite3.Connection, scope: Scope = _ALL) -> ActionState:
    """The current picture (latest grades), as ``gunmane info`` counts it."""
    where, params = scope.where()
    r = conn.execute(
        f"SELECT count(*), sum(s.measure_state IN ('started', 'completed')), "
        f"sum(s.measure_state = 'completed') FROM assets a "
        f"JOIN asset_status s ON s.asset_seq = a.seq WHERE {where} AND s.action_required = 1",
        params).fetchone()
    return ActionState(r[0], r[1] or 0, r[2] or 0)


def action_points(conn: sqlite3.Connection, scope: Scope = _ALL) -> list[tuple[float, float, int]]:
    """(lat, lon, level) of action-required assets with coordinates, for the map page."""
    where, params = scope.where()
    return [(r[0], r[1], r[2]) for r in conn.execute(
        f"SELECT a.lat, a.lon, (SELECT count(*) FROM grades g2 WHERE g2.scale_id = s.scale_id "
        f" AND g2.severity < s.severity) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        f"WHERE {where} AND s.action_required = 1 AND a.lat IS NOT NULL AND a.lon IS NOT NULL",
        params)]


def due_this_year_by_owner(conn: sqlite3.Connection, scope: Scope, fiscal_year: int
                           ) -> dict[str, tuple[int, int, int]]:
    """owner -> (done, pending, overdue) for one fiscal year: the current-year row of
    analytics.inspections_due, for every owner in three grouped queries instead of three
    queries per owner (1.5 s per town of 50,000 assets)."""
    where, params = scope.where()
    done = dict(conn.execute(
        f"SELECT a.owner, count(DISTINCT i.asset_id) FROM inspections i "
        f"JOIN assets a ON a.id = i.asset_id WHERE i.deleted = 0 AND {where} "
        f"AND i.fiscal_year = ? GROUP BY a.owner", [*params, fiscal_year]).fetchall())
    pending = dict(conn.execute(
        f"SELECT a.owner, count(*) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        f"WHERE {where} AND s.next_due_fy = ? GROUP BY a.owner", [*params, fiscal_year]).fetchall())
    overdue = dict(conn.execute(
        f"SELECT a.owner, count(*) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
        f"JOIN asset_types t ON t.id = a.asset_type WHERE {where} AND t.cycle_years IS NOT NULL "
        f"AND (s.next_due_fy < ? OR s.last_inspection_id IS NULL) GROUP BY a.owner",
        [*params, fiscal_year]).fetchall())
    return {o: (done.get(o, 0), pending.get(o, 0), overdue.get(o, 0))
            for o in {*done, *pending, *overdue}}


def owner_centres(conn: sqlite3.Connection, scope: Scope = _ALL) -> list[tuple[str, float, float]]:
    """(organisation name, mean lat, eastmost lon) of each owner's located assets: where
    the map puts the owner's name, beside its cluster rather than over it."""
    where, params = scope.where()
    return [(r[0], r[1], r[2]) for r in conn.execute(
        f"SELECT coalesce(o.name, a.owner), avg(a.lat), max(a.lon) FROM assets a "
        f"LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0 "
        f"WHERE {where} AND a.lat IS NOT NULL AND a.lon IS NOT NULL GROUP BY a.owner", params)]


def located_share(conn: sqlite3.Connection, scope: Scope = _ALL) -> tuple[int, int]:
    """(action-required assets with coordinates, all action-required assets)."""
    where, params = scope.where()
    r = conn.execute(
        f"SELECT sum(a.lat IS NOT NULL AND a.lon IS NOT NULL), count(*) FROM assets a "
        f"JOIN asset_status s ON s.asset_seq = a.seq WHERE {where} AND s.action_required = 1",
        params).fetchone()
    return r[0] or 0, r[1]


def stock_by_type(conn: sqlite3.Connection, scope: Scope = _ALL) -> list[tuple[str, int, float]]:
    """(asset type, count, total length in m) of in-service assets."""
    where, params = scope.where()
    return [(r[0], r[1], r[2] or 0.0) for r in conn.execute(
        f"SELECT a.asset_type, count(*), sum(a.length_m) FROM assets a WHERE {where} "
        f"GROUP BY a.asset_type", params)]


# -- inspection sheets -------------------------------------------------------------------
def sheet_assets(conn: sqlite3.Connection, scope: Scope, fiscal_year: int | None = None,
                 asset_ids: list[str] | None = None) -> list[tuple[str, str | None]]:
    """(asset id, inspection id to print) in ledger order. With a fiscal year: the assets
    inspected that year and that year's latest inspection; otherwise the latest one."""
    where, params = scope.where()
    if asset_ids:
        marks = ", ".join("?" * len(asset_ids))
        where += f" AND a.id IN ({marks})"
        params = [*params, *asset_ids]
    if fiscal_year is None:
        sql = (f"SELECT a.id, s.last_inspection_id FROM assets a "
               f"LEFT JOIN asset_status s ON s.asset_seq = a.seq WHERE {where} "
               f"ORDER BY a.owner, a.asset_type, a.seq")
        return [(r[0], r[1]) for r in conn.execute(sql, params)]
    sql = (f"SELECT a.id, (SELECT i.id FROM inspections i WHERE i.asset_id = a.id "
           f" AND i.deleted = 0 AND i.fiscal_year = ? ORDER BY i.inspected_on DESC, i.seq DESC "
           f" LIMIT 1) AS iid FROM assets a WHERE {where} AND iid IS NOT NULL "
           f"ORDER BY a.owner, a.asset_type, a.seq")
    return [(r[0], r[1]) for r in conn.execute(sql, [fiscal_year, *params])]


def inspection(conn: sqlite3.Connection, inspection_id: str) -> sqlite3.Row | None:
    return conn.execute(
        "SELECT i.*, coalesce(o.name, i.inspector_org) AS inspector_org_name "
        "FROM inspections i LEFT JOIN organisations o ON o.code = i.inspector_org "
        "AND o.deleted = 0 WHERE i.id = ?", (inspection_id,)).fetchone()


def members(conn: sqlite3.Connection, inspection_id: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT * FROM inspection_members WHERE inspection_id = ? AND deleted = 0 "
        "ORDER BY position", (inspection_id,)).fetchall()


def photos(conn: sqlite3.Connection, asset_id: str, inspection_id: str | None
           ) -> list[tuple[bytes, str, sqlite3.Row | None]]:
    """(image bytes, stored caption, member row or None) of the photos linked to the
    inspection, its members, or the asset; inspection photos first."""
    rows = conn.execute(
        "SELECT l.target_table, l.target_id, l.caption, l.filename, t.data, t.mime "
        "FROM attachment_links l JOIN attachments t ON t.sha256 = l.sha256 "
        "WHERE l.deleted = 0 AND t.mime LIKE 'image/%' AND ("
        " (l.target_table = 'inspections' AND l.target_id = :iid) OR"
        " (l.target_table = 'inspection_members' AND l.target_id IN "
        "   (SELECT id FROM inspection_members WHERE inspection_id = :iid AND deleted = 0)) OR"
        " (l.target_table = 'assets' AND l.target_id = :aid)) "
        "ORDER BY l.target_table = 'assets', l.seq", {"iid": inspection_id or "", "aid": asset_id})
    out = []
    for r in rows:
        member = None
        if r[0] == "inspection_members":
            member = conn.execute("SELECT * FROM inspection_members WHERE id = ?",
                                  (r[1],)).fetchone()
        # File names ("IMG_0012.jpg") say nothing on paper; only a written caption is kept.
        out.append((bytes(r[4]), r[2], member))
    return out


# -- contracts (read-only; the records themselves come from storage.contracts) -----------
def org_names(conn: sqlite3.Connection) -> dict[str, str]:
    """organisation code -> name, tombstones left out."""
    return dict(conn.execute("SELECT code, name FROM organisations WHERE deleted = 0").fetchall())


def jv_members(conn: sqlite3.Connection, code: str) -> tuple[list[str], str | None]:
    """(member codes, representative code) of a JV or cooperative; ([], None) otherwise."""
    row = conn.execute("SELECT members, representative FROM organisations WHERE code = ? "
                       "AND deleted = 0", (code,)).fetchone()
    if row is None:
        return [], None
    return list(json.loads(row[0] or "[]")), row[1]


def contract_ids(conn: sqlite3.Connection, org: str | None = None) -> list[str]:
    """Contracts in start order; with ``org`` only those it orders (is an orderer of)."""
    if org is None:
        return [r[0] for r in conn.execute(
            "SELECT id FROM contracts WHERE deleted = 0 ORDER BY start_on, seq")]
    return [r[0] for r in conn.execute(
        "SELECT c.id FROM contracts c WHERE c.deleted = 0 AND EXISTS (SELECT 1 FROM "
        "contract_orderers o WHERE o.contract_id = c.id AND o.deleted = 0 AND o.org = ?) "
        "ORDER BY c.start_on, c.seq", (org,))]


def scope_counts(conn: sqlite3.Connection, contract_id: str) -> list[tuple[str, str, int]]:
    """(owner, asset type, assets) of a contract's scope: what each town put into it."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT a.owner, a.asset_type, count(*) FROM contract_scope s "
        "JOIN assets a ON a.id = s.asset_id AND a.deleted = 0 "
        "WHERE s.contract_id = ? AND s.deleted = 0 GROUP BY a.owner, a.asset_type "
        "ORDER BY a.owner, a.asset_type", (contract_id,))]
