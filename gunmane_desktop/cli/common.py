"""What every verb of the command line shares: exit codes and the user-mistake error."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """A mistake in what the user asked for; printed as one line, exit code 2."""


def existing_file(path: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise UserError(f"{p}: ファイルが見つかりません (file not found)")
    return p


def progress_printer(enabled: bool = True) -> Callable[[float, str], None]:
    """A progress callback that rewrites one stderr line at most twice a second."""
    last = [0.0]

    def progress(fraction: float, message: str) -> None:
        now = time.monotonic()
        if enabled and (now - last[0] > 0.5 or fraction >= 1.0):
            last[0] = now
            print(f"\r{fraction * 100:5.1f}% {message}\033[K", end="", file=sys.stderr, flush=True)

    return progress
