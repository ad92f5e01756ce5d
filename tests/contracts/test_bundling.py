"""The bundling assistant on the demo region: coverage, size band, travel, determinism."""

import random
import sqlite3
from collections import Counter

import pytest

from gunmane_desktop.contracts.bundling import (
    INSPECTION,
    BundlingParams,
    DueItem,
    choose_lot_count,
    load_due_items,
    lot_to_contract,
    propose_for_region,
    propose_lots,
)
from gunmane_desktop.contracts.geo import haversine_km, nearest_neighbour_tour
from gunmane_desktop.demo import generate_region


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    path = tmp_path_factory.mktemp("bundle") / "demo.sqlite"
    generate_region(path)
    conn = sqlite3.connect(path)
    yield conn
    conn.close()


@pytest.mark.parametrize("fy", [2027, 2028])
def test_every_due_asset_is_in_exactly_one_lot_and_lots_are_in_the_band(region, fy):
    # Given the demo region's due inspections and Ⅲ/Ⅳ repairs
    params = BundlingParams(include_repairs=True)
    items = load_due_items(region, fy, params)
    # When lots are proposed
    proposal = propose_lots(items, fy, params)
    # Then each (asset, kind) is in exactly one lot, and every lot is within the band
    placed = Counter((a, lot.kind) for lot in proposal.lots for a in lot.asset_ids)
    assert placed == Counter((it.asset_id, it.kind) for it in items)
    assert all(lot.in_band for lot in proposal.lots), [lot.cost_yen for lot in proposal.lots]
    assert sum(lot.cost_yen for lot in proposal.lots) == sum(it.cost_yen for it in items)
    assert {lot.kind for lot in proposal.lots} == {"inspection", "works"}
    assert all(len({it.kind for it in items if it.asset_id in set(lot.asset_ids)
                    and it.kind == lot.kind}) == 1 for lot in proposal.lots)


@pytest.mark.parametrize("fy", [2026, 2027, 2028])
def test_lots_travel_less_than_one_contract_per_town(region, fy):
    proposal = propose_for_region(region, fy)
    assert proposal.lots
    assert proposal.bundled.travel_km < proposal.per_owner.travel_km
    assert proposal.bundled.contracts < proposal.per_owner.contracts
    assert proposal.bundled.staff_hours < proposal.per_owner.staff_hours
    assert any(len(lot.orgs) > 1 for lot in proposal.lots)  # work is bundled across owners


def test_output_is_deterministic_and_independent_of_input_order(region):
    params = BundlingParams(include_repairs=True, target_yen=50_000_000)
    items = load_due_items(region, 2028, params)
    first = propose_lots(items, 2028, params)
    shuffled = list(items)
    random.Random(7).shuffle(shuffled)
    assert propose_lots(shuffled, 2028, params) == first


def test_unit_costs_and_target_are_editable(region):
    base = propose_for_region(region, 2028)
    costs = dict(BundlingParams().inspection_costs)
    costs["bridge"] = (400_000, 4_000, "m2", 73.0)
    dearer = propose_for_region(region, 2028, BundlingParams(inspection_costs=costs))
    assert sum(lot.cost_yen for lot in dearer.lots) > sum(lot.cost_yen for lot in base.lots)
    smaller = propose_for_region(region, 2028, BundlingParams(target_yen=30_000_000))
    assert len(smaller.lots) > len(base.lots)


def test_unlocated_assets_are_placed_at_their_owners_centre():
    items = [DueItem(f"a{i}", "152986", "bridge", "road", INSPECTION, 1_000_000, 37.4 + i / 100, 138.8)
             for i in range(5)]
    items.append(DueItem("zz", "152986", "bridge", "road", INSPECTION, 1_000_000, None, None))
    proposal = propose_lots(items, 2027, BundlingParams(target_yen=6_000_000))
    assert proposal.unlocated == 1 and proposal.lots[0].asset_ids[-1] == "zz"


def test_lot_count_is_the_one_whose_mean_is_closest_to_the_target():
    assert choose_lot_count(0, 100) == 0
    assert choose_lot_count(40, 100) == 1
    assert choose_lot_count(140, 100) == 1
    assert choose_lot_count(142, 100) == 2
    assert choose_lot_count(1_000, 100) == 10


def test_a_lot_becomes_a_draft_contract_shared_by_assets(region):
    lot = propose_for_region(region, 2028).lots[0]
    contract = lot_to_contract(lot, "c-1", "150002")
    assert contract.validate() == []
    assert contract.amount_yen == lot.cost_yen
    assert {o.org for o in contract.orderers} == set(lot.orgs) | {"150002"}


def test_geometry_helpers():
    # 1 degree of latitude is about 111 km
    assert abs(haversine_km(37.0, 139.0, 38.0, 139.0) - 111.2) < 0.5
    square = [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0), (1.0, 0.0)]
    order, length = nearest_neighbour_tour(square)
    assert sorted(order) == [0, 1, 2, 3] and length == pytest.approx(4.0)
    far = [(0.0, 0.0), (0.1, 0.0), (500.0, 0.0), (500.1, 0.0)]
    assert nearest_neighbour_tour(far)[1] == pytest.approx(1000.2)
