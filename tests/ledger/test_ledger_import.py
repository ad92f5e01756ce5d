"""Preview and import: counts, row errors, one transaction, backups, audit, idempotence."""

import json

import pytest
from ledger_fixtures import BROKEN_ROWS, GOOD_ROWS, merged_header_xlsx, national_db_xlsx, register_csv

from gunmane_desktop.ledger.apply import apply_plan
from gunmane_desktop.ledger.errors import ImportCancelled, LedgerReadError
from gunmane_desktop.ledger.mapping import Mapping, load_mapping, national_database_mapping
from gunmane_desktop.ledger.preview import plan_import


def table_counts(db):
    return {t: db.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("assets", "inspections", "audit_log")}


def test_preview_counts_and_writes_nothing(db, tmp_path):
    # Given a CP932 ledger with six good rows and three broken ones
    path = register_csv(tmp_path / "橋梁台帳.csv", extra=BROKEN_ROWS)
    before = table_counts(db)
    # When it is previewed
    plan = plan_import(db, path)
    # Then the counts are right, every broken row is reported, and nothing is written
    assert plan.counts == {"new": GOOD_ROWS, "updated": 0, "unchanged": 0, "failed": 3}
    assert plan.new_inspections == 5
    assert table_counts(db) == before
    rows = {e.row: e for e in plan.errors}
    assert set(rows) == {9, 10, 11}
    assert "too few columns" in rows[9].reason
    assert rows[10].column == "橋長(m)" and rows[10].value == "約十メートル"
    assert "not a number" in rows[10].reason
    assert rows[11].column == "健全性" and rows[11].value == "Ⅴ"
    assert all(e.file == "橋梁台帳.csv" and e.sheet == "橋梁台帳" for e in plan.errors)


def test_import_keeps_originals_and_reimport_changes_nothing(db, ctx, tmp_path):
    path = register_csv(tmp_path / "橋梁台帳.csv", extra=BROKEN_ROWS)
    result = apply_plan(db, plan_import(db, path), ctx)
    assert (result.new, result.failed, result.inspections) == (GOOD_ROWS, 3, 5)
    assert result.backup is not None and result.backup.exists() and result.backup.parent.name == "backups"
    rows = {r["name"]: r for r in db.conn.execute("SELECT * FROM assets")}
    assert set(rows) == {"一の橋", "二の橋", "三の橋", "四の橋", "五の橋", "六の橋"}  # no broken row
    one = rows["一の橋"]
    assert (one["built_year"], one["built_year_text"]) == (1970, "S45")
    assert one["lat"] == pytest.approx(35.6895) and one["coord_text"] == "35°41′22.2″, 139°45′30″"
    assert one["length_m"] == 12.5 and one["asset_type"] == "bridge"
    assert (rows["五の橋"]["built_year"], rows["五の橋"]["built_year_text"]) == (None, "不明")
    assert rows["二の橋"]["length_m"] == 1200.0
    grades = dict(db.conn.execute(
        "SELECT a.name, i.grade || '@' || i.fiscal_year FROM inspections i"
        " JOIN assets a ON a.id = i.asset_id"))
    assert grades == {"一の橋": "III@2023", "二の橋": "III@2018", "三の橋": "III@2019", "四の橋": "III@2019",
                      "五の橋": "III@2024"}
    status = db.conn.execute("SELECT count(*) FROM asset_status WHERE grade = 'III'").fetchone()[0]
    assert status == 5
    # One audit row per changed asset, naming the file and row
    audits = db.conn.execute("SELECT summary FROM audit_log WHERE source = ?", (ctx.source,)).fetchall()
    assert len(audits) == GOOD_ROWS and all("橋梁台帳.csv" in a[0] for a in audits)
    stamps = db.conn.execute("SELECT DISTINCT vv, modified_by FROM assets").fetchall()
    assert [tuple(s) for s in stamps] == [('{"011002":1}', "011002:tanaka")]
    # When the same file is imported again, nothing changes
    before = table_counts(db)
    again = plan_import(db, path)
    assert again.counts == {"new": 0, "updated": 0, "unchanged": GOOD_ROWS, "failed": 3}
    result = apply_plan(db, again, ctx)
    assert result.backup is None and table_counts(db) == before


def test_merged_header_workbook_with_several_sheets(db, ctx, tmp_path):
    path = merged_header_xlsx(tmp_path / "台帳.xlsx")
    plan = plan_import(db, path)
    assert plan.counts == {"new": 3, "updated": 0, "unchanged": 0, "failed": 0}, plan.errors
    notes = {s.name: s.note for s in plan.sheets}
    assert notes["メモ"] and not notes["橋梁台帳"]
    apply_plan(db, plan, ctx)
    types = dict(db.conn.execute("SELECT name, asset_type FROM assets"))
    assert types == {"桜橋": "bridge", "梅橋": "bridge", "峠トンネル": "tunnel"}
    tunnel = db.conn.execute("SELECT inspected_on, grade FROM inspections i"
                             " JOIN assets a ON a.id = i.asset_id"
                             " WHERE a.name = '峠トンネル'").fetchone()
    assert tuple(tunnel) == ("2023-09-14", "II")
    assert plan_import(db, path).counts["unchanged"] == 3


def test_national_database_sheet_with_numeric_codes(db, ctx, tmp_path):
    path = national_db_xlsx(tmp_path / "全国DB.xlsx")
    plan = plan_import(db, path, mapping=national_database_mapping())
    assert plan.counts["new"] == 3 and not plan.errors
    apply_plan(db, plan, ctx)
    grades = dict(db.conn.execute("SELECT a.external_id, i.grade FROM inspections i "
                                  "JOIN assets a ON a.id = i.asset_id"))
    assert grades == {"BR0-011002-00021": "II", "BR0-011002-00022": "III", "BR0-011002-00023": "I"}


def test_changed_cells_update_and_a_changed_grade_is_a_correction(db, ctx, tmp_path):
    path = register_csv(tmp_path / "橋梁台帳.csv")
    apply_plan(db, plan_import(db, path), ctx)
    text = path.read_bytes().decode("cp932").replace("12.5m", "13.0").replace(",R5,Ⅲ", ",R5,Ⅳ")
    path.write_bytes(text.encode("cp932"))
    plan = plan_import(db, path)
    assert plan.counts == {"new": 0, "updated": 1, "unchanged": GOOD_ROWS - 1, "failed": 0}
    [row] = [r for r in plan.rows if r.action == "updated"]
    assert row.changes == {"length_m": (12.5, 13.0)}
    assert row.inspections[0].supersedes is not None
    apply_plan(db, plan, ctx)
    history = db.conn.execute("SELECT grade, supersedes FROM inspections i JOIN assets a ON a.id = i.asset_id"
                              " WHERE a.name = '一の橋' ORDER BY i.seq").fetchall()
    assert [h[0] for h in history] == ["III", "IV"] and history[1][1] is not None
    audit = db.conn.execute("SELECT changes FROM audit_log WHERE action = 'update'").fetchone()
    assert json.loads(audit[0]) == {"length_m": [12.5, 13.0]}
    assert plan_import(db, path).counts["unchanged"] == GOOD_ROWS


def test_match_by_name_and_route_when_there_is_no_id(db, ctx, tmp_path):
    path = register_csv(tmp_path / "橋梁台帳.csv")
    apply_plan(db, plan_import(db, path), ctx)
    other = tmp_path / "追加.csv"
    other.write_bytes("橋梁名,路線名,幅員\n四の橋,町道2号線,3.5\n四の橋,町道9号線,3.0\n".encode("utf-8-sig"))
    plan = plan_import(db, other, sector="road")
    assert plan.counts == {"new": 1, "updated": 1, "unchanged": 0, "failed": 0}


def test_cancel_during_apply_rolls_back_everything(db, ctx, tmp_path, monkeypatch):
    monkeypatch.setattr("gunmane_desktop.ledger.apply.CHUNK", 2)
    path = register_csv(tmp_path / "橋梁台帳.csv")
    plan = plan_import(db, path)
    before = table_counts(db)
    calls = iter([False, False, True])
    with pytest.raises(ImportCancelled):
        apply_plan(db, plan, ctx, cancel=lambda: next(calls, True))
    assert table_counts(db) == before


def test_a_failure_inside_the_transaction_leaves_nothing(db, ctx, tmp_path):
    path = register_csv(tmp_path / "橋梁台帳.csv")
    plan = plan_import(db, path)
    plan.rows[-1].values["asset_type"] = "no-such-type"  # the foreign key fails at the end
    before = table_counts(db)
    with pytest.raises(Exception, match="FOREIGN KEY"):
        apply_plan(db, plan, ctx, backup=False)
    assert table_counts(db) == before


def test_mapping_file_overrides_suggestions(db, tmp_path):
    path = tmp_path / "独自.csv"
    path.write_bytes("番号,なまえ,みち\nA-1,橋A,道1\nA-2,橋B,道1\n".encode())
    with pytest.raises(LedgerReadError, match="見出し行"):
        plan_import(db, path)
    mapping_file = Mapping({"番号": "external_id", "なまえ": "name", "みち": "route"}, name="独自",
                           defaults={"asset_type": "橋梁"}).save(tmp_path / "map.json")
    plan = plan_import(db, path, mapping=load_mapping(mapping_file))
    assert plan.counts["new"] == 2 and not plan.errors


def test_rows_of_an_unknown_owner_fail(db, tmp_path):
    path = tmp_path / "他.csv"
    path.write_bytes("団体コード,橋梁名,路線名\n131016,橋,道\n011002,橋,道\n".encode())
    plan = plan_import(db, path)
    assert plan.counts == {"new": 1, "updated": 0, "unchanged": 0, "failed": 1}
    assert plan.errors[0].column == "団体コード" and plan.errors[0].value == "131016"


def test_status_written_for_new_assets_equals_a_full_refresh(db, ctx, tmp_path):
    from gunmane_desktop.storage.status import refresh_asset_status

    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    apply_plan(db, plan_import(db, merged_header_xlsx(tmp_path / "台帳.xlsx")), ctx)
    written = db.conn.execute("SELECT * FROM asset_status ORDER BY asset_seq").fetchall()
    with db.transaction() as conn:
        refresh_asset_status(conn)
    refreshed = db.conn.execute("SELECT * FROM asset_status ORDER BY asset_seq").fetchall()
    assert [tuple(r) for r in written] == [tuple(r) for r in refreshed]
    assert len(written) == 9


def test_a_grade_column_without_any_year_column_is_noted_not_failed(db, tmp_path):
    path = tmp_path / "公園施設一覧.csv"
    path.write_bytes("施設名,所在地,健全度\nすべり台,中央公園,B\nブランコ,中央公園,C\n".encode("cp932"))
    plan = plan_import(db, path)
    assert plan.counts == {"new": 2, "updated": 0, "unchanged": 0, "failed": 0}
    assert plan.new_inspections == 0
    assert "健全度" in plan.sheets[0].ignored_columns and "grades not imported" in plan.sheets[0].note
    assert {r.values["asset_type"] for r in plan.rows} == {"park"}


def test_a_year_only_row_matches_a_dated_inspection_of_that_year(db, ctx, tmp_path):
    # Given 峠トンネル inspected on 2023-09-14, graded Ⅱ
    apply_plan(db, plan_import(db, merged_header_xlsx(tmp_path / "台帳.xlsx")), ctx)
    path = tmp_path / "トンネル点検結果.csv"
    path.write_bytes("トンネル名,路線名,点検日,点検年度,判定区分\n峠トンネル,町道5号線,,R5,Ⅱ\n".encode("cp932"))
    assert plan_import(db, path).counts["unchanged"] == 1
    path.write_bytes("トンネル名,路線名,点検日,点検年度,判定区分\n峠トンネル,町道5号線,,R5,Ⅲ\n".encode("cp932"))
    plan = plan_import(db, path)
    [row] = plan.rows
    assert row.action == "updated" and row.inspections[0].supersedes is not None
    assert row.inspections[0].inspected_on == "2023-09-14"  # the correction keeps the recorded date


def test_the_backup_holds_the_file_as_it_was_before_the_import(db, ctx, tmp_path):
    from gunmane_desktop.storage.database import Database

    apply_plan(db, plan_import(db, merged_header_xlsx(tmp_path / "台帳.xlsx")), ctx)
    result = apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    with Database.open(result.backup, readonly=True, lock=False) as old:
        assert old.conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 3
    assert db.conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 3 + GOOD_ROWS
    last = json.loads(db.meta("last_ledger_import"))
    assert last["backup"] == str(result.backup) and last["new"] == GOOD_ROWS


def test_a_plan_made_before_another_change_is_refused(db, ctx, tmp_path):
    from gunmane_desktop.ledger.apply import StalePlanError

    plan = plan_import(db, register_csv(tmp_path / "橋梁台帳.csv"))
    apply_plan(db, plan_import(db, merged_header_xlsx(tmp_path / "台帳.xlsx")), ctx, backup=False)
    before = table_counts(db)
    with pytest.raises(StalePlanError):
        apply_plan(db, plan, ctx, backup=False)
    assert table_counts(db) == before


def test_a_second_column_for_the_same_field_is_ignored_and_listed(db, tmp_path):
    path = tmp_path / "橋梁.csv"
    path.write_bytes("橋梁名,路線名,健全性,点検年度,健全性\n甲橋,道1,Ⅱ,R5,Ⅳ\n".encode())
    plan = plan_import(db, path)
    assert plan.rows[0].inspections[0].grade == "II"
    assert plan.sheets[0].ignored_columns == ["健全性 (E列)"]
