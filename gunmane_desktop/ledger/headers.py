"""The fields a ledger column can fill, their header spellings, and finding the header row.

Each field has one canonical Japanese header (the one exports write, so an export imports
back unchanged) and the variants towns and consultants use, in Japanese and English.
Headers are compared after folding: NFKC, no spaces, units in brackets dropped, lower case.
Ledgers often have a title above the table and a two-row header whose upper row is merged
over groups ("諸元" over 橋長 and 幅員, "前回点検" over 年度 and 健全性); ``find_header``
finds the row (or pair of rows) that names the most known fields.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FieldSpec:
    key: str
    header: str  # canonical Japanese header, written by exports
    # text, number, year, coord, bool, grade, date, fiscal_year, type, status, owner,
    # measure_kind, measure_status, day_or_year (a date or a fiscal year), yen
    kind: str
    aliases: tuple[str, ...] = ()
    target: str = "asset"  # asset, inspection or measure


FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("external_id", "施設ID", "text",
              ("施設番号", "施設コード", "橋梁ID", "橋梁番号", "橋梁コード", "施設管理番号", "管理番号",
               "データベースID", "DB番号", "facility id", "facilityid", "external id", "id")),
    FieldSpec("owner", "団体コード", "owner", ("管理者コード", "地方公共団体コード", "自治体コード",
                                              "団体", "org", "owner")),
    FieldSpec("asset_type", "施設種別", "type", ("種別", "施設区分", "施設の種類", "施設分類", "type",
                                                "asset type", "facility type")),
    FieldSpec("name", "名称", "text", ("橋梁名", "施設名", "施設名称", "名前", "トンネル名", "公園名",
                                      "公園施設名", "歩道橋名", "河川施設名", "区間名", "name",
                                      "bridge name", "facility name")),
    FieldSpec("name_kana", "名称かな", "text", ("ふりがな", "フリガナ", "よみがな", "橋梁名カナ",
                                             "橋梁名かな", "施設名カナ", "名称カナ", "kana")),
    FieldSpec("route", "路線名", "text", ("路線", "道路名", "路線名称", "路線番号", "route", "road")),
    FieldSpec("address", "所在地", "text", ("住所", "所在", "架設場所", "位置", "所在地(住所)",
                                          "address", "location")),
    FieldSpec("lat", "緯度", "coord", ("北緯", "緯度(度)", "latitude", "lat")),
    FieldSpec("lon", "経度", "coord", ("東経", "経度(度)", "longitude", "lon", "lng")),
    FieldSpec("coord_text", "座標 (原文)", "text", ("座標原文", "座標", "coordinates")),
    FieldSpec("built_year", "架設年", "year", ("架設年度", "完成年", "完成年度", "建設年", "建設年度",
                                             "竣工年", "竣工年度", "供用開始年", "供用開始年度", "設置年",
                                             "設置年度", "架設年次", "year built", "built year",
                                             "built")),
    FieldSpec("length_m", "延長・橋長 (m)", "number", ("橋長", "延長", "長さ", "総延長", "全長",
                                                   "トンネル延長", "length")),
    FieldSpec("width_m", "幅員 (m)", "number", ("幅員", "全幅員", "総幅員", "有効幅員", "全幅", "width")),
    FieldSpec("area_m2", "面積 (㎡)", "number", ("橋面積", "面積", "面積(m²)", "延床面積", "area")),
    FieldSpec("structure", "構造・形式", "text", ("橋種", "形式", "構造形式", "橋梁形式", "上部工形式",
                                              "橋種・形式", "上部構造形式", "構造", "管種", "structure")),
    FieldSpec("emergency_route", "緊急輸送道路", "bool", ("緊急輸送道路指定", "緊急輸送路",
                                                     "emergency route")),
    FieldSpec("over_railway", "跨線橋", "bool", ("跨線", "over railway")),
    FieldSpec("over_road", "跨道橋", "bool", ("跨道", "over road")),
    FieldSpec("status", "状態", "status", ("供用状況", "供用状態", "status")),
    FieldSpec("notes", "備考", "text", ("摘要", "メモ", "notes", "remarks", "note")),
    FieldSpec("inspected_on", "点検日", "date", ("点検年月日", "点検実施日", "最新点検日", "前回点検日",
                                              "inspection date", "inspected on"), "inspection"),
    FieldSpec("inspection_fy", "点検年度", "fiscal_year",
              ("前回点検年度", "最新点検年度", "点検実施年度", "直近点検年度", "点検年",
               "inspection year", "inspection fy", "fiscal year"), "inspection"),
    FieldSpec("grade", "判定区分", "grade", ("健全性", "健全度", "診断区分", "緊急度", "判定",
                                          "健全性の診断", "健全性の診断結果", "総合判定", "総合評価",
                                          "判定結果", "前回点検健全性", "点検結果", "soundness",
                                          "grade", "condition"), "inspection"),
    FieldSpec("method", "点検方法", "text", ("点検手法", "method"), "inspection"),
    FieldSpec("inspector_name", "点検者", "text", ("点検業者", "点検実施者", "点検会社", "受注者",
                                                "inspector"), "inspection"),
    FieldSpec("findings", "所見", "text", ("点検所見", "損傷の概要", "所見・備考", "findings"),
              "inspection"),
    # Measures (措置): a sheet maps these together with the asset keys (施設ID + 団体コード, or
    # 名称 + 路線名). 対策区分 is not an alias: it is the member-level countermeasure grade.
    FieldSpec("measure_kind", "措置の種類", "measure_kind",
              ("措置区分", "措置種別", "措置の区分", "対策の種類", "対策種別", "措置種類", "measure kind",
               "measure type"), "measure"),
    FieldSpec("measure_status", "措置状況", "measure_status",
              ("対策状況", "措置の状況", "措置の実施状況", "対策の実施状況", "措置実施状況", "修繕措置状況",
               "措置の進捗", "measure status"), "measure"),
    FieldSpec("description", "対策内容", "text", ("措置内容", "措置の内容", "対策工法", "補修内容",
                                              "修繕内容", "description"), "measure"),
    FieldSpec("planned_fy", "予定年度", "fiscal_year",
              ("対策予定年度", "措置予定年度", "実施予定年度", "対策実施予定年度", "修繕予定年度",
               "planned fy", "planned year"), "measure"),
    FieldSpec("started_on", "着手日", "day_or_year", ("着手年度", "着手年月日", "措置着手日",
                                                    "措置着手年度", "対策着手年度", "started on"),
              "measure"),
    FieldSpec("completed_on", "完了日", "day_or_year", ("完了年度", "完了年月日", "措置完了日",
                                                      "措置完了年度", "対策完了年度", "completed on"),
              "measure"),
    FieldSpec("cost_planned_yen", "概算費用 (円)", "yen", ("概算費用", "事業費", "概算事業費", "対策費用",
                                                      "概算額", "予定費用", "planned cost"), "measure"),
    FieldSpec("cost_actual_yen", "実績費用 (円)", "yen", ("実績費用", "実績額", "実績事業費", "決算額",
                                                     "actual cost"), "measure"),
)
FIELDS_BY_KEY = {f.key: f for f in FIELDS}
INSPECTION_KEYS = frozenset(f.key for f in FIELDS if f.target == "inspection")
MEASURE_KEYS = frozenset(f.key for f in FIELDS if f.target == "measure")
# A sheet plans measures when it maps one of these (a cost or a description alone, as in a
# 個別施設計画 table, is a summary of the plan, not a measure record).
MEASURE_DEFINING_KEYS = frozenset({"measure_kind", "measure_status"})

_BRACKETS = re.compile(r"[(\[［【〔<＜][^)\]］】〕>＞]*[)\]］】〕>＞]")
_NOISE = re.compile(r"[\s\u3000※*＊:：・/／_\-－‐]")


def header_key(text: str) -> str:
    """Fold a header for comparison: '橋長（ｍ）' and ' 橋長 [m]' both give '橋長'."""
    s = unicodedata.normalize("NFKC", str(text)).strip().lower()
    stripped = _BRACKETS.sub("", s)
    if _NOISE.sub("", stripped):
        s = stripped
    return _NOISE.sub("", s)


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for f in FIELDS:
        for spelling in (f.header, f.key, *f.aliases):
            index.setdefault(header_key(spelling), f.key)
    return index


HEADER_INDEX = _build_index()


def field_for_header(text: str) -> str | None:
    """The field a header names, or None."""
    if not text:
        return None
    return HEADER_INDEX.get(header_key(text))


@dataclass(frozen=True, slots=True)
class Header:
    """Where the table starts: header texts per column and the first data row (0-based)."""

    row: int  # 0-based index of the (lowest) header row
    depth: int  # 1 or 2 header rows
    columns: tuple[str, ...]  # header text per column ("" for blank), upper + lower joined

    @property
    def data_start(self) -> int:
        return self.row + 1

    @property
    def excel_row(self) -> int:
        return self.row + 1


def _combine(upper: str, lower: str) -> str:
    if not upper or upper == lower:
        return lower
    if not lower:
        return upper
    return f"{upper}・{lower}"


def _match_combined(upper: str, lower: str) -> str | None:
    """A two-row header cell: the lower text, then group + lower, then the group alone."""
    if upper and lower and upper != lower:
        joined = field_for_header(upper + lower)
        if joined:
            return joined
    return field_for_header(lower) or (field_for_header(upper) if not lower else None)


def column_field(header: str) -> str | None:
    """The field of a column header made by ``find_header`` (possibly 'upper・lower')."""
    direct = field_for_header(header)
    if direct:
        return direct
    if "・" in header:
        upper, _, lower = header.partition("・")
        return _match_combined(upper, lower)
    return None


def _score(fields: list[str | None]) -> int:
    found = [f for f in fields if f]
    return len(set(found))


def find_header(rows: list[list[str]], scan: int = 30) -> Header | None:
    """Find the header row (or two-row header) that names the most known fields.

    Ties go to a single row over a pair, then to the earlier row.
    """
    candidates: list[tuple[int, int, int, Header]] = []
    for r in range(min(scan, len(rows))):
        row = rows[r]
        single = _score([field_for_header(c) for c in row])
        if single:
            candidates.append((single, 1, -r, Header(r, 1, tuple(row))))
        if r + 1 < len(rows):
            lower = rows[r + 1]
            width = max(len(row), len(lower))
            up = [*row, *[""] * (width - len(row))]
            low = [*lower, *[""] * (width - len(lower))]
            pair = _score([_match_combined(u, w) for u, w in zip(up, low, strict=True)])
            if pair:
                names = [_combine(u, w) if _match_combined(u, w) else (w or u)
                         for u, w in zip(up, low, strict=True)]
                candidates.append((pair, 0, -r, Header(r + 1, 2, tuple(names))))
    if not candidates:
        return None
    best = max(candidates, key=lambda c: c[:3])
    return best[3] if best[0] >= 2 else None
