"""Reading ledger files into plain text grids: .xlsx/.xlsm/.xls/.ods and .csv/.tsv/.txt.

Every cell becomes text exactly as a person would read it (1970.0 -> "1970", a date cell ->
"2024-06-15"), so normalisation sees one kind of input and the original spelling can be
kept. Row numbers stay the ones Excel shows. CSV encodings are detected: a UTF-8 BOM, then
strict UTF-8, then CP932 (Shift_JIS with Windows extensions); CRLF, LF and CR all work.
Merged cells are filled with their anchor's value so a merged header reads on every column.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path

from .errors import LedgerReadError

EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".tsv", ".txt")
MAX_FILE_BYTES = 512 * 1024 * 1024
# Merged ranges below this row are data, and data merges are not spread (only headers are).
HEADER_SCAN_ROWS = 30


@dataclass(slots=True)
class Sheet:
    """One sheet (a CSV file is one sheet named after the file) as rows of text cells.

    ``rows[0]`` is Excel's row 1. ``encoding`` is set for CSV files.
    """

    file: str
    name: str
    rows: list[list[str]]
    encoding: str = ""
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def cell_text(value: object) -> str:
    """A spreadsheet value as the text a person sees in the cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value).strip()


def decode_text(data: bytes, path: Path | str) -> tuple[str, str]:
    """Decode CSV bytes; return (text, encoding name). Raise LedgerReadError if impossible."""
    if data.startswith(b"\xef\xbb\xbf"):
        candidates = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ["utf-16"]
    else:
        candidates = ["utf-8", "cp932"]
    for enc in candidates:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, enc
    raise LedgerReadError(path, "文字コードを判別できません。CP932 (Shift_JIS) か UTF-8 の CSV で"
                                "保存してください "
                                "(cannot detect the text encoding; save as CP932 or UTF-8 CSV)")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    return "\t" if first.count("\t") > first.count(",") else ","


def read_csv(path: Path | str) -> Sheet:
    """Read a CSV/TSV file in CP932, UTF-8 or UTF-8 with BOM."""
    path = Path(path)
    data = _read_bytes(path)
    text, enc = decode_text(data, path)
    try:
        rows = [[c.strip() for c in row]
                for row in csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))]
    except csv.Error as exc:
        raise LedgerReadError(path, f"CSV として読めません (not a readable CSV): {exc}") from exc
    return Sheet(path.name, path.stem, rows, encoding=enc)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LedgerReadError(path, f"ファイルが大きすぎます ({size:,} bytes; file too large)")
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise LedgerReadError(path, "ファイルが見つかりません (file not found)") from exc
    except IsADirectoryError as exc:
        raise LedgerReadError(path, "フォルダです。ファイルを指定してください (is a directory)") from exc
    except OSError as exc:
        raise LedgerReadError(path, f"ファイルを開けません (cannot open): {exc.strerror}") from exc


def _spread_merged(rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged header range's anchor value into the other cells of the range."""
    for r0, c0, r1, c1 in merged:
        if r0 >= HEADER_SCAN_ROWS or r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else ""
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            row = rows[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if not row[c]:
                    row[c] = value


def read_excel(path: Path | str, sheet: str | None = None) -> list[Sheet]:
    """Read the sheets of an Excel (.xlsx, .xlsm, .xls) or .ods workbook."""
    path = Path(path)
    _read_bytes(path)  # the same clear messages for missing or unreadable files
    try:
        import python_calamine
    except ImportError:
        return _read_xlsx_openpyxl(path, sheet)
    try:
        book = python_calamine.load_workbook(str(path))
        names = list(book.sheet_names)
        if sheet is not None and sheet not in names:
            raise LedgerReadError(path, f"シート「{sheet}」がありません (no such sheet; sheets: "
                                        f"{', '.join(names)})")
        out = []
        for name in names if sheet is None else [sheet]:
            ws = book.get_sheet_by_name(name)
            rows = [[cell_text(v) for v in row] for row in ws.to_python(skip_empty_area=False)]
            merged = [(a[0], a[1], b[0], b[1]) for a, b in (ws.merged_cell_ranges or [])]
            _spread_merged(rows, merged)
            out.append(Sheet(path.name, name, rows, merged=merged))
        return out
    except LedgerReadError:
        raise
    except Exception as exc:  # calamine raises several unrelated types for damaged files
        raise LedgerReadError(path, f"Excel ファイルとして読めません (not a readable workbook): "
                                    f"{type(exc).__name__}: {str(exc)[:200]}") from exc


def _read_xlsx_openpyxl(path: Path, sheet: str | None) -> list[Sheet]:
    if path.suffix.lower() in (".xls", ".ods"):
        raise LedgerReadError(path, "この形式は読めません。Excel で .xlsx 形式で保存し直してください "
                                    "(save the file as .xlsx and try again)")
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as exc:
        raise LedgerReadError(path, f"Excel ファイルとして読めません (not a readable workbook): "
                                    f"{type(exc).__name__}") from exc
    out = []
    for ws in book.worksheets:
        if sheet is not None and ws.title != sheet:
            continue
        rows = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1)
                  for m in ws.merged_cells.ranges]
        _spread_merged(rows, merged)
        out.append(Sheet(path.name, ws.title, rows, merged=merged))
    if sheet is not None and not out:
        raise LedgerReadError(path, f"シート「{sheet}」がありません (no such sheet)")
    return out


def read_file(path: Path | str, sheet: str | None = None) -> list[Sheet]:
    """Read any supported ledger file; one Sheet per worksheet (a CSV file is one sheet)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [read_csv(path)]
    if suffix in EXCEL_SUFFIXES:
        return read_excel(path, sheet)
    data = _read_bytes(path)
    if data[:4] == b"PK\x03\x04" or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return read_excel(path, sheet)
    raise LedgerReadError(path, "対応していない形式です。.xlsx / .xls / .csv を指定してください "
                                "(unsupported file type; use .xlsx, .xls or .csv)")
