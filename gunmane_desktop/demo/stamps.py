"""A fake clock for the demo: ids, HLC stamps and modified_at derived from the seed alone.

Every synchronised row gets the next millisecond of a clock that starts on the recipe's
as-of date (evening, Japan time) plus an offset taken from the seed. The UUIDv7 of the row
embeds the same millisecond, its HLC stamp reads it with counter 0, and modified_at prints
it, so the three agree and nothing depends on the wall clock: the same seed gives the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import random
import time

from ..core.ids import UUID7Generator

_MS = tuple(f".{i:03d}Z" for i in range(1000))


def base_millis(as_of: dt.date, seed: int) -> int:
    """Start of the fake clock: 18:00 JST on the as-of day plus up to an hour by seed."""
    start = dt.datetime(as_of.year, as_of.month, as_of.day, 9, 0, tzinfo=dt.UTC)
    return int(start.timestamp()) * 1000 + (seed * 7919) % 3_600_000


def iso_millis(ms: int) -> str:
    """Unix milliseconds as modified_at text: 2026-10-31T09:00:00.123Z."""
    sec, milli = divmod(ms, 1000)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec)) + _MS[milli]


class DemoClock:
    """Hands out (id, hlc, modified_at) for one row at a time, one millisecond apart."""

    def __init__(self, as_of: dt.date, seed: int) -> None:
        self.ms = base_millis(as_of, seed)
        self._ids = UUID7Generator(clock=lambda: self.ms, rng=random.Random(f"gunmane-ids:{seed}"))
        self._sec = -1
        self._prefix = ""

    def stamp(self, node: str) -> tuple[str, str, str]:
        """Id, HLC stamp (of site ``node``) and modified_at for the next row."""
        self.ms += 1
        ms = self.ms
        sec = ms // 1000
        if sec != self._sec:
            # strftime per second, not per row: a bulk load makes hundreds of rows a second.
            self._sec = sec
            self._prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(sec))
        return self._ids(), f"{ms:016d}-0000-{node}", self._prefix + _MS[ms % 1000]

    def hlc(self, node: str) -> str:
        """A reading later than every row's stamp (for meta hlc_high)."""
        self.ms += 1
        return f"{self.ms:016d}-0000-{node}"

    def now_iso(self) -> str:
        return iso_millis(self.ms)
