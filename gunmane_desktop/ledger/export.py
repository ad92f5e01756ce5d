"""Exporting the register, inspection history and measures to .xlsx or CSV.

Headers are the canonical ones of ``headers.FIELDS`` so an exported file, edited in Excel,
imports back with nothing changed but the edited cells: 架設年 is written as originally spelt
("S45", "不明"), coordinates as decimals with the original text beside them, grades as
Ⅰ-Ⅳ symbols, and the register carries each asset's latest inspection (点検日/点検年度/判定区分).
The inspection history lists live inspections only (a corrected one is replaced by its
correction), so importing it again adds nothing. CSV is CP932 by default (what Excel on
Japanese Windows expects) or UTF-8 with BOM; the history and measures go to companion files
``<name>_点検履歴.csv`` and ``<name>_措置.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.catalogue import Catalogue, UnknownCodeError, default_catalogue
from ..storage.database import Database
from .errors import Cancel, ImportCancelled, LedgerError, Progress, never_cancel, no_progress
from .headers import FIELDS_BY_KEY

REGISTER_KEYS = ("external_id", "owner", "asset_type", "name", "name_kana", "route", "address", "lat",
                 "lon", "coord_text", "built_year", "length_m", "width_m", "area_m2", "structure",
                 "emergency_route", "over_railway", "over_road", "status", "notes", "inspected_on",
                 "inspection_fy", "grade")
HISTORY_KEYS = ("external_id", "owner", "name", "route", "inspected_on", "inspection_fy", "grade",
                "method", "inspector_name", "findings")
MEASURE_HEADERS = ("施設ID", "団体コード", "名称", "路線名", "措置の種類", "措置状況", "対策内容", "予定年度",
                   "着手日", "完了日", "概算費用 (円)", "実績費用 (円)")
SHEET_REGISTER, SHEET_HISTORY, SHEET_MEASURES = "施設台帳", "点検履歴", "措置"
ENCODINGS = ("cp932", "utf-8-sig")
_STATUS_JA = {"in_service": "供用中", "retired": "供用廃止", "removed": "撤去済"}


@dataclass(frozen=True, slots=True)
class ExportResult:
    files: tuple[Path, ...]
    assets: int
    inspections: int
    measures: int


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    headers: tuple[str, ...]
    rows: list[list[object]]
    kinds: tuple[str, ...]  # per column: text, number, date, int


def filter_sql(catalogue: Catalogue, org: str | None, sector: str | None,
               asset_types: Iterable[str] | None, include_retired: bool) -> tuple[str, list[object]]:
    """WHERE clause over assets ``a`` joined to asset_types ``t``, for the export filters."""
    clauses, params = ["a.deleted = 0"], []
    if org:
        clauses.append("a.owner = ?")
        params.append(org)
    if sector:
        try:
            sector = catalogue.sector(sector).id
        except UnknownCodeError as exc:
            known = ", ".join(s.id for s in catalogue.sectors)
            raise LedgerError(f"--sector: {exc} (unknown sector; use {known})") from exc
        clauses.append("t.sector_id = ?")
        params.append(sector)
    types = list(asset_types or [])
    if types:
        clauses.append(f"a.asset_type IN ({', '.join('?' * len(types))})")
        params.extend(types)
    if not include_retired:
        clauses.append("a.status = 'in_service'")
    return " AND ".join(clauses), params


def _kind(key: str) -> str:
    spec = FIELDS_BY_KEY[key]
    kinds = {"number": "number", "coord": "number", "date": "date", "fiscal_year": "int"}
    return kinds.get(spec.kind, "text")


def build_tables(db: Database, *, org: str | None = None, sector: str | None = None,
                 asset_types: Iterable[str] | None = None, include_retired: bool = True,
                 catalogue: Catalogue | None = None) -> list[Table]:
    """The register, history and measures as header + rows, filtered like the register view."""
    catalogue = catalogue or default_catalogue()
    types = {t.id: t.name_ja for t in catalogue.asset_types}
    symbols = {(g.scale, g.code): g.symbol for s in catalogue.scales for g in s.grades}
    where, params = filter_sql(catalogue, org, sector, asset_types, include_retired)
    conn = db.conn
    register = []
    for r in conn.execute(
            "SELECT a.*, s.last_inspected_on, s.last_fiscal_year, s.scale_id AS s_scale, s.grade AS s_grade"
            " FROM assets a JOIN asset_types t ON t.id = a.asset_type"
            f" LEFT JOIN asset_status s ON s.asset_seq = a.seq WHERE {where} ORDER BY a.owner, a.seq",
            params):
        built = r["built_year_text"] or ("" if r["built_year"] is None else str(r["built_year"]))
        register.append([
            r["external_id"], r["owner"], types.get(r["asset_type"], r["asset_type"]), r["name"],
            r["name_kana"], r["route"], r["address"], r["lat"], r["lon"], r["coord_text"], built,
            r["length_m"], r["width_m"], r["area_m2"], r["structure"],
            "○" if r["emergency_route"] else "", "○" if r["over_railway"] else "",
            "○" if r["over_road"] else "", _STATUS_JA.get(r["status"], r["status"]), r["notes"],
            r["last_inspected_on"], r["last_fiscal_year"],
            symbols.get((r["s_scale"], r["s_grade"]), r["s_grade"] or ""),
        ])
    history = [[r["external_id"], r["owner"], r["name"], r["route"], r["inspected_on"], r["fiscal_year"],
                symbols.get((r["scale_id"], r["grade"]), r["grade"]), r["method"], r["inspector_name"],
                r["findings"]] for r in conn.execute(
        "SELECT a.external_id, a.owner, a.name, a.route, i.inspected_on, i.fiscal_year, i.scale_id,"
        " i.grade, i.method, i.inspector_name, i.findings FROM inspections i"
        " JOIN assets a ON a.id = i.asset_id JOIN asset_types t ON t.id = a.asset_type"
        f" WHERE {where} AND i.deleted = 0 AND NOT EXISTS (SELECT 1 FROM inspections c"
        " WHERE c.supersedes = i.id AND c.deleted = 0) ORDER BY a.owner, a.seq, i.inspected_on", params)]
    kinds = {k.id: k.name_ja for k in catalogue.measure_kinds}
    statuses = {s.id: s.name_ja for s in catalogue.measure_statuses}
    measures = [[r["external_id"], r["owner"], r["name"], r["route"], kinds.get(r["kind"], r["kind"]),
                 statuses.get(r["status"], r["status"]), r["description"], r["planned_fy"], r["started_on"],
                 r["completed_on"], r["cost_planned_yen"], r["cost_actual_yen"]] for r in conn.execute(
        "SELECT a.external_id, a.owner, a.name, a.route, m.* FROM measures m"
        " JOIN assets a ON a.id = m.asset_id JOIN asset_types t ON t.id = a.asset_type"
        f" WHERE {where} AND m.deleted = 0 ORDER BY a.owner, a.seq, m.seq", params)]
    return [
        Table(SHEET_REGISTER, tuple(FIELDS_BY_KEY[k].header for k in REGISTER_KEYS), register,
              tuple(_kind(k) for k in REGISTER_KEYS)),
        Table(SHEET_HISTORY, tuple(FIELDS_BY_KEY[k].header for k in HISTORY_KEYS), history,
              tuple(_kind(k) for k in HISTORY_KEYS)),
        Table(SHEET_MEASURES, MEASURE_HEADERS, measures,
              ("text",) * 7 + ("int", "date", "date", "int", "int")),
    ]


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def write_xlsx(tables: list[Table], path: Path, progress: Progress = no_progress,
               cancel: Cancel = never_cancel) -> Path:
    """Japanese headers, frozen header row, auto filter, column widths fitted to the content."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for n, table in enumerate(tables):
        ws = book.create_sheet(table.name)
        ws.append(list(table.headers))
        widths = [_display_width(h) for h in table.headers]
        for i, row in enumerate(table.rows):
            if i % 5000 == 0:
                if cancel():
                    raise ImportCancelled()
                progress((n + i / max(1, len(table.rows))) / len(tables), f"{table.name} {i:,}")
            out = []
            for c, (value, kind) in enumerate(zip(row, table.kinds, strict=True)):
                if kind == "date" and value:
                    value = dt.date.fromisoformat(value)
                elif value is None:
                    value = None
                out.append(value)
                if i < 2000:
                    widths[c] = max(widths[c], _display_width(str(value or "")))
            ws.append(out)
        for c, (kind, width) in enumerate(zip(table.kinds, widths, strict=True), start=1):
            letter = get_column_letter(c)
            ws.column_dimensions[letter].width = min(60, max(8, width + 2))
            if kind == "date":
                for cell in ws[letter][1:]:
                    cell.number_format = "yyyy-mm-dd"
        for cell in ws[1]:
            cell.font = bold
            cell.fill = fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    book.save(path)
    return path


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def write_csv(table: Table, path: Path, encoding: str = "cp932") -> Path:
    """One table as CSV with CRLF line ends; a character CP932 cannot hold is a clear error."""
    if encoding not in ENCODINGS:
        raise LedgerError(f"{path}: 文字コード {encoding} には対応していません ({', '.join(ENCODINGS)})")
    rows = [list(table.headers), *([_csv_cell(v) for v in row] for row in table.rows)]
    if encoding == "cp932":
        for n, row in enumerate(rows, start=1):
            for c, text in enumerate(row):
                try:
                    text.encode("cp932")
                except UnicodeEncodeError as exc:
                    raise LedgerError(
                        f"{path}: {n}行目 列「{table.headers[c]}」値「{text}」の文字「{text[exc.start]}」は "
                        f"CP932 で書けません。--encoding utf-8-sig を使ってください "
                        f"(character not representable in CP932; use utf-8-sig)") from None
    with open(path, "w", encoding=encoding, newline="") as fh:
        csv.writer(fh, lineterminator="\r\n").writerows(rows)
    return path


def export_ledger(db: Database, path: Path | str, *, org: str | None = None, sector: str | None = None,
                  asset_types: Iterable[str] | None = None, include_retired: bool = True,
                  encoding: str = "cp932", layout: str = "register", catalogue: Catalogue | None = None,
                  progress: Progress = no_progress, cancel: Cancel = never_cancel) -> ExportResult:
    """Export to .xlsx (three sheets) or .csv (register plus companion files).

    ``layout="plan"`` writes the 個別施設計画 per-facility table instead (one sheet or file).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv", ".txt"):
        raise LedgerError(f"{path}: .xlsx か .csv を指定してください (export to .xlsx or .csv)")
    if layout == "plan":
        from .plan_table import build_plan_table

        table = build_plan_table(db, org=org, sector=sector, asset_types=asset_types,
                                 include_retired=include_retired, catalogue=catalogue)
        written = (write_xlsx([table], path, progress, cancel) if suffix == ".xlsx"
                   else write_csv(table, path, encoding))
        return ExportResult((written,), len(table.rows), 0, 0)
    if layout != "register":
        raise LedgerError(f"--layout: '{layout}' は register か plan です (use register or plan)")
    tables = build_tables(db, org=org, sector=sector, asset_types=asset_types,
                          include_retired=include_retired, catalogue=catalogue)
    register, history, measures = tables
    if suffix == ".xlsx":
        files: tuple[Path, ...] = (write_xlsx(tables, path, progress, cancel),)
    else:
        files = (write_csv(register, path, encoding),
                 write_csv(history, path.with_name(f"{path.stem}_{SHEET_HISTORY}{path.suffix}"), encoding),
                 write_csv(measures, path.with_name(f"{path.stem}_{SHEET_MEASURES}{path.suffix}"), encoding))
    progress(1.0, "書き出しました (exported)")
    return ExportResult(files, len(register.rows), len(history.rows), len(measures.rows))


def write_error_report(errors, path: Path | str) -> Path:
    """The row-level error report as .xlsx (or .csv by suffix): file, sheet, row, column, value, reason."""
    from .errors import ERROR_REPORT_HEADERS

    table = Table("取込エラー", ERROR_REPORT_HEADERS,
                  [[e.file, e.sheet, e.row, e.column, e.value, e.reason] for e in errors],
                  ("text", "text", "int", "text", "text", "text"))
    path = Path(path)
    if path.suffix.lower() == ".csv":
        return write_csv(table, path, "utf-8-sig")
    return write_xlsx([table], path)
