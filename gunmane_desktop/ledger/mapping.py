"""Column mappings: suggested from the headers, confirmed by a person, saved as JSON by name.

A mapping says which ledger column fills which field, what to assume when a column is
missing (asset type, owner, measure kind), and code tables that turn numeric codes into
grades, measure statuses (措置状況) and measure kinds. The same
JSON file works from the GUI and the CLI (``--mapping FILE``). Format (see docs/ledger.md):

    {"format": "gunmane-ledger-mapping", "version": 1, "name": "橋梁台帳 (○○町)",
     "columns": {"橋梁名": "name", "路線名": "route", "メモ": null},
     "defaults": {"asset_type": "bridge"},
     "code_tables": {"grade": {"1": "I", "2": "II", "3": "III", "4": "IV"},
                     "measure_status": {"1": "planned", "2": "started", "3": "completed"}},
     "sheet": null, "header_row": null}

``null`` means "do not import this column". Headers are matched exactly, then folded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import MappingFileError
from .headers import FIELDS_BY_KEY, column_field, header_key

FORMAT = "gunmane-ledger-mapping"

# Numeric codes the national road-structure database style sheets use for 健全性 (1-4 for
# Ⅰ-Ⅳ). Stated in docs/ledger.md; a mapping can replace or extend the table.
NATIONAL_GRADE_CODES: dict[str, str] = {"1": "I", "2": "II", "3": "III", "4": "IV"}
# Numeric codes for 措置状況 (measure status): this program's documented default table, read
# even without a mapping. The national database's own code list could not be verified
# offline (docs/ledger.md says so); a mapping's code_tables.measure_status overrides it.
NATIONAL_MEASURE_STATUS_CODES: dict[str, str] = {"1": "planned", "2": "started", "3": "completed"}


@dataclass(slots=True)
class Mapping:
    columns: dict[str, str | None]  # header text -> field key, or None to skip
    name: str = ""
    defaults: dict[str, str] = field(default_factory=dict)
    code_tables: dict[str, dict[str, str]] = field(default_factory=dict)
    sheet: str | None = None
    header_row: int | None = None  # 1-based, as Excel shows it; None = detect

    def field_for(self, header: str) -> str | None:
        if header in self.columns:
            return self.columns[header]
        key = header_key(header)
        for h, f in self.columns.items():
            if header_key(h) == key:
                return f
        return None

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": 1, "name": self.name, "columns": self.columns,
                           "defaults": self.defaults, "code_tables": self.code_tables,
                           "sheet": self.sheet, "header_row": self.header_row},
                          ensure_ascii=False, indent=2)

    def save(self, path: Path | str) -> Path:
        path = Path(path)
        path.write_text(self.to_json() + "\n", encoding="utf-8")
        return path


def suggest_mapping(headers: list[str] | tuple[str, ...]) -> Mapping:
    """Suggest a field for each header; unknown headers map to None. Each field is used once."""
    columns: dict[str, str | None] = {}
    used: set[str] = set()
    for h in headers:
        if not h or h in columns:
            continue
        f = column_field(h)
        if f and f not in used:
            columns[h] = f
            used.add(f)
        else:
            columns[h] = None
    return Mapping(columns)


def mapping_from_dict(raw: object, source: str = "mapping") -> Mapping:
    if not isinstance(raw, dict) or not isinstance(raw.get("columns"), dict):
        raise MappingFileError(f"{source}: 対応表の形式が違います。\"columns\" がありません "
                               f"(not a mapping file: no \"columns\")")
    columns: dict[str, str | None] = {}
    for header, key in raw["columns"].items():
        if key is not None and key not in FIELDS_BY_KEY:
            known = ", ".join(FIELDS_BY_KEY)
            raise MappingFileError(f"{source}: 列「{header}」の項目 '{key}' は分かりません "
                                   f"(unknown field; known: {known})")
        columns[str(header)] = key
    tables = raw.get("code_tables") or {}
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        raise MappingFileError(f"{source}: code_tables は {{項目: {{コード: 値}}}} の形で書いてください "
                               f"(code_tables must map field -> {{code: value}})")
    header_row = raw.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or header_row < 1):
        raise MappingFileError(f"{source}: header_row は 1 以上の行番号です (header_row must be >= 1)")
    return Mapping(columns=columns, name=str(raw.get("name") or ""),
                   defaults={str(k): str(v) for k, v in (raw.get("defaults") or {}).items()},
                   code_tables={str(k): {str(c): str(v) for c, v in t.items()} for k, t in tables.items()},
                   sheet=raw.get("sheet"), header_row=header_row)


def load_mapping(path: Path | str) -> Mapping:
    """Read a mapping JSON file; MappingFileError with one clear line if it is not one."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as exc:
        raise MappingFileError(f"{path}: 対応表ファイルが見つかりません (mapping file not found)") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MappingFileError(f"{path}: 対応表ファイルを読めません (not a readable JSON mapping): "
                               f"{exc}") from exc
    return mapping_from_dict(raw, str(path))


def national_database_mapping() -> Mapping:
    """A preset for sheets in the national database style: numeric grade and 措置状況 codes."""
    return Mapping(columns={}, name="全国道路施設点検データベース形式 (numeric codes)",
                   code_tables={"grade": dict(NATIONAL_GRADE_CODES),
                                "measure_status": dict(NATIONAL_MEASURE_STATUS_CODES)})
