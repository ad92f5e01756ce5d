"""Fixtures: a town file and ledger files written at test time (see fixtures.py)."""

import pytest

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository

TOWN = "011002"


@pytest.fixture
def db(tmp_path):
    database = Database.create(tmp_path / "town.sqlite")
    database.set_meta("site_org", TOWN)
    OrganisationRepository(database).save(ChangeContext(database, TOWN, "setup", "test"),
                                          Organisation(TOWN, OrgKind.MUNICIPALITY, "札幌市"))
    yield database
    database.close()


@pytest.fixture
def ctx(db):
    return ChangeContext(db, TOWN, "tanaka", "ledger test")
