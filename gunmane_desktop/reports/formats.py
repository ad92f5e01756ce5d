"""How reports print years, fiscal years, counts and shares (和暦 first, 西暦 beside)."""

from __future__ import annotations

import datetime as dt

from ..core.wareki import era_of_date, fiscal_year_bounds, format_fiscal_year, format_year


def short_fy(fy: int | None) -> str:
    """2021 -> "R3 (2021)": the compact form for table cells."""
    if fy is None:
        return "―"
    era = era_of_date(dt.date(fy, 5, 1))
    n = fy - era.offset
    return f"{era.letter}{n} ({fy})"


def era_fy(fy: int) -> str:
    """2027 -> "R9": the shortest form, for chart axes with thirty fiscal years."""
    era = era_of_date(dt.date(fy, 5, 1))
    return f"{era.letter}{fy - era.offset}"


def oku(yen: float) -> str:
    """148,500,000 -> "1.49 億円": sums a council member reads."""
    return f"{yen / 1e8:,.2f} 億円"


def sen(yen: float) -> str:
    """Yen as 千円 (thousands), the unit of municipal plan tables: 5,650,000 -> "5,650"."""
    return f"{round(yen / 1000):,}"


def short_year(year: int | None, original: str = "") -> str:
    """1970 -> "S45 (1970)"; unknown -> 不明 (or the ledger's own spelling)."""
    if year is None:
        return original if original and original != "不明" and len(original) <= 6 else "不明"
    era = era_of_date(dt.date(year, 12, 31))
    return f"{era.letter}{year - era.offset} ({year})"


def short_date(day: dt.date | None) -> str:
    """2026-06-20 -> "R8.6.20 (2026-06-20)": 和暦 with 西暦 beside, for table cells."""
    if day is None:
        return "―"
    era = era_of_date(day)
    return f"{era.letter}{day.year - era.offset}.{day.month}.{day.day} ({day.isoformat()})"


def era_date(day: dt.date | None) -> str:
    """2026-06-20 -> "R8.6.20": for narrow table cells (dates of one document's events)."""
    if day is None:
        return "―"
    era = era_of_date(day)
    return f"{era.letter}{day.year - era.offset}.{day.month}.{day.day}"


def fy_label(fy: int) -> str:
    return format_fiscal_year(fy, with_western=True)


def year_label(year: int | None) -> str:
    return format_year(year, with_western=True)


def count(n: int | float | None) -> str:
    return "―" if n is None else f"{n:,.0f}"


def share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "―"


def length(m: float | None) -> str:
    return "―" if m is None else f"{m:,.1f}"


def today_in_fiscal_year(fiscal_year: int | None, today: dt.date | None = None) -> dt.date:
    """The "as of" date for a report of ``fiscal_year``: today, clamped into that year."""
    today = today or dt.date.today()
    if fiscal_year is None:
        return today
    first, last = fiscal_year_bounds(fiscal_year)
    return min(max(today, first), last)


__all__ = ["count", "era_date", "era_fy", "fy_label", "length", "oku", "sen", "share", "short_date",
           "short_fy", "short_year", "today_in_fiscal_year", "year_label"]
