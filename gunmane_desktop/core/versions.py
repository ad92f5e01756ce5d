"""Versions of synchronised rows: hybrid logical clocks and version vectors.

Each change to a synchronised row is stamped with a hybrid logical clock (HLC) reading from
the site that made it, and the row's version vector counts, per organisation, how many of
its changes the row has seen. The exchange compares vectors to tell a fast-forward from a
concurrent edit (a conflict) and uses the HLC only as a stable tie-break and for display.

An HLC stamp is text that sorts like the clock: 13 digits of milliseconds, 4 hex digits of
logical counter, then the organisation code: ``0001732400000000-0000-011002``.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum

VersionVector = dict[str, int]


@dataclass(frozen=True, slots=True, order=True)
class HLCStamp:
    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:016d}-{self.counter:04x}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> HLCStamp:
        millis, counter, node = text.split("-", 2)
        return cls(int(millis), int(counter, 16), node)


class HybridLogicalClock:
    """Kulkarni et al.'s HLC: never goes backwards, absorbs the clocks of received rows."""

    def __init__(self, node: str, wall: Callable[[], int] | None = None) -> None:
        self.node = node
        self._wall = wall or (lambda: time.time_ns() // 1_000_000)
        self._millis = 0
        self._counter = 0
        self._lock = threading.Lock()

    def now(self) -> HLCStamp:
        """A stamp for a local event, later than every stamp seen so far."""
        with self._lock:
            wall = self._wall()
            if wall > self._millis:
                self._millis, self._counter = wall, 0
            else:
                self._counter += 1
            return HLCStamp(self._millis, self._counter, self.node)

    def observe(self, remote: HLCStamp | str) -> None:
        """Merge a stamp received from another site so later local stamps sort after it."""
        if isinstance(remote, str):
            remote = HLCStamp.parse(remote)
        with self._lock:
            wall = self._wall()
            top = max(wall, self._millis, remote.millis)
            if top == self._millis == remote.millis:
                self._counter = max(self._counter, remote.counter) + 1
            elif top == self._millis:
                self._counter += 1
            elif top == remote.millis:
                self._counter = remote.counter + 1
            else:
                self._counter = 0
            self._millis = top


class Order(StrEnum):
    EQUAL = "equal"
    BEFORE = "before"  # a happened before b: b is a fast-forward of a
    AFTER = "after"
    CONCURRENT = "concurrent"


def compare(a: Mapping[str, int], b: Mapping[str, int]) -> Order:
    """How two version vectors relate."""
    keys = set(a) | set(b)
    a_le = all(a.get(k, 0) <= b.get(k, 0) for k in keys)
    b_le = all(b.get(k, 0) <= a.get(k, 0) for k in keys)
    if a_le and b_le:
        return Order.EQUAL
    if a_le:
        return Order.BEFORE
    if b_le:
        return Order.AFTER
    return Order.CONCURRENT


def bump(vector: Mapping[str, int], node: str) -> VersionVector:
    """The vector after one more change by ``node``."""
    out = dict(vector)
    out[node] = out.get(node, 0) + 1
    return out


def merge(a: Mapping[str, int], b: Mapping[str, int]) -> VersionVector:
    """Element-wise maximum: the vector of a row that has seen both histories."""
    return {k: max(a.get(k, 0), b.get(k, 0)) for k in sorted(set(a) | set(b))}


def dumps(vector: Mapping[str, int]) -> str:
    """Canonical text (sorted keys, no spaces) so equal vectors are equal strings."""
    return json.dumps(dict(sorted(vector.items())), separators=(",", ":"))


def loads(text: str | None) -> VersionVector:
    return {} if not text else {str(k): int(v) for k, v in json.loads(text).items()}
