"""UI language: Japanese (default) through a compiled Qt translation, or English as written.

The source strings in ui/ are English; resources/translations/gunmane_ja.qm holds the
Japanese. The choice lives in QSettings and is applied when the program starts: widgets
translate their text as they are built, so a change shows after a restart.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

LANGUAGES = ("ja", "en")
DEFAULT_LANGUAGE = "ja"
SETTINGS_KEY = "ui/language"


def chosen_language(settings: QSettings) -> str:
    """The language saved in the settings, or Japanese."""
    value = str(settings.value(SETTINGS_KEY, DEFAULT_LANGUAGE))
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(settings: QSettings, language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown UI language {language!r}")
    settings.setValue(SETTINGS_KEY, language)
    settings.sync()


def install_translators(app: QCoreApplication, language: str,
                        translations_dir: Path) -> list[QTranslator]:
    """Install our translation and Qt's own (dialog buttons) for ``language``.

    English needs none. Returns the installed translators: the caller keeps them alive and
    may remove them again (tests do).
    """
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.Japan))
        return []
    installed: list[QTranslator] = []
    ours = QTranslator(app)
    if ours.load(f"gunmane_{language}", str(translations_dir)):
        app.installTranslator(ours)
        installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator(app)
    if qt_base.load(f"qtbase_{language}", qt_dir):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    QLocale.setDefault(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan))
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
