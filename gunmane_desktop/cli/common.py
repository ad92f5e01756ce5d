"""What every verb of the command line shares: exit codes and the user-mistake error."""

from __future__ import annotations

from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2


class UserError(Exception):
    """A mistake in what the user asked for; printed as one line, exit code 2."""


def existing_file(path: str) -> Path:
    p = Path(path)
    if not p.exists():
        raise UserError(f"{p}: ファイルが見つかりません (file not found)")
    return p
