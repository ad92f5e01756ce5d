"""The one renderer: a content.Report to an A4 PDF (portrait, landscape or both).

Every page gets the same header (report title, organisation) and footer (organisation,
print date in 和暦 and 西暦, "page x / y"). The page total is only known at the end, so
every page draws a form XObject that is filled in on save: one layout pass, and PDF
bookmarks stay right; only reports with a table of contents pay for multiBuild's second
pass. Long tables come from ``tables.PagedTable``. All text is in the bundled font.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Image as RLImage
from reportlab.platypus import PageBreak as RLPageBreak
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable
from reportlab.platypus.tableofcontents import TableOfContents

from ..core.wareki import format_date
from . import content as c
from .charts import INK, bar_chart, chart_height, level_colour, point_map
from .fonts import BOLD, REGULAR, register_fonts, text_width
from .form import FormLayout
from .tables import CELL_PAD, HEADER_FILL, RULE, PagedTable, fit_lines, prepare_table

PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 14 * mm
MARGIN_TOP = 17 * mm
MARGIN_BOTTOM = 14 * mm
# Tables default to Helvetica for cells holding plain strings or nothing; name ours so
# no base-14 font ever lands in the file.
BASE_FONT = ("FONT", (0, 0), (-1, -1), REGULAR, 9)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=14.5, textColor=INK,
                          wordWrap="CJK", spaceAfter=4)
    return {
        "body": base,
        "lead": ParagraphStyle("lead", parent=base, fontSize=11, leading=17.5, spaceAfter=6),
        "note": ParagraphStyle("note", parent=base, fontSize=7.5, leading=10.5,
                               textColor=colors.HexColor("#555555"), spaceAfter=4),
        "heading": ParagraphStyle("heading", parent=base, fontName=BOLD, fontSize=10.5,
                                  leading=15, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "h1": ParagraphStyle("h1", parent=base, fontName=BOLD, fontSize=14, leading=19,
                             spaceBefore=4, spaceAfter=7, textColor=colors.HexColor("#1f3b5a")),
        "h2": ParagraphStyle("h2", parent=base, fontName=BOLD, fontSize=11.5, leading=16,
                             spaceBefore=8, spaceAfter=4, textColor=colors.HexColor("#1f3b5a")),
        "title": ParagraphStyle("title", parent=base, fontName=BOLD, fontSize=18, leading=24,
                                spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10.5, leading=15,
                                   textColor=colors.HexColor("#444444"), spaceAfter=10),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.5, spaceAfter=0),
        "caption": ParagraphStyle("caption", parent=base, fontSize=7.5, leading=10,
                                  alignment=TA_CENTER, spaceAfter=0),
        "kf_value": ParagraphStyle("kf_value", parent=base, fontName=BOLD, fontSize=16,
                                   leading=20, alignment=TA_CENTER, spaceAfter=0),
        "kf_label": ParagraphStyle("kf_label", parent=base, fontSize=8, leading=10.5,
                                   alignment=TA_CENTER, spaceAfter=0),
    }


class _TextLine(Flowable):
    """One line of text in a paragraph style: what a heading or a short note needs, at a
    fraction of a Paragraph's layout cost (a 500-sheet print has thousands of them)."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__()
        self.text, self.style = text, style
        self.spaceBefore, self.spaceAfter = style.spaceBefore, style.spaceAfter
        self.keepWithNext = getattr(style, "keepWithNext", 0)

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.style.leading
        return avail_width, self.height

    def draw(self) -> None:
        canv = self.canv
        canv.setFont(self.style.fontName, self.style.fontSize)
        canv.setFillColor(self.style.textColor)
        y = (self.style.leading - self.style.fontSize) / 2 + self.style.fontSize * 0.12
        if self.style.alignment == TA_CENTER:
            canv.drawCentredString(self.width / 2, y, self.text)
        else:
            canv.drawString(0, y, self.text)


# -- page furniture ----------------------------------------------------------------------
def _numbered_canvas(pages_out: list[int]) -> type[Canvas]:
    """A canvas class that prints "page x / y" in one pass: each page refers to a form
    holding the total, and the form is written when the total is known (on save)."""

    class NumberedCanvas(Canvas):
        def showPage(self) -> None:
            w, _h = self._pagesize
            y = MARGIN_BOTTOM - 9 * mm
            self.saveState()
            self.setFont(REGULAR, 7.5)
            self.setFillColor(INK)
            self.drawRightString(w / 2 - 3, y, f"{self._pageNumber}")
            self.drawCentredString(w / 2, y, "/")
            self.translate(w / 2 + 3, y)
            self.doForm("page_total")
            self.restoreState()
            super().showPage()

        def save(self) -> None:
            total = self._pageNumber - 1
            pages_out[:] = [total]
            self.beginForm("page_total", lowerx=0, lowery=-3, upperx=40, uppery=10)
            self.setFont(REGULAR, 7.5)
            self.setFillColor(INK)
            self.drawString(0, 0, f"{total}")
            self.endForm()
            super().save()

    return NumberedCanvas


def _furniture(report: c.Report, printed: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    """The header and footer drawer; texts are fitted once per page width, not per page."""
    fitted: dict[float, tuple[str, str, str]] = {}
    title = report.title + (f"  {report.subtitle}" if report.subtitle else "")

    def on_page(canv: Canvas, doc: BaseDocTemplate) -> None:
        w, h = canv._pagesize
        if w not in fitted:
            fitted[w] = (fit_lines(title, w * 0.62, 8.5, 1, BOLD),
                         fit_lines(report.organisation, w * 0.3, 8, 1),
                         fit_lines(report.organisation, w * 0.3, 7.5, 1))
        head, org_head, org_foot = fitted[w]
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        y = h - MARGIN_TOP + 4 * mm
        fy = MARGIN_BOTTOM - 5 * mm
        canv.lines([(MARGIN_X, y, w - MARGIN_X, y),
                    (MARGIN_X, fy + 3.5 * mm, w - MARGIN_X, fy + 3.5 * mm)])
        canv.setFillColor(INK)
        canv.setFont(BOLD, 8.5)
        canv.drawString(MARGIN_X, y + 2.2 * mm, head)
        canv.setFont(REGULAR, 8)
        canv.drawRightString(w - MARGIN_X, y + 2.2 * mm, org_head)
        canv.setFont(REGULAR, 7.5)
        canv.drawString(MARGIN_X, MARGIN_BOTTOM - 9 * mm, org_foot)
        canv.drawRightString(w - MARGIN_X, MARGIN_BOTTOM - 9 * mm, f"印刷日 {printed}")
        canv.restoreState()
    return on_page


class ReportCancelled(Exception):
    """The user cancelled a report while it was being drawn; nothing usable was written."""


class _Doc(BaseDocTemplate):
    """Collects level-1/2 headings for the table of contents and the PDF outline, and
    reports each finished page to the caller (progress, cancel)."""

    progress: Callable[[int], None] | None = None
    cancel: Callable[[], bool] | None = None

    def afterPage(self) -> None:
        if self.cancel is not None and self.cancel():
            raise ReportCancelled("帳票の作成を中止しました (report cancelled)")
        if self.progress is not None:
            self.progress(self.page)

    def afterFlowable(self, flowable: Flowable) -> None:
        entry = getattr(flowable, "_toc_entry", None)
        if entry is None:
            return
        level, text, key = entry
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level=level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))


# -- blocks to flowables -----------------------------------------------------------------
class _Renderer:
    def __init__(self, report: c.Report) -> None:
        self.report = report
        self.styles = _styles()
        self.orientation = report.orientation
        self._keys = 0

    @property
    def frame_width(self) -> float:
        size = PORTRAIT if self.orientation == "portrait" else LANDSCAPE
        return size[0] - 2 * MARGIN_X

    @property
    def frame_height(self) -> float:
        size = PORTRAIT if self.orientation == "portrait" else LANDSCAPE
        return size[1] - MARGIN_TOP - MARGIN_BOTTOM

    def para(self, text: str, style: str, width: float | None = None) -> Flowable:
        """Text in a style; ``width`` is the room it gets (a table cell), the frame by default."""
        st = self.styles[style]
        room = (width or self.frame_width) - st.leftIndent - st.rightIndent - 1
        if "\n" not in text and text_width(text, st.fontSize, st.fontName) <= room:
            return _TextLine(text, st)
        return RLParagraph(escape(text).replace("\n", "<br/>"), st)

    def heading(self, text: str, level: int, in_toc: bool) -> Flowable:
        p = self.para(text, "h1" if level <= 1 else "h2")
        if in_toc and level <= 2:
            self._keys += 1
            p._toc_entry = (level - 1, text, f"sec{self._keys}")  # type: ignore[attr-defined]
        return p

    def flowables(self, blocks: list[c.Block], *, first: bool = False) -> Iterator[Flowable]:
        for i, block in enumerate(blocks):
            yield from self.block(block, first=first and i == 0)

    def block(self, b: c.Block, *, first: bool = False) -> Iterator[Flowable]:
        if isinstance(b, c.Section):
            if b.orientation and b.orientation != self.orientation:
                self.orientation = b.orientation
                yield NextPageTemplate(b.orientation)
                if not first:
                    yield RLPageBreak()
            elif b.new_page and not first:
                yield RLPageBreak()
            yield self.heading(b.title, b.level, b.in_toc)
            yield from self.flowables(b.blocks)
        elif isinstance(b, c.Paragraph):
            yield self.para(b.text, b.style)
        elif isinstance(b, c.Table):
            yield from self.table(b)
        elif isinstance(b, c.Figure):
            yield self.figure(b)
        elif isinstance(b, c.KeyFigures):
            yield self.key_figures(b)
        elif isinstance(b, c.PhotoGrid):
            yield from self.photos(b)
        elif isinstance(b, c.FieldGrid):
            yield self.field_grid(b)
        elif isinstance(b, c.GradeBox):
            yield self.grade_box(b)
        elif isinstance(b, c.Form):
            yield from FormLayout(self.styles, self.frame_width).flowables(b)
        elif isinstance(b, c.PageBreak):
            yield RLPageBreak()
        elif isinstance(b, c.KeepTogether):
            # Nested KeepTogethers report a huge height to force a split, which would push
            # every group to a page of its own: flatten them into the outer one.
            items: list[Flowable] = []
            for f in self.flowables(b.blocks):
                items.extend(f._content if isinstance(f, KeepTogether) else [f])
            yield KeepTogether(items)
        else:  # pragma: no cover - a builder bug
            raise TypeError(f"unknown report block {type(b).__name__}")

    def table(self, t: c.Table) -> Iterator[Flowable]:
        if t.caption:
            yield self.para(t.caption, "heading")
        prepared = prepare_table(t, self.frame_width)
        yield PagedTable(prepared)
        yield Spacer(1, 5)

    def figure(self, f: c.Figure) -> Flowable:
        width = self.frame_width * f.width_share
        if isinstance(f.chart, c.PointMap):
            height = f.height_mm * mm if f.height_mm else min(width * 0.8, self.frame_height * 0.7)
            drawing = point_map(f.chart, width, height)
        else:
            height = f.height_mm * mm if f.height_mm else chart_height(f.chart)
            drawing = bar_chart(f.chart, width, min(height, self.frame_height - 40))
        drawing.hAlign = "LEFT"
        parts: list[Flowable] = [drawing]
        if f.caption:
            parts.append(self.para(f.caption, "note"))
        parts.append(Spacer(1, 6))
        return KeepTogether(parts)

    def key_figures(self, k: c.KeyFigures) -> Flowable:
        n = len(k.items)
        width = self.frame_width / max(n, 1)
        room = width - 8 - 12
        cells = [[self.para(item.value, "kf_value", room), self.para(item.label, "kf_label", room)]
                 + ([self.para(item.note, "kf_label", room)] if item.note else [])
                 for item in k.items]
        inner = [[RLTable([[p] for p in cell], colWidths=[width - 8], style=[BASE_FONT])]
                 for cell in cells]
        cmds: list[tuple[Any, ...]] = [
            ("BOX", (i, 0), (i, 0), 0.8, RULE) for i in range(n)]
        for i, item in enumerate(k.items):
            fill = level_colour(item.level) if item.level is not None else "#eef3f8"
            cmds.append(("BACKGROUND", (i, 0), (i, 0), colors.HexColor(fill)))
        cmds += [BASE_FONT, ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 5),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
        table = RLTable([[cell[0] for cell in inner]], colWidths=[width] * n, style=TableStyle(cmds))
        return KeepTogether([table, Spacer(1, 8)])

    def field_grid(self, g: c.FieldGrid) -> Flowable:
        # Plain strings fitted with fit_lines, not Paragraphs: a 500-sheet print has 14,000
        # of these cells and Paragraph layout was most of its time.
        per_row = g.columns
        label_w = 24 * mm
        value_w = self.frame_width / per_row - label_w
        size = 8
        rows = []
        for start in range(0, len(g.fields), per_row):
            row: list[Any] = []
            for label, value in g.fields[start:start + per_row]:
                row += [fit_lines(label, label_w - 2 * CELL_PAD - 1, size, 2),
                        fit_lines(value or "―", value_w - 2 * CELL_PAD - 1, size, 3)]
            row += ["", ""] * (per_row - len(g.fields[start:start + per_row]))
            rows.append(row)
        cmds: list[tuple[Any, ...]] = [("FONT", (0, 0), (-1, -1), REGULAR, size, size * 1.3),
                                       ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                                       ("GRID", (0, 0), (-1, -1), 0.4, RULE),
                                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                       ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                                       ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD + 1),
                                       ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD)]
        for k in range(per_row):
            cmds.append(("BACKGROUND", (2 * k, 0), (2 * k, -1), HEADER_FILL))
        return RLTable(rows, colWidths=[label_w, value_w] * per_row, style=TableStyle(cmds),
                       hAlign="LEFT", spaceAfter=6)

    def grade_box(self, g: c.GradeBox) -> Flowable:
        room = self.frame_width - 30 * mm - 12
        text = [self.para(f"{g.scale_name}: {g.symbol} {g.label}", "heading", room),
                self.para(g.definition, "body", room)]
        if g.source:
            text.append(self.para(f"定義の出典: {g.source}", "note", room))
        fill = level_colour(g.level)
        cmds = [BASE_FONT, ("BOX", (0, 0), (-1, -1), 0.8, RULE), ("LINEAFTER", (0, 0), (0, 0), 0.8, RULE),
                ("BACKGROUND", (0, 0), (0, 0), colors.HexColor(fill)),
                ("FONT", (0, 0), (0, 0), BOLD, 26, 30), ("ALIGN", (0, 0), (0, 0), "CENTER"),
                ("TEXTCOLOR", (0, 0), (0, 0), colors.white if (g.level or 0) >= 3 else INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        symbol = fit_lines(g.symbol, 30 * mm - 8, 26, 1, BOLD)
        return RLTable([[symbol, text]], colWidths=[30 * mm, self.frame_width - 30 * mm],
                       style=TableStyle(cmds), hAlign="LEFT", spaceAfter=8)

    def photos(self, g: c.PhotoGrid) -> Iterator[Flowable]:
        if not g.photos:
            yield self.para(g.empty_text, "note")
            return
        col_w = self.frame_width / g.columns
        img_w, img_h = col_w - 8 * mm, min((col_w - 8 * mm) * 0.75, 70 * mm)
        cells = []
        for photo in g.photos:
            try:
                reader = ImageReader(io.BytesIO(photo.data))
                iw, ih = reader.getSize()
                s = min(img_w / iw, img_h / ih)
                image: Flowable = RLImage(io.BytesIO(photo.data), width=iw * s, height=ih * s)
            except Exception:  # a damaged photo must not stop the whole print
                image = self.para("(画像を読み込めません)", "note", col_w - 12)
            cells.append([image, self.para(photo.caption, "caption", col_w - 12)])
        for start in range(0, len(cells), g.columns):
            row = cells[start:start + g.columns]
            row += [["", ""]] * (g.columns - len(row))
            t = RLTable([[cell[0] for cell in row], [cell[1] for cell in row]],
                        colWidths=[col_w] * g.columns, rowHeights=[img_h + 4, None],
                        style=TableStyle([BASE_FONT, ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                                          ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
                                          ("BOX", (0, 0), (-1, -1), 0.4, RULE),
                                          ("INNERGRID", (0, 0), (-1, -1), 0.3, RULE)]))
            yield KeepTogether([t, Spacer(1, 5)])


def render_pdf(report: c.Report, out: Path | str | BinaryIO, *,
               progress: Callable[[int], None] | None = None,
               cancel: Callable[[], bool] | None = None) -> int:
    """Draw ``report`` as an A4 PDF into a path or binary file; returns the page count.

    ``progress`` is called with the number of each finished page; ``cancel`` is polled
    after each page and, when it returns True, stops with ReportCancelled (a partly
    written output file is removed)."""
    register_fonts()
    printed = format_date(report.printed_on, with_western=True)
    renderer = _Renderer(report)
    first_orientation = report.orientation
    story: list[Flowable] = [renderer.para(report.title, "title"),
                             renderer.para(f"{report.organisation}  {report.subtitle}".strip(),
                                           "subtitle")]
    blocks = list(report.blocks)
    if report.toc and blocks:
        # The first block (the one-page summary) comes before the table of contents.
        story += list(renderer.block(blocks[0], first=True))
        toc = TableOfContents(dotsMinLevel=0, tableStyle=TableStyle([
            BASE_FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))
        toc.levelStyles = [
            ParagraphStyle("toc1", fontName=REGULAR, fontSize=10.5, leading=16, leftIndent=8,
                           firstLineIndent=-8, wordWrap="CJK"),
            ParagraphStyle("toc2", fontName=REGULAR, fontSize=9, leading=13, leftIndent=24,
                           firstLineIndent=-8, wordWrap="CJK")]
        story += [RLPageBreak(), renderer.heading("目次", 1, in_toc=False), toc, RLPageBreak()]
        story += list(renderer.flowables(blocks[1:], first=True))
    else:
        story += list(renderer.flowables(blocks, first=True))

    on_page = _furniture(report, printed)
    templates = []
    for name, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, size[0] - 2 * MARGIN_X,
                      size[1] - MARGIN_TOP - MARGIN_BOTTOM, id=name, leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=size))
    if first_orientation == "landscape":
        templates.reverse()
    pages: list[int] = [0]
    target: Any = str(out) if isinstance(out, Path | str) else out
    doc = _Doc(target, pagesize=PORTRAIT if first_orientation == "portrait" else LANDSCAPE,
               pageTemplates=templates, title=report.title, author=report.author,
               subject=report.organisation, creator="群マネ Desktop",
               leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
               bottomMargin=MARGIN_BOTTOM,
               # Otherwise every page declares Helvetica, a font that is never embedded.
               initialFontName=REGULAR, initialFontSize=9)
    doc.progress, doc.cancel = progress, cancel
    canvasmaker = _numbered_canvas(pages)
    # Binary (Flate only) streams: ASCII85 on top makes files a quarter bigger (mail limits)
    # and was a fifth of the time of a 500-sheet print. A process-wide switch in reportlab,
    # so it is set only while this report is built.
    a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        if report.toc:
            doc.multiBuild(story, canvasmaker=canvasmaker)
        else:
            doc.build(story, canvasmaker=canvasmaker)
    except ReportCancelled:
        if isinstance(out, Path | str):
            Path(out).unlink(missing_ok=True)
        raise
    finally:
        rl_config.useA85 = a85
    return pages[0]
