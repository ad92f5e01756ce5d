"""Fixtures: the default demo region with its contracts, generated once per test module."""

import pytest

from gunmane_desktop.contracts.demo import make_demo_region
from gunmane_desktop.storage.database import Database


@pytest.fixture(scope="module")
def region_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("reports") / "region.sqlite"
    make_demo_region(path)
    return path


@pytest.fixture(scope="module")
def db(region_path):
    database = Database.open(region_path, readonly=True, lock=False)
    yield database
    database.close()
