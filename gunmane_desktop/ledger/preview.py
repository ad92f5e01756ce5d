"""Planning an import without writing: classify each row as new, updated, unchanged or failed.

``plan_import`` reads nothing but the ledger and the database, and returns an ``ImportPlan``
holding the rows ready to write, the counts a person confirms, and a row-level error report.
Assets match existing ones of the same owner by 施設ID (external_id), else by owner + 名称 +
路線名. Columns the ledger does not have keep their stored values, so a partial ledger never
blanks what it does not mention. 点検年度/点検日 + 判定区分 columns give an inspection; one that
is already in the history (same fiscal year, and same date when the ledger has one) is not
added again, and a changed grade for it is recorded as a correction. 措置 columns (措置の種類 or
措置状況, with 対策内容, 予定年度, 着手日, 完了日, costs) give a measure of the row's asset, matched
to a stored one as ``ledger.measures`` describes; a sheet of measures whose only asset columns
are the keys (施設ID, 団体コード, 名称, 路線名) never adds assets, it only finds them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.catalogue import Catalogue, default_catalogue
from ..core.models import Asset
from ..storage.database import Database
from ..storage.rowmap import ASSET_FIELDS
from .errors import (
    Cancel,
    ImportCancelled,
    LedgerReadError,
    Progress,
    RowError,
    never_cancel,
    no_progress,
    paused_gc,
)
from .headers import (
    FIELDS_BY_KEY,
    INSPECTION_KEYS,
    MEASURE_DEFINING_KEYS,
    MEASURE_KEYS,
    Header,
    find_header,
    header_key,
)
from .mapping import Mapping, suggest_mapping
from .matching import BLANK_ASSET, ExistingAssets, conflicting_grade, match_inspection, stored_values
from .measures import PlannedMeasure, plan_measure
from .readers import Sheet, read_file
from .rows import PlannedInspection, RowReader, guess_asset_type

NEW, UPDATED, UNCHANGED = "new", "updated", "unchanged"
# The asset columns a sheet of measures may have: the keys that find the asset.
_MEASURE_SHEET_ASSET_KEYS = frozenset({"external_id", "owner", "name", "route", "asset_type"})
_MEASURE_WITHOUT_KIND_NOTE = ("措置の種類・措置状況の列がないため措置は取り込みません "
                              "(no measure kind or status column: measures not imported)")
_NO_ASSET_KEY_NOTE = "施設ID・名称の列がないため読み飛ばしました (no facility ID or name column; skipped)"
_GRADE_WITHOUT_YEAR_NOTE = ("点検年度・点検日の列がないため判定区分は取り込みません "
                            "(no inspection year or date column: grades not imported)")
_NO_HEADER_NOTE = "見出し行が見つからないため読み飛ばしました (no header row found; skipped)"
_NO_NAME_NOTE = "名称の列がないため読み飛ばしました (no name column; skipped)"


@dataclass(slots=True)
class PlannedRow:
    """One ledger row that will be written (or that changes nothing)."""

    sheet: str
    row: int  # Excel row number
    action: str  # new / updated / unchanged
    asset_id: str
    owner: str
    values: dict[str, Any]  # the asset's column values as stored (rowmap.asset_values form)
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    old_vv: str | None = None
    inspections: list[PlannedInspection] = field(default_factory=list)
    # Every inspection the file states for this asset, as (date, fiscal year, grade, sheet, row).
    stated: list[tuple[str, int, str, str, int]] = field(default_factory=list)


@dataclass(slots=True)
class SheetInfo:
    name: str
    header_row: int | None  # Excel row of the (lowest) header row
    mapping: Mapping | None
    ignored_columns: list[str] = field(default_factory=list)
    data_rows: int = 0
    note: str = ""


@dataclass(slots=True)
class ImportPlan:
    file: str
    owner: str
    rows: list[PlannedRow]
    errors: list[RowError]
    sheets: list[SheetInfo]
    failed_rows: int = 0
    audit_mark: int = 0  # the audit trail's last entry when planned: a later one makes it stale
    measures: list[PlannedMeasure] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def counts(self) -> dict[str, int]:
        return {"new": self.count(NEW), "updated": self.count(UPDATED),
                "unchanged": self.count(UNCHANGED), "failed": self.failed_rows}

    @property
    def new_inspections(self) -> int:
        return sum(len(r.inspections) for r in self.rows)

    @property
    def measure_counts(self) -> dict[str, int]:
        """Measures (措置) the file adds, changes and leaves as they are."""
        counts = {NEW: 0, UPDATED: 0, UNCHANGED: 0}
        for m in self.measures:
            counts[m.action] += 1
        return counts

    def summary(self) -> dict[str, object]:
        """What the CLI prints with --json: counts and the error report."""
        return {**self.counts, "inspections": self.new_inspections, "measures": self.measure_counts,
                "file": self.file,
                "sheets": [{"name": s.name, "header_row": s.header_row, "rows": s.data_rows,
                            "mapping": s.mapping.columns if s.mapping else None,
                            "ignored_columns": s.ignored_columns, "note": s.note}
                           for s in self.sheets],
                "errors": [{"file": e.file, "sheet": e.sheet, "row": e.row, "column": e.column,
                            "value": e.value, "reason": e.reason} for e in self.errors]}


def _column_letter(index: int) -> str:
    s = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        s = chr(65 + rem) + s
    return s


def plan_import(db: Database, path: Path | str, *, owner: str | None = None, sheet: str | None = None,
                sector: str | None = None, mapping: Mapping | None = None,
                catalogue: Catalogue | None = None, progress: Progress = no_progress,
                cancel: Cancel = never_cancel, sheets: list[Sheet] | None = None) -> ImportPlan:
    """Read a ledger and decide what importing it would do; writes nothing."""
    catalogue = catalogue or default_catalogue()
    path = Path(path)
    owner = owner or db.site_org
    if not owner:
        raise LedgerReadError(path, "取込先の団体が分かりません。--org を指定してください "
                                    "(no owner organisation: give --org)")
    if sector:
        try:
            sector = catalogue.sector(sector).id
        except Exception as exc:
            raise LedgerReadError(path, f"{exc} (unknown sector)") from exc
    progress(0.0, "読み込み中 (reading)")
    if sheets is None:
        with paused_gc():  # a list per row: the collector would walk them all, several times
            sheets = read_file(path, sheet or (mapping.sheet if mapping else None))
    known_owners = {r[0] for r in db.conn.execute("SELECT code FROM organisations WHERE deleted = 0")}
    plan = ImportPlan(file=path.name, owner=owner, rows=[], errors=[], sheets=[],
                      audit_mark=audit_mark(db))
    prepared: list[tuple[Sheet, Header, Mapping]] = []
    measure_sheets: list[tuple[Sheet, Header, Mapping]] = []
    for sh in sheets:
        header = _header_for(sh, mapping)
        if header is None:
            plan.sheets.append(SheetInfo(sh.name, None, None, note=_NO_HEADER_NOTE))
            continue
        m = _mapping_for(header, mapping)
        if is_measure_sheet(m):
            if not {"external_id", "name"} & set(m.columns.values()):
                plan.sheets.append(SheetInfo(sh.name, header.excel_row, m, note=_NO_ASSET_KEY_NOTE))
            else:  # planned after the register sheets, whose new assets its rows may name
                measure_sheets.append((sh, header, m))
            continue
        if "name" not in m.columns.values():
            plan.sheets.append(SheetInfo(sh.name, header.excel_row, m, note=_NO_NAME_NOTE))
            continue
        prepared.append((sh, header, m))
    prepared += measure_sheets
    if not prepared:
        raise LedgerReadError(path, "見出し行 (橋梁名・路線名 などの列名) が見つかりません。"
                                    "対応表 (--mapping) を指定してください "
                                    "(no header row with known column names)")
    existing = ExistingAssets(db.conn)
    total = sum(max(0, len(sh.rows) - h.data_start) for sh, h, _ in prepared) or 1
    seen: dict[tuple, PlannedRow] = {}
    counter = [0, total]
    with paused_gc():
        for sh, header, m in prepared:
            _plan_sheet(plan, sh, header, m, path, catalogue, sector, owner, existing, seen, known_owners,
                        progress, cancel, counter)
    progress(1.0, "確認できました (preview ready)")
    return plan


def is_measure_sheet(m: Mapping) -> bool:
    """A sheet of measures: a kind or status column, and no asset columns beyond the keys."""
    mapped = set(m.columns.values()) - {None}
    return bool(mapped & MEASURE_DEFINING_KEYS) and not (
        mapped - MEASURE_KEYS - _MEASURE_SHEET_ASSET_KEYS) and not mapped & INSPECTION_KEYS


def audit_mark(db: Database) -> int:
    """The newest audit entry's number; every change through storage adds one."""
    return db.conn.execute("SELECT coalesce(max(seq), 0) FROM audit_log").fetchone()[0]


def _plan_sheet(plan: ImportPlan, sh: Sheet, header: Header, m: Mapping, path: Path, catalogue: Catalogue,
                sector: str | None, owner: str, existing: ExistingAssets, seen: dict, known_owners: set[str],
                progress: Progress, cancel: Cancel, counter: list[int]) -> None:
    """Plan the data rows of one sheet; ``counter`` is [rows done, rows in all sheets]."""
    info = SheetInfo(sh.name, header.excel_row, m,
                     ignored_columns=[h for h in header.columns if h and not m.field_for(h)])
    plan.sheets.append(info)
    mapped = set(m.columns.values())
    if "grade" in mapped and not mapped & {"inspected_on", "inspection_fy"}:
        # A grade with no year cannot be placed in the history: say so once, import the rest.
        m = Mapping({h: (None if f == "grade" else f) for h, f in m.columns.items()}, name=m.name,
                    defaults=m.defaults, code_tables=m.code_tables, sheet=m.sheet, header_row=m.header_row)
        info.ignored_columns += [h for h, f in info.mapping.columns.items() if f == "grade"]
        info.note = _GRADE_WITHOUT_YEAR_NOTE
    if mapped & MEASURE_KEYS and not mapped & MEASURE_DEFINING_KEYS:
        # 対策内容 or 概算事業費 alone (a 個別施設計画 table) summarise a plan: not measures.
        dropped = [h for h, f in m.columns.items() if f in MEASURE_KEYS]
        m = Mapping({h: (None if f in MEASURE_KEYS else f) for h, f in m.columns.items()}, name=m.name,
                    defaults=m.defaults, code_tables=m.code_tables, sheet=m.sheet, header_row=m.header_row)
        info.ignored_columns += dropped
        info.note = "\n".join(n for n in (info.note, _MEASURE_WITHOUT_KIND_NOTE) if n)
    titles = [c for row in sh.rows[:header.row + 1 - header.depth] for c in row if c]
    default_type = guess_asset_type(catalogue, sh.name, path.stem, *titles,
                                    *(h for h in header.columns if h.endswith("名")), sector=sector)
    reader = RowReader(catalogue, m, default_type, owner, sector)
    fields: list[tuple[int, str, str]] = []
    for i, h in enumerate(header.columns):
        f = m.field_for(h)
        if f and all(f != taken for _, _, taken in fields):
            fields.append((i, h, f))
        elif f:  # a second column for the same field: the first one counts, say so
            info.ignored_columns.append(f"{h} ({_column_letter(i)}列)")
    width = len(header.columns)
    last_mapped = max(i for i, _, _ in fields)
    measures_only = is_measure_sheet(m)
    for r in range(header.data_start, len(sh.rows)):
        counter[0] += 1
        if counter[0] % 2000 == 0:
            if cancel():
                raise ImportCancelled()
            progress(0.9 * counter[0] / counter[1], f"{sh.name}: {r + 1} 行目 (row {r + 1})")
        raw = sh.rows[r]
        if not any(raw):
            continue
        info.data_rows += 1
        if measures_only:
            _plan_measure_row(plan, sh, r, raw, fields, width, last_mapped, reader, existing, seen,
                              known_owners)
        else:
            _plan_row(plan, sh, r, raw, fields, width, last_mapped, reader, existing, seen, known_owners)


def _header_for(sh: Sheet, mapping: Mapping | None) -> Header | None:
    if mapping and mapping.header_row:
        r = mapping.header_row - 1
        if r < len(sh.rows):
            return Header(r, 1, tuple(sh.rows[r]))
        return None
    header = find_header(sh.rows)
    if header is None and mapping and mapping.columns:
        # A mapping for headers we do not know: the first row naming two of its columns.
        for r, row in enumerate(sh.rows[:30]):
            if sum(1 for c in row if c and mapping.field_for(c)) >= 2:
                return Header(r, 1, tuple(row))
    return header


def _mapping_for(header: Header, mapping: Mapping | None) -> Mapping:
    suggested = suggest_mapping(header.columns)
    if mapping is None:
        return suggested
    columns: dict[str, str | None] = {}
    explicit = {f for f in mapping.columns.values() if f}
    for h in header.columns:
        if not h or h in columns:
            continue
        if _in_mapping(mapping, h):
            columns[h] = mapping.field_for(h)
        else:  # a suggestion never takes a field the mapping gives to another column
            suggestion = suggested.columns.get(h)
            columns[h] = suggestion if suggestion not in explicit else None
    return Mapping(columns, name=mapping.name, defaults=dict(mapping.defaults),
                   code_tables=dict(mapping.code_tables), sheet=mapping.sheet, header_row=mapping.header_row)


def _in_mapping(mapping: Mapping, header: str) -> bool:
    key = header_key(header)
    return any(header_key(h) == key for h in mapping.columns)


def _shape_errors(raw: list[str], width: int, last_mapped: int) -> list[tuple[str, str, str]]:
    if len(raw) <= last_mapped:
        return [("", "", f"列が足りません: {len(raw)} 列 (見出しは {width} 列) "
                         f"(too few columns: {len(raw)} of {width})")]
    if len(raw) > width and any(c.strip() for c in raw[width:]):
        return [(_column_letter(width), raw[width],
                 f"見出しより多い列があります: {len(raw)} 列 (見出しは {width} 列) "
                 f"(more cells than headers)")]
    return []


def _plan_row(plan: ImportPlan, sh: Sheet, r: int, raw: list[str], fields, width: int, last_mapped: int,
              reader: RowReader, existing: ExistingAssets, seen: dict, known_owners: set[str]) -> None:
    excel_row = r + 1
    row_errors = _shape_errors(raw, width, last_mapped)
    if row_errors:
        _fail(plan, sh, excel_row, row_errors)
        return
    cells = {f: (h, raw[i]) for i, h, f in fields}
    owner, values = reader.read(cells, row_errors)
    if not values.get("name"):
        row_errors.append((cells.get("name", ("名称", ""))[0], "", "名称が空です (name is required)"))
    if owner not in known_owners:
        row_errors.append((cells.get("owner", ("団体コード", ""))[0], owner,
                           "この団体はファイルに登録されていません (organisation not in this file)"))
    if row_errors:
        _fail(plan, sh, excel_row, row_errors)
        return
    ext = values.get("external_id", "")
    existing.load(owner)
    match = existing.by_ext.get((owner, ext)) if ext else None
    if match is None:
        by_name = existing.by_name.get((owner, values["name"], values.get("route", "")), False)
        if by_name is None:
            _fail(plan, sh, excel_row, [(cells["name"][0], values["name"],
                                         "同じ名称・路線名の施設が複数あり特定できません。"
                                         "施設ID を入れてください "
                                         "(several assets share this name and route: add an ID)")])
            return
        if by_name is not False and (not ext or not by_name["external_id"]):
            match = by_name
    fallback_type = match["asset_type"] if match is not None else reader.default_type
    if match is None and not values.get("asset_type"):
        # An inspection-history sheet names its assets but not their type; in a new file
        # the assets come from the register sheet of the same workbook, planned just before.
        planned = seen.get(("ext", owner, ext) if ext else
                           ("name", owner, values["name"], values.get("route", "")))
        if planned is not None:
            fallback_type = planned.values.get("asset_type") or fallback_type
    asset_type = reader.check_type(cells, values.get("asset_type") or fallback_type, row_errors)
    if asset_type:
        values["asset_type"] = asset_type
        inspection = reader.inspection(cells, asset_type, row_errors)
    stated_measure = reader.measure(cells, row_errors)
    if row_errors:
        _fail(plan, sh, excel_row, row_errors)
        return
    key = ("id", owner, match["id"]) if match is not None else (
        ("ext", owner, ext) if ext else ("name", owner, values["name"], values.get("route", "")))
    first = seen.get(key)
    if first is not None:
        # The same asset again (an inspection list has a row per inspection): fine when the
        # asset's own cells agree; its inspection joins the first row's.
        same_year = first.values.get("built_year") == values.get("built_year")
        clash = [k for k, v in values.items() if first.values.get(k) != v
                 and not (k == "built_year_text" and same_year)]
        if clash:
            k = clash[0]
            _fail(plan, sh, excel_row, [(_header_of(cells, k), _text_of(cells, k),
                                         f"同じ施設が {first.sheet} {first.row}行目にもあり、"
                                         f"値が食い違います "
                                         f"(same asset as row {first.row} with a different value)")])
            return
        measure = _measure_of(plan, sh, excel_row, stated_measure, existing, first, reader)
        if measure is False:
            return
        if inspection is not None:
            conflict = conflicting_grade(first.stated, inspection)
            if conflict:
                _fail(plan, sh, excel_row, [(cells["grade"][0], cells["grade"][1], conflict)])
                return
            first.stated.append((inspection.inspected_on, inspection.fiscal_year, inspection.grade, sh.name,
                                 excel_row))
            if first.action != NEW:
                inspection = match_inspection(existing.history(first.owner, first.asset_id), inspection)
            if inspection is not None and not any(
                    i.inspected_on == inspection.inspected_on for i in first.inspections):
                first.inspections.append(inspection)
                if first.action == UNCHANGED:
                    first.action = UPDATED
        if measure is not None:
            plan.measures.append(measure)
        return
    old = stored_values(match) if match is not None else BLANK_ASSET  # only read, never changed
    new = {**old, **values}
    # A year stored without its spelling exports as "1970"; reading that back is no change.
    if (match is not None and not old["built_year_text"] and new.get("built_year") == old["built_year"]
            and new["built_year_text"] == str(old["built_year"])):
        new["built_year_text"] = ""
    asset = Asset(id="", owner=owner, asset_type=new["asset_type"], name=new["name"], lat=new["lat"],
                  lon=new["lon"], built_year=new["built_year"], length_m=new["length_m"],
                  width_m=new["width_m"], area_m2=new["area_m2"])
    problems = asset.validate(reader.catalogue, today=reader.today)
    if problems:
        _fail(plan, sh, excel_row, [(_header_of(cells, p.field), _text_of(cells, p.field), p.message)
                                    for p in problems])
        return
    stated = ([(inspection.inspected_on, inspection.fiscal_year, inspection.grade, sh.name, excel_row)]
              if inspection is not None else [])
    if match is None:
        asset_id = ""
        changes = {}
        action = NEW
        old_vv = None
    else:
        asset_id = match["id"]
        changes = {k: (old[k], new[k]) for k in ASSET_FIELDS if old[k] != new[k]}
        action = UPDATED if changes else UNCHANGED
        old_vv = match["vv"]
        if inspection is not None:
            inspection = match_inspection(existing.history(owner, asset_id), inspection)
            if inspection is not None and action == UNCHANGED:
                action = UPDATED
    planned = PlannedRow(sh.name, excel_row, action, asset_id, owner, new, changes, old_vv,
                         [inspection] if inspection is not None else [], stated)
    measure = _measure_of(plan, sh, excel_row, stated_measure, existing, planned, reader)
    if measure is False:
        return
    seen[key] = planned
    plan.rows.append(planned)
    if measure is not None:
        plan.measures.append(measure)


def _measure_of(plan: ImportPlan, sh: Sheet, excel_row: int, stated, existing: ExistingAssets,
                asset: PlannedRow, reader: RowReader) -> PlannedMeasure | bool | None:
    """The row's measure for ``asset``; False (the row failed and is reported) if it is wrong."""
    if stated is None:
        return None
    problems: list[tuple[str, str, str]] = []
    action, values, measure_id, changes = plan_measure(stated, existing.measures, asset.owner,
                                                       asset.asset_id, reader.catalogue, problems)
    if problems:
        _fail(plan, sh, excel_row, problems)
        return False
    return PlannedMeasure(sh.name, excel_row, action, asset.owner, asset.asset_id, values, measure_id,
                          changes, asset_row=asset if not asset.asset_id else None)


def _plan_measure_row(plan: ImportPlan, sh: Sheet, r: int, raw: list[str], fields, width: int,
                      last_mapped: int, reader: RowReader, existing: ExistingAssets, seen: dict,
                      known_owners: set[str]) -> None:
    """A row of a measures sheet: find its asset (stored, or new in this file), then its measure."""
    excel_row = r + 1
    row_errors = _shape_errors(raw, width, last_mapped)
    if row_errors:
        _fail(plan, sh, excel_row, row_errors)
        return
    cells = {f: (h, raw[i]) for i, h, f in fields}
    owner, values = reader.read(cells, row_errors)
    if owner not in known_owners:
        row_errors.append((cells.get("owner", ("団体コード", ""))[0], owner,
                           "この団体はファイルに登録されていません (organisation not in this file)"))
    stated = reader.measure(cells, row_errors)
    if row_errors:
        _fail(plan, sh, excel_row, row_errors)
        return
    if stated is None:
        return  # a row naming an asset with no measure in it
    asset = _find_asset(owner, values, existing, seen)
    if asset is None or isinstance(asset, str):
        column = "external_id" if values.get("external_id") else "name"
        reason = asset or ("この施設が見つかりません。施設台帳に登録するか、同じファイルの台帳シートに"
                           "載せてください (unknown asset: not in this file or the workbook's register)")
        _fail(plan, sh, excel_row, [(_header_of(cells, column), _text_of(cells, column), reason)])
        return
    asset_type = asset.values.get("asset_type")
    if reader.sector and asset_type and reader.catalogue.asset_type(asset_type).sector != reader.sector:
        _fail(plan, sh, excel_row, [(_header_of(cells, "name"), values.get("name", ""),
                                     f"分野 {reader.sector} の施設ではありません "
                                     f"(not in sector {reader.sector})")])
        return
    measure = _measure_of(plan, sh, excel_row, stated, existing, asset, reader)
    if measure:
        plan.measures.append(measure)


def _find_asset(owner: str, values: dict[str, Any], existing: ExistingAssets,
                seen: dict) -> PlannedRow | str | None:
    """The asset a measure row names: stored, or planned by a register sheet of the same file.

    By 施設ID, else by 名称 + 路線名 as register rows match. A stored asset is returned as a
    PlannedRow-like view (its id and values); a reason string when the name is ambiguous.
    """
    existing.load(owner)
    ext = values.get("external_id", "")
    name, route = values.get("name", ""), values.get("route", "")
    stored = existing.by_ext.get((owner, ext)) if ext else None
    if stored is None and ext and ("ext", owner, ext) in seen:
        return seen[("ext", owner, ext)]
    if stored is None and name:
        by_name = existing.by_name.get((owner, name, route), False)
        if by_name is None:
            return ("同じ名称・路線名の施設が複数あり特定できません。施設ID を入れてください "
                    "(several assets share this name and route: add an ID)")
        if by_name is not False and (not ext or not by_name["external_id"]):
            stored = by_name
        elif by_name is False and not ext:
            return seen.get(("name", owner, name, route))
    if stored is None:
        return None
    planned = seen.get(("id", owner, stored["id"]))
    if planned is not None:
        return planned
    return PlannedRow("", 0, UNCHANGED, stored["id"], owner, stored_values(stored))


def _header_of(cells: dict[str, tuple[str, str]], field_name: str) -> str:
    if field_name in cells:
        return cells[field_name][0]
    spec = FIELDS_BY_KEY.get(field_name)
    return spec.header if spec else field_name


def _text_of(cells: dict[str, tuple[str, str]], field_name: str) -> str:
    return cells[field_name][1] if field_name in cells else ""


def _fail(plan: ImportPlan, sh: Sheet, excel_row: int, problems: list[tuple[str, str, str]]) -> None:
    plan.failed_rows += 1
    for column, value, reason in problems:
        plan.errors.append(RowError(sh.file, sh.name, excel_row, column, value, reason))
