"""Next-due computation for the statutory 5-year cycle and the other sectors."""

import datetime as dt

import pytest

from gunmane_desktop.core.catalogue import default_catalogue
from gunmane_desktop.core.cycles import DueState, due, next_due_fiscal_year, statutory_cycle_of


def test_bridge_inspected_in_fy2021_is_due_in_fy2026():
    assert next_due_fiscal_year(dt.date(2021, 6, 15), 5) == 2026
    # January 2022 still belongs to FY2021.
    assert next_due_fiscal_year(dt.date(2022, 1, 20), 5) == 2026
    assert next_due_fiscal_year(dt.date(2022, 4, 1), 5) == 2027


@pytest.mark.parametrize(("last", "state"), [
    (dt.date(2020, 5, 1), DueState.OVERDUE),  # due FY2025
    (dt.date(2021, 5, 1), DueState.DUE),  # due FY2026
    (dt.date(2022, 5, 1), DueState.UPCOMING),  # due FY2027
    (dt.date(2024, 5, 1), DueState.OK),
    (None, DueState.NEVER),
])
def test_due_state_on_a_day_in_fy2026(last, state):
    assert due(last, 5, dt.date(2026, 11, 24)).state is state


def test_deadline_is_the_last_day_of_the_due_fiscal_year():
    d = due(dt.date(2021, 5, 1), 5, dt.date(2026, 11, 24))
    assert d.fiscal_year == 2026
    assert d.deadline == dt.date(2027, 3, 31)


def test_assets_without_a_cycle_are_never_due():
    assert due(dt.date(2001, 1, 1), None, dt.date(2026, 1, 1)).state is DueState.NO_CYCLE


def test_catalogue_cycles():
    cat = default_catalogue()
    assert {t.id for t in cat.asset_types if t.statutory} == {
        "bridge", "tunnel", "footbridge", "sign_gantry", "shed_culvert"}
    assert all(t.cycle_years == 5 for t in cat.asset_types if t.statutory)
    assert cat.asset_type("river").cycle_years == 1


def test_statutory_cycle_numbers():
    assert statutory_cycle_of(2013) is None
    assert statutory_cycle_of(2014) == 1
    assert statutory_cycle_of(2018) == 1
    assert statutory_cycle_of(2019) == 2
    assert statutory_cycle_of(2026) == 3


def test_cycle_must_be_positive():
    with pytest.raises(ValueError):
        next_due_fiscal_year(2020, 0)
