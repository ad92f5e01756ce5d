"""Fixtures: a fresh town file with a change context, built through the real repositories."""

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
    yield database
    database.close()


@pytest.fixture
def ctx(db):
    context = ChangeContext(db, TOWN, "tanaka", "test")
    OrganisationRepository(db).save(context, Organisation(TOWN, OrgKind.MUNICIPALITY, "札幌市"))
    return context
