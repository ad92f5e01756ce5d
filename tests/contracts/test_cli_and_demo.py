"""The contracts verbs through their own parser, over the demo region with demo contracts."""

import argparse
import json
import sqlite3

import pytest

from gunmane_desktop.cli import contracts as cli
from gunmane_desktop.cli.common import UserError
from gunmane_desktop.contracts.demo import add_demo_contracts
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.checks import run_checks
from gunmane_desktop.storage.database import Database


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("contracts") / "demo.sqlite"
    generate_region(path)
    ids = add_demo_contracts(path)
    return path, ids


def _run(capsys, *argv):
    parser = argparse.ArgumentParser(prog="gunmane")
    cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args([str(a) for a in argv])
    assert args.handler(args) == 0
    return capsys.readouterr().out


def test_demo_contracts_are_sound_and_keep_personal_data_local(demo):
    path, ids = demo
    with Database.open(path, readonly=True, lock=False) as db:
        assert all(r.ok for r in run_checks(db)), [r for r in run_checks(db) if not r.ok]
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM request_contacts").fetchone()[0] == 60
        results = [r[0] for r in conn.execute(
            "SELECT result FROM tenders WHERE contract_id = ? ORDER BY round", (ids["road_maintenance"],))]
    assert results == ["no_bid", "awarded"]


def test_contracts_list_and_show_as_json(demo, capsys):
    path, ids = demo
    rows = json.loads(_run(capsys, "contracts", "list", path, "--json"))
    assert {r["id"] for r in rows} == set(ids.values())
    road = json.loads(_run(capsys, "contracts", "show", path, ids["road_maintenance"], "--json"))
    assert [t["result"] for t in road["tenders"]] == ["no_bid", "awarded"]
    assert road["tenders"][1]["previous_id"] == road["tenders"][0]["id"]
    assert {k["name"] for k in road["kpis"]} >= {"ポットホール24時間以内対応率"}
    assert road["requests"] == 60 and "山田" not in json.dumps(road, ensure_ascii=False)
    bridge = json.loads(_run(capsys, "contracts", "show", path, ids["bridge_inspection"], "--json"))
    assert len(bridge["orderers"]) == 4
    for shares in bridge["shares_by_fy"].values():
        assert sum(shares.values()) == 75_000_000
    text = _run(capsys, "contracts", "show", path, ids["bridge_inspection"])
    assert "負担" in text and "落札" in text


def test_show_of_an_unknown_contract_is_a_user_error(demo):
    path, _ = demo
    parser = argparse.ArgumentParser()
    cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["contracts", "show", str(path), "nope"])
    with pytest.raises(UserError):
        args.handler(args)


def test_bundle_json_lists_lots_with_organisations_counts_cost_and_travel(demo, capsys):
    path, _ = demo
    out = json.loads(_run(capsys, "bundle", path, "--fiscal-year", "2028", "--target-yen", "80000000",
                          "--json"))
    assert out["target_yen"] == 80_000_000 and out["lots"]
    for lot in out["lots"]:
        assert lot["organisations"] and lot["asset_count"] > 0
        assert lot["estimated_cost_yen"] > 0 and lot["travel_km"] > 0
    assert out["bundled"]["travel_km"] < out["per_town"]["travel_km"]
    assert "ロット1" in _run(capsys, "bundle", path, "--fiscal-year", "2028")


def test_demo_contracts_refuse_a_region_without_the_demo_organisations(tmp_path):
    path = tmp_path / "scale.sqlite"
    generate_region(path, towns=2, assets_per_town=20)
    with pytest.raises(ValueError, match="organisations missing"):
        add_demo_contracts(path)


def test_bundle_takes_edited_inspection_costs_from_a_file(demo, capsys, tmp_path):
    path, _ = demo
    base = json.loads(_run(capsys, "bundle", path, "--fiscal-year", "2028", "--json"))
    costs = tmp_path / "costs.json"
    costs.write_text(json.dumps({"bridge": {"fixed_yen": 600000, "per_unit_yen": 3000, "unit": "m2",
                                            "default_size": 73}}), "utf-8")
    dearer = json.loads(_run(capsys, "bundle", path, "--fiscal-year", "2028", "--inspection-costs",
                             costs, "--json"))
    assert (sum(lot["estimated_cost_yen"] for lot in dearer["lots"])
            > sum(lot["estimated_cost_yen"] for lot in base["lots"]))
    costs.write_text('{"bridge": {"unit": "km"}}', "utf-8")
    parser = argparse.ArgumentParser()
    cli.add_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["bundle", str(path), "--fiscal-year", "2028", "--inspection-costs", str(costs)])
    with pytest.raises(UserError):
        args.handler(args)
