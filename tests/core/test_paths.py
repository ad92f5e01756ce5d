"""The data-folder rules: GUNMANE_DATA_DIR, portable mode beside the executable, per-user.

``resolve_data_dir`` takes the process state as arguments, so these tests build that state
in tmp_path and patch nothing.
"""

import sys
from pathlib import Path

import pytest

from gunmane_desktop.core import paths
from gunmane_desktop.core.paths import (
    MODE_ENV,
    MODE_PORTABLE,
    MODE_USER,
    PORTABLE_MARKER,
    resolve_data_dir,
)


@pytest.fixture
def home(tmp_path):
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


@pytest.fixture
def install(tmp_path):
    """An installed one-folder bundle: %LOCALAPPDATA%\\Programs\\GunmaneDesktop."""
    folder = tmp_path / "AppData" / "Local" / "Programs" / "GunmaneDesktop"
    folder.mkdir(parents=True)
    (folder / "gunmane.exe").write_bytes(b"")
    return folder


def test_windows_install_keeps_data_in_the_per_user_folder_not_the_installation(tmp_path, home, install):
    # Given an installed build and the usual LOCALAPPDATA
    local = tmp_path / "AppData" / "Local"
    # When the data folder is resolved
    where = resolve_data_dir(environ={"LOCALAPPDATA": str(local)}, platform="win32", home=home,
                             install=install)
    # Then it is %LOCALAPPDATA%\GunmaneDesktop, outside the installation folder
    assert where == paths.DataLocation(local / "GunmaneDesktop", MODE_USER)
    assert install not in where.path.parents and where.path != install


def test_windows_without_localappdata_falls_back_to_the_home_folder(home):
    where = resolve_data_dir(environ={}, platform="win32", home=home, install=None)
    assert where.path == home / "AppData" / "Local" / "GunmaneDesktop"


def test_linux_uses_xdg_data_home_or_its_default(tmp_path, home):
    xdg = tmp_path / "xdg"
    assert resolve_data_dir(environ={"XDG_DATA_HOME": str(xdg)}, platform="linux", home=home,
                            install=None).path == xdg / "gunmane-desktop"
    assert resolve_data_dir(environ={}, platform="linux", home=home, install=None).path == \
        home / ".local" / "share" / "gunmane-desktop"
    # A relative XDG_DATA_HOME is invalid by the XDG spec and ignored
    assert resolve_data_dir(environ={"XDG_DATA_HOME": "rel"}, platform="linux", home=home,
                            install=None).path == home / ".local" / "share" / "gunmane-desktop"


def test_macos_uses_application_support(home):
    where = resolve_data_dir(environ={}, platform="darwin", home=home, install=None)
    assert where.path == home / "Library" / "Application Support" / "GunmaneDesktop"


def test_portable_marker_beside_the_executable_keeps_data_beside_it(tmp_path, home):
    # Given a bundle on a USB stick with portable.txt beside the executable
    stick = tmp_path / "E" / "gunmane-desktop-0.1.0"
    stick.mkdir(parents=True)
    (stick / PORTABLE_MARKER).write_text("portable", encoding="utf-8")
    # When the data folder is resolved, on any platform
    for platform in ("win32", "linux"):
        where = resolve_data_dir(environ={"LOCALAPPDATA": str(tmp_path / "local")}, platform=platform,
                                 home=home, install=stick)
        # Then the data lives in data\ beside the executable
        assert where == paths.DataLocation(stick / "data", MODE_PORTABLE)


def test_a_folder_named_like_the_marker_does_not_switch_to_portable_mode(home, install):
    (install / PORTABLE_MARKER).mkdir()
    assert resolve_data_dir(environ={}, platform="win32", home=home, install=install).mode == MODE_USER


def test_the_marker_is_ignored_when_running_from_python(tmp_path, home):
    # install=None: not frozen, so a portable.txt in the working folder changes nothing
    (tmp_path / PORTABLE_MARKER).write_text("", encoding="utf-8")
    assert resolve_data_dir(environ={}, platform="linux", home=home, install=None).mode == MODE_USER


def test_gunmane_data_dir_wins_over_portable_mode(tmp_path, home, install):
    (install / PORTABLE_MARKER).write_text("", encoding="utf-8")
    chosen = tmp_path / "chosen"
    where = resolve_data_dir(environ={"GUNMANE_DATA_DIR": str(chosen)}, platform="win32", home=home,
                             install=install)
    assert where == paths.DataLocation(chosen, MODE_ENV)


def test_an_empty_gunmane_data_dir_is_ignored(home):
    where = resolve_data_dir(environ={"GUNMANE_DATA_DIR": ""}, platform="linux", home=home, install=None)
    assert where.mode == MODE_USER


def test_per_user_folder_inside_the_installation_is_replaced_by_the_home_default(home, install):
    # Given a LOCALAPPDATA that points into the installation folder (a misconfigured PC)
    environ = {"LOCALAPPDATA": str(install / "local")}
    # When the data folder is resolved
    where = resolve_data_dir(environ=environ, platform="win32", home=home, install=install)
    # Then the data goes to the home-based default, never inside the installation
    assert where.path == home / "AppData" / "Local" / "GunmaneDesktop"
    assert install not in where.path.parents


def test_data_dir_reads_the_real_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("GUNMANE_DATA_DIR", str(tmp_path / "d"))
    assert paths.data_dir() == tmp_path / "d"
    assert paths.data_location().mode == MODE_ENV
    assert paths.demo_region_path() == tmp_path / "d" / "demo-region.sqlite"


def test_install_dir_is_none_unless_frozen():
    assert getattr(sys, "frozen", False) is False
    assert paths.install_dir() is None


def test_install_dir_of_a_frozen_build_is_the_executable_folder(tmp_path, monkeypatch):
    exe = tmp_path / "bundle" / "gunmane"
    exe.parent.mkdir()
    exe.write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    assert paths.install_dir() == exe.parent.resolve()


def test_resources_dir_of_a_checkout_holds_the_fonts_and_recipe(monkeypatch):
    monkeypatch.delenv("GUNMANE_RESOURCES", raising=False)
    res = paths.resources_dir()
    assert (res / "fonts" / "OFL.txt").is_file()
    assert (res / "demo" / "region.json").is_file()
    assert res == Path(paths.__file__).resolve().parents[2] / "resources"
