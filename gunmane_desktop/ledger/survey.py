"""What a ledger file holds, before any mapping: for the column-mapping screen and ``suggest``.

For each sheet: where the header is, the header texts, the suggested mapping and a few
sample rows, so a person can confirm or change the mapping before the preview.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .headers import FIELDS, find_header
from .mapping import Mapping, suggest_mapping
from .readers import read_file


@dataclass(frozen=True, slots=True)
class SheetSurvey:
    name: str
    header_row: int | None  # Excel row number of the (lowest) header row; None if not found
    headers: tuple[str, ...]
    suggested: Mapping | None
    samples: tuple[tuple[str, ...], ...]
    data_rows: int


def survey_file(path: Path | str, sheet: str | None = None, samples: int = 5) -> list[SheetSurvey]:
    """Read a file and describe each sheet; raises LedgerReadError if it cannot be read."""
    out = []
    for sh in read_file(path, sheet):
        header = find_header(sh.rows)
        if header is None:
            out.append(SheetSurvey(sh.name, None, (), None,
                                   tuple(tuple(r) for r in sh.rows[:samples]), len(sh.rows)))
            continue
        data = [r for r in sh.rows[header.data_start:] if any(c.strip() for c in r)]
        out.append(SheetSurvey(sh.name, header.excel_row, header.columns, suggest_mapping(header.columns),
                               tuple(tuple(r) for r in data[:samples]), len(data)))
    return out


def field_choices() -> list[tuple[str, str]]:
    """(field key, Japanese header) pairs for a mapping drop-down, in export order."""
    return [(f.key, f.header) for f in FIELDS]
