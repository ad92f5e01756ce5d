"""One asset's record as the detail pane and the entry forms show it: every stored field with
the owner, type and grade names, its valid inspections newest first, and its measures.

Each is one query of a single asset (the register's list of 500,000 is register_query's).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import Any, NamedTuple


def asset_detail(conn: sqlite3.Connection, asset_id: str) -> dict[str, Any] | None:
    """Every stored field of one asset, plus owner, type and status names and its grade."""
    row = conn.execute(
        "SELECT a.*, coalesce(o.name, a.owner) AS owner_name, t.name_ja AS type_name, "
        "       s.last_inspected_on, s.last_fiscal_year, s.next_due_fy, s.measure_state, "
        "       g.symbol AS grade_symbol, g.label_ja AS grade_label, "
        "       (SELECT count(*) FROM grades g2 WHERE g2.scale_id = s.scale_id "
        "                                          AND g2.severity < g.severity) AS grade_level "
        "FROM assets a JOIN asset_types t ON t.id = a.asset_type "
        "LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0 "
        "LEFT JOIN asset_status s ON s.asset_seq = a.seq "
        "LEFT JOIN grades g ON g.scale_id = s.scale_id AND g.code = s.grade "
        "WHERE a.id = ?", (asset_id,)).fetchone()
    if row is None:
        return None
    detail = dict(row)
    if detail["grade_symbol"] is None:
        detail["grade_level"] = None
    return detail


class HistoryRow(NamedTuple):
    """One inspection of an asset, with its grade's symbol and label and who inspected."""

    inspection_id: str
    inspected_on: dt.date
    fiscal_year: int
    scale_id: str
    grade: str
    grade_symbol: str
    grade_label: str
    grade_level: int
    method: str
    inspector_org: str
    inspector_org_name: str
    inspector_name: str
    findings: str
    supersedes: str | None


def history(conn: sqlite3.Connection, asset_id: str) -> list[HistoryRow]:
    """The asset's valid inspections, newest first (corrected ones are left out).

    Same rows as ``InspectionRepository.history`` but with the grade symbol and label of
    the file's own grade table and the inspecting organisation's name, in one query.
    """
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(
        "SELECT i.id, i.inspected_on, i.fiscal_year, i.scale_id, i.grade, "
        "       coalesce(g.symbol, i.grade), coalesce(g.label_ja, ''), "
        "       (SELECT count(*) FROM grades g2 WHERE g2.scale_id = i.scale_id "
        "                                          AND g2.severity < g.severity), "
        "       i.method, i.inspector_org, coalesce(o.name, i.inspector_org), "
        "       i.inspector_name, i.findings, i.supersedes "
        "FROM inspections i "
        "LEFT JOIN grades g ON g.scale_id = i.scale_id AND g.code = i.grade "
        "LEFT JOIN organisations o ON o.code = i.inspector_org AND o.deleted = 0 "
        "WHERE i.asset_id = ? AND i.deleted = 0 "
        "  AND NOT EXISTS (SELECT 1 FROM inspections c WHERE c.supersedes = i.id "
        "                                               AND c.deleted = 0) "
        "ORDER BY i.inspected_on DESC, i.seq DESC", (asset_id,))
    return [HistoryRow(r[0], dt.date.fromisoformat(r[1]), *r[2:]) for r in cur]


class MeasureRow(NamedTuple):
    """One measure of an asset with its kind and status names."""

    measure_id: str
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


def _date_or_none(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def measures(conn: sqlite3.Connection, asset_id: str) -> list[MeasureRow]:
    """The asset's measures, newest first."""
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(
        "SELECT m.id, m.kind, coalesce(k.name_ja, m.kind), m.status, "
        "       coalesce(st.name_ja, m.status), m.description, m.planned_fy, m.started_on, "
        "       m.completed_on, m.cost_planned_yen, m.cost_actual_yen "
        "FROM measures m LEFT JOIN measure_kinds k ON k.id = m.kind "
        "LEFT JOIN measure_statuses st ON st.id = m.status "
        "WHERE m.asset_id = ? AND m.deleted = 0 ORDER BY m.seq DESC", (asset_id,))
    return [MeasureRow(*r[:7], _date_or_none(r[7]), _date_or_none(r[8]), *r[9:]) for r in cur]
