"""Inspection cycles and when the next inspection is due.

Statutory road structures (道路法施行規則: bridges, tunnels, footbridges, sign gantries,
sheds and large culverts) are inspected once every five years; municipal practice plans and
reports that in fiscal years, so an inspection in FY2021 makes the next one due in FY2026.
Cycles of the other sectors are the catalogue's defaults and can be changed as data.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from .wareki import fiscal_year_bounds, fiscal_year_of

STATUTORY_CYCLES = ((2014, 2018), (2019, 2023), (2024, 2028), (2029, 2033))


class DueState(StrEnum):
    NEVER = "never"  # no inspection on record: due now
    OVERDUE = "overdue"
    DUE = "due"  # due in the given fiscal year
    UPCOMING = "upcoming"  # due next fiscal year
    OK = "ok"
    NO_CYCLE = "no_cycle"


@dataclass(frozen=True, slots=True)
class Due:
    state: DueState
    fiscal_year: int | None  # the fiscal year the next inspection is due in
    deadline: dt.date | None  # last day of that fiscal year


def next_due_fiscal_year(last_inspected: dt.date | int, cycle_years: int) -> int:
    """Fiscal year of the next inspection after one on ``last_inspected`` (a date or a FY)."""
    if cycle_years <= 0:
        raise ValueError("cycle_years must be positive")
    last_fy = last_inspected if isinstance(last_inspected, int) else fiscal_year_of(last_inspected)
    return last_fy + cycle_years


def due(last_inspected: dt.date | int | None, cycle_years: int | None, today: dt.date) -> Due:
    """Where an asset stands against its inspection cycle on ``today``."""
    if cycle_years is None:
        return Due(DueState.NO_CYCLE, None, None)
    current = fiscal_year_of(today)
    if last_inspected is None:
        return Due(DueState.NEVER, current, fiscal_year_bounds(current)[1])
    fy = next_due_fiscal_year(last_inspected, cycle_years)
    deadline = fiscal_year_bounds(fy)[1]
    if fy < current:
        state = DueState.OVERDUE
    elif fy == current:
        state = DueState.DUE
    elif fy == current + 1:
        state = DueState.UPCOMING
    else:
        state = DueState.OK
    return Due(state, fy, deadline)


def statutory_cycle_of(fiscal_year: int) -> int | None:
    """Which five-year statutory cycle (1, 2, 3, ...) a fiscal year belongs to."""
    if fiscal_year < STATUTORY_CYCLES[0][0]:
        return None
    return (fiscal_year - STATUTORY_CYCLES[0][0]) // 5 + 1
