"""Where the program keeps its files: the per-user data folder and the shipped resources.

Data never lives inside the installation folder. On Windows it is
``%LOCALAPPDATA%\\GunmaneDesktop``, on macOS ``~/Library/Application Support/GunmaneDesktop``,
elsewhere ``$XDG_DATA_HOME/gunmane-desktop``. ``GUNMANE_DATA_DIR`` overrides it (tests,
portable use).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    override = os.environ.get("GUNMANE_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
        return Path(base) / "GunmaneDesktop"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "GunmaneDesktop"
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "gunmane-desktop"


def demo_region_path() -> Path:
    """The demo region file that ``gunmane gui --demo`` opens (made on first use)."""
    return data_dir() / "demo-region.sqlite"


def resources_dir() -> Path:
    """The shipped resources (fonts, translations, demo recipe).

    ``GUNMANE_RESOURCES`` overrides; a frozen build unpacks them beside the executable;
    from a checkout they are the top-level ``resources/`` folder.
    """
    override = os.environ.get("GUNMANE_RESOURCES")
    if override:
        return Path(override)
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"
