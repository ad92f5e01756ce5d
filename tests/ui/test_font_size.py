"""文字の大きさ: the whole program follows at once, and the register rows stay readable."""

import shutil

import pytest
from PySide6.QtWidgets import QApplication

from gunmane_desktop.ui.app import Session
from gunmane_desktop.ui.fonts import (
    FONT_SCALE_KEY,
    apply_ui_font,
    chosen_font_scale,
    standard_point_size,
)


@pytest.fixture
def session(region_template, tmp_path, settings, qapp, japanese, app_fonts):
    path = tmp_path / "みどり地域.sqlite"
    shutil.copy(region_template, path)
    session = Session(settings, "ja")
    assert session.open(path)
    yield session
    session.window.close()
    session.window.deleteLater()
    session.close()
    apply_ui_font(qapp)  # the next test in this process gets the standard size back


def _row_height(window):
    return window.register_page.table.verticalHeader().defaultSectionSize()


def test_choosing_extra_large_applies_at_once_and_is_kept(session, settings):
    # Given the window at the standard size
    window = session.window
    standard_rows = _row_height(window)
    assert window.font_scale_actions[100].isChecked()
    assert window.font_scale_actions[150].text() == "特大 (150%)"

    # When the user chooses 表示 → 文字の大きさ → 特大
    window.font_scale_actions[150].trigger()

    # Then the whole program uses a 150 % font, saved for the next start
    assert QApplication.font().pointSizeF() == pytest.approx(standard_point_size() * 1.5)
    assert chosen_font_scale(settings) == 150 and int(settings.value(FONT_SCALE_KEY)) == 150
    # and the window is built again: its rows are tall enough for the bigger text
    rebuilt = session.window
    assert rebuilt is not window and rebuilt.isVisible()
    table = rebuilt.register_page.table
    assert _row_height(rebuilt) >= table.fontMetrics().height() + 4
    assert _row_height(rebuilt) > standard_rows
    assert rebuilt.font_scale_actions[150].isChecked()
    assert rebuilt.pages.currentIndex() == window.PAGE_REGISTER
    assert rebuilt.register_page.model.rowCount() > 1000


def test_the_page_on_screen_stays_when_the_size_changes(session):
    session.window.show_page(session.window.PAGE_MEASURES)
    session.window.font_scale_actions[125].trigger()
    assert session.window.pages.currentIndex() == session.window.PAGE_MEASURES
    assert QApplication.font().pointSizeF() == pytest.approx(standard_point_size() * 1.25)


def test_an_unknown_saved_size_falls_back_to_standard(settings):
    settings.setValue(FONT_SCALE_KEY, "300")
    assert chosen_font_scale(settings) == 100
    settings.setValue(FONT_SCALE_KEY, "big")
    assert chosen_font_scale(settings) == 100
