"""Tables for reports: cell text fitted to its column, and long tables laid out page by page.

``fit_lines`` wraps text at any character (Japanese has no spaces) to a fixed number of
lines and cuts the rest with "…", so a cell never overflows. ``PagedTable`` is a flowable
that builds one reportlab Table per page from precomputed row heights: a 10,000-row listing
never builds or re-splits one 10,000-row Table (reportlab re-measures the remaining rows at
every page break), which keeps it faster than a bare reportlab table of the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle
from reportlab.platypus import Table as RLTable

from . import content as c
from .charts import INK, level_colour
from .fonts import BOLD, REGULAR, text_width

HEADER_FILL = colors.HexColor("#e8edf3")
ZEBRA = colors.HexColor("#f6f7f9")
RULE = colors.HexColor("#8a8f98")
CELL_PAD = 2.0
ELLIPSIS = "…"


def fit_lines(text: str, width: float, size: float, max_lines: int, font: str = REGULAR) -> str:
    """Break ``text`` into at most ``max_lines`` lines of ``width`` points (CJK: any
    character may start a line); cut the last line with "…" if it still does not fit."""
    if not text or text_width(text, size, font) <= width:
        return text
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines:
        if text_width(rest, size, font) <= width:
            lines.append(rest)
            rest = ""
            break
        lo, hi = 1, len(rest)
        while lo < hi:  # longest prefix that fits
            mid = (lo + hi + 1) // 2
            if text_width(rest[:mid], size, font) <= width:
                lo = mid
            else:
                hi = mid - 1
        lines.append(rest[:lo])
        rest = rest[lo:].lstrip()
    if rest:
        last = lines[-1]
        while last and text_width(last + ELLIPSIS, size, font) > width:
            last = last[:-1]
        lines[-1] = last + ELLIPSIS
    return "\n".join(lines)


@dataclass(slots=True)
class _PreparedTable:
    header: list[str]
    header_height: float
    rows: list[list[str]]
    heights: list[float]
    widths: list[float]
    table: c.Table
    levels_by_row: dict[int, list[tuple[int, int]]]


def prepare_table(table: c.Table, avail_width: float) -> _PreparedTable:
    """Scale the columns to the width and fit every cell's text into its column."""
    total = sum(col.width for col in table.columns) or 1.0
    widths = [avail_width * col.width / total for col in table.columns]
    size = table.font_size
    leading = size * 1.25
    inner = [w - 2 * CELL_PAD - 0.5 for w in widths]
    header = [fit_lines(col.title, inner[i], size, 2, BOLD) for i, col in enumerate(table.columns)]
    header_lines = max(h.count("\n") + 1 for h in header)
    rows, heights = [], []
    one_line = leading + 2 * CELL_PAD
    for row in table.rows:
        fitted = []
        lines = 1
        for i, cell in enumerate(row):
            t = fit_lines(cell, inner[i], size, table.max_lines)
            if "\n" in t:
                lines = max(lines, t.count("\n") + 1)
            fitted.append(t)
        rows.append(fitted)
        heights.append(one_line + (lines - 1) * leading)
    by_row: dict[int, list[tuple[int, int]]] = {}
    for (r, col), level in table.levels.items():
        by_row.setdefault(r, []).append((col, level))
    return _PreparedTable(header, header_lines * leading + 2 * CELL_PAD + 1, rows, heights,
                          widths, table, by_row)


class PagedTable(Flowable):
    """A table that is cut into one reportlab Table per page, header row repeated."""

    def __init__(self, prepared: _PreparedTable, start: int = 0) -> None:
        super().__init__()
        self.p = prepared
        self.start = start
        self._built: RLTable | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = sum(self.p.widths)
        self.height = self.p.header_height + sum(self.p.heights[self.start:])
        return self.width, self.height

    def _rows_fitting(self, avail_height: float) -> int:
        used = self.p.header_height
        n = 0
        for h in self.p.heights[self.start:]:
            if used + h > avail_height:
                break
            used += h
            n += 1
        return n

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        n = self._rows_fitting(avail_height)
        remaining = len(self.p.rows) - self.start
        if n == 0 or (n < 3 and remaining > n):  # no orphan header with a row or two
            return []
        if n >= remaining:
            return [self]
        return [_TableSlice(self.p, self.start, self.start + n), PagedTable(self.p, self.start + n)]

    def draw(self) -> None:
        piece = _TableSlice(self.p, self.start, len(self.p.rows))
        piece.wrap(self.width, self.height)
        piece.drawOn(self.canv, 0, 0)


class _TableSlice(Flowable):
    """Rows [start, end) of a prepared table, drawn as one reportlab Table."""

    def __init__(self, prepared: _PreparedTable, start: int, end: int) -> None:
        super().__init__()
        self.p, self.start, self.end = prepared, start, end
        self.table = _build_rl_table(prepared, start, end)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.table.wrap(avail_width, avail_height)

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)


def _build_rl_table(p: _PreparedTable, start: int, end: int) -> RLTable:
    t = p.table
    data = [p.header, *p.rows[start:end]]
    n = end - start
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, t.font_size, t.font_size * 1.25),
        ("FONT", (0, 0), (-1, 0), BOLD, t.font_size, t.font_size * 1.25),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
        ("TOPPADDING", (0, 0), (-1, -1), CELL_PAD - 0.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), CELL_PAD + 0.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, RULE),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.HexColor("#c8ccd2")),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
    ]
    if t.zebra and n > 1:
        cmds.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    for i, col in enumerate(t.columns):
        if col.align != "left":
            cmds.append(("ALIGN", (i, 1), (i, -1), col.align.upper()))
    for r in range(start, end):
        for col, level in p.levels_by_row.get(r, ()):
            cell = (col, r - start + 1)
            cmds.append(("BACKGROUND", cell, cell, colors.HexColor(level_colour(level))))
            if level is not None and level >= 3:
                cmds.append(("TEXTCOLOR", cell, cell, colors.white))
    first_total = len(p.rows) - t.total_rows
    if t.total_rows and end > first_total:
        r0 = max(first_total, start) - start + 1
        cmds.append(("FONT", (0, r0), (-1, -1), BOLD, t.font_size, t.font_size * 1.25))
        cmds.append(("LINEABOVE", (0, r0), (-1, r0), 0.8, RULE))
    return RLTable(data, colWidths=p.widths, rowHeights=[p.header_height, *p.heights[start:end]],
                   style=TableStyle(cmds), hAlign="LEFT")
