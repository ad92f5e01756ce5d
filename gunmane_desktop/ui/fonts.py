"""The bundled fonts: register every .ttf of resources/fonts and make BIZ UDGothic the UI font.

Japanese glyphs must not depend on what the machine has installed (a fresh Windows has
Japanese fonts, a Linux CI box or a Western Windows may not), so the program brings its own.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

UI_FONT_FAMILY = "BIZ UDGothic"
MIN_POINT_SIZE = 10.0  # BIZ UDGothic at 9 pt is hard to read on a 96-dpi office screen


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


def apply_ui_font(app: QApplication) -> bool:
    """Make BIZ UDGothic the application font if it is available; return whether it is."""
    if UI_FONT_FAMILY not in QFontDatabase.families():
        return False
    font = QFont(UI_FONT_FAMILY)
    font.setPointSizeF(max(app.font().pointSizeF(), MIN_POINT_SIZE))
    app.setFont(font)
    return True
