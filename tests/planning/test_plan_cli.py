"""The ``plan`` verb through its own parser (cli/__init__ registers it separately)."""

import argparse
import json

import pytest

from gunmane_desktop.cli import plan
from gunmane_desktop.cli.common import UserError


def _run(argv):
    parser = argparse.ArgumentParser(prog="gunmane")
    sub = parser.add_subparsers(dest="command")
    plan.add_commands(sub)
    args = parser.parse_args(argv)
    return args.handler(args)


def test_json_contract(region_path, capsys):
    assert _run(["plan", str(region_path), "--years", "10", "--budget", "200000000", "--json",
                 "--start-fy", "2026", "--replications", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    names = [s["name"] for s in out["scenarios"]]
    assert names == ["preventive", "reactive", "budget"]
    for s in out["scenarios"]:
        assert isinstance(s["total_cost_yen"], int)
        assert len(s["annual_cost_yen"]) == 10 and sum(s["annual_cost_yen"]) == pytest.approx(
            s["total_cost_yen"], abs=10)
        assert len(s["grade_share_by_year"]) == 10
    assert max(out["scenarios"][2]["annual_cost_yen"]) <= 200_000_000
    assert out["plan_scenario"] == "budget"
    row = out["plan"][0]
    assert {"asset_id", "fiscal_year", "measure", "cost_yen"} <= set(row)
    assert out["unit_costs_are_defaults"] is True
    assert out["models"] and "effective_sample_size" in out["models"][0]
    assert "candidates" in out


def test_text_output_by_org_and_sector(region_path, capsys):
    assert _run(["plan", str(region_path), "--org", "155918", "--sector", "道路", "--years", "10",
                 "--replications", "2"]) == 0
    text = capsys.readouterr().out
    assert "予防保全" in text and "事後保全" in text and "既定値" in text


@pytest.mark.parametrize("argv, words", [
    (["--years", "0"], "--years"),
    (["--budget", "-1"], "--budget"),
    (["--sector", "宇宙"], "--sector"),
    (["--org", "999999"], "999999"),
    (["--unit-costs", "/nonexistent/costs.json"], "見つかりません"),
])
def test_user_mistakes_are_one_line_errors(region_path, argv, words):
    with pytest.raises(UserError, match=words):
        _run(["plan", str(region_path), *argv])


def test_bad_unit_cost_file_is_named(region_path, tmp_path):
    bad = tmp_path / "costs.json"
    bad.write_text('{"types": {"other": {"unit": "km", "measures": {}}}}', "utf-8")
    with pytest.raises(UserError, match=r"costs\.json"):
        _run(["plan", str(region_path), "--unit-costs", str(bad)])


def test_xlsx_plan_table_in_the_published_layout(region_path, tmp_path, capsys):
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    assert _run(["plan", str(region_path), "--org", "155918", "--years", "20", "--start-fy", "2026",
                 "--replications", "2", "--xlsx", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    wb = load_workbook(out, read_only=True)
    rows = list(wb["計画表"].iter_rows(values_only=True))
    headers = rows[2]
    for required in ("整理番号", "施設ID", "名称", "路線名", "所在地", "橋種/形式", "架設年度", "橋長 (m)",
                     "幅員 (m)", "橋面積 (m²)", "緊急輸送道路", "跨線橋", "跨道橋", "前回点検年度", "健全性",
                     "次回点検年度", "対策内容", "概算事業費 (千円)", "新技術活用", "集約・撤去検討結果"):
        assert required in headers, required
    fy_columns = [h for h in headers if h.endswith("年度") and h[0] in "令平"]
    assert len(fy_columns) == 10  # the plan period, as 和暦 headers
    body = rows[3:]
    assert len(body) == data["assets"]
    cost_col = headers.index("概算事業費 (千円)")
    in_period = sum(r["cost_yen"] for r in data["plan"] if r["fiscal_year"] < 2036)
    assert sum(r[cost_col] for r in body) == pytest.approx(in_period / 1000, abs=len(body))
    assert "概要" in wb.sheetnames


def test_xlsx_name_is_checked(region_path):
    with pytest.raises(UserError, match="xlsx"):
        _run(["plan", str(region_path), "--xlsx", "plan.csv"])
