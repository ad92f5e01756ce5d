"""Fixtures: a prefecture file with two towns, a JV and a few assets, made through the
real repositories."""

import pytest
from contracts_helpers import JV, PREF, TOWN_A, TOWN_B

from gunmane_desktop.core.models import Asset
from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository


@pytest.fixture
def db(tmp_path):
    database = Database.create(tmp_path / "lead.sqlite")
    database.set_meta("site_org", PREF)
    yield database
    database.close()


@pytest.fixture
def ctx(db):
    context = ChangeContext(db, PREF, "sato", "test")
    orgs = OrganisationRepository(db)
    orgs.save(context, Organisation(PREF, OrgKind.PREFECTURE, "みどり県"))
    orgs.save(context, Organisation(TOWN_A, OrgKind.MUNICIPALITY, "若葉市", lead_code=PREF))
    orgs.save(context, Organisation(TOWN_B, OrgKind.MUNICIPALITY, "雪峰村", lead_code=PREF))
    orgs.save(context, Organisation(JV, OrgKind.JV, "汐見・稲穂JV", members=("1", "2"),
                                    representative="1"))
    return context


@pytest.fixture
def assets(db, ctx):
    repo = AssetRepository(db)
    made = []
    for i, owner in enumerate([PREF, TOWN_A, TOWN_A, TOWN_B, TOWN_B, TOWN_B]):
        made.append(repo.add(ctx, Asset(ctx.new_id(), owner, "bridge", f"橋{i}",
                                        lat=37.4 + i * 0.01, lon=138.9)).id)
    return made
