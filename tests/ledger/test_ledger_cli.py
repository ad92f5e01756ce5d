"""``gunmane ledger import/export/suggest`` as users and scripts call them."""

import json
import os
import subprocess
import sys

from ledger_fixtures import BROKEN_ROWS, GOOD_ROWS, register_csv

from gunmane_desktop import cli


def gunmane(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "gunmane_desktop", *args], capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def make_town(tmp_path):
    db = tmp_path / "town.sqlite"
    assert cli.main(["init", str(db), "--org", "011002", "--name", "札幌市"]) == 0
    return db


def test_import_json_dry_run_then_real_then_again(tmp_path, capsys):
    db = make_town(tmp_path)
    ledger = register_csv(tmp_path / "橋梁台帳.csv", extra=BROKEN_ROWS)
    capsys.readouterr()
    # --dry-run: counts and errors, nothing written
    assert cli.main(["ledger", "import", str(db), str(ledger), "--dry-run", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {k: report[k] for k in ("new", "updated", "unchanged", "failed")} == {
        "new": GOOD_ROWS, "updated": 0, "unchanged": 0, "failed": 3}
    assert all(set(e) >= {"row", "column", "value", "reason"} for e in report["errors"])
    assert report["errors"][0]["row"] == 9 and isinstance(report["errors"][0]["row"], int)
    assert set(report) == {"new", "updated", "unchanged", "failed", "inspections", "measures", "file",
                           "sheets", "errors", "dry_run", "backup"}
    assert report["measures"] == {"new": 0, "updated": 0, "unchanged": 0}
    assert not (tmp_path / "backups").exists()
    # A real import writes the good rows, keeps a backup, saves the error report
    errors = tmp_path / "errors.xlsx"
    assert cli.main(["ledger", "import", str(db), str(ledger), "--json", "--errors", str(errors)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["new"] == GOOD_ROWS and report["backup"] and errors.exists()
    # The same file again changes nothing
    assert cli.main(["ledger", "import", str(db), str(ledger), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert (report["new"], report["unchanged"], report["failed"]) == (0, GOOD_ROWS, 3)


def test_export_with_encoding_and_reimport(tmp_path, capsys):
    db = make_town(tmp_path)
    cli.main(["ledger", "import", str(db), str(register_csv(tmp_path / "橋梁台帳.csv"))])
    out = tmp_path / "export.csv"
    assert cli.main(["ledger", "export", str(db), str(out), "--encoding", "utf-8-sig",
                     "--sector", "road"]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    plan_csv = tmp_path / "計画.csv"
    assert cli.main(["ledger", "export", str(db), str(plan_csv), "--layout", "plan"]) == 0
    assert plan_csv.read_bytes().decode("cp932").startswith("整理番号,施設ID,名称")
    capsys.readouterr()
    assert cli.main(["ledger", "import", str(db), str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == GOOD_ROWS


def test_suggest_writes_a_mapping_the_import_accepts(tmp_path, capsys):
    db = make_town(tmp_path)
    ledger = register_csv(tmp_path / "橋梁台帳.csv")
    mapping = tmp_path / "map.json"
    assert cli.main(["ledger", "suggest", str(ledger), "--save", str(mapping)]) == 0
    assert json.loads(mapping.read_text("utf-8"))["columns"]["橋梁名"] == "name"
    assert cli.main(["ledger", "import", str(db), str(ledger), "--mapping", str(mapping), "--dry-run"]) == 0


def test_unreadable_file_is_one_line_and_exit_2(tmp_path):
    db = make_town(tmp_path)
    bogus = tmp_path / "台帳.xlsx"
    bogus.write_bytes(b"PK\x03\x04 this is not a workbook")
    result = gunmane("ledger", "import", str(db), str(bogus))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "台帳.xlsx" in result.stderr and "Traceback" not in result.stderr
    missing = gunmane("ledger", "import", str(db), str(tmp_path / "none.csv"))
    assert missing.returncode == 2 and "none.csv" in missing.stderr


def test_bad_mapping_file_is_exit_2(tmp_path, capsys):
    db = make_town(tmp_path)
    bad = tmp_path / "map.json"
    bad.write_text('{"columns": {"橋梁名": "no_such_field"}}', encoding="utf-8")
    assert cli.main(["ledger", "import", str(db), str(register_csv(tmp_path / "a.csv")),
                     "--mapping", str(bad)]) == 2
    assert "no_such_field" in capsys.readouterr().err


def test_export_with_an_unknown_sector_is_exit_2(tmp_path, capsys):
    db = make_town(tmp_path)
    assert cli.main(["ledger", "export", str(db), str(tmp_path / "x.xlsx"), "--sector", "space"]) == 2
    assert "space" in capsys.readouterr().err


def test_import_counts_measures_in_json_and_in_the_summary_line(tmp_path, capsys):
    from ledger_fixtures import national_db_measures_xlsx

    db = make_town(tmp_path)
    ledger = national_db_measures_xlsx(tmp_path / "全国DB.xlsx")
    capsys.readouterr()
    assert cli.main(["ledger", "import", str(db), str(ledger), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["new"], report["measures"]) == (4, {"new": 3, "updated": 0, "unchanged": 0})
    assert cli.main(["ledger", "import", str(db), str(ledger)]) == 0
    assert "措置 新規 0 / 更新 0 / 変更なし 3" in capsys.readouterr().out
