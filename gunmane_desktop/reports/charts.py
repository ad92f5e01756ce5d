"""Charts as reportlab.graphics Drawings: horizontal/vertical bar charts and a point map.

Drawn by hand on a Drawing rather than with reportlab's chart widgets where layout matters:
category labels get the width their Japanese text needs, legends wrap, value labels sit
outside short bars and reference lines (national figures) are labelled without colliding.
Grade colours follow the grade's level within its scale (0 best .. 3 worst).
"""

from __future__ import annotations

import math

from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.lib import colors

from .content import BarChart, PointMap, Series
from .fonts import BOLD, REGULAR, text_width

LEVEL_COLOURS = ("#a5d6a7", "#dce775", "#ffb74d", "#c62828")
NO_GRADE_COLOUR = "#bdbdbd"
NEUTRAL = ("#4e79a7", "#f28e2b", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#9c755f")
GRID = colors.HexColor("#d0d0d0")
INK = colors.HexColor("#222222")
LABEL_SIZE = 7.5
TITLE_SIZE = 9


def _drawing(width: float, height: float) -> Drawing:
    d = Drawing(width, height)
    d.initialFontName = REGULAR  # not Helvetica, which would be declared and not embedded
    return d


def level_colour(level: int | None) -> str:
    if level is None:
        return NO_GRADE_COLOUR
    return LEVEL_COLOURS[max(0, min(level, len(LEVEL_COLOURS) - 1))]


def series_colour(series: Series, index: int) -> colors.Color:
    if series.colour:
        return colors.HexColor(series.colour)
    if series.level is not None or series.name == "未点検":
        return colors.HexColor(level_colour(series.level))
    return colors.HexColor(NEUTRAL[index % len(NEUTRAL)])


def _fmt(value: float, suffix: str) -> str:
    text = f"{value:,.1f}" if suffix == "%" else f"{value:,.0f}"
    return text + suffix


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _ticks(top: float) -> list[float]:
    step = top / 5
    return [step * i for i in range(6)]


def _legend(d: Drawing, series: list[Series], x0: float, y_top: float, width: float) -> float:
    """Swatches with names, wrapped to ``width``; returns the height used."""
    x, y, row_h = x0, y_top - 9, 11
    for i, s in enumerate(series):
        w = 10 + text_width(s.name, LABEL_SIZE) + 10
        if x + w > x0 + width and x > x0:
            x, y = x0, y - row_h
        d.add(Rect(x, y, 7, 7, fillColor=series_colour(s, i), strokeColor=None))
        d.add(String(x + 10, y + 0.5, s.name, fontName=REGULAR, fontSize=LABEL_SIZE, fillColor=INK))
        x += w
    return y_top - y + 2


def chart_height(chart: BarChart) -> float:
    """A height in points that gives every category a readable bar."""
    if not chart.horizontal:
        return 170.0
    per = 14 if chart.stacked or len(chart.series) == 1 else 6 + 8 * len(chart.series)
    legend = 0 if len(chart.series) == 1 else 12 * (1 + len(chart.series) // 6)
    return 30 + legend + 18 + per * max(len(chart.categories), 1) + 10 * len(chart.references)


def bar_chart(chart: BarChart, width: float, height: float | None = None) -> Drawing:
    height = height or chart_height(chart)
    d = _drawing(width, height)
    d.add(String(0, height - TITLE_SIZE - 1, chart.title, fontName=BOLD, fontSize=TITLE_SIZE,
                 fillColor=INK))
    top = height - TITLE_SIZE - 8
    legend_h = _legend(d, chart.series, 0, 2 + 12 * (1 + len(chart.series) // 6), width) \
        if len(chart.series) > 1 else 0.0
    bottom = legend_h + 14  # axis tick labels under the plot
    top -= 10 * len(chart.references)  # one row of label per reference line, above the plot
    if not chart.categories or not chart.series:
        d.add(String(width / 2, (top + bottom) / 2, "データがありません", fontName=REGULAR,
                     fontSize=LABEL_SIZE, fillColor=INK, textAnchor="middle"))
        return d
    n = len(chart.categories)
    totals = [sum(s.values[i] for s in chart.series) for i in range(n)] if chart.stacked else \
        [max(s.values[i] for s in chart.series) for i in range(n)]
    peak = max([*totals, *(r.value for r in chart.references), 0.0])
    vmax = chart.value_max or _nice_max(peak * (1.12 if chart.show_values else 1.0))
    if chart.horizontal:
        _horizontal(d, chart, width, top, bottom, vmax, totals)
    else:
        _vertical(d, chart, width, top, bottom, vmax, totals)
    return d


def _horizontal(d: Drawing, chart: BarChart, width: float, top: float, bottom: float,
                vmax: float, totals: list[float]) -> None:
    label_w = min(max(text_width(c, LABEL_SIZE) for c in chart.categories) + 6, width * 0.35)
    x0, x1 = label_w, width - 36
    scale = (x1 - x0) / vmax
    n = len(chart.categories)
    band = (top - bottom) / n
    for t in _ticks(vmax):
        x = x0 + t * scale
        d.add(Line(x, bottom, x, top, strokeColor=GRID, strokeWidth=0.4))
        d.add(String(x, bottom - 9, _fmt(t, chart.value_suffix), fontName=REGULAR,
                     fontSize=LABEL_SIZE - 1, fillColor=INK, textAnchor="middle"))
    for i, cat in enumerate(chart.categories):
        y_band = top - (i + 1) * band
        d.add(String(x0 - 4, y_band + band / 2 - 2.5, cat, fontName=REGULAR, fontSize=LABEL_SIZE,
                     fillColor=INK, textAnchor="end"))
        if chart.stacked:
            x, h = x0, min(band * 0.7, 14)
            y = y_band + (band - h) / 2
            for j, s in enumerate(chart.series):
                w = s.values[i] * scale
                if w > 0:
                    d.add(Rect(x, y, w, h, fillColor=series_colour(s, j), strokeColor=colors.white,
                               strokeWidth=0.3))
                x += w
            if chart.show_values:
                d.add(String(x + 3, y + h / 2 - 2.5, _fmt(totals[i], chart.value_suffix),
                             fontName=REGULAR, fontSize=LABEL_SIZE - 0.5, fillColor=INK))
        else:
            k = len(chart.series)
            h = min(band * 0.8 / k, 12)
            y = y_band + (band - h * k) / 2 + h * (k - 1)
            for j, s in enumerate(chart.series):
                w = s.values[i] * scale
                d.add(Rect(x0, y, max(w, 0.5), h - 1, fillColor=series_colour(s, j), strokeColor=None))
                if chart.show_values:
                    d.add(String(x0 + w + 3, y + h / 2 - 3, _fmt(s.values[i], chart.value_suffix),
                                 fontName=REGULAR, fontSize=LABEL_SIZE - 1, fillColor=INK))
                y -= h
    d.add(Line(x0, bottom, x0, top, strokeColor=INK, strokeWidth=0.6))
    # Each reference gets its own label row above the plot, centred on its line, so two
    # close values (75% and 56%) never print over each other.
    n_refs = len(chart.references)
    for k, ref in enumerate(chart.references):
        x = x0 + ref.value * scale
        y_label = top + 4 + 10 * (n_refs - 1 - k)
        d.add(Line(x, bottom, x, y_label - 1, strokeColor=colors.HexColor("#555555"),
                   strokeWidth=0.7, strokeDashArray=[2, 2]))
        text = f"{ref.label} {_fmt(ref.value, chart.value_suffix)}"
        w = text_width(text, LABEL_SIZE - 1)
        d.add(String(min(max(x - w / 2, 0), width - w), y_label, text, fontName=REGULAR,
                     fontSize=LABEL_SIZE - 1, fillColor=colors.HexColor("#444444")))


def _vertical(d: Drawing, chart: BarChart, width: float, top: float, bottom: float,
              vmax: float, totals: list[float]) -> None:
    x0, x1 = 34, width - 4
    scale = (top - bottom - 10) / vmax
    n = len(chart.categories)
    band = (x1 - x0) / n
    for t in _ticks(vmax):
        y = bottom + t * scale
        d.add(Line(x0, y, x1, y, strokeColor=GRID, strokeWidth=0.4))
        d.add(String(x0 - 3, y - 2.5, _fmt(t, chart.value_suffix), fontName=REGULAR,
                     fontSize=LABEL_SIZE - 1, fillColor=INK, textAnchor="end"))
    for i, cat in enumerate(chart.categories):
        xb = x0 + i * band
        d.add(String(xb + band / 2, bottom - 9, cat, fontName=REGULAR, fontSize=LABEL_SIZE - 0.5,
                     fillColor=INK, textAnchor="middle"))
        if chart.stacked:
            w = min(band * 0.6, 40)
            x, y = xb + (band - w) / 2, bottom
            for j, s in enumerate(chart.series):
                h = s.values[i] * scale
                if h > 0:
                    d.add(Rect(x, y, w, h, fillColor=series_colour(s, j), strokeColor=colors.white,
                               strokeWidth=0.3))
                y += h
            if chart.show_values and totals[i]:
                d.add(String(x + w / 2, y + 2, _fmt(totals[i], chart.value_suffix), fontName=REGULAR,
                             fontSize=LABEL_SIZE - 1, fillColor=INK, textAnchor="middle"))
        else:
            k = len(chart.series)
            w = min(band * 0.8 / k, 22)
            x = xb + (band - w * k) / 2
            for j, s in enumerate(chart.series):
                h = s.values[i] * scale
                d.add(Rect(x, bottom, w - 1, max(h, 0.5), fillColor=series_colour(s, j),
                           strokeColor=None))
                if chart.show_values:
                    d.add(String(x + w / 2, bottom + h + 2, _fmt(s.values[i], chart.value_suffix),
                                 fontName=REGULAR, fontSize=LABEL_SIZE - 1.5, fillColor=INK,
                                 textAnchor="middle"))
                x += w
    d.add(Line(x0, bottom, x1, bottom, strokeColor=INK, strokeWidth=0.6))


def point_map(chart: PointMap, width: float, height: float) -> Drawing:
    """Assets as dots on a lat/lon frame with equal scale in both directions."""
    d = _drawing(width, height)
    d.add(String(0, height - TITLE_SIZE - 1, chart.title, fontName=BOLD, fontSize=TITLE_SIZE,
                 fillColor=INK))
    legend_series = [Series(name, [], level=level) for name, level in chart.legend]
    legend_h = _legend(d, legend_series, 0, 14, width) if legend_series else 0.0
    top, bottom = height - TITLE_SIZE - 8, legend_h + 4
    frame_h = top - bottom
    d.add(Rect(0, bottom, width, frame_h, fillColor=colors.HexColor("#f7f7f4"),
               strokeColor=GRID, strokeWidth=0.6))
    pts = chart.points
    if not pts:
        d.add(String(width / 2, bottom + frame_h / 2, "該当する施設はありません", fontName=REGULAR,
                     fontSize=LABEL_SIZE + 1, fillColor=INK, textAnchor="middle"))
        return d
    every = [*pts, *chart.places]
    lat0, lat1 = min(p.lat for p in every), max(p.lat for p in every)
    lon0, lon1 = min(p.lon for p in every), max(p.lon for p in every)
    k = math.cos(math.radians((lat0 + lat1) / 2))
    span_x, span_y = max((lon1 - lon0) * k, 1e-3), max(lat1 - lat0, 1e-3)
    s = min((width - 20 - 70 * bool(chart.places)) / span_x, (frame_h - 20) / span_y)
    ox = (width - span_x * s) / 2
    oy = bottom + (frame_h - span_y * s) / 2
    # One dot per 2.4 pt cell, keeping the worst level there: 60,000 action-required assets
    # of a large region would otherwise be 60,000 overlapping circles (seconds to draw,
    # megabytes of PDF) that look exactly the same on paper.
    cells: dict[tuple[int, int], tuple[float, float, int]] = {}
    for p in pts:
        x, y = ox + (p.lon - lon0) * k * s, oy + (p.lat - lat0) * s
        key = (int(x / 2.4), int(y / 2.4))
        level = -1 if p.level is None else p.level
        if key not in cells or cells[key][2] < level:
            cells[key] = (x, y, level)
    # Worst last so the red dots are on top.
    for x, y, level in sorted(cells.values(), key=lambda v: v[2]):
        d.add(Circle(x, y, 2.6, fillColor=colors.HexColor(level_colour(None if level < 0 else level)),
                     strokeColor=colors.HexColor("#333333"), strokeWidth=0.3))
    # Town names beside (east of) their cluster, on a white box, never over the dots.
    for place in chart.places:
        x, y = ox + (place.lon - lon0) * k * s + 8, oy + (place.lat - lat0) * s
        w = text_width(place.label, LABEL_SIZE + 0.5, BOLD)
        if x + w > width - 2:  # no room on the right: put it on the left of the point
            x = max(x - 16 - w, 2)
        d.add(Rect(x - 2, y - 4, w + 4, 11, fillColor=colors.white,
                   strokeColor=GRID, strokeWidth=0.4))
        d.add(String(x, y - 1, place.label, fontName=BOLD, fontSize=LABEL_SIZE + 0.5,
                     fillColor=INK))
    # A scale bar: 5 km (1 degree of latitude is about 111 km).
    bar = 5 / 111 * s
    d.add(Line(8, bottom + 8, 8 + bar, bottom + 8, strokeColor=INK, strokeWidth=1))
    d.add(String(8 + bar + 3, bottom + 5.5, "5 km", fontName=REGULAR, fontSize=LABEL_SIZE - 1,
                 fillColor=INK))
    return d
