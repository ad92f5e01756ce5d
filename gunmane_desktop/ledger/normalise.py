"""Cell text to typed values, keeping what the ledger wrote.

Each function takes the cell text and returns the normalised value, or raises
``CellError`` whose message is the reason to show (Japanese, English in brackets).
Blank, "不明", "-" and their variants mean unknown (None). Full-width digits, thousands
separators and units in cells ("12.5m", "１，２００㎡") are accepted; so are 和暦 and 年度 in
every spelling core.wareki knows, decimal and degree-minute-second coordinates, grade
spellings of the asset type's scale, measure kinds and statuses (plus numeric code tables
from the mapping) and costs in whole yen.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from functools import lru_cache

from ..core.catalogue import Catalogue, GradeScale, UnknownCodeError
from ..core.models import AssetStatus
from ..core.organisations import OrgCodeError, validate_org_code
from ..core.wareki import UNKNOWN_SPELLINGS, WarekiError, parse_date, parse_year
from .mapping import NATIONAL_MEASURE_STATUS_CODES


class CellError(ValueError):
    """A cell whose text cannot be read as the column's kind of value."""


def is_unknown(text: str) -> bool:
    s = (text if text.isascii() else unicodedata.normalize("NFKC", text)).strip().lower()
    return s in UNKNOWN_SPELLINGS or s in ("nan", "none", "null", "#n/a")


def clean_text(text: str) -> str:
    """Free text as written, trimmed; unknown markers stay as written."""
    return text.strip()


def clean_id(text: str) -> str:
    """Identifiers: NFKC (full-width letters and digits to ASCII), no surrounding spaces."""
    s = text.strip() if text.isascii() else unicodedata.normalize("NFKC", text).strip()
    return "" if is_unknown(s) else s


_UNIT = re.compile(r"(?:平方メートル|メートル|km|m2|m²|m\^2|m|㎡|ｍ|千円|円|本|基|箇所|年)$", re.IGNORECASE)
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")
_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$", re.IGNORECASE)


_PLAIN = re.compile(r"^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$")


def _plain_float(text: str) -> float | None:
    """The common case, plain ASCII decimals, without folding or regular expressions."""
    if _PLAIN.match(text):
        return float(text)
    return None


@lru_cache(maxsize=65536)
def parse_number(text: str) -> float | None:
    """'12.5', '12.5m', '１，２００．５', '1,200㎡' -> float; blank/不明/- -> None."""
    fast = _plain_float(text)
    if fast is not None:
        return fast
    s = unicodedata.normalize("NFKC", text).strip()
    if is_unknown(s):
        return None
    s = s.replace(" ", "").replace("約", "")
    s = _UNIT.sub("", s)
    if "," in s:
        if not _THOUSANDS.match(s):
            raise CellError("桁区切りのカンマの位置が不正です (misplaced thousands separator)")
        s = s.replace(",", "")
    if not _NUMBER.match(s):
        raise CellError("数値として読めません (not a number)")
    value = float(s)
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError("数値として読めません (not a number)")
    return value


_DMS = re.compile(
    r"^(?P<hemi>[NSEW北南東西]|北緯|南緯|東経|西経)?\s*(?P<d>\d{1,3})\s*(?:°|度|:|-|\s)\s*(?P<m>\d{1,2})"
    r"\s*(?:['′’]|分|:|-|\s)?\s*(?:(?P<s>\d{1,2}(?:\.\d+)?)\s*(?:[\"″”]|''|秒)?)?\s*(?P<hemi2>[NSEW])?$",
    re.IGNORECASE)
_DEC = re.compile(r"^(?P<hemi>[NSEW北南東西]|北緯|南緯|東経|西経)?\s*(?P<v>[+-]?\d{1,3}(?:\.\d+)?)"
                  r"\s*(?:°|度)?"
                  r"\s*(?P<hemi2>[NSEW])?$", re.IGNORECASE)


# The degree-minute-second spelling most ledgers use, 35°41′22.2″, read without folding.
_DMS_PLAIN = re.compile(r"(\d{1,3})°(\d{1,2})′(\d{1,2}(?:\.\d+)?)″")


def parse_coord(text: str) -> float | None:
    """Decimal degrees or degree-minute-second text -> decimal degrees; blank -> None.

    '35.6895', '35°41′22.2″', '35度41分22.2秒', 'N35 41 22.2', '北緯35度41分' all work.
    Plain decimals and plain 35°41′22.2″ (most cells, nearly all distinct) skip the cache,
    which would only churn, and the general reader's folding and patterns.
    """
    if _PLAIN.match(text):
        return round(float(text), 7)
    m = _DMS_PLAIN.fullmatch(text)
    if m:
        minutes, seconds = int(m[2]), float(m[3])
        if minutes < 60 and seconds < 60:  # else the general reader says what is wrong
            return round(int(m[1]) + minutes / 60 + seconds / 3600, 7)
    return _parse_coord_text(text)


@lru_cache(maxsize=65536)
def _parse_coord_text(text: str) -> float | None:
    s = unicodedata.normalize("NFKC", text).strip()
    if is_unknown(s):
        return None
    for prime, plain in (("′′", '"'), ("''", '"'), ("″", '"'), ("”", '"'), ("′", "'"), ("’", "'")):
        s = s.replace(prime, plain)
    m = _DEC.match(s)
    if m:
        value = float(m["v"])
        hemi = (m["hemi"] or m["hemi2"] or "").upper()
    else:
        m = _DMS.match(s)
        if not m:
            raise CellError("座標として読めません。10進数 (35.6895) か 度分秒 (35°41'22.2\") で"
                            "入力してください "
                            "(not a coordinate)")
        minutes = int(m["m"])
        seconds = float(m["s"] or 0)
        if minutes >= 60 or seconds >= 60:
            raise CellError("分・秒は 60 未満でなければなりません (minutes/seconds must be < 60)")
        value = int(m["d"]) + minutes / 60 + seconds / 3600
        hemi = (m["hemi"] or m["hemi2"] or "").upper()
    if hemi in ("S", "W", "南", "西", "南緯", "西経"):
        value = -value
    return round(value, 7)


_TRUE = frozenset({"○", "〇", "◯", "●", "◎", "有", "有り", "あり", "該当", "はい", "yes", "y", "true",
                   "1", "t", "指定", "○(該当)", "レ", "✓", "✔"})
_FALSE = frozenset({"", "×", "✕", "無", "無し", "なし", "非該当", "いいえ", "no", "n", "false", "0", "f",
                    "-", "－", "―", "不明", "指定なし"})


@lru_cache(maxsize=1024)
def parse_bool(text: str) -> bool:
    s = unicodedata.normalize("NFKC", text).strip().lower()
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise CellError("○/× (はい/いいえ, 1/0) で入力してください (expected yes/no)")


_YEAR_MONTH = re.compile(r"^(.+?年)\d{1,2}月(?:\d{1,2}日)?$")
_ERA_DOT_MONTH = re.compile(r"^([明大昭平令MTSHRmtshr]\.?(?:元|\d{1,2}))[./]\d{1,2}(?:[./]\d{1,2})?$")
_ISO_DATE = re.compile(r"^(\d{4})[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T].*)?$")


@lru_cache(maxsize=65536)
def parse_year_cell(text: str) -> int | None:
    """A construction year in any ledger spelling -> Western year; 不明 -> None."""
    s = unicodedata.normalize("NFKC", text).strip()
    m = _ISO_DATE.match(s)
    if m:
        s = m[1]
    else:
        m = _YEAR_MONTH.match(s) or _ERA_DOT_MONTH.match(s)
        if m:
            s = m[1]
    try:
        return parse_year(s).year
    except WarekiError as exc:
        raise CellError(f"{exc} (not a year)") from exc


@lru_cache(maxsize=65536)
def parse_date_cell(text: str) -> dt.date | None:
    """An inspection date: ISO, 2024/6/15, R6.6.15, 令和6年6月15日, or an Excel serial number."""
    s = unicodedata.normalize("NFKC", text).strip()
    if re.fullmatch(r"\d{5}(?:\.0+)?", s):
        return dt.date(1899, 12, 30) + dt.timedelta(days=int(float(s)))
    s = re.sub(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$", "", s)
    try:
        return parse_date(s)
    except WarekiError as exc:
        raise CellError(f"{exc} (not a date)") from exc


def parse_grade(text: str, scale: GradeScale, codes: dict[str, str] | None = None) -> str | None:
    """A grade spelling (Ⅲ, III, 3, ③, 'Ⅲ(早期措置段階)', or a code of ``codes``) -> grade code."""
    s = unicodedata.normalize("NFKC", text).strip()
    if is_unknown(s):
        return None
    if re.fullmatch(r"\d+\.0+", s):
        s = s.split(".", 1)[0]
    if codes and s in codes:
        s = codes[s]
    try:
        return scale.parse(s).code
    except UnknownCodeError as exc:
        raise CellError(f"{exc} (not a grade of this scale)") from exc


_STATUS = {
    "供用中": AssetStatus.IN_SERVICE, "in_service": AssetStatus.IN_SERVICE, "供用": AssetStatus.IN_SERVICE,
    "": AssetStatus.IN_SERVICE, "供用廃止": AssetStatus.RETIRED, "廃止": AssetStatus.RETIRED,
    "retired": AssetStatus.RETIRED, "撤去済": AssetStatus.REMOVED, "撤去済み": AssetStatus.REMOVED,
    "撤去": AssetStatus.REMOVED, "removed": AssetStatus.REMOVED,
}


def parse_status(text: str) -> AssetStatus:
    s = unicodedata.normalize("NFKC", text).strip().lower()
    try:
        return _STATUS[s]
    except KeyError:
        raise CellError("供用中 / 供用廃止 / 撤去済 のいずれかを入力してください "
                        "(expected in service / retired / removed)") from None


def make_type_parser(catalogue: Catalogue):
    """A cached asset-type reader for one catalogue: '橋梁', '道路橋', 'bridge' -> 'bridge'."""

    @lru_cache(maxsize=256)
    def parse_type(text: str) -> str:
        try:
            return catalogue.asset_type(text).id
        except UnknownCodeError as exc:
            raise CellError(f"{exc} (unknown asset type)") from exc

    return parse_type


@lru_cache(maxsize=256)
def parse_owner(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).strip()
    if s.isdigit() and len(s) == 5:
        # Excel drops the leading zero of 北海道 codes (011002 -> 11002) when it opens a CSV.
        try:
            return validate_org_code("0" + s, "prefecture" if s[1:4] == "000" else "municipality")
        except OrgCodeError:
            raise CellError("団体コードは検査数字を含む6桁です (6-digit code with check digit)") from None
    try:
        return validate_org_code(s, "prefecture" if s[2:5] == "000" else "municipality")
    except OrgCodeError as exc:
        raise CellError(f"{exc} (bad organisation code)") from exc


# Measure statuses as ledgers write them; the catalogue's ids and names are accepted too.
_MEASURE_STATUS = {
    "planned": ("計画", "計画中", "未着手", "予定", "着手前", "未実施", "未対策", "未措置"),
    "started": ("着手", "着手済", "着手済み", "実施中", "施工中", "工事中", "対策中", "措置中", "設計中"),
    "completed": ("完了", "済", "済み", "完了済", "完了済み", "実施済", "実施済み", "対策済", "対策済み",
                  "措置済", "措置済み", "竣工"),
    "cancelled": ("中止", "取りやめ", "取止め", "取り止め", "canceled"),
}


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def make_measure_parsers(catalogue: Catalogue, kind_codes: dict[str, str] | None = None,
                         status_codes: dict[str, str] | None = None):
    """Cached readers of measure kinds and statuses for one catalogue and mapping.

    A cell is first looked up in the mapping's code table (numeric codes of a national
    database style sheet), then read as a catalogue id, Japanese or English name, or one of
    the usual spellings (未着手, 実施中, 済 ...). Returns (parse_kind, parse_status).
    """
    kinds: dict[str, str] = {}
    for k in catalogue.measure_kinds:
        for spelling in (k.id, k.name_ja, k.name_en, *k.name_ja.split("・")):
            kinds.setdefault(_folded(spelling), k.id)
    for spelling, kind in (("補修", "repair"), ("修繕", "repair"), ("補修工事", "repair"),
                           ("修繕工事", "repair"), ("補強工事", "reinforcement"), ("架替", "replacement"),
                           ("架替え", "replacement"), ("架け替え", "replacement"), ("更新", "replacement"),
                           ("通行止め", "closure"), ("通行止", "closure"), ("重量制限", "closure"),
                           ("集約", "consolidation"), ("集約化", "consolidation"),
                           ("機能縮小", "consolidation"), ("廃止・撤去", "removal"),
                           ("モニタリング", "monitoring"), ("監視", "monitoring")):
        if any(k.id == kind for k in catalogue.measure_kinds):
            kinds.setdefault(_folded(spelling), kind)
    statuses: dict[str, str] = {}
    for s in catalogue.measure_statuses:
        for spelling in (s.id, s.name_ja, s.name_en, *_MEASURE_STATUS.get(s.id, ())):
            statuses.setdefault(_folded(spelling), s.id)
    default_status_codes = dict(NATIONAL_MEASURE_STATUS_CODES)

    def coded(text: str, codes: dict[str, str] | None, defaults: dict[str, str]) -> str:
        s = unicodedata.normalize("NFKC", text).strip()
        if re.fullmatch(r"\d+\.0+", s):
            s = s.split(".", 1)[0]
        if codes and s in codes:
            return codes[s]
        return defaults.get(s, s)

    @lru_cache(maxsize=256)
    def parse_kind(text: str) -> str:
        kind = kinds.get(_folded(coded(text, kind_codes, {})))
        if kind is None:
            names = "、".join(k.name_ja for k in catalogue.measure_kinds)
            raise CellError(f"措置の種類が分かりません。{names} のいずれかを入力してください "
                            f"(unknown measure kind)")
        return kind

    @lru_cache(maxsize=256)
    def parse_measure_status(text: str) -> str:
        status = statuses.get(_folded(coded(text, status_codes, default_status_codes)))
        if status is None:
            raise CellError("措置状況が分かりません。計画 (未着手)・着手 (実施中)・完了 (済)・中止 のいずれか"
                            "か、コード 1・2・3 を入力してください (unknown measure status)")
        return status

    return parse_kind, parse_measure_status


def parse_day_or_year(text: str) -> tuple[dt.date, bool] | None:
    """A date, or only a fiscal year (R5, 令和5年度, 2023): (date, dated). Blank -> None.

    A fiscal year alone gives the first day of that year with ``dated`` False, as an
    inspection year does.
    """
    s = unicodedata.normalize("NFKC", text).strip()
    if is_unknown(s):
        return None
    try:
        day = parse_date_cell(s)
    except CellError:
        try:
            year = parse_year_cell(s)
        except CellError:
            raise CellError("日付 (2024-06-15, R6.6.15) か年度 (R6, 令和6年度) で入力してください "
                            "(not a date or fiscal year)") from None
        if year is None:
            return None
        return dt.date(year, 4, 1), False
    return (day, True) if day is not None else None


def parse_yen(text: str, thousands: bool = False) -> int | None:
    """A cost in whole yen: '1,200,000', '1200000円', '1,200千円' (or a 千円 column) -> int."""
    s = unicodedata.normalize("NFKC", text).strip()
    if is_unknown(s):
        return None
    if s.endswith("千円"):
        thousands = True
    value = parse_number(s)
    if value is None:
        return None
    if thousands:
        value *= 1000
    if value != int(value):
        raise CellError("費用は円単位の整数で入力してください (cost must be whole yen)")
    if value < 0:
        raise CellError("費用は0以上で入力してください (cost must not be negative)")
    return int(value)
