"""Forms drawn straight onto the page (reports.form): the 点検調書's 様式1 without Platypus tables.

They must print every string once, fitted as the renderer's tables fit them, break long
tables between rows with the header repeated, and never leave a heading alone at the foot
of a page.
"""

import io
import re

import pytest
from report_helpers import TODAY, assert_a4, assert_fonts_embedded_subsets, page_lines, pdf_reader

from gunmane_desktop.reports import content as c
from gunmane_desktop.reports import render_pdf
from gunmane_desktop.reports.fonts import register_fonts, text_width
from gunmane_desktop.reports.form import fit
from gunmane_desktop.reports.inspection_sheets import build_inspection_sheets
from gunmane_desktop.reports.tables import fit_lines

GRADE_DEFINITION = "構造物の機能に支障が生じていないが、予防保全の観点から措置を講ずることが望ましい状態。"


def _render(*blocks: c.Block) -> list[list[str]]:
    report = c.Report("点検調書", "若葉市", printed_on=TODAY)
    report.add(c.Section("点検調書 上畑橋 (橋梁)", [c.Form(list(blocks))], in_toc=False))
    buf = io.BytesIO()
    pages = render_pdf(report, buf)
    reader = pdf_reader(buf.getvalue())
    assert pages == len(reader.pages)
    assert_a4(reader)
    assert_fonts_embedded_subsets(reader)
    return page_lines(reader)


@pytest.mark.parametrize("text", [
    "稲穂町大字上畑340番地ながいながい住所のテスト" * 3,
    "PC橋・プレテンション床版橋 (2径間) 支承部に腐食、軽微な損傷あり。予防保全の観点から措置が望ましい。",
    "R8.10.2 (2026-10-02)",
    "短い",
    "",
])
@pytest.mark.parametrize("room, lines", [(40, 2), (80, 3), (200, 1)])
def test_fit_wraps_and_cuts_like_the_renderers_tables(text, room, lines):
    register_fonts()
    fitted = fit(text, room, 8, lines)
    assert fitted == tuple(fit_lines(text, room, 8, lines).split("\n"))
    assert all(text_width(line, 8) <= room for line in fitted if len(line) > 1)


def test_a_form_prints_its_grids_grade_box_and_tables():
    # Given a form with a field grid, the grade box, a captioned table and a heading
    lines = _render(
        c.Paragraph("様式1 施設の諸元と総括", "heading"),
        c.FieldGrid([("名称", "上畑橋 (かみはたばし)"), ("施設ID", "BRO-152986-00001"),
                     ("所在地", "若葉市上畑340番地"), ("次回点検", "R11 (2029)"), ("区分", "")]),
        c.GradeBox("健全性", "Ⅱ", "予防保全段階", GRADE_DEFINITION, 1, "道路法施行規則"),
        c.Table([c.Column("点検日", 2.2), c.Column("判定", 1, "center"), c.Column("所見", 4)],
                [["R7.1.28 (2025-01-28)", "Ⅱ", "伸縮装置に漏水・滞水。"],
                 ["R2.1.26 (2020-01-26)", "Ⅳ", "主桁に亀裂。"]],
                caption="点検の履歴 (新しい順)", levels={(0, 1): 1, (1, 1): 3}),
        c.Paragraph("所見", "heading"), c.Paragraph("伸縮装置に漏水・滞水。軽微な損傷あり。"))
    # Then every label, value and cell is on the page, in reading order, once
    page = lines[0]
    for text in ["様式1 施設の諸元と総括", "名称", "上畑橋 (かみはたばし)", "BRO-152986-00001",
                 "次回点検", "R11 (2029)", "健全性: Ⅱ 予防保全段階", "定義の出典: 道路法施行規則",
                 "点検の履歴 (新しい順)", "点検日", "R7.1.28 (2025-01-28)", "主桁に亀裂。", "所見",
                 "伸縮装置に漏水・滞水。軽微な損傷あり。"]:
        assert sum(text in line for line in page) >= 1, text
    assert page.index("点検の履歴 (新しい順)") < page.index("点検日") < page.index("R7.1.28 (2025-01-28)")
    assert "―" in page  # an empty value is printed as a dash, as the renderer's field grids do
    assert GRADE_DEFINITION in "".join(page)


def test_a_long_table_breaks_between_rows_with_its_header_on_every_page():
    # Given a form whose member table is longer than a page
    rows = [[str(i + 1), f"主桁{i + 1:03d}", "腐食", "c"] for i in range(150)]
    lines = _render(c.Paragraph("様式1 施設の諸元と総括", "heading"),
                    c.Table([c.Column("No.", 0.7, "right"), c.Column("部材", 2.2),
                             c.Column("損傷の種類", 2.6), c.Column("損傷程度", 1.2, "center")],
                            rows, caption="部材ごとの診断"))
    # Then the rows run on over several pages, each row printed once and in order
    assert len(lines) >= 3
    members = [ln for page in lines for ln in page if ln.startswith("主桁")]
    assert members == [f"主桁{i + 1:03d}" for i in range(150)]
    # and every page of the table starts with its header row; the caption stays on page 1
    for page in lines:
        assert "損傷の種類" in page
    assert sum("部材ごとの診断" in ln for page in lines for ln in page) == 1


@pytest.mark.parametrize("filler", range(32, 39))
def test_a_heading_is_never_left_alone_at_the_foot_of_a_page(filler):
    # Given a form filled to somewhere near the foot of the page, then 所見 and its text
    fillers = [c.Paragraph(f"行{k:02d}", "body") for k in range(filler)]
    lines = _render(*fillers, c.Paragraph("所見", "heading"),
                    c.Paragraph("主桁に腐食。予防保全の観点から措置が望ましい。"))
    # Then the heading is on the page where its text begins
    heading = next(k for k, page in enumerate(lines) if "所見" in page)
    body = next(k for k, page in enumerate(lines) if any(ln.startswith("主桁に腐食") for ln in page))
    assert heading == body
    printed = [ln for page in lines for ln in page if ln.startswith("行")]
    assert printed == [f"行{k:02d}" for k in range(filler)]


def test_sheet_dates_stay_on_one_line(db):
    # Given the sheets of assets with measures begun and finished (the longest dates)
    ids = [r[0] for r in db.conn.execute(
        "SELECT DISTINCT asset_id FROM measures WHERE deleted = 0 AND completed_on IS NOT NULL "
        "ORDER BY asset_id LIMIT 40")]
    assert ids
    buf = io.BytesIO()
    render_pdf(build_inspection_sheets(db.conn, asset_ids=ids, today=TODAY), buf)
    # Then no 和暦 (西暦) date of the history or measures tables is broken over two lines
    lines = [ln for page in page_lines(pdf_reader(buf.getvalue())) for ln in page]
    dates = [ln for ln in lines if re.fullmatch(r"[MTSHR]\d+\.\d+\.\d+ \(\d{4}-\d\d-\d\d\)", ln)]
    broken = [ln for ln in lines if re.search(r"\(\d{4}(-\d\d)?-?$", ln)]
    assert len(dates) >= len(ids) and broken == []
