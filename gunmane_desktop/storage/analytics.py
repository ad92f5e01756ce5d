"""Figures for the dashboard and the council reports, computed in SQL over the register.

Every function takes an open connection and optional scope (organisation code, asset type)
and returns plain rows, so the GUI charts and the PDF builders print the same numbers.
Deleted rows never count; retired assets count only where a function says so. Unknown
construction years are reported as such, never guessed.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass

from ..core.cycles import STATUTORY_CYCLES
from ..core.wareki import fiscal_year_of


@dataclass(frozen=True, slots=True)
class Scope:
    """Which assets a figure covers: an organisation and/or an asset type or sector."""

    org: str | None = None
    asset_type: str | None = None
    sector: str | None = None

    def where(self, alias: str = "a") -> tuple[str, list[object]]:
        clauses = [f"{alias}.deleted = 0", f"{alias}.status = 'in_service'"]
        params: list[object] = []
        if self.org:
            clauses.append(f"{alias}.owner = ?")
            params.append(self.org)
        if self.asset_type:
            clauses.append(f"{alias}.asset_type = ?")
            params.append(self.asset_type)
        if self.sector:
            clauses.append(f"{alias}.asset_type IN (SELECT id FROM asset_types WHERE sector_id = ?)")
            params.append(self.sector)
        return " AND ".join(clauses), params


@dataclass(frozen=True, slots=True)
class GradeCount:
    owner: str
    asset_type: str
    scale_id: str | None  # None: not inspected yet
    grade: str | None
    symbol: str
    rank: int  # order within the scale, 1 = best; 0 for not inspected
    action_required: bool
    count: int


def grade_distribution(conn: sqlite3.Connection, scope: Scope = Scope()) -> list[GradeCount]:
    """Latest grade counts per owner and asset type (not-inspected assets as grade None)."""
    where, params = scope.where()
    rows = conn.execute(
        f"""
        SELECT a.owner, a.asset_type, s.scale_id, s.grade, g.symbol,
               (SELECT count(*) FROM grades g2 WHERE g2.scale_id = g.scale_id
                                                 AND g2.severity <= g.severity) AS rank,
               coalesce(g.action_required, 0) AS action_required, count(*) AS n
        FROM assets a
        JOIN asset_status s ON s.asset_seq = a.seq
        LEFT JOIN grades g ON g.scale_id = s.scale_id AND g.code = s.grade
        WHERE {where}
        GROUP BY a.owner, a.asset_type, s.scale_id, s.grade
        ORDER BY a.owner, a.asset_type, rank
        """, params)
    return [GradeCount(r[0], r[1], r[2], r[3], r[4] or "未点検", r[5] if r[3] else 0,
                       bool(r[6]), r[7]) for r in rows]


@dataclass(frozen=True, slots=True)
class AgeBucket:
    start: int | None  # age in years at the start of the bucket; None = unknown year
    count: int


def age_distribution(conn: sqlite3.Connection, scope: Scope = Scope(), *,
                     today: dt.date | None = None, width: int = 10) -> list[AgeBucket]:
    """Assets by age in ``width``-year buckets, with unknown construction years as their own bucket."""
    year = (today or dt.date.today()).year
    where, params = scope.where()
    rows = conn.execute(
        f"""
        SELECT CASE WHEN a.built_year IS NULL THEN NULL
                    ELSE (max(0, ? - a.built_year) / ?) * ? END AS bucket, count(*)
        FROM assets a WHERE {where}
        GROUP BY bucket ORDER BY bucket IS NULL, bucket
        """, [year, width, width, *params])
    return [AgeBucket(r[0], r[1]) for r in rows]


@dataclass(frozen=True, slots=True)
class Ageing:
    years_ahead: int
    over_threshold: int  # known-year assets at or above the threshold age then
    known: int
    unknown: int

    @property
    def share_of_known(self) -> float:
        return self.over_threshold / self.known if self.known else 0.0


def ageing(conn: sqlite3.Connection, scope: Scope = Scope(), *, today: dt.date | None = None,
           threshold: int = 50, horizons: tuple[int, ...] = (0, 10, 20)) -> list[Ageing]:
    """Share of assets at least ``threshold`` years old now and in 10 / 20 years."""
    year = (today or dt.date.today()).year
    where, params = scope.where()
    out = []
    for ahead in horizons:
        r = conn.execute(
            f"SELECT sum(a.built_year IS NOT NULL AND ? - a.built_year >= ?),"
            f" sum(a.built_year IS NOT NULL), sum(a.built_year IS NULL)"
            f" FROM assets a WHERE {where}", [year + ahead, threshold, *params]).fetchone()
        out.append(Ageing(ahead, r[0] or 0, r[1] or 0, r[2] or 0))
    return out


@dataclass(frozen=True, slots=True)
class DueYear:
    fiscal_year: int
    done: int  # assets inspected in that fiscal year
    pending: int  # due in that year and not inspected since (for the current and later years)
    overdue: int  # for the current year: due in an earlier year, or never inspected


def inspections_due(conn: sqlite3.Connection, scope: Scope = Scope(), *,
                    today: dt.date | None = None, years_back: int = 2,
                    years_ahead: int = 4) -> list[DueYear]:
    """Inspections done and due per fiscal year around the current one."""
    current = fiscal_year_of(today or dt.date.today())
    where, params = scope.where()
    done = dict(conn.execute(
        f"""SELECT i.fiscal_year, count(DISTINCT i.asset_id) FROM inspections i
            JOIN assets a ON a.id = i.asset_id
            WHERE i.deleted = 0 AND {where} AND i.fiscal_year BETWEEN ? AND ?
            GROUP BY i.fiscal_year""", [*params, current - years_back, current]).fetchall())
    pending = dict(conn.execute(
        f"""SELECT s.next_due_fy, count(*) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq
            WHERE {where} AND s.next_due_fy BETWEEN ? AND ?
            GROUP BY s.next_due_fy""", [*params, current, current + years_ahead]).fetchall())
    overdue = conn.execute(
        f"""SELECT count(*) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq
            JOIN asset_types t ON t.id = a.asset_type
            WHERE {where} AND t.cycle_years IS NOT NULL
              AND (s.next_due_fy < ? OR s.last_inspection_id IS NULL)""",
        [*params, current]).fetchone()[0]
    return [DueYear(fy, done.get(fy, 0) if fy <= current else 0,
                    pending.get(fy, 0) if fy >= current else 0,
                    overdue if fy == current else 0)
            for fy in range(current - years_back, current + years_ahead + 1)]


@dataclass(frozen=True, slots=True)
class ActionCohort:
    label: str  # 第1巡 (FY2014-18) ...
    first_fy: int
    last_fy: int
    assets: int  # assets judged action-required (Ⅲ/Ⅳ etc.) in the cycle
    started: int  # of those, with a measure started or completed since that judgement
    completed: int

    @property
    def started_share(self) -> float:
        return self.started / self.assets if self.assets else 0.0

    @property
    def completed_share(self) -> float:
        return self.completed / self.assets if self.assets else 0.0


def action_cohorts(conn: sqlite3.Connection, scope: Scope = Scope()) -> list[ActionCohort]:
    """Per statutory cycle: assets judged Ⅲ/Ⅳ (or the scale's equivalent) and how many of
    them have had a measure started and completed since — the figure councils watch."""
    where, params = scope.where()
    first_fy = STATUTORY_CYCLES[0][0]
    # One pass over the history for every cycle at once (cycles are five fiscal years).
    rows = conn.execute(
        f"""
        WITH judged AS (
            SELECT (i.fiscal_year - ?) / 5 AS cycle, i.asset_id, min(i.inspected_on) AS judged_on
            FROM inspections i JOIN assets a ON a.id = i.asset_id
            WHERE i.deleted = 0 AND i.fiscal_year >= ? AND {where}
              AND (i.scale_id, i.grade) IN (SELECT scale_id, code FROM grades
                                            WHERE action_required = 1)
            GROUP BY cycle, i.asset_id
        )
        SELECT cycle, count(*),
               sum(EXISTS (SELECT 1 FROM measures m WHERE m.asset_id = j.asset_id
                           AND m.deleted = 0 AND m.status IN ('started', 'completed')
                           AND coalesce(m.started_on, m.completed_on) >= j.judged_on)),
               sum(EXISTS (SELECT 1 FROM measures m WHERE m.asset_id = j.asset_id
                           AND m.deleted = 0 AND m.status = 'completed'
                           AND m.completed_on >= j.judged_on))
        FROM judged j GROUP BY cycle ORDER BY cycle
        """, [first_fy, first_fy, *params]).fetchall()
    out = []
    for cycle, assets, started, completed in rows:
        first = first_fy + 5 * cycle
        out.append(ActionCohort(f"第{cycle + 1}巡", first, first + 4, assets, started or 0,
                                completed or 0))
    return out


@dataclass(frozen=True, slots=True)
class UrgentItem:
    asset_id: str
    owner: str
    owner_name: str
    asset_type: str
    name: str
    route: str
    grade_symbol: str
    last_inspected_on: str
    measure_state: str
    emergency_route: bool


def urgent_items(conn: sqlite3.Connection, scope: Scope = Scope(), *,
                 limit: int = 50) -> list[UrgentItem]:
    """Action-required assets with no measure started yet, worst and longest-waiting first."""
    where, params = scope.where()
    rows = conn.execute(
        f"""
        SELECT a.id, a.owner, coalesce(o.name, a.owner), a.asset_type, a.name, a.route, g.symbol,
               s.last_inspected_on, s.measure_state, a.emergency_route
        FROM assets a JOIN asset_status s ON s.asset_seq = a.seq
        JOIN grades g ON g.scale_id = s.scale_id AND g.code = s.grade
        LEFT JOIN organisations o ON o.code = a.owner
        WHERE {where} AND s.action_required = 1 AND s.measure_state IN ('none', 'planned')
        ORDER BY g.severity DESC, a.emergency_route DESC, s.last_inspected_on, a.seq
        LIMIT ?
        """, [*params, limit])
    return [UrgentItem(*r[:9], bool(r[9])) for r in rows]
