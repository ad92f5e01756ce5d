"""Service lives: assets are renewed at the end of their life under each policy's lives."""

import json

import numpy as np
import pytest

from gunmane_desktop.core.unit_costs import UnitCostError, default_unit_costs, load_unit_costs
from gunmane_desktop.planning.run import PlanOptions, make_plan
from gunmane_desktop.planning.service_life import (
    OVERDUE_SPREAD_YEARS,
    LifeCalendar,
    ages_at_start,
    first_end,
)
from gunmane_desktop.planning.stock import Scope, load_stock

START = 2026


def test_default_lives_are_stated_per_type_and_longer_under_preventive():
    table = default_unit_costs()
    assert table.is_default
    bridge = table.for_type("bridge").service_life
    assert bridge == {"reactive": 60, "preventive": 100}
    assert table.for_type("sewer").service_life["reactive"] == 50
    assert table.for_type("pavement").service_life == {}  # renewed only when its grade calls for it
    for type_id, costs in table.types.items():
        if costs.service_life:
            assert costs.service_life["preventive"] > costs.service_life["reactive"], type_id


@pytest.mark.parametrize("life, words", [
    ({"reactive": 60}, "reactive と preventive"),
    ({"reactive": 60, "preventive": 0}, "service_life_years.preventive"),
    ({"reactive": "60", "preventive": 100}, "service_life_years.reactive"),
])
def test_a_bad_service_life_is_refused_naming_the_file_and_entry(life, words):
    raw = json.loads(json.dumps({"types": {t: {"unit": c.unit, "default_size": c.default_size,
                                               "measures": {m: {"fixed_yen": u.fixed_yen,
                                                                "per_unit_yen": u.per_unit_yen}
                                                            for m, u in c.measures.items()}}
                                           for t, c in default_unit_costs().types.items()}}))
    raw["types"]["bridge"]["service_life_years"] = life
    with pytest.raises(UnitCostError) as err:
        load_unit_costs(json.dumps(raw), name="town_costs.json")
    assert "town_costs.json: bridge" in str(err.value) and words in str(err.value)


def test_unknown_construction_years_are_drawn_from_the_same_type(conn):
    stock = load_stock(conn)
    age, unknown = ages_at_start(stock, START, np.random.default_rng(1))
    types = np.array(stock.asset_types)
    bridges = types == "bridge"
    assert unknown[bridges].mean() > 0.3  # the demo leaves 35-45% of bridge years unknown
    known_ages = set(age[bridges & ~unknown].tolist())
    assert set(age[bridges & unknown].tolist()) <= known_ages
    assert (age[~unknown] == START - stock.built_year[~unknown]).all()
    # the plan says how many it drew
    plan = make_plan(conn, Scope(), PlanOptions(start_fy=START, years=10, replications=1)).to_json()
    assert plan["assets_built_year_imputed"] == int((stock.built_year <= 0).sum())


def test_lives_already_over_are_due_within_the_first_inspection_cycle():
    age = np.array([10, 59, 60, 61, 90, 120, -1, 30], dtype=np.int32)
    life = np.array([60, 60, 60, 60, 60, 60, 60, 0], dtype=np.int32)
    ends = first_end(age, life)
    assert ends[:2].tolist() == [50, 1]
    assert ends[2] == 0  # exactly at its life: this year
    overdue = ends[3:6]
    assert ((overdue >= 0) & (overdue < OVERDUE_SPREAD_YEARS)).all() and len(set(overdue.tolist())) == 3
    assert ends[6] > 10_000 and ends[7] > 10_000  # unknown age without a type to draw from; no life


def test_a_renewal_starts_a_new_life_and_cancels_the_old_end():
    life = np.array([10, 10, 0], dtype=np.int32)
    calendar = LifeCalendar(np.array([3, 5, 10**6], dtype=np.int32), life, replications=2, years=30)
    assert calendar.ending(0, 3).tolist() == [0]
    calendar.renewed(0, 3, np.array([0]))
    calendar.renewed(0, 4, np.array([1, 2]))  # renewed early (at IV): its year-5 end no longer comes
    assert calendar.ending(0, 5).tolist() == []
    assert calendar.ending(0, 13).tolist() == [0]
    assert calendar.ending(0, 14).tolist() == [1]
    # The other replication did not renew anything
    assert calendar.ending(1, 5).tolist() == [1]


def test_reactive_renews_old_structures_whatever_their_grade(conn):
    result = make_plan(conn, Scope(sector="road"), PlanOptions(start_fy=START, years=10, replications=2))
    stock, inputs = result.inputs.stock, result.inputs
    reactive = result.scenario("reactive")
    renewed = set(reactive.plan_asset[reactive.plan_grade == 3].tolist())
    old_bridges = [i for i, (t, b) in enumerate(zip(stock.asset_types, stock.built_year, strict=True))
                   if t == "bridge" and 0 < b <= START - 60 and inputs.grade0[i] < 3]
    assert old_bridges  # the demo has bridges from before 1966
    assert set(old_bridges) <= renewed
    # Preventive carries them to 100 years: those 60-90 years old are repaired, not renewed
    preventive = result.scenario("preventive")
    renewed_pre = set(preventive.plan_asset[preventive.plan_grade == 3].tolist())
    sixty_to_ninety = {i for i in old_bridges if stock.built_year[i] > START - 90}
    assert sixty_to_ninety and not sixty_to_ninety & renewed_pre
    assert reactive.extra["service_life_ends"] > preventive.extra["service_life_ends"]


def test_the_life_used_per_asset_adds_up_to_the_scenarios(conn):
    result = make_plan(conn, Scope(), PlanOptions(start_fy=START, years=20, replications=3))
    for s in result.scenarios:
        assert s.asset_life_used.sum() == pytest.approx(s.service_life_used, abs=len(s.asset_life_used))
    # Reactive renews the old stock within the horizon, so it leaves more life than it found
    assert result.scenario("reactive").service_life_used < 0 < result.scenario("preventive").service_life_used
