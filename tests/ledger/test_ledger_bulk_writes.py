"""The import's bulk writes (issue #4): audit entries and status of new assets written by SQL.

New assets get their audit entry from one INSERT ... SELECT per chunk and their derived status
from one statement with storage's rules; these tests pin down that what lands in the file is
what a person reads and what a full refresh gives, for one, none and several inspections, in
chunks of any size, and next to changed assets written the row-by-row way.
"""

import gc
import json

import pytest
from ledger_fixtures import csv_bytes, register_csv

from gunmane_desktop import cli
from gunmane_desktop.ledger import preview
from gunmane_desktop.ledger.apply import apply_plan
from gunmane_desktop.ledger.preview import plan_import
from gunmane_desktop.storage.status import refresh_asset_status, refresh_status_after

HEADER = ["施設ID", "橋梁名", "路線名", "点検年度", "健全性"]


def inspection_list(path, rows):
    """An inspection list: one row per inspection, the same bridge on several rows."""
    path.write_bytes(csv_bytes([HEADER, *rows], "cp932"))
    return path


def audit_of(db, source):
    return {r["name"]: (r["table_name"], r["row_id"] == r["id"], r["action"], r["changes"], r["summary"])
            for r in db.conn.execute(
                "SELECT l.*, a.name, a.id FROM audit_log l JOIN assets a ON a.id = l.row_id"
                " WHERE l.source = ? ORDER BY l.seq", (source,))}


@pytest.mark.parametrize("chunk", [5000, 1])
def test_new_assets_audit_entries_read_as_a_person_wrote_them(db, ctx, tmp_path, monkeypatch, chunk):
    # Given an inspection list with a bridge inspected once, one never, and one twice
    monkeypatch.setattr("gunmane_desktop.ledger.apply.CHUNK", chunk)
    path = inspection_list(tmp_path / "点検一覧.csv", [
        ["BR0-011002-00001", "一の橋", "町道1号線", "R5", "Ⅲ"],
        ["BR0-011002-00002", "二の橋", "町道1号線", "", ""],
        ["BR0-011002-00003", "三の橋", "町道2号線", "H30", "2"],
        ["BR0-011002-00003", "三の橋", "町道2号線", "R5", "Ⅳ"],
    ])
    # When it is imported into an empty file
    apply_plan(db, plan_import(db, path), ctx)
    # Then each new bridge has one entry naming the file, the row, its type and its inspections
    audits = audit_of(db, ctx.source)
    prefix = "台帳取込 点検一覧.csv"
    assert audits == {
        "一の橋": ("assets", True, "insert", "{}",
                  f"{prefix} 2行目: 橋梁「一の橋」を登録、点検 2023-04-01 Ⅲ を登録"),
        "二の橋": ("assets", True, "insert", "{}", f"{prefix} 3行目: 橋梁「二の橋」を登録"),
        "三の橋": ("assets", True, "insert", "{}",
                  f"{prefix} 4行目: 橋梁「三の橋」を登録"
                  "、点検 2018-04-01 Ⅱ を登録、点検 2023-04-01 Ⅳ を登録"),
    }


def test_new_and_changed_assets_in_one_file_get_one_entry_each(db, ctx, tmp_path, monkeypatch):
    # Given three bridges already in the file
    apply_plan(db, plan_import(db, inspection_list(tmp_path / "旧台帳.csv", [
        [f"BR0-011002-0000{n}", f"{n}号橋", "町道1号線", "R4", "Ⅱ"] for n in (1, 2, 3)])), ctx)
    # When a ledger renames one, regrades another, adds two and leaves one as it was,
    # in chunks that mix new and changed rows
    monkeypatch.setattr("gunmane_desktop.ledger.apply.CHUNK", 3)
    apply_plan(db, plan_import(db, inspection_list(tmp_path / "新台帳.csv", [
        ["BR0-011002-00001", "1号橋改", "町道1号線", "R4", "Ⅱ"],
        ["BR0-011002-00004", "4号橋", "町道1号線", "R5", "Ⅰ"],
        ["BR0-011002-00002", "2号橋", "町道1号線", "R4", "Ⅲ"],
        ["BR0-011002-00003", "3号橋", "町道1号線", "R4", "Ⅱ"],
        ["BR0-011002-00005", "5号橋", "町道1号線", "", ""],
    ])), ctx)
    # Then every asset the import wrote has exactly one entry, saying what happened to it
    rows = db.conn.execute(
        "SELECT l.table_name, l.action, l.summary, coalesce(a.name, ia.name) AS name FROM audit_log l"
        " LEFT JOIN assets a ON a.id = l.row_id LEFT JOIN inspections i ON i.id = l.row_id"
        " LEFT JOIN assets ia ON ia.id = i.asset_id WHERE l.summary LIKE '台帳取込 新台帳.csv%'").fetchall()
    by_name = {r["name"]: (r["table_name"], r["action"], r["summary"]) for r in rows}
    assert len(rows) == len(by_name) == 4
    prefix = "台帳取込 新台帳.csv"
    assert by_name["1号橋改"] == ("assets", "update", f"{prefix} 2行目: 「1号橋改」: 名称: 1号橋 → 1号橋改")
    assert by_name["4号橋"] == ("assets", "insert",
                               f"{prefix} 3行目: 橋梁「4号橋」を登録、点検 2023-04-01 Ⅰ を登録")
    assert by_name["2号橋"][:2] == ("inspections", "correct")
    assert by_name["2号橋"][2] == f"{prefix} 4行目: 「2号橋」、点検 2022-04-01 Ⅲ を訂正"
    assert by_name["5号橋"] == ("assets", "insert", f"{prefix} 6行目: 橋梁「5号橋」を登録")


def test_status_of_new_assets_with_several_inspections_equals_a_full_refresh(db, ctx, tmp_path):
    # Given new bridges whose inspections come in any order, some in the same fiscal year
    apply_plan(db, plan_import(db, inspection_list(tmp_path / "点検一覧.csv", [
        ["BR0-011002-00001", "一の橋", "町道1号線", "R5", "Ⅲ"],
        ["BR0-011002-00001", "一の橋", "町道1号線", "H30", "Ⅱ"],
        ["BR0-011002-00002", "二の橋", "町道1号線", "", ""],
        ["BR0-011002-00003", "三の橋", "町道2号線", "R1", "Ⅳ"],
        ["BR0-011002-00003", "三の橋", "町道2号線", "R2", "Ⅰ"],
    ])), ctx)
    written = [tuple(r) for r in db.conn.execute("SELECT * FROM asset_status ORDER BY asset_seq")]
    # When the whole status table is recomputed from the history
    with db.transaction() as conn:
        refresh_asset_status(conn)
    # Then nothing changes: the import wrote what storage's rules give
    assert [tuple(r) for r in db.conn.execute("SELECT * FROM asset_status ORDER BY asset_seq")] == written
    latest = dict(db.conn.execute("SELECT a.name, s.grade || '@' || s.last_fiscal_year FROM asset_status s"
                                  " JOIN assets a ON a.seq = s.asset_seq WHERE s.grade IS NOT NULL"))
    assert latest == {"一の橋": "III@2023", "三の橋": "I@2020"}


def test_refresh_status_after_covers_only_the_newer_assets(db, ctx, tmp_path):
    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    with db.transaction() as conn:
        conn.execute("DELETE FROM asset_status")
        refresh_status_after(conn, 4)
    seqs = [r[0] for r in db.conn.execute("SELECT asset_seq FROM asset_status ORDER BY asset_seq")]
    assert seqs == [5, 6]


def test_the_collector_is_paused_while_a_ledger_is_read_and_running_afterwards(db, tmp_path, monkeypatch):
    # Reading makes a list per row; the cyclic collector would walk them all several times.
    seen = []
    real_read = preview.read_file

    def read_and_look(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_read(*args, **kwargs)

    monkeypatch.setattr(preview, "read_file", read_and_look)
    plan_import(db, register_csv(tmp_path / "橋梁台帳.csv"))
    assert seen == [False]
    assert gc.isenabled()


def test_the_cli_import_leaves_the_collector_running(tmp_path, capsys):
    db = tmp_path / "town.sqlite"
    assert cli.main(["init", str(db), "--org", "011002", "--name", "札幌市"]) == 0
    capsys.readouterr()
    ledger = register_csv(tmp_path / "橋梁台帳.csv")
    assert cli.main(["ledger", "import", str(db), str(ledger), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["new"] == 6
    assert gc.isenabled()
