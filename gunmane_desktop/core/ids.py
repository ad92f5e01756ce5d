"""Time-ordered UUIDv7 identifiers (RFC 9562) for every synchronised row.

Python 3.11 has no uuid7, so it is built here: 48 bits of Unix milliseconds, then 74 random
bits, with a per-generator counter in rand_a so ids made within one millisecond still sort
in creation order. Time ordering keeps B-tree inserts appending at the end.
"""

from __future__ import annotations

import random
import threading
import time
import uuid


class UUID7Generator:
    """Makes monotonically increasing UUIDv7 strings.

    ``clock`` returns milliseconds and ``rng`` supplies random bits; tests and the demo
    generator pass fixed ones so their output is reproducible.
    """

    def __init__(self, clock=None, rng: random.Random | None = None) -> None:
        self._clock = clock or (lambda: time.time_ns() // 1_000_000)
        self._rng = rng or random.SystemRandom()
        self._last_ms = -1
        self._counter = 0
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            ms = self._clock()
            if ms > self._last_ms:
                self._last_ms = ms
                self._counter = self._rng.getrandbits(11)  # leave room to count up
            else:
                self._counter += 1
                if self._counter > 0xFFF:  # 4096 ids in one ms: borrow the next ms
                    self._last_ms += 1
                    self._counter = 0
                ms = self._last_ms
            value = (ms & 0xFFFF_FFFF_FFFF) << 80
            value |= 0x7 << 76
            value |= self._counter << 64
            value |= 0b10 << 62
            value |= self._rng.getrandbits(62)
            return str(uuid.UUID(int=value))


_default = UUID7Generator()


def new_id() -> str:
    """A fresh UUIDv7 as text."""
    return _default()


def uuid7_millis(text: str) -> int:
    """The Unix milliseconds embedded in a UUIDv7."""
    return uuid.UUID(text).int >> 80


def is_uuid7(text: str) -> bool:
    try:
        u = uuid.UUID(text)
    except (ValueError, AttributeError, TypeError):
        return False
    return u.version == 7 and str(u) == text.lower()
