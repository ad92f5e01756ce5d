"""Two files exchanging, for GUI tests of what an exchange leaves (merges, conflicts)."""

from pathlib import Path

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package
from gunmane_desktop.sync.delegations import grant

LEAD, TOWN_A = "150002", "156019"


def ctx(db: Database) -> ChangeContext:
    return ChangeContext(db, db.site_org, "test", "test")


def exchange(src: Database, dst: Database, out: Path) -> None:
    """``src`` sends ``dst`` what it has not acknowledged yet, and ``dst`` imports it."""
    export_package(src, out, to=dst.site_org)
    import_package(dst, out)


def set_fields(db: Database, asset_id: str, **fields) -> None:
    """Edit an asset through the repository, as a form would."""
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    for k, v in fields.items():
        setattr(asset, k, v)
    repo.update(ctx(db), asset)


def delegated_pair(folder: Path) -> tuple[Database, Database, str]:
    """A lead's small region and town A's own file, in step, with town A's assets delegated
    to the lead (so both may edit them); returns lead, town and one of town A's assets."""
    generate_region(folder / "lead.sqlite", towns=2, assets_per_town=4, inspections_per_asset=1,
                    seed=7)
    lead = Database.open(folder / "lead.sqlite")
    town = Database.create(folder / "town.sqlite")
    with town.transaction():
        town.set_meta("site_org", TOWN_A)
        repo = OrganisationRepository(town)
        town_ctx = ChangeContext(town, TOWN_A, source="test")
        repo.save(town_ctx, Organisation(TOWN_A, OrgKind.MUNICIPALITY, "A町", lead_code=LEAD))
        repo.save(town_ctx, Organisation(LEAD, OrgKind.PREFECTURE, f"({LEAD})"))
    exchange(lead, town, folder / "init.zip")
    grant(ctx(town), LEAD, "assets", "県による修繕計画")
    exchange(town, lead, folder / "ack.zip")
    asset = town.conn.execute("SELECT id FROM assets WHERE owner = ? ORDER BY id LIMIT 1",
                              (TOWN_A,)).fetchone()[0]
    return lead, town, asset
