"""What can go wrong with a ledger file: unreadable files, bad rows, cancellation.

A file that cannot be read at all raises ``LedgerReadError`` (the CLI prints one line and
exits 2). Problems in single rows become ``RowError`` records that name file, sheet, row,
column, value and reason, so a person can find the cell in Excel; they never stop the rest.
Also here, the plumbing of long work: progress sinks, cancel predicates, and pausing the
garbage collector while many row objects are built.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]


def no_progress(fraction: float, message: str) -> None:
    """A progress sink that ignores everything."""


def never_cancel() -> bool:
    return False


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while building many small, acyclic objects (rows)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class LedgerError(Exception):
    """A problem with a ledger file the user can fix, described in one line."""


class LedgerReadError(LedgerError):
    """The file cannot be read at all (missing, damaged, unknown format or encoding)."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


class MappingFileError(LedgerError):
    """A mapping JSON file that is missing, malformed or names unknown fields."""


class ImportCancelled(LedgerError):
    """The user cancelled; nothing was written."""

    def __init__(self) -> None:
        super().__init__("取込を中止しました。何も書き込んでいません (cancelled; nothing written)")


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem in one cell (or row) of a ledger.

    ``row`` is the 1-based row number as Excel shows it; ``column`` the header text (or the
    column letter when the header is blank); ``reason`` Japanese with English in brackets.
    """

    file: str
    sheet: str
    row: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}" + (f" [{self.sheet}]" if self.sheet else "")
        col = f" 列「{self.column}」" if self.column else ""
        val = f" 値「{self.value}」" if self.value != "" else ""
        return f"{where} {self.row}行目{col}{val}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


ERROR_REPORT_HEADERS = ("ファイル", "シート", "行", "列", "値", "理由")
