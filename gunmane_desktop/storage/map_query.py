"""Assets as map points (lat/lon and grade level), grid aggregation, GeoJSON/KML export.

Qt-free: the map page draws what these functions return, and exports can be scripted.

Two shapes of the same points: ``points`` gives one ``MapPoint`` per asset (names and ids,
for exports and small selections), ``point_set`` gives numpy columns (seq, lon, lat, grade
level) for drawing. At 500,000 assets the objects take about 400 MB and a Python loop over
them a second per pan; the columns take 13 MB and a pan is a few vectorised passes. The
page asks ``map_points`` for the names and ids of the few points it actually needs.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from .analytics import Scope


@dataclass(frozen=True, slots=True)
class MapPoint:
    """One asset with coordinates; ``level`` is the grade rank in its scale (None: not inspected)."""

    asset_id: str
    name: str
    asset_type: str
    owner: str
    lat: float
    lon: float
    grade_symbol: str | None
    level: int | None


# A grade's rank by severity within its own scale, for every grade at once: twenty rows,
# computed once per query instead of a correlated count for each of 500,000 assets.
_GRADE_LEVELS = ("SELECT g.scale_id, g.code, g.symbol, (SELECT count(*) FROM grades g2 "
                 "WHERE g2.scale_id = g.scale_id AND g2.severity < g.severity) AS level "
                 "FROM grades g")


def points(conn: sqlite3.Connection,
           scope: Scope | None = None) -> tuple[list[MapPoint], int]:
    """Assets in the scope with coordinates, and how many in the scope have none.

    Owner, type and grade symbol repeat across half a million points: each distinct value
    is kept once (about 90 MB less for the whole region than a string per point).
    """
    where, params = (scope or Scope()).where("a")
    cur = conn.cursor()
    cur.row_factory = None  # plain tuples: sqlite3.Row objects cost time and memory here
    cur.execute(
        f"""WITH gl AS MATERIALIZED ({_GRADE_LEVELS})
            SELECT a.id, a.name, a.asset_type, a.owner, a.lat, a.lon, gl.symbol, gl.level
            FROM assets a
            LEFT JOIN asset_status s ON s.asset_seq = a.seq
            LEFT JOIN gl ON gl.scale_id = s.scale_id AND gl.code = s.grade
            WHERE {where} AND a.lat IS NOT NULL AND a.lon IS NOT NULL""", params)
    shared: dict[str, str] = {}
    one = shared.setdefault
    pts = [MapPoint(r[0], r[1], one(r[2], r[2]), one(r[3], r[3]), r[4], r[5],
                    None if r[6] is None else one(r[6], r[6]), r[7] if r[6] is not None else None)
           for r in cur]
    missing = conn.execute(
        f"SELECT count(*) FROM assets a WHERE {where} AND (a.lat IS NULL OR a.lon IS NULL)",
        params).fetchone()[0]
    return pts, missing


@dataclass(frozen=True, slots=True, eq=False)
class PointSet:
    """The points of a scope as columns, in ``assets.seq`` order.

    ``levels`` is the grade rank within its scale (0 the best), -1 for not inspected.
    """

    seqs: np.ndarray  # int64
    lon: np.ndarray  # float64
    lat: np.ndarray  # float64
    levels: np.ndarray  # int8
    owners: np.ndarray  # int64: organisations.seq of the owner, -1 when not registered
    missing: int  # assets of the scope without coordinates

    def __len__(self) -> int:
        return len(self.seqs)

    def aspect_factor(self) -> float:
        """cos(mean latitude), as ``aspect_factor`` for MapPoints."""
        return math.cos(math.radians(float(self.lat.mean()))) if len(self) else 1.0

    def in_box(self, lon0: float, lon1: float, lat0: float, lat1: float) -> np.ndarray:
        """Indexes of the points inside the box (edges included)."""
        inside = (self.lon >= lon0) & (self.lon <= lon1) & (self.lat >= lat0) & (self.lat <= lat1)
        return np.flatnonzero(inside)


_FETCH_ROWS = 20_000


def point_set(conn: sqlite3.Connection, scope: Scope | None = None) -> PointSet:
    """The scope's points as numpy columns (see ``PointSet``); rows stream into arrays."""
    where, params = (scope or Scope()).where("a")
    cur = conn.cursor()
    cur.row_factory = None
    cur.execute(
        f"""WITH gl AS MATERIALIZED ({_GRADE_LEVELS})
            SELECT a.seq, a.lon, a.lat, coalesce(gl.level, -1), coalesce(o.seq, -1)
            FROM assets a
            LEFT JOIN asset_status s ON s.asset_seq = a.seq
            LEFT JOIN gl ON gl.scale_id = s.scale_id AND gl.code = s.grade
            LEFT JOIN organisations o ON o.code = a.owner AND o.deleted = 0
            WHERE {where} AND a.lat IS NOT NULL AND a.lon IS NOT NULL
            ORDER BY a.seq""", params)
    # In chunks: 500,000 rows fetched at once were 100 MB of Python tuples for a moment,
    # most of the window's peak memory (docs/performance.md), for 20 MB of columns.
    parts = []
    while rows := cur.fetchmany(_FETCH_ROWS):
        parts.append(np.array(rows, dtype=np.float64).reshape(len(rows), 5))
    table = np.concatenate(parts) if parts else np.empty((0, 5))
    del parts
    missing = conn.execute(
        f"SELECT count(*) FROM assets a WHERE {where} AND (a.lat IS NULL OR a.lon IS NULL)",
        params).fetchone()[0]
    return PointSet(table[:, 0].astype(np.int64), table[:, 1].copy(), table[:, 2].copy(),
                    table[:, 3].astype(np.int8), table[:, 4].astype(np.int64), missing)


def map_points(conn: sqlite3.Connection, seqs: np.ndarray | list[int]) -> list[MapPoint]:
    """``MapPoint``s for the given seqs, in the order given (seqs no longer there are left out)."""
    wanted = [int(s) for s in seqs]
    found: dict[int, MapPoint] = {}
    cur = conn.cursor()
    cur.row_factory = None
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        cur.execute(
            f"""WITH gl AS MATERIALIZED ({_GRADE_LEVELS})
                SELECT a.seq, a.id, a.name, a.asset_type, a.owner, a.lat, a.lon, gl.symbol,
                       gl.level
                FROM assets a
                LEFT JOIN asset_status s ON s.asset_seq = a.seq
                LEFT JOIN gl ON gl.scale_id = s.scale_id AND gl.code = s.grade
                WHERE a.seq IN ({", ".join("?" * len(chunk))})""", chunk)
        for r in cur:
            found[r[0]] = MapPoint(r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                                   r[8] if r[7] is not None else None)
    return [found[s] for s in wanted if s in found]


def asset_ids(conn: sqlite3.Connection, seqs: np.ndarray | list[int]) -> list[str]:
    """The ids of the assets with these seqs, in the order given."""
    wanted = [int(s) for s in seqs]
    found: dict[int, str] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        found.update(conn.execute(
            f"SELECT seq, id FROM assets WHERE seq IN ({', '.join('?' * len(chunk))})", chunk))
    return [found[s] for s in wanted if s in found]


def grid_worst_cells(x: np.ndarray, y: np.ndarray, levels: np.ndarray,
                     cell: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vectorised ``grid_worst``: cell centres x, y and the worst level (-1: none inspected)."""
    if len(x) == 0:
        empty = np.empty(0)
        return empty, empty, np.empty(0, dtype=np.int8)
    i = np.floor(x / cell).astype(np.int64)
    j = np.floor(y / cell).astype(np.int64)
    i0, j0 = i.min(), j.min()
    rows = int(j.max() - j0) + 1
    # One int64 per point: the cell, then the level in the low 3 bits (levels -1..6), so a
    # plain sort puts each cell's worst level last; far faster than a three-key lexsort.
    key = np.sort(((i - i0) * rows + (j - j0)) * 8 + (levels.astype(np.int64) + 1))
    cells = key >> 3
    last = np.ones(len(key), dtype=bool)
    last[:-1] = cells[1:] != cells[:-1]
    cells = cells[last]
    return ((cells // rows + i0 + 0.5) * cell, (cells % rows + j0 + 0.5) * cell,
            ((key[last] & 7) - 1).astype(np.int8))


def aspect_factor(pts: list[MapPoint]) -> float:
    """cos(mean latitude): x = lon * factor gives equal-area-looking shapes near that latitude."""
    if not pts:
        return 1.0
    return math.cos(math.radians(sum(p.lat for p in pts) / len(pts)))


def grid_worst(xs: list[float], ys: list[float], levels: list[int | None],
               cell: float) -> list[tuple[float, float, int | None]]:
    """Cell centres with the worst grade level of the points in each cell (-1 sorts below 0)."""
    worst: dict[tuple[int, int], int] = {}
    for x, y, lv in zip(xs, ys, levels, strict=True):
        key = (math.floor(x / cell), math.floor(y / cell))
        value = -1 if lv is None else lv
        if worst.get(key, -2) < value:
            worst[key] = value
    return [((i + 0.5) * cell, (j + 0.5) * cell, None if v < 0 else v)
            for (i, j), v in worst.items()]


def to_geojson(pts: list[MapPoint]) -> dict:
    """A GeoJSON FeatureCollection (coordinates [lon, lat])."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature",
         "geometry": {"type": "Point", "coordinates": [p.lon, p.lat]},
         "properties": {"id": p.asset_id, "name": p.name, "asset_type": p.asset_type,
                        "owner": p.owner, "grade": p.grade_symbol}}
        for p in pts]}


def export_geojson(pts: list[MapPoint], path: Path) -> None:
    """Write the points as GeoJSON in UTF-8 with Japanese left readable."""
    Path(path).write_text(json.dumps(to_geojson(pts), ensure_ascii=False, indent=1),
                          encoding="utf-8")


def to_kml(pts: list[MapPoint]) -> str:
    """A KML document with one Placemark per point."""
    marks = "".join(
        f"<Placemark><name>{escape(p.name)}</name>"
        f"<description>{escape(p.asset_id)} {escape(p.grade_symbol or '')}</description>"
        f"<Point><coordinates>{p.lon},{p.lat}</coordinates></Point></Placemark>\n"
        for p in pts)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>\n'
            f"{marks}</Document></kml>\n")


def export_kml(pts: list[MapPoint], path: Path) -> None:
    """Write the points as KML in UTF-8."""
    Path(path).write_text(to_kml(pts), encoding="utf-8")
