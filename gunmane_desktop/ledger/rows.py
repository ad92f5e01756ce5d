"""Reading one ledger row: cell texts to asset values, an inspection and a measure.

``RowReader`` is made once per sheet (it knows the mapping, the default asset type and
owner, and caches grade look-ups); ``read`` gives the asset's values, ``inspection`` the
inspection a 点検年度/点検日 + 判定区分 pair describes, ``measure`` the measure the 措置 columns
describe. Problems are appended to the caller's list as (column header, cell text, reason)
and never raised.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from ..core.catalogue import Catalogue, GradeScale
from ..core.wareki import fiscal_year_bounds, fiscal_year_of
from .headers import INSPECTION_KEYS, MEASURE_DEFINING_KEYS, MEASURE_KEYS
from .mapping import Mapping
from .normalise import (
    CellError,
    clean_id,
    clean_text,
    make_measure_parsers,
    make_type_parser,
    parse_bool,
    parse_coord,
    parse_date_cell,
    parse_day_or_year,
    parse_grade,
    parse_number,
    parse_owner,
    parse_status,
    parse_year_cell,
    parse_yen,
)


@dataclass(slots=True)
class PlannedInspection:
    """An inspection a ledger row states, ready to be appended to the asset's history."""

    inspected_on: str  # ISO date
    fiscal_year: int
    scale_id: str
    grade: str
    method: str = ""
    inspector_name: str = ""
    findings: str = ""
    supersedes: str | None = None  # set when the ledger changes the grade of a recorded one
    dated: bool = True  # False when the ledger gave only the fiscal year


@dataclass(slots=True)
class StatedMeasure:
    """What a row's 措置 columns say: only the fields the sheet has columns for.

    ``values`` holds measure fields as storage writes them (ISO dates, integer yen); a field
    the sheet has no column for is absent, so an update keeps the stored value. ``headers``
    maps each field to its column header, for error reports.
    """

    values: dict[str, Any]
    headers: dict[str, str]
    texts: dict[str, str]
    dated: dict[str, bool]  # started_on / completed_on: False when only a fiscal year was given


def guess_asset_type(catalogue: Catalogue, *names: str, sector: str | None = None) -> str | None:
    """An asset type named in a sheet or file name ('橋梁台帳' -> bridge), else the sector's first."""
    spellings = sorted(((unicodedata.normalize("NFKC", s), t.id) for t in catalogue.asset_types
                        for s in (t.name_ja, *t.aliases) if len(s) >= 2),
                       key=lambda p: -len(p[0]))
    for name in names:
        folded = unicodedata.normalize("NFKC", name)
        for spelling, type_id in spellings:
            if spelling in folded and (sector is None or catalogue.asset_type(type_id).sector == sector):
                return type_id
    if sector:
        for t in catalogue.asset_types:
            if t.sector == sector:
                return t.id
    return None


def _flag(text: str) -> int:
    return int(parse_bool(text))


def _status(text: str) -> str:
    return str(parse_status(text))


# How each asset field's cell is read (asset_type and owner need the row's context).
_CONVERTERS = {"name": str.strip, "name_kana": str.strip, "route": str.strip, "address": str.strip,
               "structure": str.strip, "notes": str.strip, "coord_text": str.strip, "external_id": clean_id,
               "length_m": parse_number, "width_m": parse_number, "area_m2": parse_number,
               "built_year": parse_year_cell, "lat": parse_coord, "lon": parse_coord,
               "emergency_route": _flag, "over_railway": _flag, "over_road": _flag, "status": _status}


class RowReader:
    """Turns one ledger row into asset values and an inspection, collecting cell errors."""

    def __init__(self, catalogue: Catalogue, mapping: Mapping, default_type: str | None,
                 default_owner: str, sector: str | None) -> None:
        self.catalogue = catalogue
        self.mapping = mapping
        self.default_type = mapping.defaults.get("asset_type") or default_type
        self.default_owner = mapping.defaults.get("owner") or default_owner
        self.sector = sector
        self.parse_type = make_type_parser(catalogue)
        self.grade_codes = mapping.code_tables.get("grade")
        self.today = dt.date.today()
        self._grades: dict[tuple[str, str], tuple[str | None, str]] = {}
        self._scales: dict[str, GradeScale] = {}
        self._converters: dict[tuple[str, ...], list[tuple[str, Any]]] = {}
        self._fy_starts: dict[int, tuple[dt.date, str]] = {}
        self.has_inspection_columns = bool(INSPECTION_KEYS & set(mapping.columns.values()))
        # Free-text inspection columns: most ledgers have none, and then every row's are blank.
        self._inspection_texts = tuple(k for k in ("method", "inspector_name", "findings")
                                       if k in mapping.columns.values())
        self.has_measure_columns = bool(MEASURE_DEFINING_KEYS & set(mapping.columns.values()))
        self.parse_measure_kind, self.parse_measure_status = make_measure_parsers(
            catalogue, mapping.code_tables.get("measure_kind"), mapping.code_tables.get("measure_status"))
        self.default_measure_kind = mapping.defaults.get("measure_kind") or "repair"

    def read(self, cells: dict[str, tuple[str, str]], errors: list[tuple[str, str, str]]
             ) -> tuple[str, dict[str, Any]]:
        """cells: field -> (header, text). Returns (owner, asset values); cell errors appended."""
        values: dict[str, Any] = {}
        owner = self.default_owner
        keys = tuple(cells)
        converters = self._converters.get(keys)
        if converters is None:  # once per sheet: its columns are the same on every row
            converters = self._converters[keys] = [(k, _CONVERTERS[k]) for k in keys if k in _CONVERTERS]
        for key, convert in converters:
            header, text = cells[key]
            try:
                values[key] = convert(text)
            except CellError as exc:
                errors.append((header, text, str(exc)))
                values[key] = None
        if "built_year" in cells:
            values["built_year_text"] = cells["built_year"][1].strip()
        if "asset_type" in cells:
            header, text = cells["asset_type"]
            if text.strip():
                try:
                    values["asset_type"] = self.parse_type(text)
                except CellError as exc:
                    errors.append((header, text, str(exc)))
        if "owner" in cells:
            header, text = cells["owner"]
            if text.strip():
                try:
                    owner = parse_owner(text)
                except CellError as exc:
                    errors.append((header, text, str(exc)))
        if "coord_text" not in cells and ("lat" in cells or "lon" in cells):
            lat_text = cells["lat"][1].strip() if "lat" in cells else ""
            lon_text = cells["lon"][1].strip() if "lon" in cells else ""
            values["coord_text"] = f"{lat_text}, {lon_text}" if (lat_text or lon_text) else ""
            values.setdefault("lat", None)
            values.setdefault("lon", None)
        return owner, values

    def check_type(self, cells, asset_type: str | None, errors: list[tuple[str, str, str]]) -> str | None:
        """The row's asset type (its cell, the matched asset's, or the default), checked."""
        type_text = cells["asset_type"][1] if "asset_type" in cells else ""
        if not asset_type:
            errors.append(("施設種別", type_text, "施設種別が分かりません。列を対応付けるか "
                                                  "--sector を指定してください "
                                                  "(asset type unknown: map a column or give a default)"))
            return None
        if self.sector and self.catalogue.asset_type(asset_type).sector != self.sector:
            errors.append((cells.get("asset_type", ("施設種別", ""))[0], type_text,
                           f"分野 {self.sector} の施設ではありません (not in sector {self.sector})"))
            return None
        return asset_type

    def inspection(self, cells, asset_type: str, errors: list[tuple[str, str, str]]
                   ) -> PlannedInspection | None:
        if not self.has_inspection_columns:
            return None
        date = fy = None
        if "inspected_on" in cells:
            header, text = cells["inspected_on"]
            try:
                date = parse_date_cell(text)
            except CellError as exc:
                errors.append((header, text, str(exc)))
        if "inspection_fy" in cells:
            header, text = cells["inspection_fy"]
            try:
                fy = parse_year_cell(text)
            except CellError as exc:
                errors.append((header, text, str(exc)))
        grade_text = cells["grade"][1] if "grade" in cells else ""
        grade = None
        scale_id = None
        if asset_type and grade_text.strip():
            scale = self._scales.get(asset_type)
            if scale is None:
                scale = self._scales[asset_type] = self.catalogue.scale_for(asset_type)
            scale_id = scale.id
            cached = self._grades.get((scale_id, grade_text))
            if cached is None:
                try:
                    cached = (parse_grade(grade_text, scale, self.grade_codes), "")
                except CellError as exc:
                    cached = (None, str(exc))
                self._grades[(scale_id, grade_text)] = cached
            grade, problem = cached
            if problem:
                errors.append((cells["grade"][0], grade_text, problem))
        if date is None and fy is None:
            if grade is not None:
                header = cells.get("inspection_fy", cells.get("inspected_on", ("点検年度", "")))[0]
                errors.append((header, "", "判定区分があるのに点検年度・点検日がありません "
                                           "(a grade needs an inspection year or date)"))
            return None
        if grade is None:
            return None  # a year without a grade records nothing
        if date is not None and fy is not None and fiscal_year_of(date) != fy:
            errors.append((cells["inspection_fy"][0], cells["inspection_fy"][1],
                           f"点検日 {date.isoformat()} は {fy} 年度ではありません "
                           f"(date is not in that fiscal year)"))
            return None
        if date is None:  # only the year is known: the first day of it
            start = self._fy_starts.get(fy)
            if start is None:
                first = fiscal_year_bounds(fy)[0]
                start = self._fy_starts[fy] = (first, first.isoformat())
            day, iso, dated = start[0], start[1], False
        else:
            day, iso, dated = date, date.isoformat(), True
        if day > self.today:
            header = cells.get("inspected_on", cells.get("inspection_fy"))
            errors.append((header[0], header[1], "点検日が未来の日付です (inspection date in the future)"))
            return None
        texts = {k: clean_text(cells[k][1]) if k in cells else "" for k in self._inspection_texts}
        return PlannedInspection(iso, fy if fy is not None else fiscal_year_of(day),
                                 scale_id or "", grade, **texts, dated=dated)

    def measure(self, cells, errors: list[tuple[str, str, str]]) -> StatedMeasure | None:
        """The measure a row's 措置 columns describe; None when they are all blank."""
        if not self.has_measure_columns:
            return None
        present = {k: cells[k] for k in MEASURE_KEYS if k in cells}
        if not any(text.strip() for _, text in present.values()):
            return None
        stated = StatedMeasure({}, {k: h for k, (h, _) in present.items()},
                               {k: t for k, (_, t) in present.items()}, {})
        values = stated.values
        start = len(errors)

        def read(key: str, convert) -> None:
            header, text = present[key]
            try:
                values[key] = convert(text)
            except CellError as exc:
                errors.append((header, text, str(exc)))

        kind_text = present["measure_kind"][1] if "measure_kind" in present else ""
        if kind_text.strip():
            read("measure_kind", self.parse_measure_kind)
        else:  # no kind column (or a blank cell): the mapping's default, else 補修・修繕
            stated.headers.setdefault("measure_kind", "措置の種類")
            try:
                values["measure_kind"] = self.parse_measure_kind(self.default_measure_kind)
            except CellError as exc:
                errors.append(("措置の種類", self.default_measure_kind, str(exc)))
        if "measure_status" in present and present["measure_status"][1].strip():
            read("measure_status", self.parse_measure_status)
        if "description" in present:
            values["description"] = clean_text(present["description"][1])
        if "planned_fy" in present:
            read("planned_fy", parse_year_cell)
        for key in ("started_on", "completed_on"):
            if key in present:
                read(key, parse_day_or_year)
                day = values.get(key)
                if day is not None:
                    stated.dated[key] = day[1]
                    values[key] = day[0].isoformat()
        for key in ("cost_planned_yen", "cost_actual_yen"):
            if key in present:
                read(key, lambda text, h=present[key][0]: parse_yen(text, "千円" in h))
        if len(errors) > start:
            return None
        started, completed = values.get("started_on"), values.get("completed_on")
        if started and completed and completed < started:
            if stated.dated.get("completed_on", True) and stated.dated.get("started_on", True):
                errors.append((stated.headers["completed_on"], stated.texts["completed_on"],
                               f"完了日が着手日 {started} より前です (completed before it was started)"))
                return None
            if fiscal_year_of(dt.date.fromisoformat(completed)) < fiscal_year_of(
                    dt.date.fromisoformat(started)):
                errors.append((stated.headers["completed_on"], stated.texts["completed_on"],
                               f"完了年度が着手日 {started} より前です (completed before it was started)"))
                return None
            values["completed_on"] = started  # only the year: no earlier than the start
        return stated
