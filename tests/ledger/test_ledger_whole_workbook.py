"""A whole exported workbook (register, history and measures) imports into an empty town file."""

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.ledger.apply import import_ledger
from gunmane_desktop.ledger.export import export_ledger
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository


def test_history_and_measure_rows_find_the_assets_of_the_register_sheet_in_the_same_file(tmp_path):
    # Given a town's ledger exported from the region: a register sheet and a history sheet
    region = tmp_path / "region.sqlite"
    generate_region(region, towns=1, assets_per_town=40, inspections_per_asset=3, seed=3)
    with Database.open(region, readonly=True, lock=False) as db:
        town, name = db.conn.execute(
            "SELECT code, name FROM organisations WHERE kind = 'municipality'").fetchone()
        exported = export_ledger(db, tmp_path / "ledger.xlsx", org=town)
    # And a new, empty file for that town
    with Database.create(tmp_path / "town.sqlite") as db:
        db.set_meta("site_org", town)
        OrganisationRepository(db).save(ChangeContext(db, town),
                                        Organisation(town, OrgKind.MUNICIPALITY, name))
    # When the whole workbook is imported at once
    with Database.open(tmp_path / "town.sqlite") as db:
        plan, _ = import_ledger(db, tmp_path / "ledger.xlsx", ChangeContext(db, town))
        # Then no history or measure row fails for want of its asset, and everything arrives
        assert plan.failed_rows == 0, plan.errors[:3]
        assert db.conn.execute("SELECT count(*) FROM assets").fetchone()[0] == exported.assets
        assert db.conn.execute("SELECT count(*) FROM inspections").fetchone()[0] == \
            exported.inspections
        assert db.conn.execute("SELECT count(*) FROM measures").fetchone()[0] == exported.measures
        assert plan.measure_counts["new"] == exported.measures > 0
