"""The report font: BIZ UD Gothic from resources/fonts, registered once as a TTFont.

reportlab embeds a TTFont as subsets (only the glyphs used) with a ToUnicode map, so the
PDF looks the same on every PC and its Japanese text can be searched and copied. Every
string of a report is drawn in this family; no base-14 font is ever used.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..core.paths import resources_dir

REGULAR = "BIZUDGothic"
BOLD = "BIZUDGothic-Bold"


class FontMissingError(RuntimeError):
    """The bundled font files are not where resources_dir() says."""


@cache
def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces (idempotent); returns their names."""
    folder = resources_dir() / "fonts"
    faces = {REGULAR: folder / "BIZUDGothic-Regular.ttf", BOLD: folder / "BIZUDGothic-Bold.ttf"}
    for name, path in faces.items():
        if not path.exists():
            raise FontMissingError(f"{path}: 帳票用フォントが見つかりません (report font missing)")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    addMapping(REGULAR, 0, 1, REGULAR)
    addMapping(REGULAR, 1, 1, BOLD)
    return REGULAR, BOLD


def text_width(text: str, size: float, font: str = REGULAR) -> float:
    """Width of ``text`` in points in the report font."""
    return pdfmetrics.stringWidth(text, font, size)
