"""The content a report builder produces: sections, paragraphs, tables, charts, photos.

Plain data, no reportlab: builders fill these from the database and ``render`` draws them.
A cell's grade colour is given as a grade *level* (0 best .. 3 worst within its own scale),
never by symbol, because the same symbol means different things on different scales.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "right", "center"]
Orientation = Literal["portrait", "landscape"]


@dataclass(slots=True)
class Paragraph:
    """Running text. ``style``: body, lead (larger, for the plain-language summary), note
    (small grey, e.g. sources and 参考 figures), heading (a sub-heading inside a section)."""

    text: str
    style: Literal["body", "lead", "note", "heading"] = "body"


@dataclass(slots=True)
class KeyFigure:
    label: str
    value: str
    note: str = ""
    level: int | None = None  # colours the value box like a grade of that level


@dataclass(slots=True)
class KeyFigures:
    """A row of large numbers with labels: the council summary's "at a glance" boxes."""

    items: list[KeyFigure]


@dataclass(slots=True)
class Column:
    title: str
    width: float  # relative weight; the renderer scales the columns to the frame width
    align: Align = "left"


@dataclass(slots=True)
class Table:
    """A table with a header row repeated on every page it spans.

    Cells are text; long text wraps to at most ``max_lines`` lines and is then cut with
    "…" so that no cell ever overflows. ``levels`` colours single cells by grade level:
    {(row, column): level}. The last ``total_rows`` rows are set in bold (totals).
    """

    columns: list[Column]
    rows: list[list[str]]
    caption: str = ""
    font_size: float = 8.0
    max_lines: int = 2
    levels: dict[tuple[int, int], int] = field(default_factory=dict)
    total_rows: int = 0
    zebra: bool = True


@dataclass(slots=True)
class Series:
    name: str
    values: list[float]
    level: int | None = None  # grade level for the colour; None = a neutral series colour
    colour: str | None = None  # explicit colour (hex), wins over level


@dataclass(slots=True)
class Reference:
    """A labelled reference value drawn as a dashed line (e.g. a national figure)."""

    label: str
    value: float


@dataclass(slots=True)
class BarChart:
    """Bars per category; stacked or grouped; horizontal suits long Japanese labels."""

    title: str
    categories: list[str]
    series: list[Series]
    stacked: bool = False
    horizontal: bool = True
    value_suffix: str = ""  # e.g. "%" or "件"
    value_max: float | None = None
    references: list[Reference] = field(default_factory=list)
    show_values: bool = True


@dataclass(slots=True)
class MapPoint:
    lat: float
    lon: float
    level: int | None
    label: str = ""


@dataclass(slots=True)
class PointMap:
    """Points on a plain lat/lon frame (no tiles: offline PCs), coloured by grade level."""

    title: str
    points: list[MapPoint]
    legend: list[tuple[str, int | None]] = field(default_factory=list)
    places: list[MapPoint] = field(default_factory=list)  # named labels (towns), no dot


@dataclass(slots=True)
class Figure:
    chart: BarChart | PointMap
    caption: str = ""
    width_share: float = 1.0  # of the frame width
    height_mm: float | None = None  # None: from the number of categories


@dataclass(slots=True)
class Photo:
    data: bytes
    caption: str


@dataclass(slots=True)
class PhotoGrid:
    """Photos two to a row with captions under them (様式2 style)."""

    photos: list[Photo]
    columns: int = 2
    empty_text: str = "写真の登録はありません。"


@dataclass(slots=True)
class FieldGrid:
    """Label/value pairs laid out in ``columns`` pairs per row (a form's facility block)."""

    fields: list[tuple[str, str]]
    columns: int = 2


@dataclass(slots=True)
class GradeBox:
    """The overall judgement of a sheet: symbol, label, the scale's official definition."""

    scale_name: str
    symbol: str
    label: str
    definition: str
    level: int | None
    source: str = ""


@dataclass(slots=True)
class PageBreak:
    pass


@dataclass(slots=True)
class KeepTogether:
    """Blocks printed on one page if they fit on one (a small table and its chart)."""

    blocks: list[Block]


@dataclass(slots=True)
class Form:
    """Blocks of a fixed form (Paragraph, FieldGrid, GradeBox, Table) drawn straight onto the
    page by ``reports.form`` instead of as reportlab Tables and Paragraphs: the same look at
    a fraction of the cost, for reports that print the same form hundreds of times (点検調書)."""

    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Form:
        self.blocks.extend(blocks)
        return self


@dataclass(slots=True)
class Section:
    """A titled part of a report. Level-1 sections go in the table of contents."""

    title: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 1
    new_page: bool = False
    orientation: Orientation | None = None  # None: the report's orientation
    in_toc: bool = True

    def add(self, *blocks: Block) -> Section:
        self.blocks.extend(blocks)
        return self


Block = (Paragraph | KeyFigures | Table | Figure | PhotoGrid | FieldGrid | GradeBox | PageBreak
         | KeepTogether | Section | Form)


@dataclass(slots=True)
class Report:
    """A whole document: what the renderer needs besides the blocks is here."""

    title: str
    organisation: str  # printed in the header and footer
    blocks: list[Block] = field(default_factory=list)
    orientation: Orientation = "portrait"
    toc: bool = False  # a 目次 after the first section (long reports)
    subtitle: str = ""  # e.g. the fiscal year; the organisation is printed beside it
    printed_on: dt.date = field(default_factory=dt.date.today)
    author: str = "群マネ Desktop"

    def add(self, *blocks: Block) -> Report:
        self.blocks.extend(blocks)
        return self

    def sections(self) -> list[Section]:
        return [b for b in self.blocks if isinstance(b, Section)]
