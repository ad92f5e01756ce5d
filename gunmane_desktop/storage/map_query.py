"""Assets as map points (lat/lon and grade level), grid aggregation, GeoJSON/KML export.

Qt-free: the map page draws what these functions return, and exports can be scripted.
"""

from __future__ import annotations

import json
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

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
