"""Export: .xlsx layout, CSV encodings, and export -> edit in Excel -> import changing only the edit."""

import datetime as dt

import openpyxl
import pytest
from ledger_fixtures import GOOD_ROWS, merged_header_xlsx, register_csv

from gunmane_desktop.core.models import Measure
from gunmane_desktop.ledger.apply import apply_plan
from gunmane_desktop.ledger.errors import LedgerError
from gunmane_desktop.ledger.export import REGISTER_KEYS, export_ledger, write_error_report
from gunmane_desktop.ledger.headers import FIELDS_BY_KEY, column_field
from gunmane_desktop.ledger.preview import plan_import
from gunmane_desktop.storage.measures import MeasureRepository


@pytest.fixture
def filled(db, ctx, tmp_path):
    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx, backup=False)
    apply_plan(db, plan_import(db, merged_header_xlsx(tmp_path / "台帳.xlsx")), ctx, backup=False)
    asset_id = db.conn.execute("SELECT id FROM assets WHERE name = '一の橋'").fetchone()[0]
    MeasureRepository(db).add(ctx, Measure(ctx.new_id(), ctx.org, asset_id, "repair",
                                           description="断面修復", planned_fy=2026))
    return db


def snapshot(db):
    return {
        "assets": [tuple(r) for r in db.conn.execute("SELECT * FROM assets ORDER BY seq")],
        "inspections": [tuple(r) for r in db.conn.execute("SELECT * FROM inspections ORDER BY seq")],
        "measures": [tuple(r) for r in db.conn.execute("SELECT * FROM measures ORDER BY seq")],
        "audit": db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0],
    }


def test_every_register_header_imports_as_its_own_field():
    for key in REGISTER_KEYS:
        assert column_field(FIELDS_BY_KEY[key].header) == key


def test_xlsx_layout(filled, tmp_path):
    result = export_ledger(filled, tmp_path / "out.xlsx")
    assert (result.assets, result.inspections, result.measures) == (GOOD_ROWS + 3, 8, 1)
    book = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert book.sheetnames == ["施設台帳", "点検履歴", "措置"]
    ws = book["施設台帳"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]][:4] == ["施設ID", "団体コード", "施設種別", "名称"]
    assert ws.column_dimensions["D"].width >= 8
    assert ws["A2"].value == "BR0-011002-00001" and ws["K2"].value == "S45"
    assert isinstance(ws["U2"].value, dt.datetime) and ws["W2"].value == "Ⅲ"


@pytest.mark.parametrize(("suffix", "encoding"), [(".xlsx", "cp932"), (".csv", "cp932"),
                                                  (".csv", "utf-8-sig")])
def test_export_then_reimport_changes_nothing(filled, ctx, tmp_path, suffix, encoding):
    out = tmp_path / f"out{suffix}"
    export_ledger(filled, out, encoding=encoding)
    if suffix == ".csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") == (encoding == "utf-8-sig")
        assert raw.decode(encoding).startswith("施設ID,") and b"\r\n" in raw
    before = snapshot(filled)
    plan = plan_import(filled, out)
    assert plan.counts == {"new": 0, "updated": 0, "unchanged": GOOD_ROWS + 3, "failed": 0}, plan.errors
    apply_plan(filled, plan, ctx)
    assert snapshot(filled) == before


def test_edit_in_excel_changes_exactly_the_edited_cells(filled, ctx, tmp_path):
    # Given an export edited in Excel: one width, one built year, one grade
    out = tmp_path / "out.xlsx"
    export_ledger(filled, out)
    book = openpyxl.load_workbook(out)
    ws = book["施設台帳"]
    headers = [c.value for c in ws[1]]
    rows = {ws.cell(r, 4).value: r for r in range(2, ws.max_row + 1)}
    ws.cell(rows["二の橋"], headers.index("幅員 (m)") + 1).value = 4.5
    ws.cell(rows["六の橋"], headers.index("架設年") + 1).value = "S46"
    ws.cell(rows["桜橋"], headers.index("判定区分") + 1).value = "Ⅲ"
    book.save(out)
    before = {r["name"]: dict(r) for r in filled.conn.execute("SELECT * FROM assets")}
    # When it is imported
    plan = plan_import(filled, out)
    assert plan.counts == {"new": 0, "updated": 3, "unchanged": GOOD_ROWS, "failed": 1}
    # The history sheet still says Ⅱ for that inspection: reported, never silently picked
    [error] = plan.errors
    assert (error.sheet, error.value) == ("点検履歴", "Ⅱ") and "施設台帳" in error.reason
    apply_plan(filled, plan, ctx)
    after = {r["name"]: dict(r) for r in filled.conn.execute("SELECT * FROM assets")}
    stamp_cols = {"vv", "hlc", "modified_at", "modified_by"}
    diffs = {name: {k for k in after[name] if after[name][k] != before[name][k]} - stamp_cols
             for name in after}
    # Then exactly the edited cells changed (the grade edit is a correcting inspection)
    assert {n: d for n, d in diffs.items() if d} == {"二の橋": {"width_m"},
                                                     "六の橋": {"built_year", "built_year_text"}}
    assert after["六の橋"]["built_year"] == 1971
    corrections = "SELECT count(*) FROM inspections WHERE supersedes IS NOT NULL"
    assert filled.conn.execute(corrections).fetchone()[0] == 1
    assert plan_import(filled, out).counts == {"new": 0, "updated": 0, "unchanged": GOOD_ROWS + 3,
                                               "failed": 1}


def test_filters_and_cp932_limits(filled, ctx, tmp_path):
    result = export_ledger(filled, tmp_path / "road.csv", sector="road")
    assert result.assets == GOOD_ROWS + 3
    assert export_ledger(filled, tmp_path / "park.csv", sector="park").assets == 0
    assert export_ledger(filled, tmp_path / "other.csv", org="131016").assets == 0
    filled.conn.execute("UPDATE assets SET name = '𠮷野橋' WHERE name = '一の橋'")
    with pytest.raises(LedgerError, match="CP932"):
        export_ledger(filled, tmp_path / "x.csv")
    assert export_ledger(filled, tmp_path / "x.csv", encoding="utf-8-sig").assets == GOOD_ROWS + 3


def test_error_report_saves_as_xlsx(db, tmp_path):
    from ledger_fixtures import BROKEN_ROWS

    plan = plan_import(db, register_csv(tmp_path / "橋梁台帳.csv", extra=BROKEN_ROWS))
    report = write_error_report(plan.errors, tmp_path / "errors.xlsx")
    ws = openpyxl.load_workbook(report).active
    assert [c.value for c in ws[1]] == ["ファイル", "シート", "行", "列", "値", "理由"]
    assert ws.max_row == 1 + len(plan.errors)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_plan_table_layout_in_wareki_and_it_imports_back_unchanged(filled, tmp_path, suffix):
    out = tmp_path / f"計画{suffix}"
    result = export_ledger(filled, out, layout="plan")
    assert result.assets == GOOD_ROWS + 3
    if suffix == ".xlsx":
        ws = openpyxl.load_workbook(out)["個別施設計画"]
        rows = [[c.value for c in row] for row in ws.iter_rows()]
    else:
        import csv
        import io

        rows = list(csv.reader(io.StringIO(out.read_bytes().decode("cp932"))))
    header = rows[0]
    one = dict(zip(header, rows[1], strict=True))
    assert header[:3] == ["整理番号", "施設ID", "名称"] and header[-1] == "概算事業費 (千円)"
    assert one["名称"] == "一の橋" and one["架設年度"] == "S45" and one["前回点検年度"] == "令和5年度"
    assert one["健全性"] == "Ⅲ" and one["次回点検年度"] == "令和10年度"
    assert one["対策内容"] == "断面修復" and one["対策時期"] == "令和8年度"
    plan = plan_import(filled, out)
    assert plan.counts == {"new": 0, "updated": 0, "unchanged": GOOD_ROWS + 3, "failed": 0}, plan.errors
    assert {"次回点検年度", "対策内容", "対策時期"} <= set(plan.sheets[0].ignored_columns)
