"""Every report on the demo region: the numbers printed are the numbers in the database."""

import argparse
import io
import shutil
import sqlite3
from collections import Counter

import pytest
from report_helpers import (
    TODAY,
    assert_a4,
    assert_fonts_embedded_subsets,
    flat_text,
    has_sequence,
    page_lines,
    pdf_reader,
)

from gunmane_desktop.cli import report as report_cli
from gunmane_desktop.cli import run
from gunmane_desktop.reports import render_pdf
from gunmane_desktop.reports.council import build_council_pack
from gunmane_desktop.reports.inspection_sheets import build_inspection_sheets
from gunmane_desktop.reports.ledger_listing import build_ledger_listing
from gunmane_desktop.reports.region_comparison import build_region_comparison
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database

TOWN = "152986"  # 若葉市


def _pdf(report):
    buf = io.BytesIO()
    render_pdf(report, buf)
    return pdf_reader(buf.getvalue())


def _live(conn, where="", params=()):
    return conn.execute(
        "SELECT a.*, s.grade, s.scale_id, s.action_required, s.measure_state FROM assets a "
        "JOIN asset_status s ON s.asset_seq = a.seq WHERE a.deleted = 0 "
        f"AND a.status = 'in_service' {where}", params).fetchall()


@pytest.fixture(scope="module")
def council_town(db):
    return _pdf(build_council_pack(db.conn, org=TOWN, today=TODAY))


@pytest.fixture(scope="module")
def council_region(db):
    return _pdf(build_council_pack(db.conn, today=TODAY))


@pytest.mark.parametrize("which", ["council_town", "council_region"])
def test_council_grade_tables_equal_database(request, db, which):
    # Given the council pack of a town and of the whole region
    reader = request.getfixturevalue(which)
    org = TOWN if which == "council_town" else None
    where, params = ("AND a.owner = ?", (org,)) if org else ("", ())
    assets = _live(db.conn, where, params)
    lines = [ln for page in page_lines(reader) for ln in page]
    # Then the bridge row of the 健全性 table holds the database's counts per grade
    bridges = [a for a in assets if a["asset_type"] == "bridge"]
    per = {g: sum(1 for a in bridges if a["grade"] == g) for g in ("I", "II", "III", "IV", None)}
    action = per["III"] + per["IV"]
    row = ["橋梁", *(f"{per[g]:,}" for g in ("I", "II", "III", "IV", None)), f"{len(bridges):,}",
           f"{action:,}", f"{action / len(bridges):.1%}"]
    assert has_sequence(lines, row), row
    # And the summary states the totals
    text = flat_text(reader)
    assert f"施設は {len(assets):,} 件です" in text
    action_all = sum(1 for a in assets if a["action_required"])
    assert f"と判定された施設は {action_all:,} 件" in text
    started = sum(1 for a in assets
                  if a["action_required"] and a["measure_state"] in ("started", "completed"))
    assert f"そのうち {started:,} 件で補修などの措置に着手" in text
    # And the national figures are labelled as such
    assert "参考 (全国)" in text and "75%" in text and "7.3%" in text
    assert "議会説明資料" in text and "目次" in text
    assert_a4(reader)
    assert_fonts_embedded_subsets(reader)


def test_council_pavement_and_sewer_tables_equal_database(db, council_town):
    lines = [ln for page in page_lines(council_town) for ln in page]
    for type_id, name, codes in (("pavement", "舗装区間", ("I", "II", "III-1", "III-2")),
                                 ("sewer", "下水道管渠スパン", ("none", "III", "II", "I"))):
        rows = _live(db.conn, "AND a.owner = ? AND a.asset_type = ?", (TOWN, type_id))
        counts = [sum(1 for a in rows if a["grade"] == g) for g in codes]
        uninspected = sum(1 for a in rows if a["grade"] is None)
        assert has_sequence(lines, [name, *(f"{n:,}" for n in counts), f"{uninspected:,}",
                                    f"{len(rows):,}"]), name


def test_council_sections_and_pages(council_region):
    lines = page_lines(council_region)
    assert "要点 (議員の皆様へ)" in lines[0]  # the plain-language summary comes first
    assert len(lines) <= 14
    text = flat_text(council_region)
    for heading in ("1. 管理している施設", "2. 点検結果", "3. 老朽化の見通し", "4. 点検の実施状況",
                    "5. 措置が必要な施設への対応", "6. 早急に対応が必要な施設", "7. 措置が必要な施設の位置"):
        assert heading in text


def test_ledger_lists_every_asset_of_the_filter(db):
    # Given the register listing of one town's sewer spans
    reader = _pdf(build_ledger_listing(db.conn, org=TOWN, sector="sewer", today=TODAY))
    rows = _live(db.conn, "AND a.owner = ? AND a.asset_type IN "
                          "(SELECT id FROM asset_types WHERE sector_id = 'sewer')", (TOWN,))
    text = flat_text(reader)
    # Then the total and every asset is printed: numbered 1..n, each name as often as stored
    assert f"全 {len(rows):,} 件" in text
    lines = [ln for page in page_lines(reader) for ln in page]
    assert str(len(rows)) in lines and str(len(rows) + 1) not in lines
    names = Counter(a["name"] for a in rows)
    printed = Counter(ln for ln in lines if ln in names)
    assert printed == names
    # And the header is repeated on every page, pages are A4 landscape
    assert all("施設ID" in page for page in page_lines(reader))
    assert_a4(reader)
    assert all(float(p.mediabox.width) > float(p.mediabox.height) for p in reader.pages)
    assert_fonts_embedded_subsets(reader)


def test_ledger_grade_tally_equals_database(db):
    reader = _pdf(build_ledger_listing(db.conn, org=TOWN, today=TODAY))
    rows = _live(db.conn, "AND a.owner = ? AND a.asset_type = 'bridge'", (TOWN,))
    text = flat_text(reader)
    assert f"全 {len(_live(db.conn, 'AND a.owner = ?', (TOWN,))):,} 件" in text
    soundness = _live(db.conn, "AND a.owner = ? AND s.scale_id = 'soundness'", (TOWN,))
    assert f"Ⅰ {sum(1 for a in soundness if a['grade'] == 'I'):,}" in text
    assert rows


def test_inspection_sheets_print_members_grade_and_definition(db):
    # Given the sheets of one town for the fiscal year 2025
    reader = _pdf(build_inspection_sheets(db.conn, org=TOWN, fiscal_year=2025, today=TODAY))
    inspected = db.conn.execute(
        "SELECT a.name, t.name_ja FROM assets a JOIN asset_types t ON t.id = a.asset_type "
        "WHERE a.owner = ? AND a.deleted = 0 AND a.status = 'in_service' AND EXISTS "
        "(SELECT 1 FROM inspections i WHERE i.asset_id = a.id AND i.deleted = 0 "
        " AND i.fiscal_year = 2025)", (TOWN,)).fetchall()
    # Then each asset inspected that year has its sheet (the page header says 実施分)
    titles = sorted(ln for page in page_lines(reader) for ln in page
                    if ln.startswith("点検調書 ") and "実施分" not in ln)
    assert titles == sorted(f"点検調書 {name} ({type_name})" for name, type_name in inspected)
    assert len(titles) > 0
    text = flat_text(reader)
    assert "構造物の機能に支障が生じていない状態。" in text or "予防保全の観点から" in text
    assert_a4(reader)
    assert_fonts_embedded_subsets(reader)


def test_inspection_sheet_with_photos(region_path, tmp_path):
    # Given a copy of the region where a member of a Ⅲ bridge has a photo
    copy = tmp_path / "photos.sqlite"
    shutil.copy(region_path, copy)
    png = _png()
    with Database.open(copy) as db:
        m = db.conn.execute(
            "SELECT m.id, m.member, m.damage_type, i.asset_id, a.owner FROM inspection_members m "
            "JOIN inspections i ON i.id = m.inspection_id JOIN assets a ON a.id = i.asset_id "
            "JOIN asset_status s ON s.last_inspection_id = i.id "
            "WHERE a.asset_type = 'bridge' AND m.member_grade = 'III' LIMIT 1").fetchone()
        ctx = ChangeContext(db, m["owner"], "tester", "test")
        AttachmentStore(db).attach(ctx, m["owner"], "inspection_members", m["id"], png,
                                   "image/png", "p1.png", "起点側から撮影")
        # When its sheet is printed
        reader = _pdf(build_inspection_sheets(db.conn, asset_ids=[m["asset_id"]], today=TODAY))
    # Then a 様式2 page shows the photo with member, damage and grade in the caption
    photo_pages = [p for p in reader.pages if "様式2 損傷写真" in (p.extract_text() or "")]
    assert len(photo_pages) == 1
    text = photo_pages[0].extract_text().replace("\n", "")
    assert m["member"] in text and m["damage_type"] in text and "判定 Ⅲ" in text
    assert "起点側から撮影" in text
    assert photo_pages[0]["/Resources"]["/XObject"]


def _png() -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 120, 60)).save(buf, "PNG")
    return buf.getvalue()


def test_region_comparison_rows_equal_database(db):
    reader = _pdf(build_region_comparison(db.conn, today=TODAY))
    lines = [ln for page in page_lines(reader) for ln in page]
    for code, name in db.conn.execute("SELECT code, name FROM organisations WHERE kind IN "
                                      "('prefecture', 'municipality')"):
        assets = _live(db.conn, "AND a.owner = ?", (code,))
        bridges = sum(1 for a in assets if a["asset_type"] == "bridge")
        action = sum(1 for a in assets if a["action_required"])
        assert has_sequence(lines, [name, f"{len(assets):,}", f"{bridges:,}", f"{action:,}",
                                    f"{action / len(assets):.1%}"]), name
    total = _live(db.conn)
    assert has_sequence(lines, ["地域計", f"{len(total):,}"])
    assert "全国 令和6年度 (参考)" in flat_text(reader)
    assert_a4(reader)
    assert_fonts_embedded_subsets(reader)


def _parser():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    report_cli.add_commands(sub)
    return parser


def test_cli_writes_each_report(region_path, tmp_path):
    for kind, extra in (("council", ["--org", TOWN]), ("ledger", ["--sector", "下水道"]),
                        ("inspection-sheets", ["--org", TOWN, "--fiscal-year", "2025"]),
                        ("region", [])):
        out = tmp_path / f"{kind}.pdf"
        args = _parser().parse_args(["report", kind, str(region_path), str(out), *extra])
        assert run(args) == 0
        reader = pdf_reader(out.read_bytes())
        assert len(reader.pages) >= 1
        assert_a4(reader)


@pytest.mark.parametrize("argv, message", [
    (["report", "council", "DB", "OUT.pdf", "--org", "999999"], "999999"),
    (["report", "ledger", "DB", "OUT.pdf", "--sector", "宇宙"], "--sector"),
    (["report", "ledger", "DB", "OUT.txt"], ".pdf"),
    (["report", "council", "DB", "OUT.pdf", "--org", "8110001087654"], "施設を管理していません"),
    (["report", "region", "DB", "OUT.pdf", "--org", TOWN], "--org"),
])
def test_cli_refuses_with_exit_2(region_path, tmp_path, capsys, argv, message):
    argv = [str(region_path) if a == "DB" else str(tmp_path / a) if a.startswith("OUT") else a
            for a in argv]
    assert run(_parser().parse_args(argv)) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_reports_read_only(region_path):
    # Reports never write to the file: the read-only open would refuse it.
    before = region_path.read_bytes()
    conn = sqlite3.connect(f"{region_path.as_uri()}?mode=ro", uri=True)
    conn.close()
    assert region_path.read_bytes() == before


def test_due_by_owner_equals_dashboard_figures(db):
    # The region report's grouped query gives each town the dashboard's current-year row.
    from gunmane_desktop.reports.queries import due_this_year_by_owner
    from gunmane_desktop.storage import analytics
    from gunmane_desktop.storage.analytics import Scope
    grouped = due_this_year_by_owner(db.conn, Scope(), 2026)
    for (code,) in db.conn.execute("SELECT DISTINCT owner FROM assets"):
        row = {d.fiscal_year: d for d in analytics.inspections_due(db.conn, Scope(org=code),
                                                                   today=TODAY)}[2026]
        assert grouped.get(code, (0, 0, 0)) == (row.done, row.pending, row.overdue)
