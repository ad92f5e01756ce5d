"""Fixtures for the window tests: a demo region per test, private settings, the translation.

Qt runs offscreen, so the tests need no display; the platform must be chosen before Qt is
imported.
"""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil

import pytest
from PySide6.QtCore import QSettings

from gunmane_desktop.contracts.demo import add_demo_contracts
from gunmane_desktop.core.paths import resources_dir
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.database import Database
from gunmane_desktop.ui.app import open_window
from gunmane_desktop.ui.fonts import apply_ui_font, register_fonts
from gunmane_desktop.ui.i18n import install_translators, remove_translators


@pytest.fixture(scope="session")
def region_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("template") / "region.sqlite"
    generate_region(path)
    return path


@pytest.fixture
def region(region_template, tmp_path):
    """The demo region (prefecture 150002 and four towns), opened like the program does."""
    path = tmp_path / "みどり地域.sqlite"
    shutil.copy(region_template, path)
    db = Database.open(path)
    yield db
    db.close()


@pytest.fixture
def settings(tmp_path):
    """Settings in a file of the test's own, never the user's."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(scope="session")
def app_fonts(qapp):
    families = register_fonts(resources_dir() / "fonts")
    apply_ui_font(qapp)
    return families


@pytest.fixture
def japanese(qapp):
    translators = install_translators(qapp, "ja", resources_dir() / "translations")
    yield translators
    remove_translators(qapp, translators)


def _show(qtbot, db, settings, language):
    window = open_window(db, settings, language)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, region, settings, japanese, app_fonts):
    """The main window in Japanese (the default language) on the demo region."""
    return _show(qtbot, region, settings, "ja")


@pytest.fixture
def english_window(qtbot, region, settings, app_fonts):
    return _show(qtbot, region, settings, "en")


@pytest.fixture(scope="session")
def contracts_template(region_template, tmp_path_factory):
    """The demo region with its demo contracts, made once, and the contracts' ids."""
    path = tmp_path_factory.mktemp("contracts") / "region.sqlite"
    shutil.copy(region_template, path)
    return path, add_demo_contracts(path)


@pytest.fixture
def contracts_demo(contracts_template, tmp_path):
    """A copy of that region for one test (open), and the contracts' ids."""
    template, ids = contracts_template
    path = tmp_path / "みどり地域.sqlite"
    shutil.copy(template, path)
    db = Database.open(path)
    yield db, ids
    db.close()
