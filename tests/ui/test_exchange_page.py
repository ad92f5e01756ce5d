"""The データ交換 page: review before merge, conflicts side by side, hostile files refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import zipfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.core.performance import RequestCategory, ResidentContact, ResidentRequest
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.contracts import ContractRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package, list_conflicts
from gunmane_desktop.sync.delegations import grant
from gunmane_desktop.ui.exchange_models import (
    ConflictFieldsModel,
    ConflictListModel,
    DiffersRole,
    PeerModel,
    PreviewModel,
    RejectionModel,
)
from gunmane_desktop.ui.exchange_page import ExchangePage

LEAD, TOWN_A = "150002", "156019"


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in (path, Path(f"{path}-wal")):
        h.update(p.read_bytes() if p.exists() else b"")
        h.update(b"\0")
    return h.hexdigest()


def _ctx(db: Database) -> ChangeContext:
    return ChangeContext(db, db.site_org, "test", "test")


def _make_town(path: Path, code: str) -> Database:
    db = Database.create(path)
    ctx = ChangeContext(db, code, source="test")
    with db.transaction():
        db.set_meta("site_org", code)
        repo = OrganisationRepository(db)
        repo.save(ctx, Organisation(code, OrgKind.MUNICIPALITY, f"団体{code}", lead_code=LEAD))
        repo.save(ctx, Organisation(LEAD, OrgKind.PREFECTURE, f"({LEAD})"))
    return db


def _exchange(src: Database, dst: Database, out: Path):
    export_package(src, out, to=dst.site_org)
    return import_package(dst, out)


def _rename(db: Database, asset_id: str, name: str) -> None:
    repo = AssetRepository(db)
    asset = repo.get(asset_id)
    asset.name = name
    repo.update(_ctx(db), asset)


@pytest.fixture
def lead_and_town(tmp_path):
    """The lead's file and town A's, synchronised both ways, town A's assets delegated to the lead."""
    generate_region(tmp_path / "lead.sqlite", towns=2, assets_per_town=8, inspections_per_asset=2, seed=7)
    lead = Database.open(tmp_path / "lead.sqlite")
    town = _make_town(tmp_path / "town.sqlite", TOWN_A)
    _exchange(lead, town, tmp_path / "init.zip")
    grant(_ctx(town), LEAD, "assets", "県による修繕計画")
    _exchange(town, lead, tmp_path / "ack.zip")
    yield lead, town
    for db in (lead, town):
        db.close()


@pytest.fixture
def conflicting_package(tmp_path, lead_and_town):
    """Both sides renamed the same asset; the lead's package for the town carries its name."""
    lead, town = lead_and_town
    asset = town.conn.execute("SELECT id FROM assets WHERE owner = ? ORDER BY id LIMIT 1",
                              (TOWN_A,)).fetchone()[0]
    _rename(town, asset, "町の名前")
    _rename(lead, asset, "県の名前")
    out = tmp_path / "from-lead.zip"
    export_package(lead, out, to=TOWN_A)
    return town, asset, out


def _wait_idle(qtbot, page: ExchangePage) -> None:
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)


def test_a_conflicting_package_is_previewed_applied_and_resolved(qtbot, qapp, conflicting_package,
                                                                  monkeypatch):
    town, asset, package = conflicting_package
    page = ExchangePage(town)
    qtbot.addWidget(page)
    changed = []
    page.data_changed.connect(lambda: changed.append(True))

    # Given a package with a concurrent edit, when it is opened, the preview shows the conflict
    before = _digest(town.path)
    page.open_package(package)
    _wait_idle(qtbot, page)
    model = page.preview.model
    conflicts = sum(int(model.index(r, PreviewModel.COL_CONFLICTS).data().replace(",", ""))
                    for r in range(model.rowCount()))
    assert conflicts == 1
    assert "1" in page.preview.summary.text()
    assert page.apply_button.isEnabled()
    assert _digest(town.path) == before  # the preview wrote nothing

    # When the user confirms the import
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.apply_button.click()
    _wait_idle(qtbot, page)

    # Then the conflict is listed with the differing field side by side, ours kept for now
    assert changed
    assert page.tabs.currentIndex() == page.TAB_CONFLICTS
    assert page.conflicts.list_model.rowCount() == 1
    fields = page.conflicts.fields_model
    first = fields.index(0, ConflictFieldsModel.COL_FIELD)
    assert first.data(Qt.ItemDataRole.ToolTipRole) == "name" and first.data(DiffersRole) is True
    assert "(name)" in first.data()
    assert fields.index(0, ConflictFieldsModel.COL_LOCAL).data() == "町の名前"
    assert fields.index(0, ConflictFieldsModel.COL_REMOTE).data() == "県の名前"
    assert fields.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert town.conn.execute("SELECT name FROM assets WHERE id = ?", (asset,)).fetchone()[0] == "町の名前"

    # When the user takes theirs, the conflict is resolved and the received name is kept
    page.conflicts.take_theirs.click()
    assert list_conflicts(town) == []
    assert page.conflicts.list_model.rowCount() == 0
    assert town.conn.execute("SELECT name FROM assets WHERE id = ?", (asset,)).fetchone()[0] == "県の名前"
    assert len(changed) == 2


def test_a_truncated_package_is_refused_in_one_line_and_the_file_is_unchanged(qtbot, qapp, tmp_path,
                                                                               conflicting_package):
    town, _asset, package = conflicting_package
    bad = tmp_path / "truncated.zip"
    data = package.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    page = ExchangePage(town)
    qtbot.addWidget(page)
    before = _digest(town.path)

    page.open_package(bad)
    _wait_idle(qtbot, page)

    text = page.message.text()
    assert text and "\n" not in text and "Traceback" not in text
    assert "truncated.zip" in text
    assert page.preview.model.rowCount() == 0
    assert not page.apply_button.isEnabled()
    assert _digest(town.path) == before


def test_undo_last_import_puts_the_file_back(qtbot, qapp, conflicting_package, monkeypatch):
    town, asset, package = conflicting_package
    page = ExchangePage(town)
    qtbot.addWidget(page)
    page.open_package(package)
    _wait_idle(qtbot, page)
    page.apply_import()
    _wait_idle(qtbot, page)
    assert len(list_conflicts(town)) == 1

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.undo_button.click()
    _wait_idle(qtbot, page)

    assert list_conflicts(town) == []
    assert page.conflicts.list_model.rowCount() == 0
    assert town.conn.execute("SELECT name FROM assets WHERE id = ?", (asset,)).fetchone()[0] == "町の名前"
    assert "init.zip" in page.last_import.text()  # the earlier import is now the last one


def test_export_writes_a_package_and_the_log_shows_it(qtbot, qapp, tmp_path, lead_and_town):
    _lead, town = lead_and_town
    page = ExchangePage(town)
    qtbot.addWidget(page)
    assert page.recipient.currentData() == LEAD  # the lead is the default recipient
    out = tmp_path / "out.zip"
    page.full.setChecked(True)
    page.export_to(out)
    _wait_idle(qtbot, page)
    assert out.exists()
    peers = page.peer_model
    row = next(r for r in range(peers.rowCount())
               if peers.row_data(r).peer == LEAD)
    assert peers.index(row, PeerModel.COL_SENT).data() != "-"


def test_exchange_models_pass_the_model_tester(qtbot, qapp, conflicting_package, qtmodeltester):
    town, _asset, package = conflicting_package
    page = ExchangePage(town)
    qtbot.addWidget(page)
    page.open_package(package)
    _wait_idle(qtbot, page)
    page.apply_import()
    _wait_idle(qtbot, page)
    for model in (page.preview.model, page.preview.rejection_model, page.conflicts.list_model,
                  page.conflicts.fields_model, page.peer_model):
        assert model.rowCount() > 0 or isinstance(model, RejectionModel)
        qtmodeltester.check(model, force_py=True)
    qtmodeltester.check(ConflictListModel(), force_py=True)


def test_a_package_for_another_town_is_refused_before_the_file_is_touched(qtbot, qapp, tmp_path,
                                                                           lead_and_town):
    # Given a package the lead made for a different town
    lead, town = lead_and_town
    other = tmp_path / "for-b.zip"
    export_package(lead, other, to="156027")
    page = ExchangePage(town)
    qtbot.addWidget(page)
    before = _digest(town.path)

    # When town A opens it
    page.open_package(other)
    _wait_idle(qtbot, page)

    # Then it is refused in one line naming the file, and nothing was written
    assert "for-b.zip" in page.message.text() and "\n" not in page.message.text()
    assert not page.apply_button.isEnabled()
    assert _digest(town.path) == before


def _pothole_report(town, phone: str) -> None:
    ctx = _ctx(town)
    request = ResidentRequest(id=ctx.new_id(), owner=TOWN_A, category=RequestCategory.POTHOLE,
                              received_at=dt.datetime(2026, 11, 2, 8, 30), place="町道1号")
    ContractRepository(town).add_request(ctx, request, ResidentContact(
        request.id, name="群馬 花子", phone=phone, address="若葉市1-2-3"))


def test_residents_contacts_leave_only_when_ticked_and_confirmed(qtbot, qapp, tmp_path, lead_and_town,
                                                                  monkeypatch):
    _lead, town = lead_and_town
    phone = "0270-12-3456"
    _pothole_report(town, phone)
    page = ExchangePage(town)
    qtbot.addWidget(page)
    assert not page.personal.isChecked()

    # Ticking asks first; answering いいえ leaves the box clear
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr("gunmane_desktop.ui.exchange_page.QMessageBox.warning",
                        lambda *args: answers.pop(0))
    page.personal.setChecked(True)
    assert not page.personal.isChecked()

    def package_text(name: str) -> bytes:
        out = tmp_path / name
        page.full.setChecked(True)
        page.export_to(out)
        _wait_idle(qtbot, page)
        with zipfile.ZipFile(out) as z, z.open("package.sqlite") as f:
            return f.read()

    assert phone.encode() not in package_text("default.zip")
    page.personal.setChecked(True)  # answered はい
    assert page.personal.isChecked()
    assert phone.encode() in package_text("with-contacts.zip")
