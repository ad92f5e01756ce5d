"""Where the program keeps its files: the data folder (per-user or portable) and the resources.

The data folder is chosen by these rules, first match wins (docs/security.md explains them
to a town's IT staff):

1. ``GUNMANE_DATA_DIR`` is set: that folder (tests, scripted use, a chosen network drive).
2. Portable mode: a frozen build whose executable has a file ``portable.txt`` beside it keeps
   its data in the folder ``data`` beside the executable (a USB stick carries program and
   data together). The file's content does not matter.
3. Otherwise the per-user data folder: ``%LOCALAPPDATA%\\GunmaneDesktop`` on Windows,
   ``~/Library/Application Support/GunmaneDesktop`` on macOS, ``$XDG_DATA_HOME/gunmane-desktop``
   (default ``~/.local/share/gunmane-desktop``) elsewhere.

Outside portable mode data never lives inside the installation folder: should the per-user
folder resolve to a place inside it (an odd ``LOCALAPPDATA``), the home-based default is
used instead. ``resolve_data_dir`` is the pure rule, with every input passed in, so tests need
no patching; ``data_dir()`` feeds it the real process state.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "GUNMANE_DATA_DIR"
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA_FOLDER = "data"

MODE_ENV = "env"
MODE_PORTABLE = "portable"
MODE_USER = "user"


@dataclass(frozen=True, slots=True)
class DataLocation:
    """The chosen data folder and why it was chosen (``env``, ``portable`` or ``user``)."""

    path: Path
    mode: str


def install_dir() -> Path | None:
    """The folder holding the frozen executable, or None when running from Python."""
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve().parent
    return None


def _per_user_dir(environ: Mapping[str, str], platform: str, home: Path) -> Path:
    if platform == "win32":
        base = environ.get("LOCALAPPDATA") or str(home / "AppData" / "Local")
        return Path(base) / "GunmaneDesktop"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "GunmaneDesktop"
    base = environ.get("XDG_DATA_HOME", "")
    if not base or not Path(base).is_absolute():  # the XDG spec says to ignore relative paths
        base = str(home / ".local" / "share")
    return Path(base) / "gunmane-desktop"


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def resolve_data_dir(*, environ: Mapping[str, str], platform: str, home: Path,
                     install: Path | None) -> DataLocation:
    """Apply the data-folder rules to the given process state (see the module docstring)."""
    override = environ.get(DATA_DIR_ENV)
    if override:
        return DataLocation(Path(override).expanduser(), MODE_ENV)
    if install is not None and (install / PORTABLE_MARKER).is_file():
        return DataLocation(install / PORTABLE_DATA_FOLDER, MODE_PORTABLE)
    path = _per_user_dir(environ, platform, home)
    if install is not None and _is_inside(path, install):
        path = _per_user_dir({}, platform, home)
    return DataLocation(path, MODE_USER)


def data_location() -> DataLocation:
    """The data folder of this process and the rule that chose it."""
    return resolve_data_dir(environ=os.environ, platform=sys.platform, home=Path.home(),
                            install=install_dir())


def data_dir() -> Path:
    """The folder for the user's files (demo region, settings); it may not exist yet."""
    return data_location().path


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
