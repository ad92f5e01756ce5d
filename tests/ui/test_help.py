"""この画面の使い方 (F1): every page explains itself in both languages."""

import re

import pytest
from PySide6.QtGui import QKeySequence

from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.ui.help import help_file, load_help
from gunmane_desktop.ui.main_window import MainWindow


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("key", MainWindow.HELP_KEYS)
def test_every_page_has_a_short_help_in_each_language(key, language):
    path = help_file(resources_dir(), key, language)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), path
    steps = re.findall(r"^- ", text, flags=re.MULTILINE)
    assert 3 <= len(steps) <= 5, f"{path}: {len(steps)} things to do"


def test_f1_shows_the_help_of_the_page_on_screen(window):
    assert window.help_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    assert window.help_action.text() == "この画面の使い方(&U)"
    window.help_action.trigger()
    dialog = window.help_dialog
    assert dialog.isVisible()
    assert "施設台帳" in dialog.windowTitle()
    assert dialog.browser.toPlainText().startswith("施設台帳")
    # Another page, another text, in the same window beside the work
    window.show_page(window.PAGE_MAP)
    window.help_action.trigger()
    assert window.help_dialog is dialog
    assert dialog.browser.toPlainText().startswith("地図")
    assert "クリック" in dialog.browser.toPlainText()


def test_the_help_is_in_english_when_the_window_is(english_window):
    english_window.show_page(english_window.PAGE_EXCHANGE)
    english_window.help_action.trigger()
    text = english_window.help_dialog.browser.toPlainText()
    assert text.startswith("Data exchange") and "Apply import" in text


def test_a_missing_language_falls_back_to_the_other(tmp_path):
    (tmp_path / "help").mkdir()
    (tmp_path / "help" / "register.ja.md").write_text("# 施設台帳\n", encoding="utf-8")
    assert load_help(tmp_path, "register", "en") == "# 施設台帳\n"
    assert load_help(tmp_path, "nothing", "en") == ""
