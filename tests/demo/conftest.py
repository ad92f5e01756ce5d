"""Fixtures: the default demo region, generated once for the whole module set (~0.3 s)."""

import sqlite3

import pytest

from gunmane_desktop.demo import generate_region


@pytest.fixture(scope="session")
def region(tmp_path_factory):
    """(summary, read-only connection) of the default region with the default seed."""
    path = tmp_path_factory.mktemp("demo") / "region.gunmane"
    summary = generate_region(path)
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    yield summary, conn
    conn.close()


@pytest.fixture(scope="session")
def conn(region):
    return region[1]
