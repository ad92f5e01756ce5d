"""和暦 (Japanese era) years and dates, and 年度 (fiscal years), parsed and formatted.

Ledgers write years as "S45", "昭和45年", "昭45", "1970", "H31年度", "令和元年度", "不明" or
blank. Parsing returns the Western year (or None for unknown) and never loses the original
spelling; callers store both. Fiscal years run April to March; FY2019 is written 平成31年度
or 令和元年度 (both parse to 2019).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass


class WarekiError(ValueError):
    """Text that looks like a year or date but is not a valid one."""


@dataclass(frozen=True, slots=True)
class Era:
    name: str  # 昭和
    letter: str  # S
    start: dt.date  # first day of the era
    last_year: int | None  # last era year (昭和64), None for the current era

    @property
    def offset(self) -> int:
        """西暦 = era year + offset."""
        return self.start.year - 1


ERAS: tuple[Era, ...] = (
    Era("明治", "M", dt.date(1868, 1, 25), 45),
    Era("大正", "T", dt.date(1912, 7, 30), 15),
    Era("昭和", "S", dt.date(1926, 12, 25), 64),
    Era("平成", "H", dt.date(1989, 1, 8), 31),
    Era("令和", "R", dt.date(2019, 5, 1), None),
)
_BY_KEY = {e.name: e for e in ERAS} | {e.letter: e for e in ERAS} | {e.name[0]: e for e in ERAS}

UNKNOWN_SPELLINGS = frozenset({"", "不明", "-", "－", "―", "—", "ー", "?", "？", "不詳", "n/a", "na",
                               "unknown", "記録なし", "なし", "*", "/"})


@dataclass(frozen=True, slots=True)
class ParsedYear:
    """A year read from a ledger: the Western year (None when unknown) and the original text."""

    year: int | None
    original: str
    fiscal: bool = False  # the text said 年度

    @property
    def known(self) -> bool:
        return self.year is not None


def _fold(text: str) -> str:
    s = unicodedata.normalize("NFKC", str(text)).strip()
    return re.sub(r"\s+", "", s)


def era_year_to_western(era_key: str, era_year: int) -> int:
    """昭和45 -> 1970. Raises WarekiError for years the era never had (平成32)."""
    era = _BY_KEY.get(era_key) or _BY_KEY.get(era_key.upper())
    if era is None:
        raise WarekiError(f"元号 '{era_key}' が分かりません")
    if era_year < 1 or (era.last_year is not None and era_year > era.last_year):
        last = f"{era.last_year}年まで" if era.last_year else "1年から"
        raise WarekiError(f"{era.name}{era_year}年はありません ({era.name}は{last})")
    return era_year + era.offset


_ERA_RE = re.compile(
    r"^(?P<era>明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?"
    r"(?P<y>元|\d{1,2})(?:年度|年)?$"
)
_WESTERN_RE = re.compile(r"^(?P<y>\d{4})(?:年度|年)?(?:\.0+)?$")


def parse_year(text: object, *, min_year: int = 1868, max_year: int = 2100) -> ParsedYear:
    """Read a year in any common ledger spelling.

    >>> parse_year("S45").year
    1970
    >>> parse_year("令和元年度").year
    2019
    >>> parse_year("不明").year is None
    True
    """
    original = "" if text is None else str(text)
    s = _fold(original)
    if s.lower() in UNKNOWN_SPELLINGS or s.lower() == "nan":
        return ParsedYear(None, original)
    fiscal = s.endswith("年度")
    m = _ERA_RE.match(s)
    if m:
        y = 1 if m["y"] == "元" else int(m["y"])
        return ParsedYear(era_year_to_western(m["era"], y), original, fiscal)
    m = _WESTERN_RE.match(s)
    if m:
        y = int(m["y"])
        if not min_year <= y <= max_year:
            raise WarekiError(f"年 '{original}' は {min_year}-{max_year} の範囲外です")
        return ParsedYear(y, original, fiscal)
    raise WarekiError(f"'{original}' を年として読めません (例: 1970, S45, 昭和45年, 不明)")


_DATE_RE = re.compile(
    r"^(?:(?P<era>明治|大正|昭和|平成|令和|[明大昭平令]|[MTSHRmtshr])\.?(?P<ey>元|\d{1,2})|(?P<wy>\d{4}))"
    r"[年./\-](?P<m>\d{1,2})[月./\-](?P<d>\d{1,2})日?$"
)


def parse_date(text: object) -> dt.date | None:
    """Read a date: 2019-05-01, 2019/5/1, R1.5.1, 令和元年5月1日, 平成31年4月30日. Blank -> None."""
    original = "" if text is None else str(text)
    s = _fold(original)
    if s.lower() in UNKNOWN_SPELLINGS:
        return None
    m = _DATE_RE.match(s)
    if not m:
        raise WarekiError(f"'{original}' を日付として読めません (例: 2024-06-15, R6.6.15, 令和6年6月15日)")
    year = int(m["wy"]) if m["wy"] else era_year_to_western(m["era"], 1 if m["ey"] == "元" else int(m["ey"]))
    try:
        day = dt.date(year, int(m["m"]), int(m["d"]))
    except ValueError as exc:
        raise WarekiError(f"'{original}' は存在しない日付です") from exc
    if m["era"]:
        era = _BY_KEY.get(m["era"]) or _BY_KEY[m["era"].upper()]
        following = ERAS[ERAS.index(era) + 1] if era is not ERAS[-1] else None
        if day < era.start or (following is not None and day >= following.start):
            raise WarekiError(f"'{original}' はその元号の期間外の日付です")
    return day


def era_of_date(day: dt.date) -> Era:
    for era in reversed(ERAS):
        if day >= era.start:
            return era
    raise WarekiError(f"{day.isoformat()} は明治より前です")


def _era_year_text(era: Era, year: int) -> str:
    n = year - era.offset
    return f"{era.name}{'元' if n == 1 else n}"


def format_year(year: int | None, *, with_western: bool = False) -> str:
    """1970 -> 昭和45年. A year in which an era began takes the new era (1989 -> 平成元年)."""
    if year is None:
        return "不明"
    era = era_of_date(dt.date(year, 12, 31))
    text = f"{_era_year_text(era, year)}年"
    return f"{text} ({year})" if with_western else text


def format_date(day: dt.date, *, with_western: bool = False) -> str:
    """2019-05-01 -> 令和元年5月1日."""
    era = era_of_date(day)
    text = f"{_era_year_text(era, day.year)}年{day.month}月{day.day}日"
    return f"{text} ({day.isoformat()})" if with_western else text


def fiscal_year_of(day: dt.date) -> int:
    """The 年度 a date falls in: April to March. 2020-03-31 -> 2019."""
    return day.year if day.month >= 4 else day.year - 1


def fiscal_year_bounds(fiscal_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of a fiscal year."""
    return dt.date(fiscal_year, 4, 1), dt.date(fiscal_year + 1, 3, 31)


def format_fiscal_year(fiscal_year: int, *, with_western: bool = False) -> str:
    """2019 -> 令和元年度; 1988 -> 昭和63年度.

    A fiscal year is named by the era in force on 1 May of it, which gives the usage of
    municipal documents: FY2019 (new era from 1 May 2019) is 令和元年度, while FY1988 (new era
    only from January 1989) stays 昭和63年度.
    """
    era = era_of_date(dt.date(fiscal_year, 5, 1))
    text = f"{_era_year_text(era, fiscal_year)}年度"
    return f"{text} ({fiscal_year})" if with_western else text


def parse_fiscal_year(text: object) -> int | None:
    """平成31年度 / 令和元年度 / R1 / 2019年度 / 2019 -> 2019; 不明 -> None."""
    return parse_year(text).year
