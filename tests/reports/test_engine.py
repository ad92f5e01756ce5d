"""The renderer: A4 pages, embedded font subsets, page x / y, TOC, long tables, cell fitting."""

import io

import pytest
from report_helpers import (
    TODAY,
    assert_a4,
    assert_fonts_embedded_subsets,
    flat_text,
    page_lines,
    pdf_reader,
)

from gunmane_desktop.reports import ReportCancelled, render_pdf
from gunmane_desktop.reports import content as c
from gunmane_desktop.reports.fonts import text_width
from gunmane_desktop.reports.tables import fit_lines


def _render(report: c.Report) -> tuple[int, bytes]:
    buf = io.BytesIO()
    pages = render_pdf(report, buf)
    return pages, buf.getvalue()


def test_long_table_repeats_header_and_numbers_pages():
    # Given a 1,000-row table in a landscape report
    rows = [[str(i), f"施設{i}号橋", "稲穂町大字上畑340番地"] for i in range(1000)]
    report = c.Report("施設台帳", "若葉市", orientation="landscape", printed_on=TODAY)
    report.add(c.Table([c.Column("No.", 1, "right"), c.Column("名称", 3), c.Column("所在地", 4)], rows))
    # When it is rendered
    pages, data = _render(report)
    reader = pdf_reader(data)
    # Then every row is printed once, the header is on every page, and pages say x / y
    assert pages == len(reader.pages) > 10
    lines = page_lines(reader)
    assert all("名称" in page for page in lines)
    names = [ln for page in lines for ln in page if ln.startswith("施設") and ln.endswith("号橋")]
    assert names == [f"施設{i}号橋" for i in range(1000)]
    for k, page in enumerate(lines, start=1):
        assert has_total(page, k, pages)
    assert "印刷日 令和8年11月24日 (2026-11-24)" in flat_text(reader)
    assert_a4(reader)
    for page in reader.pages:
        assert float(page.mediabox.width) > float(page.mediabox.height)
    assert_fonts_embedded_subsets(reader)


def has_total(lines: list[str], k: int, total: int) -> bool:
    text = " ".join(lines)
    return f"{k} / {total}" in text or f"{k} /{total}" in text or (
        str(k) in lines and "/" in lines and str(total) in lines)


def test_toc_lists_sections_with_pages():
    report = c.Report("議会説明資料", "雪峰村", toc=True, printed_on=TODAY)
    report.add(c.Section("要点", [c.Paragraph("概要です。", "lead")]))
    for k in range(1, 4):
        report.add(c.Section(f"{k}. 第{k}章", [c.Paragraph("本文。" * 400)], new_page=True))
    _pages, data = _render(report)
    reader = pdf_reader(data)
    toc_page = page_lines(reader)[1]
    assert "目次" in toc_page
    assert any("1. 第1章" in ln for ln in toc_page)
    assert_fonts_embedded_subsets(reader)


def test_fit_lines_never_overflows():
    text = "稲穂町大字上畑340番地ながいながい住所のテスト" * 3
    fitted = fit_lines(text, 80, 8, 2)
    lines = fitted.split("\n")
    assert len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(ln, 8) <= 80 for ln in lines)
    assert fit_lines("短い", 80, 8, 2) == "短い"


def test_empty_chart_says_so():
    report = c.Report("図", "若葉市", printed_on=TODAY)
    report.add(c.Figure(c.BarChart("空の図", [], [])))
    _pages, data = _render(report)
    assert "データがありません" in flat_text(pdf_reader(data))


def test_progress_and_cancel(tmp_path):
    rows = [[str(i), f"施設{i}"] for i in range(600)]
    report = c.Report("施設台帳", "若葉市", printed_on=TODAY)
    report.add(c.Table([c.Column("No.", 1), c.Column("名称", 3)], rows))
    seen: list[int] = []
    pages = render_pdf(report, tmp_path / "ok.pdf", progress=seen.append)
    assert seen == list(range(1, pages + 1))
    out = tmp_path / "cancelled.pdf"
    with pytest.raises(ReportCancelled):
        render_pdf(report, out, cancel=lambda: True)
    assert not out.exists()
