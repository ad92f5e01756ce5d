"""The ``gunmane`` command line: every job the GUI does can be run headless.

Verbs and options are a contract that tests and users rely on. Each group of verbs lives in
its own module with an ``add_commands(subparsers)`` function that registers its parsers and
sets ``handler`` on them. A user mistake (missing or bad file, bad code) prints one line
naming the file and the problem and exits 2; never a traceback. ``gunmane`` alone and
``gunmane gui`` are parsed here but started by ``gunmane_desktop.main``, the only module
allowed to import both the CLI and the GUI.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..demo import GenerationCancelled
from ..storage.errors import StorageError
from . import contracts, ledger, plan, region, report, selftest, sync
from .common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK, UserError

__all__ = ["EXIT_BAD_INPUT", "EXIT_FAILED", "EXIT_OK", "UserError", "build_parser", "main", "run"]

COMMAND_GROUPS = (region, ledger, report, plan, sync, contracts, selftest)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="gunmane",
        description="群マネ Desktop: 施設台帳・点検・措置・地域連携 (asset register, inspections, "
                    "regional exchange). Without a command the window opens.")
    p.add_argument("--version", action="version", version=f"gunmane {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the window (画面を開く)")
    gui.add_argument("db", nargs="?", help="database file to open")
    gui.add_argument("--demo", action="store_true", help="open the demo region (made on first use)")

    for group in COMMAND_GROUPS:
        group.add_commands(sub)
    return p


def run(args: argparse.Namespace) -> int:
    """Run a parsed headless command; user mistakes become one line on stderr and exit 2."""
    try:
        return args.handler(args)
    except (UserError, StorageError) as exc:
        print(f"gunmane {args.command}: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except GenerationCancelled:
        print(f"gunmane {args.command}: 中止しました (cancelled)", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"\ngunmane {args.command}: 中断しました (interrupted)", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    """Headless entry for commands other than gui (see gunmane_desktop.main)."""
    args = build_parser().parse_args(argv)
    if args.command in (None, "gui"):
        print("gunmane: use the 'gunmane' launcher to open the window", file=sys.stderr)
        return EXIT_BAD_INPUT
    return run(args)
