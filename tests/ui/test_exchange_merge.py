"""The exchange page tells the user when concurrent edits of different fields were merged."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package, list_conflicts
from gunmane_desktop.sync.delegations import grant
from gunmane_desktop.ui.exchange_models import PreviewModel
from gunmane_desktop.ui.exchange_page import ExchangePage

LEAD, TOWN_A = "150002", "156019"


def _ctx(db: Database) -> ChangeContext:
    return ChangeContext(db, db.site_org, "test", "test")


def _exchange(src: Database, dst: Database, out: Path) -> None:
    export_package(src, out, to=dst.site_org)
    import_package(dst, out)


def _set(db: Database, asset_id: str, **fields) -> None:
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    for k, v in fields.items():
        setattr(asset, k, v)
    repo.update(_ctx(db), asset)


@pytest.fixture
def merging_package(tmp_path):
    """Town A delegated its assets to the lead; the town changed an asset's route and the lead
    its name; the lead's package for the town carries the name."""
    generate_region(tmp_path / "lead.sqlite", towns=2, assets_per_town=4, inspections_per_asset=1, seed=7)
    lead = Database.open(tmp_path / "lead.sqlite")
    town = Database.create(tmp_path / "town.sqlite")
    with town.transaction():
        town.set_meta("site_org", TOWN_A)
        repo = OrganisationRepository(town)
        ctx = ChangeContext(town, TOWN_A, source="test")
        repo.save(ctx, Organisation(TOWN_A, OrgKind.MUNICIPALITY, "A町", lead_code=LEAD))
        repo.save(ctx, Organisation(LEAD, OrgKind.PREFECTURE, f"({LEAD})"))
    _exchange(lead, town, tmp_path / "init.zip")
    grant(_ctx(town), LEAD, "assets", "県による修繕計画")
    _exchange(town, lead, tmp_path / "ack.zip")
    asset = town.conn.execute("SELECT id FROM assets WHERE owner = ? ORDER BY id LIMIT 1",
                              (TOWN_A,)).fetchone()[0]
    _set(town, asset, route="町道1号線")
    _set(lead, asset, name="県の名前")
    export_package(lead, tmp_path / "from-lead.zip", to=TOWN_A)
    yield town, asset, tmp_path / "from-lead.zip"
    lead.close()
    town.close()


def test_the_preview_and_the_result_say_how_many_rows_were_merged(qtbot, qapp, merging_package,
                                                                  monkeypatch):
    town, asset, package = merging_package
    page = ExchangePage(town)
    qtbot.addWidget(page)
    # When the package is opened, the preview counts the merged row as updated, not a conflict
    page.open_package(package)
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    model = page.preview.model
    conflicts = sum(int(model.index(r, PreviewModel.COL_CONFLICTS).data().replace(",", ""))
                    for r in range(model.rowCount()))
    assert conflicts == 0
    assert "1 of the updated rows" in page.message.text() and "merged automatically" in page.message.text()
    # and when applied, the message says so again and the row holds both changes
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.apply_button.click()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert "merged automatically" in page.message.text()
    assert page.tabs.currentIndex() != page.TAB_CONFLICTS and list_conflicts(town) == []
    route, name = town.conn.execute("SELECT route, name FROM assets WHERE id = ?", (asset,)).fetchone()
    assert (route, name) == ("町道1号線", "県の名前")
