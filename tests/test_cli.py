"""The command line as users and scripts call it: verbs, exit codes, one-line errors."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from gunmane_desktop import cli


def gunmane(*args: str) -> subprocess.CompletedProcess:
    """Run the real entry point in a child process, as a user's shell would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "gunmane_desktop", *args],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_init_creates_a_town_file_that_info_and_check_accept(tmp_path, capsys):
    db = tmp_path / "town.sqlite"
    assert cli.main(["init", str(db), "--org", "011002", "--name", "札幌市",
                     "--lead", "010006"]) == 0
    assert cli.main(["info", str(db), "--json"]) == 0
    info = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert info["site_org"] == "011002"
    assert info["organisations"] == 2
    assert info["assets"] == info["inspections"] == info["measures"] == 0
    assert cli.main(["check", str(db)]) == 0


def test_init_refuses_a_bad_code_with_one_line(tmp_path, capsys):
    assert cli.main(["init", str(tmp_path / "x.sqlite"), "--org", "011003", "--name", "x"]) == 2
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and "検査数字" in err
    assert not (tmp_path / "x.sqlite").exists()


def test_init_never_overwrites(tmp_path, capsys):
    db = tmp_path / "town.sqlite"
    assert cli.main(["init", str(db), "--org", "011002", "--name", "札幌市"]) == 0
    assert cli.main(["init", str(db), "--org", "011002", "--name", "札幌市"]) == 2
    assert "already exists" in capsys.readouterr().err


@pytest.mark.parametrize("verb", ["info", "check"])
def test_missing_file_is_one_line_and_exit_2(verb, tmp_path):
    result = gunmane(verb, str(tmp_path / "nothing.sqlite"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "nothing.sqlite" in result.stderr and "Traceback" not in result.stderr


def test_not_a_database_is_one_line_and_exit_2(tmp_path):
    bogus = tmp_path / "ledger.xlsx"
    bogus.write_bytes(b"PK\x03\x04 not a database")
    result = gunmane("info", str(bogus))
    assert result.returncode == 2
    assert "ledger.xlsx" in result.stderr and "Traceback" not in result.stderr


def test_check_fails_on_an_orphaned_inspection(tmp_path, capsys):
    db = tmp_path / "town.sqlite"
    cli.main(["init", str(db), "--org", "011002", "--name", "札幌市"])
    with sqlite3.connect(db) as raw:
        raw.execute("PRAGMA foreign_keys = OFF")
        raw.execute("INSERT INTO inspections (id, owner, hlc, modified_at, modified_by, asset_id,"
                    " inspected_on, fiscal_year, scale_id, grade) VALUES ('i1', '011002', 'h',"
                    " 't', 'm', 'no-such-asset', '2024-06-01', 2024, 'soundness', 'II')")
    capsys.readouterr()
    assert cli.main(["check", str(db), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    failed = {c["name"] for c in report["checks"] if not c["ok"]}
    assert "orphans: inspections without their asset" in failed


def test_demo_info_and_check_on_a_small_scaled_region(tmp_path):
    db = tmp_path / "region.sqlite"
    made = gunmane("demo", str(db), "--towns", "2", "--assets-per-town", "150",
                   "--inspections-per-asset", "3", "--seed", "5")
    assert made.returncode == 0, made.stderr
    info = json.loads(gunmane("info", str(db), "--json").stdout)
    assert info["schema_version"] >= 1
    assert info["assets"] + info["retired_assets"] == 300
    assert {"schema_version", "organisations", "assets", "inspections", "measures",
            "by_org"} <= info.keys()
    assert all(isinstance(info[k], int) for k in ("organisations", "assets", "inspections",
                                                  "measures"))
    assert sum(o["assets"] + o["retired_assets"] for o in info["by_org"]) == 300
    checked = gunmane("check", str(db))
    assert checked.returncode == 0, checked.stdout
    # Human-readable output names the file and speaks Japanese.
    assert "施設" in gunmane("info", str(db)).stdout


def test_demo_refuses_to_overwrite(tmp_path):
    db = tmp_path / "region.sqlite"
    db.write_bytes(b"keep me")
    result = gunmane("demo", str(db))
    assert result.returncode == 2
    assert db.read_bytes() == b"keep me"


def test_default_demo_region_matches_the_national_picture(tmp_path):
    """domain.md section 4: grade mix, unknown construction years, ageing, measures started."""
    db = tmp_path / "demo.sqlite"
    assert gunmane("demo", str(db)).returncode == 0
    info = json.loads(gunmane("info", str(db), "--json").stdout)
    towns = [o for o in info["by_org"] if o["kind"] == "municipality"]
    assert len(towns) == 4
    assert any(o["kind"] == "prefecture" and o["assets"] > 0 for o in info["by_org"])

    bridges = [o["by_type"]["bridge"] for o in info["by_org"] if "bridge" in o["by_type"]]
    total = sum(b["assets"] for b in bridges)
    assert 50 * 4 <= total <= 300 * 5  # 50-300 bridges a town, plus the prefecture's
    graded = {g: sum(b["grades"].get(g, 0) for b in bridges) for g in ("I", "II", "III", "IV")}
    inspected = sum(graded.values())
    share = {g: n / inspected for g, n in graded.items()}
    assert 0.40 <= share["I"] <= 0.65
    assert 0.30 <= share["II"] <= 0.50
    assert 0.03 <= share["III"] <= 0.12
    assert share["IV"] < 0.005
    unknown = sum(b["built_year_unknown"] for b in bridges) / total
    assert 0.35 <= unknown <= 0.45
    # About 30% of bridges are over 50 years old; most of the unknown-year ones are old too,
    # so among those with a known year the share is higher.
    known = total - sum(b["built_year_unknown"] for b in bridges)
    old_share = sum(b["over_50_years"] for b in bridges) / known
    assert 0.25 <= old_share <= 0.60
    # Councils watch how many Ⅲ/Ⅳ assets have a measure started.
    action = info["action_required"]
    assert action["assets"] > 0
    assert 0 < action["measure_completed"] <= action["measure_started"] < action["assets"]


def test_building_the_parser_leaves_reportlab_the_plan_engine_and_the_demo_generator_unloaded():
    # A ledger import or an exchange should not pay for loading the PDF, planning and demo code.
    code = ("import sys; from gunmane_desktop.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('reportlab', 'gunmane_desktop.planning.run', "
            "'gunmane_desktop.reports.render', 'gunmane_desktop.demo.generate', "
            "'gunmane_desktop.contracts.demo', 'numpy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_report_commands_default_horizon_is_the_plan_reports():
    from gunmane_desktop.cli.report import PLAN_YEARS
    from gunmane_desktop.reports.plan_report import YEARS

    assert PLAN_YEARS == YEARS
