"""The exchange page tells the user when concurrent edits of different fields were merged."""

from __future__ import annotations

import pytest
from exchange_helpers import TOWN_A, delegated_pair
from exchange_helpers import set_fields as _set
from PySide6.QtWidgets import QMessageBox

from gunmane_desktop.sync import export_package, list_conflicts
from gunmane_desktop.ui.exchange_models import PreviewModel
from gunmane_desktop.ui.exchange_page import ExchangePage


@pytest.fixture
def merging_package(tmp_path):
    """Town A delegated its assets to the lead; the town changed an asset's route and the lead
    its name; the lead's package for the town carries the name."""
    lead, town, asset = delegated_pair(tmp_path)
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
