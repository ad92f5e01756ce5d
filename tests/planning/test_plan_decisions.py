"""The user's choices in the plan: decisions and plan rows set by hand are kept in the file
and carried out by the engine, the CLI, the plan table and its .xlsx."""

from __future__ import annotations

import argparse
import json
import shutil

import openpyxl
import pytest

from gunmane_desktop.cli import plan as plan_cli
from gunmane_desktop.planning.candidates import removal_candidates
from gunmane_desktop.planning.plan_table import OVERRIDDEN_CELL, OVERRIDE_MARK, build_plan_table
from gunmane_desktop.planning.run import PlanOptions, make_plan
from gunmane_desktop.planning.stock import Scope
from gunmane_desktop.planning.xlsx import write_plan_xlsx
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.plan_decisions import (
    PlanChoiceError,
    PlanDecision,
    PlanDecisionRepository,
    PlanOverride,
    read_decisions,
    read_overrides,
)

START = 2026


def _plan(conn, **kw):
    options = PlanOptions(start_fy=START, **{"years": 10, "replications": 4, **kw})
    return make_plan(conn, Scope(), options)


@pytest.fixture(scope="module")
def baseline(conn):
    """The preventive plan with no choices, and its best removal candidate."""
    result = _plan(conn, stored_choices=False)
    candidate = removal_candidates(result.inputs, result.scenario("preventive"), limit=1)[0]
    return result, candidate


@pytest.fixture
def town_file(region_path, tmp_path):
    path = tmp_path / "region.gunmane"
    shutil.copy(region_path, path)
    db = Database.open(path, lock=False)
    yield db
    db.close()


def _ctx(db):
    return ChangeContext(db, db.site_org or "150002", "tester", "test")


def test_decisions_and_overrides_round_trip_through_the_file(town_file, baseline):
    # Given a candidate of the demo region
    _result, candidate = baseline
    repo = PlanDecisionRepository(town_file)
    ctx = _ctx(town_file)

    # When the user decides to remove it from FY2028 and sets a plan row by hand
    repo.decide(ctx, PlanDecision(candidate.asset_id, "remove", 2028, "迂回路あり", candidate.saving_yen))
    repo.set_row(ctx, PlanOverride(candidate.asset_id, 2027, "corrective_repair", 12_345_000, "補正予算"))

    # Then both are read back as saved, owned by the asset's owner, stamped and audited
    decision = repo.decisions()[candidate.asset_id]
    assert (decision.decision, decision.fiscal_year, decision.note, decision.saving_yen) == (
        "remove", 2028, "迂回路あり", candidate.saving_yen)
    assert decision.decided_by == ctx.actor and decision.decided_at
    override = repo.overrides()[(candidate.asset_id, 2027)]
    assert (override.measure, override.cost_yen, override.note) == (
        "corrective_repair", 12_345_000, "補正予算")
    owners = town_file.conn.execute(
        "SELECT DISTINCT p.owner = a.owner FROM plan_decisions p JOIN assets a ON a.id = p.asset_id "
        "UNION ALL SELECT DISTINCT o.owner = a.owner FROM plan_overrides o JOIN assets a ON a.id = o.asset_id"
    ).fetchall()
    assert [tuple(r) for r in owners] == [(1,), (1,)]
    audit = [r[0] for r in town_file.conn.execute(
        "SELECT summary FROM audit_log WHERE table_name IN ('plan_decisions', 'plan_overrides') "
        "ORDER BY seq")]
    assert any("撤去" in s for s in audit) and any("12,345 千円" in s for s in audit)

    # When the decision changes, the row moves and then both are withdrawn
    repo.decide(ctx, PlanDecision(candidate.asset_id, "keep", note="地元要望"))
    repo.set_row(ctx, PlanOverride(candidate.asset_id, 2029, "corrective_repair", 12_345_000), from_year=2027)
    assert repo.decisions()[candidate.asset_id].decision == "keep"
    moved = repo.overrides()
    assert moved[(candidate.asset_id, 2027)].measure == "none"
    assert moved[(candidate.asset_id, 2029)].cost_yen == 12_345_000
    assert repo.withdraw(ctx, candidate.asset_id) and not repo.withdraw(ctx, candidate.asset_id)
    assert repo.revert(ctx, candidate.asset_id, 2027) and repo.revert(ctx, candidate.asset_id, 2029)
    # Then nothing is in force, and the rows stay as tombstones (the exchange carries them)
    assert read_decisions(town_file.conn) == {} and read_overrides(town_file.conn) == {}
    assert town_file.conn.execute("SELECT count(*) FROM plan_overrides WHERE deleted = 1").fetchone()[0] == 2


@pytest.mark.parametrize("override, words", [
    (PlanOverride("?", 2027, "replacement", 1), "台帳にありません"),
    (PlanOverride("", 2027, "teleport", 1), "対策内容"),
    (PlanOverride("", 2027, "replacement", -1), "0 円以上"),
    (PlanOverride("", 2027, "none", 5), "措置なし"),
])
def test_a_bad_override_is_refused_with_a_japanese_message(town_file, baseline, override, words):
    asset = baseline[1].asset_id
    o = override if override.asset_id == "?" else PlanOverride(asset, override.fiscal_year, override.measure,
                                                                 override.cost_yen)
    with pytest.raises(PlanChoiceError, match=words):
        PlanDecisionRepository(town_file).set_row(_ctx(town_file), o)
    assert read_overrides(town_file.conn) == {}


def test_a_removal_leaves_the_plan_from_its_year_with_the_removal_cost(conn, baseline):
    # Given the best candidate, decided for removal in FY2028
    _before, candidate = baseline
    result = _plan(conn, decisions={candidate.asset_id: "remove"}, removal_years={candidate.asset_id: 2028},
                   stored_choices=False)

    # Then the plan charges its removal in FY2028, marked decided, and has no measure after it
    rows = [r for r in result.plan_rows() if r["asset_id"] == candidate.asset_id]
    removal = [r for r in rows if r["measure"] == "removal"]
    assert removal == [{"asset_id": candidate.asset_id, "fiscal_year": 2028, "measure": "removal",
                        "kind": "removal", "cost_yen": candidate.removal_cost_yen, "decided": True}]
    assert all(r["fiscal_year"] < 2028 for r in rows if r["measure"] != "removal")
    # and every year's plan rows add up to the plan scenario's first replication
    plan = result.scenario("preventive")
    for t in range(10):
        assert sum(r["cost_yen"] for r in result.plan_rows() if r["fiscal_year"] == START + t) == \
            plan.annual_cost[0, t]
    # and the asset counts out of the grade shares from that year on
    assert abs(plan.shares[:, 5].sum(axis=1) - 1).max() < 1e-9
    assert result.to_json()["decisions"] == [
        {"asset_id": candidate.asset_id, "decision": "remove", "fiscal_year": 2028}]


def test_an_override_replaces_the_engines_row_and_changes_the_cost_by_the_difference(conn, baseline):
    # Given a measure the engine plans (preventive scenario, no budget)
    before, _candidate = baseline
    engine_row = next(r for r in before.plan_rows() if r["fiscal_year"] == START + 2)
    key = (engine_row["asset_id"], engine_row["fiscal_year"])

    # When the user sets that row by hand: another measure at another cost
    result = _plan(conn, overrides={key: ("replacement", 77_000_000, "架替に変更")}, stored_choices=False)

    # Then the plan holds the user's row instead of the engine's, marked
    rows = [r for r in result.plan_rows() if (r["asset_id"], r["fiscal_year"]) == key]
    assert rows == [{"asset_id": key[0], "fiscal_year": key[1], "measure": "replacement",
                     "kind": "replacement", "cost_yen": 77_000_000, "overridden": True, "note": "架替に変更"}]
    # and the year's cost changes by exactly the difference; other years are as before
    diff = result.scenario("preventive").annual_cost[0] - before.scenario("preventive").annual_cost[0]
    assert diff[2] == 77_000_000 - engine_row["cost_yen"]
    assert (diff[[0, 1, *range(3, 10)]] == 0).all()


def test_a_row_set_to_no_measure_is_kept_marked_and_costs_nothing(conn, baseline):
    before, _candidate = baseline
    engine_row = next(r for r in before.plan_rows() if r["fiscal_year"] == START)
    key = (engine_row["asset_id"], START)
    result = _plan(conn, overrides={key: ("none", 0)}, stored_choices=False)
    rows = [r for r in result.plan_rows() if r["asset_id"] == key[0] and r["fiscal_year"] == START]
    assert [(r["measure"], r["cost_yen"], r["overridden"]) for r in rows] == [("none", 0, True)]
    # the asset still wants its measure, so the engine plans it the next year
    assert any(r["asset_id"] == key[0] and r["fiscal_year"] == START + 1 for r in result.plan_rows())


@pytest.mark.parametrize("budget", [60_000_000, 150_000_000])
def test_the_budget_is_never_exceeded_with_a_removal_and_an_override(conn, baseline, budget):
    # Given a removal and an override that fit the budget
    before, _best = baseline
    candidate = next(c for c in removal_candidates(before.inputs, before.scenario("preventive"))
                     if c.removal_cost_yen <= budget - 20_000_000)
    engine_row = next(r for r in before.plan_rows() if r["fiscal_year"] == START + 1
                      and r["asset_id"] != candidate.asset_id and r["cost_yen"] < 20_000_000)
    overrides = {(engine_row["asset_id"], START + 1): ("corrective_repair", 20_000_000)}
    result = _plan(conn, budget_yen=budget, decisions={candidate.asset_id: "remove"}, overrides=overrides,
                   stored_choices=False)
    s = result.scenario("budget")
    # Then no replication spends more than the budget in any year, choices included
    assert s.annual_cost.max() <= budget
    for fy in range(START, START + 10):
        assert sum(r["cost_yen"] for r in result.plan_rows() if r["fiscal_year"] == fy) <= budget
    assert "committed_over_budget_yen" not in s.to_json()
    marked = [r for r in result.plan_rows() if r.get("overridden") or r.get("decided")]
    assert len(marked) == 2


def test_choices_above_the_budget_are_kept_and_reported_not_hidden(conn, baseline):
    _before, candidate = baseline
    result = _plan(conn, budget_yen=0, decisions={candidate.asset_id: "remove"}, stored_choices=False)
    s = result.scenario("budget")
    # the user's removal is carried out; the scenario funds nothing else that year
    assert (s.annual_cost[:, 0] == candidate.removal_cost_yen).all()
    assert s.to_json()["committed_over_budget_yen"] == {str(START): candidate.removal_cost_yen}
    assert (s.annual_cost[:, 1:] == 0).all()


def _cli(argv) -> int:
    parser = argparse.ArgumentParser(prog="gunmane")
    plan_cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(argv)
    return args.handler(args)


def test_the_cli_carries_out_the_files_choices_and_marks_them(town_file, baseline, capsys, tmp_path):
    # Given a decision and a plan row set by hand, kept in the file
    before, candidate = baseline
    engine_row = next(r for r in before.plan_rows() if r["fiscal_year"] == START + 3
                      and r["asset_id"] != candidate.asset_id)
    repo = PlanDecisionRepository(town_file)
    ctx = _ctx(town_file)
    repo.decide(ctx, PlanDecision(candidate.asset_id, "remove", START + 1))
    repo.set_row(ctx, PlanOverride(engine_row["asset_id"], START + 3, "replacement", 50_000_000, "架替"))
    path = str(town_file.path)
    common = [path, "--years", "10", "--start-fy", str(START), "--replications", "2", "--json"]

    # When the plan is made from the command line
    xlsx = tmp_path / "plan.xlsx"
    assert _cli(["plan", *common, "--xlsx", str(xlsx)]) == 0
    out = json.loads(capsys.readouterr().out)

    # Then the JSON plan marks the overridden row and the decided removal
    marked = [r for r in out["plan"] if r.get("overridden")]
    assert [(r["asset_id"], r["fiscal_year"], r["measure"], r["cost_yen"], r["note"]) for r in marked] == [
        (engine_row["asset_id"], START + 3, "replacement", 50_000_000, "架替")]
    assert [r["fiscal_year"] for r in out["plan"] if r.get("decided")] == [START + 1]
    assert candidate.asset_id in {c["asset_id"] for c in out["candidates"]}
    assert out["decisions"][0]["decision"] == "remove"
    # and the .xlsx marks the row and shows the decision
    ws = openpyxl.load_workbook(xlsx)["計画表"]
    rows = {r[2]: r for r in ws.iter_rows(min_row=4, values_only=True)}
    names = dict(town_file.conn.execute("SELECT id, coalesce(nullif(external_id, ''), id) FROM assets"))
    changed = rows[names[engine_row["asset_id"]]]
    assert str(changed[17]).startswith(OVERRIDE_MARK) and OVERRIDDEN_CELL in changed
    assert str(rows[names[candidate.asset_id]][-1]).startswith("撤去 (決定")

    # When asked to leave the choices out, the plan is the engine's own
    assert _cli(["plan", *common, "--ignore-decisions"]) == 0
    plain = json.loads(capsys.readouterr().out)
    assert not any(r.get("overridden") or r.get("decided") for r in plain["plan"])


def test_the_plan_table_marks_rows_and_decisions(conn, baseline, tmp_path):
    before, candidate = baseline
    row = next(r for r in before.plan_rows() if r["asset_id"] != candidate.asset_id)
    result = _plan(conn, decisions={candidate.asset_id: "downsize"},
                   overrides={(row["asset_id"], row["fiscal_year"]): ("none", 0)}, stored_choices=False)
    table = build_plan_table(conn, result, period_years=10)
    by_id = {result.inputs.stock.ids[int(r[0]) - 1]: r for r in table.rows}
    assert by_id[candidate.asset_id][-1] == "機能縮小 (決定)"
    cleared = by_id[row["asset_id"]]
    assert cleared[17].startswith(OVERRIDE_MARK)
    assert cleared[18 + row["fiscal_year"] - START] == "○"
    out = write_plan_xlsx(tmp_path / "p.xlsx", table, result)
    ws = openpyxl.load_workbook(out)["計画表"]
    assert "利用者が変更" in ws["A2"].value


def test_the_annual_plan_cost_is_the_plan_rows_summed_by_year(conn, baseline):
    # Given a plan with a removal and a row set by hand (what the council pack's outlook sums)
    before, candidate = baseline
    engine_row = next(r for r in before.plan_rows() if r["fiscal_year"] == START + 1)
    result = _plan(conn, decisions={candidate.asset_id: "remove"},
                   removal_years={candidate.asset_id: START + 3},
                   overrides={(engine_row["asset_id"], START + 1): ("replacement", 5_000_000, "")},
                   stored_choices=False)
    # Then the per-year totals from the arrays equal the rows summed one by one
    summed: dict[int, int] = {}
    for row in result.plan_rows():
        summed[row["fiscal_year"]] = summed.get(row["fiscal_year"], 0) + row["cost_yen"]
    annual = result.annual_plan_cost()
    assert {y: v for y, v in annual.items() if v} == summed
    assert set(annual) == set(range(START, START + 10))
