"""Colours of grade cells: green (best) to red (worst), with a text colour that stays readable.

Colours follow the grade's rank by severity within its own scale (``grade_level`` 0-3), not
its symbol: on the 健全性 scale Ⅰ is sound, on the sewer urgency scale Ⅰ is the most urgent.
"""

from __future__ import annotations

from PySide6.QtGui import QColor

# (background, text). Contrast of text on background is at least 4.5:1 (WCAG AA).
_LEVELS: tuple[tuple[str, str], ...] = (
    ("#a5d6a7", "#102a12"),  # Ⅰ 健全: green
    ("#dce775", "#2a2e05"),  # Ⅱ 予防保全段階: yellow-green
    ("#ffb74d", "#3b2200"),  # Ⅲ 早期措置段階: orange
    ("#c62828", "#ffffff"),  # Ⅳ 緊急措置段階: red
)
NOT_INSPECTED_TEXT = "#6b6b6b"


def grade_background(level: int | None) -> QColor | None:
    """Cell background for a grade level, None for no grade."""
    if level is None:
        return None
    return QColor(_LEVELS[max(0, min(level, len(_LEVELS) - 1))][0])


def grade_foreground(level: int | None) -> QColor:
    """Text colour for a grade level (grey for "not inspected")."""
    if level is None:
        return QColor(NOT_INSPECTED_TEXT)
    return QColor(_LEVELS[max(0, min(level, len(_LEVELS) - 1))][1])
