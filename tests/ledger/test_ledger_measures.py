"""Measures (措置) from ledgers: export -> edit -> import, national database codes, row errors."""

import hashlib
import json
import shutil

import openpyxl
import pytest
from ledger_fixtures import national_db_measures_xlsx, register_csv

from gunmane_desktop.core.models import Measure
from gunmane_desktop.demo import generate_region
from gunmane_desktop.ledger.apply import apply_plan
from gunmane_desktop.ledger.export import export_ledger
from gunmane_desktop.ledger.mapping import Mapping, national_database_mapping
from gunmane_desktop.ledger.normalise import CellError, make_measure_parsers, parse_yen
from gunmane_desktop.ledger.preview import plan_import
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.measures import MeasureRepository
from gunmane_desktop.storage.status import refresh_asset_status


@pytest.fixture(scope="module")
def demo_region(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "region.sqlite"
    generate_region(path, towns=1, assets_per_town=150, inspections_per_asset=3, seed=3)
    return path


@pytest.fixture
def town(demo_region, tmp_path):
    """A copy of the demo town's file, open, with the town's code."""
    path = tmp_path / "region.sqlite"
    shutil.copy(demo_region, path)
    with Database.open(path) as db:
        code = db.conn.execute("SELECT code FROM organisations WHERE kind = 'municipality'").fetchone()[0]
        yield db, code


def measures_by_id(db):
    return {r["id"]: dict(r) for r in db.conn.execute("SELECT * FROM measures")}


def vv_of(db, table):
    return dict(db.conn.execute(f"SELECT id, vv FROM {table}"))


def status_is_a_full_refresh(db):
    written = [tuple(r) for r in db.conn.execute("SELECT * FROM asset_status ORDER BY asset_seq")]
    with db.transaction() as conn:
        refresh_asset_status(conn)
    return written == [tuple(r) for r in db.conn.execute("SELECT * FROM asset_status ORDER BY asset_seq")]


def file_digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The road sector: every demo road asset has a 施設ID (some demo park assets share a name and
# have none, which a re-import rightly reports as ambiguous).


def test_reimporting_an_unedited_export_changes_nothing_not_even_the_file(town, tmp_path):
    db, code = town
    exported = export_ledger(db, tmp_path / "台帳.xlsx", org=code, sector="road")
    assert exported.measures > 0
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = file_digest(db.path)
    plan = plan_import(db, tmp_path / "台帳.xlsx", owner=code)
    assert plan.measure_counts == {"new": 0, "updated": 0, "unchanged": exported.measures}, plan.errors[:3]
    assert plan.counts["failed"] == 0 and plan.summary()["measures"]["unchanged"] == exported.measures
    result = apply_plan(db, plan, ChangeContext(db, code, "tanaka", "ledger test"))
    assert result.backup is None
    assert file_digest(db.path) == before


def test_export_edit_three_measure_cells_reimport_changes_exactly_those(town, tmp_path):
    db, code = town
    out = tmp_path / "台帳.xlsx"
    exported = export_ledger(db, out, org=code, sector="road")
    # Given the 措置 sheet edited in Excel: a status, a completed date and a cost
    book = openpyxl.load_workbook(out)
    ws = book["措置"]
    headers = [c.value for c in ws[1]]
    col = {h: headers.index(h) + 1 for h in headers}
    rows = list(range(2, ws.max_row + 1))
    planned = next(r for r in rows if ws.cell(r, col["措置状況"]).value == "計画")
    completed = next(r for r in rows if ws.cell(r, col["措置状況"]).value == "完了")
    costed = next(r for r in rows if r not in (planned, completed) and ws.cell(r, col["概算費用 (円)"]).value)
    ws.cell(planned, col["措置状況"]).value = "着手"
    old_done = ws.cell(completed, col["完了日"]).value
    ws.cell(completed, col["完了日"]).value = old_done.replace(day=1 if old_done.day != 1 else 2)
    ws.cell(costed, col["概算費用 (円)"]).value = ws.cell(costed, col["概算費用 (円)"]).value + 1000
    book.save(out)
    measures_before = measures_by_id(db)
    assets_vv, inspections_vv = vv_of(db, "assets"), vv_of(db, "inspections")
    audit_mark = db.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    # When it is imported
    plan = plan_import(db, out, owner=code)
    assert plan.counts["updated"] == 0 and plan.counts["failed"] == 0 and plan.counts["new"] == 0
    assert plan.measure_counts == {"new": 0, "updated": 3, "unchanged": exported.measures - 3}
    result = apply_plan(db, plan, ChangeContext(db, code, "tanaka", "ledger import 台帳.xlsx"))
    assert result.backup is not None and result.measures["updated"] == 3
    # Then exactly those three measures changed, each in exactly the edited field
    after = measures_by_id(db)
    stamps = {"vv", "hlc", "modified_at", "modified_by"}
    diffs = {i: {k for k in after[i] if after[i][k] != measures_before[i][k]} - stamps for i in after}
    assert sorted(sorted(d) for d in diffs.values() if d) == [["completed_on"], ["cost_planned_yen"],
                                                               ["status"]]
    changed = {i for i, d in diffs.items() if d}
    bumped = {i for i in after if after[i]["vv"] != measures_before[i]["vv"]}
    assert bumped == changed
    assert all(json.loads(after[i]["vv"])[code] == json.loads(measures_before[i]["vv"]).get(code, 0) + 1
               for i in changed)
    assert vv_of(db, "assets") == assets_vv and vv_of(db, "inspections") == inspections_vv
    # One audit entry per changed measure, from the import, naming the field
    audits = db.conn.execute("SELECT table_name, row_id, action, changes, source FROM audit_log"
                             " WHERE seq > ?", (audit_mark,)).fetchall()
    assert {(a[0], a[1], a[2]) for a in audits} == {("measures", i, "update") for i in changed}
    assert len(audits) == 3 and {a[4] for a in audits} == {"ledger import 台帳.xlsx"}
    assert sorted(next(iter(json.loads(a[3]))) for a in audits) == ["completed_on", "cost_planned_yen",
                                                                     "status"]
    assert status_is_a_full_refresh(db)
    # And the edited file imported again changes nothing more
    again = plan_import(db, out, owner=code)
    assert again.measure_counts["updated"] == 0 and again.measure_counts["new"] == 0


def test_a_national_database_sheet_with_numeric_grade_and_status_codes(db, ctx, tmp_path):
    path = national_db_measures_xlsx(tmp_path / "全国DB.xlsx")
    plan = plan_import(db, path, mapping=national_database_mapping())
    assert plan.counts == {"new": 4, "updated": 0, "unchanged": 0, "failed": 0}, plan.errors
    assert plan.measure_counts == {"new": 3, "updated": 0, "unchanged": 0}
    apply_plan(db, plan, ctx)
    rows = db.conn.execute(
        "SELECT a.external_id, m.kind, m.status, m.description, m.started_on, m.completed_on,"
        " m.cost_planned_yen FROM measures m JOIN assets a ON a.id = m.asset_id ORDER BY a.external_id")
    assert [tuple(r) for r in rows] == [
        ("BR0-011002-00031", "repair", "planned", "断面修復", None, None, 12_000_000),
        ("BR0-011002-00032", "repair", "started", "橋面防水", "2023-04-01", None, 8_500_000),
        ("BR0-011002-00033", "repair", "completed", "支承交換", "2021-04-01", "2022-04-01", 4_200_000),
    ]
    grades = dict(db.conn.execute("SELECT a.external_id, i.grade FROM inspections i"
                                  " JOIN assets a ON a.id = i.asset_id"))
    assert grades["BR0-011002-00031"] == "III" and grades["BR0-011002-00034"] == "I"
    states = dict(db.conn.execute("SELECT a.external_id, s.measure_state FROM asset_status s"
                                  " JOIN assets a ON a.seq = s.asset_seq"))
    assert states == {"BR0-011002-00031": "planned", "BR0-011002-00032": "started",
                      "BR0-011002-00033": "completed", "BR0-011002-00034": "none"}
    assert status_is_a_full_refresh(db)
    # The same sheet again (years, not dates, in the file) changes nothing, with or without the preset
    assert plan_import(db, path).measure_counts == {"new": 0, "updated": 0, "unchanged": 3}
    assert plan_import(db, path, mapping=national_database_mapping()).measure_counts["unchanged"] == 3


def test_a_mapping_code_table_overrides_the_default_status_codes(db, tmp_path):
    path = national_db_measures_xlsx(tmp_path / "全国DB.xlsx")
    mapping = Mapping({}, code_tables={"measure_status": {"1": "cancelled"}})
    plan = plan_import(db, path, mapping=mapping)
    statuses = {m.values["description"]: m.values["status"] for m in plan.measures}
    assert statuses == {"断面修復": "cancelled", "橋面防水": "started", "支承交換": "completed"}


@pytest.mark.parametrize(("text", "status"), [
    ("未着手", "planned"), ("計画", "planned"), ("planned", "planned"), ("1", "planned"), ("1.0", "planned"),
    ("着手", "started"), ("実施中", "started"), ("着手済", "started"), ("Started", "started"),
    ("２", "started"),
    ("完了", "completed"), ("済", "completed"), ("completed", "completed"), ("3", "completed"),
    ("中止", "cancelled"), ("cancelled", "cancelled"),
])
def test_measure_status_spellings(text, status):
    from gunmane_desktop.core.catalogue import default_catalogue

    _, parse_status = make_measure_parsers(default_catalogue())
    assert parse_status(text) == status


@pytest.mark.parametrize(("text", "kind"), [
    ("補修・修繕", "repair"), ("補修", "repair"), ("repair", "repair"), ("補強", "reinforcement"),
    ("架替", "replacement"), ("通行規制", "closure"), ("撤去", "removal"), ("経過観察", "monitoring"),
    ("Removal", "removal"),
])
def test_measure_kind_spellings(text, kind):
    from gunmane_desktop.core.catalogue import default_catalogue

    parse_kind, _ = make_measure_parsers(default_catalogue())
    assert parse_kind(text) == kind


def test_costs_are_whole_yen():
    assert parse_yen("1,200,000") == 1_200_000 and parse_yen("1200000円") == 1_200_000
    assert parse_yen("1,200千円") == 1_200_000 and parse_yen("1,200", thousands=True) == 1_200_000
    assert parse_yen("不明") is None
    for bad in ("-5", "12.5", "約"):
        with pytest.raises(CellError):
            parse_yen(bad)


MEASURE_SHEET = "施設ID,名称,路線名,措置の種類,措置状況,対策内容,予定年度,着手日,完了日,概算費用 (円)\n"


def test_bad_measure_rows_are_reported_with_file_sheet_row_column_value_and_reason(db, ctx, tmp_path):
    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    path = tmp_path / "措置.csv"
    path.write_bytes((MEASURE_SHEET + "\n".join([
        "BR0-011002-00001,一の橋,町道1号線,補修,計画,断面修復,R8,,,5000000",  # good
        "BR0-011002-09999,幻の橋,町道9号線,補修,計画,断面修復,R8,,,",  # unknown asset
        "BR0-011002-00002,二の橋,町道1号線,塗装,計画,塗替え,R8,,,",  # unknown kind
        "BR0-011002-00003,三の橋,町道2号線,補修,たぶん,断面修復,R8,,,",  # unknown status
        "BR0-011002-00001,一の橋,町道1号線,補強,完了,,R6,2024-09-01,2024-08-01,",  # completed before started
        "BR0-011002-00001,一の橋,町道1号線,撤去,計画,,R9,,,-300",  # negative cost
        "BR0-011002-00002,二の橋,町道1号線,補修,完了,断面修復,R5,,,",  # completed without a date
    ]) + "\n").encode("cp932"))
    before = db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    plan = plan_import(db, path)
    assert plan.measure_counts == {"new": 1, "updated": 0, "unchanged": 0}
    assert plan.counts == {"new": 0, "updated": 0, "unchanged": 0, "failed": 6}
    found = {e.row: (e.column, e.value) for e in plan.errors}
    assert found == {3: ("施設ID", "BR0-011002-09999"), 4: ("措置の種類", "塗装"), 5: ("措置状況", "たぶん"),
                     6: ("完了日", "2024-08-01"), 7: ("概算費用 (円)", "-300"), 8: ("完了日", "")}
    reasons = {e.row: e.reason for e in plan.errors}
    assert "unknown asset" in reasons[3] and "unknown measure kind" in reasons[4]
    assert "unknown measure status" in reasons[5] and "completed before" in reasons[6]
    assert "negative" in reasons[7] and "completion date" in reasons[8]
    assert all((e.file, e.sheet) == ("措置.csv", "措置") for e in plan.errors)
    # A preview writes nothing
    assert db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before
    apply_plan(db, plan, ctx)
    [(kind, fy, cost)] = db.conn.execute("SELECT kind, planned_fy, cost_planned_yen FROM measures").fetchall()
    assert (kind, fy, cost) == ("repair", 2026, 5_000_000)


def test_measure_rows_match_stored_measures_by_kind_and_year(db, ctx, tmp_path):
    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    asset = db.conn.execute("SELECT id FROM assets WHERE name = '一の橋'").fetchone()[0]
    repo = MeasureRepository(db)
    dated = repo.add(ctx, Measure(ctx.new_id(), ctx.org, asset, "repair", description="断面修復",
                                  planned_fy=2026))
    yearless = repo.add(ctx, Measure(ctx.new_id(), ctx.org, asset, "closure", description="重量制限"))
    path = tmp_path / "措置.csv"
    path.write_bytes((MEASURE_SHEET + "\n".join([
        ",一の橋,町道1号線,補修・修繕,計画,断面修復,R8,,,",  # same kind and year: unchanged
        ",一の橋,町道1号線,通行規制,計画,重量制限,R7,,,",  # a year for the yearless one: updated
        ",一の橋,町道1号線,補修・修繕,計画,橋面防水,R9,,,",  # another year: new
        ",一の橋,町道1号線,撤去,計画,,,,,",  # another kind: new
    ]) + "\n").encode("utf-8-sig"))
    plan = plan_import(db, path)
    assert [(m.row, m.action) for m in plan.measures] == [(2, "unchanged"), (3, "updated"), (4, "new"),
                                                          (5, "new")]
    assert plan.measures[0].measure_id == dated.id and plan.measures[1].measure_id == yearless.id
    assert plan.measures[1].changes == {"planned_fy": (None, 2025)}
    apply_plan(db, plan, ctx)
    assert plan_import(db, path).measure_counts == {"new": 0, "updated": 0, "unchanged": 4}


def test_measure_sheet_rows_find_assets_the_register_sheet_of_the_same_workbook_brings(db, ctx, tmp_path):
    path = tmp_path / "台帳.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "措置"  # before the register on purpose: sheets of measures are planned last
    book["措置"].append(["名称", "路線名", "措置の種類", "措置状況", "予定年度", "概算費用 (円)"])
    book["措置"].append(["桜橋", "町道4号線", "補修", "未着手", "R8", 3_000_000])
    book["措置"].append(["梅橋", "町道4号線", "通行規制", "実施中", "R6", None])
    register = book.create_sheet("橋梁台帳")
    register.append(["名称", "路線名", "架設年", "点検年度", "健全性"])
    register.append(["桜橋", "町道4号線", "S48", "R4", "Ⅲ"])
    register.append(["梅橋", "町道4号線", "不明", "R5", "Ⅳ"])
    book.save(path)
    plan = plan_import(db, path)
    assert plan.counts["new"] == 2 and plan.measure_counts["new"] == 2 and not plan.errors
    apply_plan(db, plan, ctx)
    states = dict(db.conn.execute("SELECT a.name, s.measure_state FROM asset_status s"
                                  " JOIN assets a ON a.seq = s.asset_seq"))
    assert states == {"桜橋": "planned", "梅橋": "started"}
    assert status_is_a_full_refresh(db)
    audits = db.conn.execute("SELECT count(*) FROM audit_log WHERE table_name = 'measures'").fetchone()[0]
    assert audits == 2


def test_a_failing_measure_write_rolls_back_the_assets_of_the_same_import(db, ctx, tmp_path):
    path = tmp_path / "台帳.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["名称", "路線名", "架設年", "措置の種類", "措置状況", "予定年度"])
    book.active.append(["桜橋", "町道4号線", "S48", "補修", "計画", "R8"])
    book.save(path)
    plan = plan_import(db, path, sector="road")
    plan.measures[0].values["kind"] = "no-such-kind"  # the repository refuses it, after the assets
    counts = {t: db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("assets", "measures", "audit_log", "asset_status")}
    with pytest.raises(Exception, match="措置の種類"):
        apply_plan(db, plan, ctx)
    assert counts == {t: db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in counts}
    assert list((tmp_path / "backups").iterdir())  # the backup was taken first
