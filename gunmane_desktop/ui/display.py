"""How stored values are written on screen: years as stored plus 西暦, 年度 in 和暦, lengths.

Plain functions without Qt so every model and pane formats a value the same way.
"""

from __future__ import annotations

import datetime as dt

from ..core.wareki import format_date, format_fiscal_year, format_year


def built_year_text(year: int | None, original: str) -> str:
    """The year as the ledger wrote it, with the Western year when that adds anything.

    ("S45", 1970) -> "S45 (1970)"; ("1970", 1970) -> "1970"; ("不明", None) -> "不明".
    """
    original = original.strip()
    if year is None:
        return original or "不明"
    if not original or original == str(year):
        return str(year)
    return f"{original} ({year})"


def built_year_wareki(year: int | None, original: str, *, unknown: str = "不明",
                      as_written: str = "原文「%1」") -> str:
    """For the detail pane: "昭和45年 (1970)", plus the original spelling when it differs.

    ``unknown`` and ``as_written`` (with %1 for the spelling) are the UI words around the
    year: the pane passes them translated, so English shows "Unknown" and "as written".
    """
    text = format_year(year, with_western=True) if year is not None else unknown
    original = original.strip()
    if original and original not in (str(year), format_year(year)) and year is not None:
        text += f" — {as_written.replace('%1', original)}"
    elif year is None and original and original not in ("不明", unknown):
        text += f" ({as_written.replace('%1', original)})"
    return text


def fiscal_year_text(fiscal_year: int | None) -> str:
    """2023 -> 令和5年度; None -> ""."""
    return format_fiscal_year(fiscal_year) if fiscal_year is not None else ""


def fiscal_year_with_western(fiscal_year: int | None) -> str:
    return format_fiscal_year(fiscal_year, with_western=True) if fiscal_year is not None else ""


def date_text(day: dt.date | None) -> str:
    """2024-06-15 -> 令和6年6月15日 (2024-06-15)."""
    return format_date(day, with_western=True) if day is not None else ""


def length_text(metres: float | None) -> str:
    return "" if metres is None else f"{metres:,.1f}"


def yen_text(yen: int | None) -> str:
    return "" if yen is None else f"{yen:,} 円"
