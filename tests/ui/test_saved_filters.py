"""Saved filters in the register's filter bar: kept in the settings under a name."""

import json

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog

from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.ui.filter_bar import SAVED_FILTERS_KEY
from gunmane_desktop.ui.register_page import RegisterPage

TOWN = "155918"


def _page(qtbot, region, settings):
    page = RegisterPage(region.conn, db=region, settings=settings)
    qtbot.addWidget(page)
    page.load()
    return page


def _answer_name(name):
    """Type ``name`` into the input dialog the next click opens, and press OK."""
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(name)
        dialog.accept()
    QTimer.singleShot(0, answer)


@pytest.fixture
def bar_with_saved_filter(qtbot, region, settings, japanese):
    page = _page(qtbot, region, settings)
    bar = page.filter_bar
    bar.select(org=TOWN, asset_type="bridge", grade="III", grade_scale="soundness")
    _answer_name("みどり町のⅢ判定橋梁")
    qtbot.mouseClick(bar.save_filter_button, Qt.MouseButton.LeftButton)
    return page


def test_a_saved_filter_survives_a_new_page_with_the_same_settings(
        bar_with_saved_filter, qtbot, region, settings, tmp_path):
    # Given a filter saved under a name
    saved = bar_with_saved_filter.model.register_filter
    assert saved == RegisterFilter(org=TOWN, asset_type="bridge", grade="III",
                                   grade_scale="soundness")
    # When a new page opens on the same settings (the file, read again)
    again = QSettings(settings.fileName(), QSettings.Format.IniFormat)
    page = _page(qtbot, region, again)
    bar = page.filter_bar
    assert page.model.register_filter == RegisterFilter()
    assert [bar.saved_combo.itemText(i) for i in range(1, bar.saved_combo.count())] == [
        "みどり町のⅢ判定橋梁"]
    # And the user picks it from the list
    bar.saved_combo.setFocus()
    qtbot.keyClick(bar.saved_combo, Qt.Key.Key_Down)
    # Then the register shows exactly that filter, and the combo boxes say so
    assert page.model.register_filter == saved
    assert bar.org_combo.currentData() == TOWN
    assert bar.type_combo.currentData() == "type:bridge"
    assert bar.saved_combo.currentText() == "みどり町のⅢ判定橋梁"
    # And changing the filter by hand no longer claims the saved name
    bar.retired_check.setChecked(True)
    assert bar.saved_combo.currentData() is None


def test_a_saved_filter_is_deleted_and_a_name_is_replaced(bar_with_saved_filter, qtbot,
                                                          settings):
    bar = bar_with_saved_filter.filter_bar
    bar.select(text="橋")
    _answer_name("検索: 橋")
    qtbot.mouseClick(bar.save_filter_button, Qt.MouseButton.LeftButton)
    assert list(bar.saved_filters()) == ["みどり町のⅢ判定橋梁", "検索: 橋"]
    stored = json.loads(settings.value(SAVED_FILTERS_KEY))
    assert stored["検索: 橋"]["text"] == "橋"
    # Deleting the chosen one leaves the other
    qtbot.mouseClick(bar.delete_filter_button, Qt.MouseButton.LeftButton)
    assert list(bar.saved_filters()) == ["みどり町のⅢ判定橋梁"]
    assert not bar.delete_filter_button.isEnabled()


def test_unreadable_settings_mean_no_saved_filters(qtbot, region, settings):
    settings.setValue(SAVED_FILTERS_KEY, "{not json")
    page = _page(qtbot, region, settings)
    assert page.filter_bar.saved_filters() == {}
    assert page.filter_bar.saved_combo.count() == 1
