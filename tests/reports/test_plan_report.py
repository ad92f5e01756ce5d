"""長寿命化修繕計画 on the demo region: the PDF prints the planning engine's own numbers."""

import argparse
import io
from collections import defaultdict

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
from gunmane_desktop.reports.formats import oku
from gunmane_desktop.reports.plan_report import build_plan_report, run_plan

START = 2027
TOWN = "155926"  # 汐見町, an orderer of the road maintenance contract


def _pdf(report):
    buf = io.BytesIO()
    render_pdf(report, buf)
    return pdf_reader(buf.getvalue())


@pytest.fixture(scope="module")
def plan(db):
    """One town's plan: a few hundred facilities keep the PDF (and its text extraction) short."""
    return run_plan(db.conn, org=TOWN, fiscal_year=START, replications=4)


@pytest.fixture(scope="module")
def plan_pdf(db, plan):
    return _pdf(build_plan_report(db.conn, plan, today=TODAY))


@pytest.fixture(scope="module")
def plan_lines(plan_pdf):
    return _lines(plan_pdf)


@pytest.fixture(scope="module")
def plan_text(plan_pdf):
    return flat_text(plan_pdf)


def _lines(reader):
    return [ln for page in page_lines(reader) for ln in page]


def _per_fiscal_year(plan):
    """円 per fiscal year of the plan period, straight from the engine's plan rows."""
    per = defaultdict(int)
    assets = set()
    for row in plan.plan_rows():
        if START <= row["fiscal_year"] < START + 10:
            per[row["fiscal_year"]] += row["cost_yen"]
            assets.add(row["asset_id"])
    return per, assets


def test_fiscal_year_totals_equal_the_engine(plan, plan_lines, plan_text):
    # Given the plan run and its report
    per, assets = _per_fiscal_year(plan)
    assert all(yen % 1000 == 0 for yen in per.values())  # 千円 columns add up exactly
    # Then the total row of the plan-period table holds the engine's cost per fiscal year
    row = ["計", f"{len(plan.inputs.stock):,}", f"{len(assets):,}",
           *(f"{per[fy] // 1000:,}" for fy in range(START, START + 10)),
           f"{sum(per.values()) // 1000:,}"]
    assert has_sequence(plan_lines, row), row
    # And the appendix lists exactly the facilities with a measure in the period
    assert f"計画期間に措置を行う施設 {len(assets):,} 件" in plan_text


def test_scenario_comparison_equals_the_engine(plan, plan_lines, plan_text):
    lines, text = plan_lines, plan_text
    for s in plan.scenarios:
        # The life-cycle cost of each scenario, and its mean cost in the first year
        assert oku(s.life_cycle_cost) in text
        first = s.to_json()
        mean = f"{first['annual_cost_yen'][0] / 1e6:,.1f}"
        band = f"{first['annual_cost_p05_yen'][0] / 1e6:,.1f} - {first['annual_cost_p95_yen'][0] / 1e6:,.1f}"
        assert mean in lines and band in lines
    saving = plan.comparison()["preventive_saving_share"]
    assert f"({abs(saving):.1%})" in text


def test_plan_report_states_its_assumptions_in_japanese(plan_pdf, plan_text):
    text = plan_text
    assert "単価は既定値 (判断による概算) です" in text
    assert "4 回の模擬計算 (乱数の種 2026) の平均" in text
    assert "簡略化: 判定区分は毎年分かるものとし" in text
    assert "令和9年度 (2027)〜令和18年度 (2036)" in text
    assert_a4(plan_pdf)
    assert_fonts_embedded_subsets(plan_pdf)
    width, height = plan_pdf.pages[0].mediabox.width, plan_pdf.pages[0].mediabox.height
    assert width > height  # landscape


def test_council_pack_prints_the_plan_and_the_contracts(db, plan):
    # Given the council pack of a town that orders a joint contract, with the plan given
    town_plan = plan
    reader = _pdf(build_council_pack(db.conn, org=TOWN, today=TODAY, plan=town_plan))
    text = flat_text(reader)
    lines = _lines(reader)
    # Then the budget section totals the plan's ten years as the engine does
    per, _assets = _per_fiscal_year(town_plan)
    assert "8. 予算と長寿命化修繕計画の見通し" in text
    assert f"{per[START] / 1e6:,.1f}" in lines
    assert f"{sum(per.values()) / 1e6:,.1f}" in lines
    # And the town's share of the contract's 債務負担 (3 of 3:2 of 148,000,000 円 a year)
    assert "88.8" in lines
    # And the contracts section lists the contract and its KPIs
    assert "9. 包括・共同契約と性能指標" in text
    assert "R8-包括-1" in lines
    assert "ポットホール24時間以内対応率" in text


def test_council_pack_without_the_plan_says_so(db):
    reader = _pdf(build_council_pack(db.conn, org=TOWN, today=TODAY, with_plan=False))
    assert "長寿命化修繕計画の試算を省略しました" in flat_text(reader)


def _parser():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    report_cli.add_commands(sub)
    return parser


def test_cli_writes_the_plan_and_contracts_reports(region_path, tmp_path):
    for argv in (["plan", "--org", TOWN, "--fiscal-year", "2027", "--years", "10"],
                 ["contracts", "--org", TOWN]):
        out = tmp_path / f"{argv[0]}.pdf"
        args = _parser().parse_args(["report", argv[0], str(region_path), str(out), *argv[1:]])
        assert run(args) == 0
        reader = pdf_reader(out.read_bytes())
        assert_a4(reader)
        assert "汐見町" in flat_text(reader)


@pytest.mark.parametrize("argv, message", [
    (["report", "plan", "DB", "OUT.pdf", "--years", "0"], "--years"),
    (["report", "contracts", "DB", "OUT.pdf", "--sector", "road"], "--sector"),
    (["report", "contracts", "DB", "OUT.pdf", "--org", "999999"], "999999"),
])
def test_cli_refuses_bad_plan_and_contracts_options(region_path, tmp_path, capsys, argv, message):
    argv = [str(region_path) if a == "DB" else str(tmp_path / a) if a.startswith("OUT") else a
            for a in argv]
    assert run(_parser().parse_args(argv)) == 2
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))
