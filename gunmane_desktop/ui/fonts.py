"""The bundled fonts: register every .ttf of resources/fonts and make BIZ UDGothic the UI font.

Japanese glyphs must not depend on what the machine has installed (a fresh Windows has
Japanese fonts, a Linux CI box or a Western Windows may not), so the program brings its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

UI_FONT_FAMILY = "BIZ UDGothic"
MIN_POINT_SIZE = 10.0  # BIZ UDGothic at 9 pt is hard to read on a 96-dpi office screen

# 文字の大きさ in the View menu: 標準 / 大 / 特大, as a percentage of the standard size.
FONT_SCALES = (100, 125, 150)
FONT_SCALE_KEY = "ui/font_scale"


def register_fonts(fonts_dir: Path) -> list[str]:
    """Add every .ttf/.otf in ``fonts_dir`` to Qt's font database; return the new families."""
    families: list[str] = []
    if not fonts_dir.is_dir():
        return families
    for path in sorted(fonts_dir.iterdir()):
        if path.suffix.lower() not in (".ttf", ".otf"):
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(f for f in QFontDatabase.applicationFontFamilies(font_id)
                            if f not in families)
    return families


def standard_point_size() -> float:
    """The 標準 size: the system's UI font size, but never below MIN_POINT_SIZE."""
    system = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont).pointSizeF()
    return max(system, MIN_POINT_SIZE)


def apply_ui_font(app: QApplication, scale: int = 100) -> bool:
    """Make BIZ UDGothic at ``scale`` % of the standard size the application font.

    Returns whether BIZ UDGothic is available; without it the system family is scaled.
    """
    available = UI_FONT_FAMILY in QFontDatabase.families()
    if not available and scale == 100:
        return False
    font = QFont(UI_FONT_FAMILY) if available else QFont(app.font())
    font.setPointSizeF(standard_point_size() * scale / 100)
    app.setFont(font)
    return available


def chosen_font_scale(settings: QSettings) -> int:
    """The 文字の大きさ saved in the settings (a percentage), or 100."""
    try:
        value = int(str(settings.value(FONT_SCALE_KEY, 100)))
    except ValueError:
        return 100
    return value if value in FONT_SCALES else 100


def save_font_scale(settings: QSettings, scale: int) -> None:
    if scale not in FONT_SCALES:
        raise ValueError(f"unknown font scale {scale!r}")
    settings.setValue(FONT_SCALE_KEY, scale)
    settings.sync()
