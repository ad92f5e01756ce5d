"""The demo generator's exception, importable without loading the generator (the CLI catches it)."""

from __future__ import annotations

from pathlib import Path


class GenerationCancelled(Exception):
    """The user cancelled; the half-made file has been removed."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"デモ地域の作成を中止しました (ファイルは作成されていません): {path}")
        self.path = path
