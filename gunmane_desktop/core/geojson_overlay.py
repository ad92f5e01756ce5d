"""Reading a boundary or road GeoJSON file as a background for the map, checked before drawing.

The office PC has no internet, so the map has no tiles: a town draws its own boundary or road
network under the asset points from a GeoJSON file it already has (exported from QGIS or
the prefecture's GIS). This module turns such a file into plain line strings (roads),
closed rings (polygon outlines) and points, all as WGS84 (lon, lat) pairs. Anything it
cannot use is refused with an ``OverlayError`` naming the file and, where there is one,
the feature (``features[3]``) so a person can find it in a text editor; it never returns a
half-read background and never raises anything else, whatever the file holds.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 50 * 1024 * 1024
"""Larger files are refused: the whole file is read into memory and drawn at once."""

Position = tuple[float, float]
Path2D = tuple[Position, ...]

_COLLECTIONS_DEPTH = 1  # a GeometryCollection may hold geometries, not further collections


class OverlayError(ValueError):
    """A GeoJSON file that cannot be used as a background, described in one line.

    ``feature`` is the index in the file's ``features`` array (None: the whole file).
    """

    def __init__(self, source: str, problem: str, feature: int | None = None) -> None:
        where = f"{source}: " if feature is None else f"{source}: features[{feature}]: "
        super().__init__(where + problem)
        self.source = source
        self.problem = problem
        self.feature = feature


@dataclass(frozen=True, slots=True)
class Overlay:
    """What a GeoJSON background holds, ready to draw: every position is (lon, lat)."""

    source: str
    lines: tuple[Path2D, ...]
    """Open line strings (roads, rivers)."""
    rings: tuple[Path2D, ...]
    """Polygon rings, each closed (its last position equals its first)."""
    points: tuple[Position, ...]

    def vertex_count(self) -> int:
        return sum(map(len, self.lines)) + sum(map(len, self.rings)) + len(self.points)

    def bounds(self) -> tuple[float, float, float, float]:
        """(lon_min, lat_min, lon_max, lat_max) over every position."""
        lons = [p[0] for path in (*self.lines, *self.rings) for p in path] + [p[0] for p in self.points]
        lats = [p[1] for path in (*self.lines, *self.rings) for p in path] + [p[1] for p in self.points]
        return min(lons), min(lats), max(lons), max(lats)


def load_overlay(path: Path | str) -> Overlay:
    """Read and check a GeoJSON file (UTF-8, with or without BOM; at most ``MAX_BYTES``)."""
    path = Path(path)
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise OverlayError(source, f"ファイルが大きすぎます ({size / 1e6:.0f} MB、上限 "
                                       f"{MAX_BYTES // (1024 * 1024)} MB) (file too large)")
        raw = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or exc
        raise OverlayError(source, f"ファイルを読めません (cannot read the file: {reason})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OverlayError(source, "UTF-8 のテキストではありません (not UTF-8 text)") from None
    return parse_overlay_text(text, source)


def parse_overlay_text(text: str, source: str) -> Overlay:
    """Parse GeoJSON text; ``source`` names the file in error messages."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise OverlayError(source, f"JSON として読めません ({exc.lineno} 行 {exc.colno} 列: {exc.msg}) "
                                   "(not JSON)") from None
    except (ValueError, RecursionError):  # absurdly long numbers or nesting
        raise OverlayError(source, "JSON として読めません (not JSON)") from None
    return parse_overlay(data, source)


def parse_overlay(data: object, source: str) -> Overlay:
    """Check decoded GeoJSON (a FeatureCollection, a Feature or a bare geometry)."""
    out = _Collected([], [], [])
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        features = data.get("features")
        if not isinstance(features, list):
            raise OverlayError(source, "features が配列ではありません (features is not a list)")
        for i, feature in enumerate(features):
            _feature(feature, source, i, out)
    elif kind == "Feature":
        _feature(data, source, None, out)
    elif isinstance(kind, str) and kind in _GEOMETRIES:
        _geometry(data, source, None, out, 0)
    else:
        raise OverlayError(source, "GeoJSON ではありません: type が FeatureCollection、Feature または"
                                   "ジオメトリではありません (not GeoJSON: unknown top-level type)")
    if not (out.lines or out.rings or out.points):
        raise OverlayError(source, "描画できる図形がありません (no geometry to draw)")
    return Overlay(source, tuple(out.lines), tuple(out.rings), tuple(out.points))


@dataclass(slots=True)
class _Collected:
    lines: list[Path2D]
    rings: list[Path2D]
    points: list[Position]


def _feature(feature: object, source: str, index: int | None, out: _Collected) -> None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise OverlayError(source, "Feature ではありません (not a Feature)", index)
    if "geometry" not in feature:
        raise OverlayError(source, "geometry がありません (no geometry member)", index)
    geometry = feature["geometry"]
    if geometry is None:  # an unlocated feature is valid GeoJSON (RFC 7946 3.2): nothing to draw
        return
    _geometry(geometry, source, index, out, 0)


def _geometry(geometry: object, source: str, index: int | None, out: _Collected, depth: int) -> None:
    if not isinstance(geometry, dict):
        raise OverlayError(source, "geometry がオブジェクトではありません (geometry is not an object)", index)
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        members = geometry.get("geometries")
        if depth >= _COLLECTIONS_DEPTH or not isinstance(members, list):
            raise OverlayError(source, "GeometryCollection が読めません (bad GeometryCollection)", index)
        for member in members:
            _geometry(member, source, index, out, depth + 1)
        return
    if not isinstance(kind, str) or kind not in _GEOMETRIES:
        raise OverlayError(source, f"使えないジオメトリの種類です: {str(kind)[:40]} "
                                   "(unsupported geometry type)", index)
    if "coordinates" not in geometry:
        raise OverlayError(source, f"{kind} に coordinates がありません (no coordinates)", index)
    _GEOMETRIES[kind](geometry["coordinates"], source, index, out)


def _position(value: object, source: str, index: int | None) -> Position:
    if not isinstance(value, list) or len(value) < 2:
        raise OverlayError(source, "座標は [経度, 緯度] の配列にしてください "
                                   "(a position must be [lon, lat])", index)
    for number in value:
        if isinstance(number, bool) or not isinstance(number, (int, float)):
            raise OverlayError(source, "座標が数値ではありません (coordinates are not numbers)", index)
    try:
        lon, lat = float(value[0]), float(value[1])
    except OverflowError:  # an integer with hundreds of digits
        lon = lat = math.inf
    if not (math.isfinite(lon) and -180.0 <= lon <= 180.0 and math.isfinite(lat) and -90.0 <= lat <= 90.0):
        shown = ", ".join(str(v)[:20] for v in value[:2])
        raise OverlayError(source, f"経度・緯度が範囲外です ({shown}); WGS84 の経度緯度で"
                                   "保存してください (lon/lat out of range: not WGS84?)", index)
    return lon, lat


def _positions(value: object, source: str, index: int | None, minimum: int, what: str) -> list[Position]:
    if not isinstance(value, list):
        raise OverlayError(source, f"{what}の座標が配列ではありません (coordinates are not a list)", index)
    positions = [_position(v, source, index) for v in value]
    if len(positions) < minimum:
        raise OverlayError(source, f"{what}の座標は {minimum} 点以上必要です "
                                   f"(needs at least {minimum} positions)", index)
    return positions


def _list(value: object, source: str, index: int | None) -> list:
    if not isinstance(value, list):
        raise OverlayError(source, "coordinates が配列ではありません (coordinates are not a list)", index)
    return value


def _point(coords: object, source: str, index: int | None, out: _Collected) -> None:
    out.points.append(_position(coords, source, index))


def _multi_point(coords: object, source: str, index: int | None, out: _Collected) -> None:
    out.points.extend(_position(c, source, index) for c in _list(coords, source, index))


def _line(coords: object, source: str, index: int | None, out: _Collected) -> None:
    out.lines.append(tuple(_positions(coords, source, index, 2, "線")))


def _multi_line(coords: object, source: str, index: int | None, out: _Collected) -> None:
    for line in _list(coords, source, index):
        _line(line, source, index, out)


def _polygon(coords: object, source: str, index: int | None, out: _Collected) -> None:
    for ring in _list(coords, source, index):
        positions = _positions(ring, source, index, 3, "多角形の輪")
        if positions[0] != positions[-1]:  # RFC 7946 wants closed rings; close a sloppy one
            positions.append(positions[0])
        out.rings.append(tuple(positions))


def _multi_polygon(coords: object, source: str, index: int | None, out: _Collected) -> None:
    for polygon in _list(coords, source, index):
        _polygon(polygon, source, index, out)


_GEOMETRIES = {
    "Point": _point,
    "MultiPoint": _multi_point,
    "LineString": _line,
    "MultiLineString": _multi_line,
    "Polygon": _polygon,
    "MultiPolygon": _multi_polygon,
}
