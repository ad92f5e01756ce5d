"""The ``gunmane`` entry point: the window for ``gunmane`` / ``gunmane gui``, else the CLI.

This is the composition's top: the only module that may import both ``cli`` and ``ui``, so
the CLI never depends on Qt and the GUI can reuse the CLI's parser.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from . import cli
from .core.paths import demo_region_path


def _ensure_demo() -> str:
    path = demo_region_path()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"デモ地域を作成しています (creating the demo region): {path}", file=sys.stderr)
        code = cli.run(cli.build_parser().parse_args(["demo", str(path)]))
        if code != cli.EXIT_OK:
            raise SystemExit(code)
    return str(path)


def main(argv: Sequence[str] | None = None) -> int:
    args = cli.build_parser().parse_args(argv)
    if args.command not in (None, "gui"):
        return cli.run(args)
    from .ui.app import run as run_gui  # Qt is loaded only when a window is wanted

    db = getattr(args, "db", None)
    if getattr(args, "demo", False):
        db = _ensure_demo()
    return run_gui(db)


if __name__ == "__main__":
    raise SystemExit(main())
