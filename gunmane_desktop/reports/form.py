"""Fixed-layout forms (the 点検調書's 様式1) drawn straight onto the page.

A form is a column of bands: lines of text, label/value grids, the grade box and plain-text
tables. Every cell is a string fitted to its column beforehand, so nothing needs reportlab's
Table or Paragraph: each piece of a form is one flowable that paints its fills, then its
rules as one path per line style, then all its text in one text object, changing font and
colour only when they change. A 500-sheet print draws some 2,000 grids; as reportlab Tables
they were most of its time (style commands per table, a text object per cell, a line per
rule segment). The look follows the renderer's tables and field grids; a table breaks
across pages between rows with its header repeated, and a caption stays with its table.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from . import content as c
from .charts import INK, level_colour
from .fonts import BOLD, REGULAR
from .tables import CELL_PAD, ELLIPSIS, HEADER_FILL, RULE, ZEBRA

ROW_RULE = colors.HexColor("#c8ccd2")
WHITE = colors.white
LABEL_WIDTH = 24 * mm
SYMBOL_WIDTH = 30 * mm


@lru_cache(maxsize=1 << 16)
def width(text: str, size: float, font: str = REGULAR) -> float:
    """``stringWidth`` remembered per (text, size, font): a bulk print measures the same
    labels, headers and grade symbols on every sheet."""
    return stringWidth(text, font, size)


@lru_cache(maxsize=1 << 14)
def fit(text: str, room: float, size: float, max_lines: int, font: str = REGULAR) -> tuple[str, ...]:
    """``tables.fit_lines`` as a tuple of lines, remembered, and measured once per character
    rather than once per tried prefix: wrap at any character, cut the last line with "…"."""
    if not text:
        return ("",)
    if width(text, size, font) <= room and "\n" not in text:
        return (text,)
    advances = [width(ch, size, font) for ch in text]
    lines: list[str] = []
    start, n = 0, len(text)
    while start < n and len(lines) < max_lines:
        used, end = 0.0, start
        while end < n and text[end] != "\n" and used + advances[end] <= room:
            used += advances[end]
            end += 1
        if end == start and text[end] != "\n":  # one glyph wider than the room
            end += 1
        lines.append(text[start:end])
        start = end + 1 if end < n and text[end] == "\n" else end
        while start < n and text[start].isspace() and text[start] != "\n":
            start += 1
    if start < n:
        last = lines[-1]
        while last and width(last + ELLIPSIS, size, font) > room:
            last = last[:-1]
        lines[-1] = last + ELLIPSIS
    return tuple(lines)


@dataclass(slots=True, frozen=True)
class Look:
    """How one piece of text is set."""

    font: str
    size: float
    leading: float
    colour: colors.Color = INK


@dataclass(slots=True)
class Cell:
    lines: tuple[str, ...]
    look: Look
    align: str = "left"
    fill: colors.Color | None = None


@dataclass(slots=True)
class Grid:
    """Rows of cells with fixed column widths; the first ``header`` rows repeat on every
    page the grid spans. ``rules``: "grid" (every cell boxed), "table" (header rule, thin
    row rules, a box) or "box" (a box and a rule after the first column)."""

    widths: list[float]
    rows: list[list[Cell]]
    heights: list[float]
    pad: tuple[float, float, float, float]  # left, right, top, bottom
    rules: str
    header: int = 0
    line_width: float = 0.4
    zebra: bool = False


@dataclass(slots=True)
class Text:
    """Lines of text set in one look; ``keep`` keeps it on the page of what follows."""

    lines: tuple[str, ...]
    look: Look
    space_before: float = 0.0
    space_after: float = 0.0
    keep: bool = False


@dataclass(slots=True)
class _TextState:
    """Font and colour last set in a text object, so a grid sets them only when they change."""

    tx: PDFTextObject
    font: tuple[str, float] | None = None
    colour: colors.Color | None = None

    def line(self, x: float, y: float, text: str, look: Look) -> None:
        tx = self.tx
        if self.font != (look.font, look.size):
            tx.setFont(look.font, look.size, look.leading)
            self.font = (look.font, look.size)
        if self.colour is not look.colour:
            tx.setFillColor(look.colour)
            self.colour = look.colour
        tx.setTextOrigin(x, y)
        tx.textLine(text)


class GridFlowable(Flowable):
    """Rows [start, end) of a grid (plus its header rows), splitting between rows."""

    def __init__(self, grid: Grid, start: int | None = None, end: int | None = None,
                 space_after: float = 0.0) -> None:
        super().__init__()
        self.grid = grid
        self.start = grid.header if start is None else start
        self.end = len(grid.rows) if end is None else end
        self.spaceAfter = space_after
        self.width = sum(grid.widths)
        self.height = self._height(self.start, self.end)

    def _height(self, start: int, end: int) -> float:
        g = self.grid
        return sum(g.heights[:g.header]) + sum(g.heights[start:end])

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        g = self.grid
        used, n = sum(g.heights[:g.header]), 0
        for h in g.heights[self.start:self.end]:
            if used + h > avail_height:
                break
            used += h
            n += 1
        remaining = self.end - self.start
        if n >= remaining:
            return [self]
        if n == 0 or n < 3:  # no header left on a page with a row or two under it
            return []
        cut = self.start + n
        return [GridFlowable(g, self.start, cut), GridFlowable(g, cut, self.end, self.spaceAfter)]

    def draw(self) -> None:
        draw_grid(self.canv, self.grid, list(range(self.grid.header)) + list(range(self.start, self.end)))


def draw_grid(canv: Canvas, g: Grid, row_ids: list[int]) -> None:
    """Fills, then rules, then text, for the given rows stacked from the top (y = height)."""
    xs = [0.0]
    for w in g.widths:
        xs.append(xs[-1] + w)
    total = sum(g.heights[r] for r in row_ids)
    tops, y = [], total
    for r in row_ids:
        tops.append(y)
        y -= g.heights[r]
    canv.saveState()
    _fills(canv, g, xs, tops, row_ids)
    _rules(canv, g, xs, tops, row_ids, total)
    # text
    tx = canv.beginText()
    state = _TextState(tx)
    left, right, top, bottom = g.pad
    for k, r in enumerate(row_ids):
        h = g.heights[r]
        for i, cell in enumerate(g.rows[r]):
            if not cell.lines or cell.lines == ("",):
                continue
            look = cell.look
            n = len(cell.lines)
            # reportlab's VALIGN MIDDLE for plain strings, so the grids look as before
            y = tops[k] - h + (bottom + h - top + n * look.leading) / 2 - look.size
            for text in cell.lines:
                if cell.align == "left":
                    x = xs[i] + left
                else:
                    w = width(text, look.size, look.font)
                    if cell.align == "right":
                        x = xs[i + 1] - right - w
                    else:
                        x = xs[i] + (g.widths[i] + left - right - w) / 2
                state.line(x, y, text, look)
                y -= look.leading
    canv.drawText(tx)
    canv.restoreState()


def _fills(canv: Canvas, g: Grid, xs: list[float], tops: list[float], row_ids: list[int]) -> None:
    """Zebra rows, then cell fills (header, labels, grade colours), with neighbouring cells
    of one colour painted as one rectangle (a field grid's label column is one fill)."""
    stripes: list[list] = []  # zebra rows, painted first
    spans: list[list] = []  # [x0, x1, top, bottom, colour]; merged across columns, then rows
    zebra = g.zebra and len(row_ids) - g.header > 1
    for k, r in enumerate(row_ids):
        top, bottom = tops[k], tops[k] - g.heights[r]
        row: list[list] = []
        if zebra and k >= g.header and (k - g.header) % 2 == 1:
            stripes.append([xs[0], xs[-1], top, bottom, ZEBRA])
        for i, cell in enumerate(g.rows[r]):
            if cell.fill is None:
                continue
            if row and row[-1][1] == xs[i] and row[-1][4] == cell.fill:
                row[-1][1] = xs[i + 1]
            else:
                row.append([xs[i], xs[i + 1], top, bottom, cell.fill])
        for span in row:
            above = next((s for s in spans if s[3] == top and s[0] == span[0] and s[1] == span[1]
                          and s[4] == span[4]), None)
            if above is not None:
                above[3] = bottom
            else:
                spans.append(span)
    last = None
    for x0, x1, top, bottom, colour in stripes + spans:
        if colour != last:
            canv.setFillColor(colour)
            last = colour
        canv.rect(x0, bottom, x1 - x0, top - bottom, stroke=0, fill=1)


def _rules(canv: Canvas, g: Grid, xs: list[float], tops: list[float], row_ids: list[int],
           total: float) -> None:
    right = xs[-1]
    if g.rules == "grid":
        lines = [(x, 0, x, total) for x in xs]
        lines += [(0, t, right, t) for t in tops] + [(0, 0, right, 0)]
        canv.setStrokeColor(RULE)
        canv.setLineWidth(g.line_width)
        canv.lines(lines)
        return
    if g.rules == "table":
        inner = [(0, tops[k], right, tops[k]) for k in range(g.header + 1, len(row_ids))]
        if inner:
            canv.setStrokeColor(ROW_RULE)
            canv.setLineWidth(0.25)
            canv.lines(inner)
        canv.setStrokeColor(RULE)
        if g.header and len(row_ids) > g.header:
            canv.setLineWidth(0.8)
            canv.line(0, tops[g.header], right, tops[g.header])
    else:  # "box": a rule after the first column
        canv.setStrokeColor(RULE)
        canv.setLineWidth(g.line_width)
        canv.line(xs[1], 0, xs[1], total)
    canv.setLineWidth(g.line_width)
    canv.rect(0, 0, right, total, stroke=1, fill=0)


class TextFlowable(Flowable):
    """Lines of text in one look (headings, notes, findings)."""

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text
        self.spaceBefore, self.spaceAfter = text.space_before, text.space_after
        self.keepWithNext = text.keep
        self.height = len(text.lines) * text.look.leading

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        t = self.text
        n = int(avail_height // t.look.leading)
        if n <= 0 or n >= len(t.lines):
            return [] if n <= 0 else [self]
        first = Text(t.lines[:n], t.look, t.space_before, 0.0)
        return [TextFlowable(first), TextFlowable(Text(t.lines[n:], t.look, 0.0, t.space_after, t.keep))]

    def draw(self) -> None:
        t, look = self.text, self.text.look
        tx = self.canv.beginText()
        tx.setFont(look.font, look.size, look.leading)
        tx.setFillColor(look.colour)
        # the renderer's one-line text: the glyphs centred in the line box
        y = self.height - look.leading + (look.leading - look.size) / 2 + look.size * 0.12
        for line in t.lines:
            tx.setTextOrigin(0, y)
            tx.textLine(line)
            y -= look.leading
        self.canv.drawText(tx)


class Stack(Flowable):
    """A heading and what it heads, as one flowable: kept together the way reportlab's
    keepWithNext does, without its copy of the frame for every trial wrap."""

    def __init__(self, head: TextFlowable, body: Flowable) -> None:
        super().__init__()
        self.head, self.body = head, body
        self.spaceBefore = head.getSpaceBefore()
        self.spaceAfter = body.getSpaceAfter()

    def _gap(self) -> float:
        return self.head.getSpaceAfter() + self.body.getSpaceBefore()

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        _, h1 = self.head.wrap(avail_width, avail_height)
        _, h2 = self.body.wrap(avail_width, avail_height - h1 - self._gap())
        self.width, self.height = avail_width, h1 + self._gap() + h2
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        room = avail_height - self.head.height - self._gap()
        parts = self.body.split(avail_width, room) if room > 0 else []
        if len(parts) < 2:
            return []  # the heading goes to the next page with all of its body
        return [Stack(self.head, parts[0]), *parts[1:]]

    def draw(self) -> None:
        self.head.drawOn(self.canv, 0, self.height - self.head.height)  # first: reading order
        self.body.drawOn(self.canv, 0, 0)


# -- from report content to form pieces ------------------------------------------------------
class FormLayout:
    """Turns the blocks of a ``content.Form`` into flowables for a frame ``frame_width``
    wide, in the renderer's paragraph styles."""

    def __init__(self, styles: dict[str, ParagraphStyle], frame_width: float) -> None:
        self.styles = styles
        self.frame_width = frame_width
        self.looks = {name: Look(s.fontName, s.fontSize, s.leading, s.textColor)
                      for name, s in styles.items()}

    def flowables(self, form: c.Form) -> list[Flowable]:
        out: list[Flowable] = []
        held: TextFlowable | None = None  # a heading waiting for what it heads
        for b in form.blocks:
            if isinstance(b, c.Paragraph):
                f: Flowable = self.text(b.text, b.style)
            elif isinstance(b, c.FieldGrid):
                f = self.field_grid(b)
            elif isinstance(b, c.GradeBox):
                f = self.grade_box(b)
            elif isinstance(b, c.Table):
                f = self.table(b)
                if b.caption:
                    f = Stack(self.text(b.caption, "heading"), f)
            else:  # pragma: no cover - a builder bug
                raise TypeError(f"a form cannot hold {type(b).__name__}")
            if held is not None:
                f, held = Stack(held, f), None
            if isinstance(f, TextFlowable) and f.text.keep:
                held = f
            else:
                out.append(f)
        if held is not None:
            out.append(held)
        return out

    def text(self, text: str, style: str, room: float | None = None, max_lines: int = 60) -> TextFlowable:
        st = self.styles[style]
        room = (room or self.frame_width) - st.leftIndent - st.rightIndent - 1
        lines = fit(text, room, st.fontSize, max_lines, st.fontName)
        return TextFlowable(Text(lines, self.looks[style], st.spaceBefore, st.spaceAfter,
                                 bool(getattr(st, "keepWithNext", 0))))

    def field_grid(self, g: c.FieldGrid) -> GridFlowable:
        per_row, size = g.columns, 8
        value_w = self.frame_width / per_row - LABEL_WIDTH
        look = Look(REGULAR, size, size * 1.3)
        label_room, value_room = LABEL_WIDTH - 2 * CELL_PAD - 1, value_w - 2 * CELL_PAD - 1
        rows, heights = [], []
        for start in range(0, len(g.fields), per_row):
            row: list[Cell] = []
            for label, value in g.fields[start:start + per_row]:
                row += [Cell(fit(label, label_room, size, 2), look, fill=HEADER_FILL),
                        Cell(fit(value or "―", value_room, size, 3), look)]
            for _ in range(per_row - len(g.fields[start:start + per_row])):
                row += [Cell(("",), look, fill=HEADER_FILL), Cell(("",), look)]
            rows.append(row)
            heights.append(max(len(cell.lines) for cell in row) * look.leading + 4.5)
        grid = Grid([LABEL_WIDTH, value_w] * per_row, rows, heights,
                    (CELL_PAD + 1, CELL_PAD, 1.5, 3), "grid", line_width=0.4)
        return GridFlowable(grid, space_after=6)

    def grade_box(self, g: c.GradeBox) -> GridFlowable:
        room = self.frame_width - SYMBOL_WIDTH - 12
        head, body, note = self.styles["heading"], self.styles["body"], self.styles["note"]
        text = [Cell(fit(f"{g.scale_name}: {g.symbol} {g.label}", room - 1, head.fontSize, 3, BOLD),
                     self.looks["heading"]),
                Cell(fit(g.definition, room - 1, body.fontSize, 12), self.looks["body"])]
        if g.source:
            text.append(Cell(fit(f"定義の出典: {g.source}", room - 1, note.fontSize, 3),
                             self.looks["note"]))
        level = g.level or 0
        symbol_look = Look(BOLD, 26, 30, WHITE if level >= 3 else INK)
        fill = colors.HexColor(level_colour(g.level))
        # The text column as stacked one-cell rows inside the box; the symbol cell spans them,
        # so the box is a grid of one row whose right cell holds the three texts in turn.
        height = _stack_height(text) + 6
        return _grade_grid(self.frame_width, fit(g.symbol, SYMBOL_WIDTH - 8, 26, 1, BOLD),
                           symbol_look, fill, text, height)

    def table(self, t: c.Table) -> GridFlowable:
        total = sum(col.width for col in t.columns) or 1.0
        widths = [self.frame_width * col.width / total for col in t.columns]
        size = t.font_size
        leading = size * 1.25
        regular, bold = Look(REGULAR, size, leading), Look(BOLD, size, leading)
        white = Look(REGULAR, size, leading, WHITE)
        inner = [w - 2 * CELL_PAD - 0.5 for w in widths]
        header = [Cell(fit(col.title, inner[i], size, 2, BOLD), bold, "center", HEADER_FILL)
                  for i, col in enumerate(t.columns)]
        rows, heights = [header], [max(len(h.lines) for h in header) * leading + 2 * CELL_PAD + 1]
        for r, row in enumerate(t.rows):
            cells = []
            for i, text in enumerate(row):
                level = t.levels.get((r, i))
                look = white if level is not None and level >= 3 else regular
                fill = colors.HexColor(level_colour(level)) if (r, i) in t.levels else None
                cells.append(Cell(fit(text, inner[i], size, t.max_lines), look, t.columns[i].align, fill))
            rows.append(cells)
            heights.append(leading + 2 * CELL_PAD + (max(len(x.lines) for x in cells) - 1) * leading)
        grid = Grid(widths, rows, heights, (CELL_PAD, CELL_PAD, CELL_PAD - 0.5, CELL_PAD + 0.5),
                    "table", header=1, line_width=0.6, zebra=t.zebra)
        return GridFlowable(grid, space_after=5)


class _GradeFlowable(GridFlowable):
    """The grade box: the symbol on its grade colour, then the scale, label, definition and
    source stacked in the right-hand cell, vertically centred."""

    def __init__(self, grid: Grid, texts: list[Cell], space_after: float) -> None:
        super().__init__(grid, space_after=space_after)
        self.texts = texts

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv, g = self.canv, self.grid
        draw_grid(canv, g, [0])
        tx = canv.beginText()
        state = _TextState(tx)
        x = g.widths[0] + 6
        top = (self.height + _stack_height(self.texts)) / 2
        for k, t in enumerate(self.texts):
            top -= _GAPS[k]
            for line in t.lines:
                y = top - t.look.leading + (t.look.leading - t.look.size) / 2 + t.look.size * 0.12
                state.line(x, y, line, t.look)
                top -= t.look.leading
        canv.drawText(tx)


_GAPS = (0, 3, 4, 4)  # above the scale line, the definition, the source


def _stack_height(texts: list[Cell]) -> float:
    return sum(len(t.lines) * t.look.leading + _GAPS[k] for k, t in enumerate(texts))


def _grade_grid(frame_width: float, symbol: tuple[str, ...], look: Look, fill: colors.Color,
                texts: list[Cell], height: float) -> _GradeFlowable:
    grid = Grid([SYMBOL_WIDTH, frame_width - SYMBOL_WIDTH],
                [[Cell(symbol, look, "center", fill), Cell(("",), look)]], [height],
                (6, 6, 3, 3), "box", line_width=0.8)
    return _GradeFlowable(grid, texts, space_after=8)
