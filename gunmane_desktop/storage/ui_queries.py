"""Queries behind the inspection and measure pages that analytics and register_query lack.

Plain rows for the GUI's lists: every measure of the region with its asset, and the
action-required assets that still wait for a measure to start.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import NamedTuple

from ..core.catalogue import default_catalogue


class MeasureListRow(NamedTuple):
    """One measure with its asset, kind and status names, for the 措置 list."""

    measure_id: str
    asset_id: str
    owner: str
    owner_name: str
    asset_name: str
    type_name: str
    kind: str
    kind_name: str
    status: str
    status_name: str
    description: str
    planned_fy: int | None
    started_on: dt.date | None
    completed_on: dt.date | None
    cost_planned_yen: int | None
    cost_actual_yen: int | None
    inspection_id: str | None
    grade_symbol: str  # the triggering inspection's grade ("" when not linked)


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def measure_list(conn: sqlite3.Connection, *, org: str | None = None,
                 asset_id: str | None = None, open_only: bool = False) -> list[MeasureListRow]:
    """Measures of live assets, newest first; optionally of one owner or one asset, or
    only those not yet completed or cancelled."""
    clauses = ["m.deleted = 0", "a.deleted = 0"]
    params: list[object] = []
    if org:
        clauses.append("a.owner = ?")
        params.append(org)
    if asset_id:
        clauses.append("m.asset_id = ?")
        params.append(asset_id)
    if open_only:
        clauses.append("m.status IN ('planned', 'started')")
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(
        f"""
        SELECT m.id, a.id, a.owner, coalesce(o.name, a.owner), a.name, t.name_ja,
               m.kind, coalesce(k.name_ja, m.kind), m.status, coalesce(st.name_ja, m.status),
               m.description, m.planned_fy, m.started_on, m.completed_on,
               m.cost_planned_yen, m.cost_actual_yen, m.inspection_id, coalesce(g.symbol, '')
        FROM measures m
        JOIN assets a ON a.id = m.asset_id
        JOIN asset_types t ON t.id = a.asset_type
        LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0
        LEFT JOIN measure_kinds k ON k.id = m.kind
        LEFT JOIN measure_statuses st ON st.id = m.status
        LEFT JOIN inspections i ON i.id = m.inspection_id
        LEFT JOIN grades g ON g.scale_id = i.scale_id AND g.code = i.grade
        WHERE {' AND '.join(clauses)}
        ORDER BY m.seq DESC
        """, params)
    return [MeasureListRow(*r[:12], _date(r[12]), _date(r[13]), *r[14:]) for r in cur]


class WaitingAsset(NamedTuple):
    """An asset whose latest grade requires action and whose measure has not started."""

    asset_id: str
    owner_name: str
    type_name: str
    name: str
    grade_symbol: str
    grade_level: int  # 0 (best) .. 3 (worst) within the scale
    last_inspection_id: str
    last_inspected_on: dt.date
    measure_state: str  # none or planned
    emergency_route: bool


def assets_waiting_for_measures(conn: sqlite3.Connection, *,
                                org: str | None = None) -> list[WaitingAsset]:
    """Ⅲ/Ⅳ (or the scale's equivalent) assets in service with no measure started since
    their latest inspection: worst first, then emergency routes, then the longest waiting."""
    clauses = ["a.deleted = 0", "a.status = 'in_service'", "s.action_required = 1",
               "s.measure_state IN ('none', 'planned')"]
    params: list[object] = []
    if org:
        clauses.append("a.owner = ?")
        params.append(org)
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(
        f"""
        SELECT a.id, coalesce(o.name, a.owner), t.name_ja, a.name, g.symbol,
               (SELECT count(*) FROM grades g2 WHERE g2.scale_id = g.scale_id
                                                  AND g2.severity < g.severity),
               s.last_inspection_id, s.last_inspected_on, s.measure_state, a.emergency_route
        FROM assets a
        JOIN asset_status s ON s.asset_seq = a.seq
        JOIN asset_types t ON t.id = a.asset_type
        JOIN grades g ON g.scale_id = s.scale_id AND g.code = s.grade
        LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0
        WHERE {' AND '.join(clauses)}
        ORDER BY g.severity DESC, a.emergency_route DESC, s.last_inspected_on, a.seq
        """, params)
    return [WaitingAsset(*r[:7], dt.date.fromisoformat(r[7]), r[8], bool(r[9])) for r in cur]


def photo_links(conn: sqlite3.Connection, target_table: str,
                target_id: str) -> list[tuple[str, str, str]]:
    """(link id, sha256, filename) of the live attachments of one row, oldest first."""
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT l.id, l.sha256, l.filename FROM attachment_links l "
        "JOIN attachments x ON x.sha256 = l.sha256 "
        "WHERE l.target_table = ? AND l.target_id = ? AND l.deleted = 0 "
        "AND x.mime LIKE 'image/%' ORDER BY l.seq", (target_table, target_id))]


def cycle_years(conn: sqlite3.Connection, asset_type: str) -> int | None:
    """The inspection cycle of an asset type in this file's catalogue (None: no cycle)."""
    row = conn.execute("SELECT cycle_years FROM asset_types WHERE id = ?",
                       (asset_type,)).fetchone()
    return row[0] if row else None


def known_methods(conn: sqlite3.Connection, asset_type: str, *, limit: int = 12) -> list[str]:
    """Inspection methods already used for this asset type, most used first."""
    return [r[0] for r in conn.execute(
        "SELECT i.method FROM inspections i JOIN assets a ON a.id = i.asset_id "
        "WHERE a.asset_type = ? AND i.deleted = 0 AND i.method <> '' "
        "GROUP BY i.method ORDER BY count(*) DESC, i.method LIMIT ?", (asset_type, limit))]


def grade_definitions(conn: sqlite3.Connection, scale_id: str) -> dict[str, str]:
    """Grade code -> official definition (Japanese) of one scale in this file's catalogue."""
    return dict(conn.execute("SELECT code, definition_ja FROM grades WHERE scale_id = ?",
                             (scale_id,)).fetchall())


def organisation_choices(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(code, name) of every organisation of the file: towns, prefecture, contractors."""
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT code, name FROM organisations WHERE deleted = 0 "
        "ORDER BY kind <> 'prefecture', kind <> 'municipality', code")]


def measure_kinds(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, Japanese name) of the file's measure kinds (補修・修繕, 通行規制, 撤去 ...)."""
    rows = dict(conn.execute("SELECT id, name_ja FROM measure_kinds").fetchall())
    # WITHOUT ROWID tables have no insertion order; follow the shipped catalogue's order.
    order = [k.id for k in default_catalogue().measure_kinds]
    return sorted(rows.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99,
                                                kv[0]))


def measure_statuses(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, Japanese name) of measure statuses in the order work moves through them."""
    order = ("planned", "started", "completed", "cancelled")
    rows = dict(conn.execute("SELECT id, name_ja FROM measure_statuses").fetchall())
    return sorted(rows.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99,
                                                kv[0]))
