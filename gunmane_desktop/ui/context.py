"""What the composition root hands to the main window: the open file, settings, language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from ..storage.database import Database


@dataclass
class AppContext:
    """The session's plain objects. Widgets take from it only what they need."""

    db: Database
    settings: QSettings
    language: str  # "ja" or "en", as installed at start-up
    resources: Path  # the shipped resources folder (fonts, translations)
