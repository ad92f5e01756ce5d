"""The send tab's mail options: photos may be left out, big packages are split into parts."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

import pytest

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.attachments import AttachmentStore
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package, validate_package
from gunmane_desktop.ui.exchange_page import ExchangePage

LEAD, TOWN_A = "150002", "156019"
KB = 1_000


@pytest.fixture
def town_with_photos(tmp_path):
    """Town A filled from the lead, with five photos of 250 kB on its inspections."""
    generate_region(tmp_path / "lead.sqlite", towns=2, assets_per_town=6, inspections_per_asset=1, seed=3)
    lead = Database.open(tmp_path / "lead.sqlite")
    town = Database.create(tmp_path / "town.sqlite")
    ctx = ChangeContext(town, TOWN_A, "test", "test")
    with town.transaction():
        town.set_meta("site_org", TOWN_A)
        repo = OrganisationRepository(town)
        repo.save(ctx, Organisation(TOWN_A, OrgKind.MUNICIPALITY, "A町", lead_code=LEAD))
        repo.save(ctx, Organisation(LEAD, OrgKind.PREFECTURE, f"({LEAD})"))
    export_package(lead, tmp_path / "init.zip", to=TOWN_A)
    import_package(town, tmp_path / "init.zip")
    inspection = town.conn.execute("SELECT id FROM inspections WHERE owner = ? LIMIT 1",
                                   (TOWN_A,)).fetchone()[0]
    rnd = random.Random(9)
    for i in range(5):
        AttachmentStore(town).attach(ctx, TOWN_A, "inspections", inspection, rnd.randbytes(250 * KB),
                                     "image/jpeg", f"p{i}.jpg")
    yield lead, town
    lead.close()
    town.close()


def _wait_idle(qtbot, page: ExchangePage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)


def _photo_members(path: Path) -> int:
    with zipfile.ZipFile(path) as zf:
        return sum(1 for n in zf.namelist() if n.startswith("attachments/"))


def test_photos_go_and_mail_splitting_is_on_by_default_at_10_mb(qtbot, qapp, town_with_photos):
    _lead, town = town_with_photos
    page = ExchangePage(town)
    qtbot.addWidget(page)
    assert page.photos.isChecked() and page.split.isChecked()
    assert page.max_size.value() == 10.0 and page.max_size.isEnabled()
    page.split.setChecked(False)
    assert not page.max_size.isEnabled()


def test_a_big_package_is_saved_in_parts_under_the_limit(qtbot, qapp, tmp_path, town_with_photos):
    _lead, town = town_with_photos
    page = ExchangePage(town)
    qtbot.addWidget(page)
    page.max_size.setValue(0.6)
    out = tmp_path / "mail" / "to-lead.zip"
    out.parent.mkdir()
    page.export_to(out)
    _wait_idle(qtbot, page)
    parts = sorted(out.parent.glob("to-lead.part*.zip"))
    assert len(parts) >= 3 and not out.exists()
    assert all(p.stat().st_size <= 600 * KB for p in parts)
    assert sum(_photo_members(p) for p in parts) == 5
    assert all(p.name in page.message.text() for p in parts)
    for i, p in enumerate(parts):
        assert validate_package(p, tmp_path / f"v{i}").manifest.part["count"] == len(parts)


def test_rows_without_photos_show_the_photos_as_not_received(qtbot, qapp, tmp_path, town_with_photos,
                                                           monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    lead, town = town_with_photos
    page = ExchangePage(town)
    qtbot.addWidget(page)
    page.photos.setChecked(False)
    out = tmp_path / "rows-only.zip"
    page.export_to(out)
    _wait_idle(qtbot, page)
    assert out.exists() and _photo_members(out) == 0
    assert page.message.text().endswith(page.tr("Photos were left out."))

    receiver = ExchangePage(lead)
    qtbot.addWidget(receiver)
    receiver.open_package(out)
    _wait_idle(qtbot, receiver)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    receiver.apply_import()
    _wait_idle(qtbot, receiver)
    assert "5" in receiver.message.text() and "not received" in receiver.message.text()


def test_the_inspection_panel_says_how_many_photos_have_not_arrived(qtbot, qapp, tmp_path, town_with_photos):
    from gunmane_desktop.ui.inspection_page import PreviousInspectionPanel
    lead, town = town_with_photos
    inspection, asset, asset_type = town.conn.execute(
        "SELECT i.id, a.id, a.asset_type FROM attachment_links l JOIN inspections i ON i.id = l.target_id "
        "JOIN assets a ON a.id = i.asset_id LIMIT 1").fetchone()
    import_package(lead, export_package(town, tmp_path / "rows.zip", to=LEAD, photos=False).path)
    panel = PreviousInspectionPanel(lead)
    qtbot.addWidget(panel)
    assert panel.show_latest(asset, asset_type).inspection_id == inspection  # one inspection each
    assert panel._form.isRowVisible(panel.photos_missing) and "5" in panel.photos_missing.text()
    assert not panel._form.isRowVisible(panel.photos)
    import_package(lead, export_package(town, tmp_path / "photos.zip", to=LEAD, full=True).path)
    panel.show_latest(asset, asset_type)
    assert not panel._form.isRowVisible(panel.photos_missing) and panel._form.isRowVisible(panel.photos)
