"""Fixtures for the exchange: the lead's regional file and three synchronised sites."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_helpers import LEAD, TOWN_A, TOWN_B, exchange, make_site

from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.database import Database


@pytest.fixture
def region(tmp_path) -> Path:
    """The lead's regional file: two towns, their assets and inspection histories."""
    path = tmp_path / "lead.sqlite"
    generate_region(path, towns=2, assets_per_town=8, inspections_per_asset=2, seed=7)
    return path


@pytest.fixture
def sites(tmp_path, region):
    """Lead and two towns, each town filled from the lead's bundle and acknowledged back."""
    lead = Database.open(region)
    a = make_site(tmp_path / "a.sqlite", TOWN_A)
    b = make_site(tmp_path / "b.sqlite", TOWN_B)
    for town, code in ((a, TOWN_A), (b, TOWN_B)):
        exchange(lead, town, tmp_path / f"init-{code}.zip", to=code)
        exchange(town, lead, tmp_path / f"ack-{code}.zip", to=LEAD)
    yield {"lead": lead, "a": a, "b": b}
    for db in (lead, a, b):
        db.close()
