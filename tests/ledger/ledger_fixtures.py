"""Ledger files for the tests, written at test time with openpyxl and plain byte strings.

Each writer returns the path it wrote. Rows are chosen to exercise one thing each: 和暦 in
four spellings, "不明", DMS coordinates, grade spellings, numeric national-database codes,
and broken rows (too few columns, text in a number column).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

REGISTER_HEADER = ["施設ID", "橋梁名", "路線名", "架設年", "橋長(m)", "幅員", "緯度", "経度", "点検年度",
                   "健全性"]
# name -> row; 和暦 in four spellings plus Western and 不明; DMS and decimal coordinates;
# grades as Ⅲ, III, 3, ③, "Ⅲ(早期措置段階)" and full-width Ⅱ.
REGISTER_ROWS = [
    ["BR0-011002-00001", "一の橋", "町道1号線", "S45", "12.5m", "5.5", "35°41′22.2″", "139°45′30″", "R5",
     "Ⅲ"],
    ["BR0-011002-00002", "二の橋", "町道1号線", "昭和50年", "１，２００", "4", "35.1", "139.2", "H30年度",
     "III"],
    ["BR0-011002-00003", "三の橋", "町道2号線", "昭45", "8", "4.0", "35度10分0秒", "139度20分0秒",
     "令和元年度", "3"],
    ["", "四の橋", "町道2号線", "平成元年", "6.2", "3", "", "", "2019", "③"],
    ["", "五の橋", "町道3号線", "不明", "3.5", "", "35.2", "139.3", "R6", "Ⅲ(早期措置段階)"],
    ["", "六の橋", "町道3号線", "1970", "", "", "", "", "", ""],
]
GOOD_ROWS = len(REGISTER_ROWS)


def csv_bytes(rows: list[list[str]], encoding: str, newline: str = "\r\n") -> bytes:
    def cell(text: str) -> str:
        return f'"{text}"' if "," in text or '"' in text else text

    text = newline.join(",".join(cell(c) for c in row) for row in rows) + newline
    return text.encode(encoding)


def register_csv(path: Path, encoding: str = "cp932", newline: str = "\r\n",
                 extra: list[list[str]] | None = None) -> Path:
    rows = [["橋梁台帳 (札幌市)"], REGISTER_HEADER, *REGISTER_ROWS, *(extra or [])]
    path.write_bytes(csv_bytes(rows, encoding, newline))
    return path


BROKEN_ROWS = [
    ["", "壊れた橋", "町道9号線", "S50"],  # too few columns
    ["", "文字の橋", "町道9号線", "S50", "約十メートル", "4", "", "", "", ""],  # text in a number column
    ["", "Ⅴの橋", "町道9号線", "S50", "5", "4", "", "", "R5", "Ⅴ"],  # no such grade
]


def merged_header_xlsx(path: Path) -> Path:
    """A title row, then a two-row header with groups merged over their columns, two sheets."""
    book = Workbook()
    ws = book.active
    ws.title = "橋梁台帳"
    ws["A1"] = "令和6年度 橋梁長寿命化修繕計画 施設一覧"
    ws.append([])
    ws.append(["施設番号", "名称", "路線名", "諸元", None, None, "位置", None, "前回点検", None])
    ws.append([None, None, None, "架設年度", "橋長", "幅員", "緯度", "経度", "年度", "健全性"])
    for col in ("A", "B", "C"):
        ws.merge_cells(f"{col}3:{col}4")
    ws.merge_cells("D3:F3")
    ws.merge_cells("G3:H3")
    ws.merge_cells("I3:J3")
    ws.append(["BR0-011002-00011", "桜橋", "町道4号線", "S48", 15.2, 6.0, 35.5, 139.5, "R4", "Ⅱ"])
    ws.append(["BR0-011002-00012", "梅橋", "町道4号線", "不明", 4.8, 3.5, None, None, "H30", "Ⅰ"])
    other = book.create_sheet("トンネル")
    other.append(["トンネル名", "路線名", "延長", "完成年", "点検日", "判定区分"])
    other.append(["峠トンネル", "町道5号線", 120, "昭和60年", "2023-09-14", "Ⅱ"])
    notes = book.create_sheet("メモ")
    notes.append(["このシートは説明です"])
    book.save(path)
    return path


def national_db_xlsx(path: Path) -> Path:
    """A sheet laid out like the national database's per-bridge lists: numeric grade codes."""
    book = Workbook()
    ws = book.active
    ws.title = "道路橋"
    ws.append(["施設ID", "施設名", "路線名", "架設年次", "橋長", "点検実施年度", "健全性の診断"])
    ws.append(["BR0-011002-00021", "川端橋", "町道6号線", "1972", 22.0, 2021, 2])
    ws.append(["BR0-011002-00022", "山手橋", "町道6号線", "1980", 9.5, 2022, 3])
    ws.append(["BR0-011002-00023", "池尻橋", "町道6号線", "1990", 5.0, 2023, 1])
    book.save(path)
    return path


NATIONAL_MEASURE_HEADER = ["施設ID", "施設名", "路線名", "架設年次", "橋長", "点検実施年度", "健全性の診断",
                           "措置状況", "対策内容", "措置着手年度", "措置完了年度", "事業費 (千円)"]


def national_db_measures_xlsx(path: Path) -> Path:
    """A national-database style list with numeric codes for 健全性 (1-4) and 措置状況 (1-3).

    One row per bridge: its latest grade and the state of the measure it called for, with
    years (not dates) for the start and completion and the cost in 千円, as such lists give them.
    """
    book = Workbook()
    ws = book.active
    ws.title = "道路橋"
    ws.append(NATIONAL_MEASURE_HEADER)
    route = "町道7号線"
    ws.append(["BR0-011002-00031", "北橋", route, "1968", 18.0, 2021, 3, 1, "断面修復", None, None, 12000])
    ws.append(["BR0-011002-00032", "南橋", route, "1975", 11.0, 2022, 3, 2, "橋面防水", "R5", None, 8500])
    ws.append(["BR0-011002-00033", "東橋", route, "1982", 7.5, 2020, 3, 3, "支承交換", "R3", "令和4年度",
               4200])
    ws.append(["BR0-011002-00034", "西橋", route, "1990", 6.0, 2023, 1, None, None, None, None, None])
    book.save(path)
    return path
