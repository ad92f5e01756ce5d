"""Fixtures: the default demo region (generated once, ~0.2 s) and a plan over it."""

import sqlite3

import pytest

from gunmane_desktop.demo import generate_region


@pytest.fixture(scope="session")
def region_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "region.gunmane"
    generate_region(path)
    return path


@pytest.fixture(scope="session")
def conn(region_path):
    connection = sqlite3.connect(f"{region_path.as_uri()}?mode=ro", uri=True)
    yield connection
    connection.close()
