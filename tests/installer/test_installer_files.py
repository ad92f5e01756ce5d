"""The packaging files agree with pyproject.toml and each other: pure text checks, no build.

The bundle itself is built and self-tested by installer/ci_build_check.sh (too slow here).
"""

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLER = ROOT / "installer"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
PROJECT = PYPROJECT["project"]


@pytest.fixture(scope="module")
def iss() -> str:
    raw = (INSTALLER / "gunmane.iss").read_bytes()
    # ISCC reads the Japanese text correctly only from UTF-8 with a BOM
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8-sig")


@pytest.fixture(scope="module")
def spec() -> str:
    return (INSTALLER / "gunmane.spec").read_text("utf-8")


def _define(iss: str, name: str) -> str:
    match = re.search(rf'^\s*#define {name} "([^"]*)"', iss, re.MULTILINE)
    assert match, f"#define {name} missing"
    return match.group(1)


def _setup(iss: str, key: str) -> str:
    section = iss.split("[Setup]", 1)[1].split("\n[", 1)[0]
    match = re.search(rf"^{key}=(.*)$", section, re.MULTILINE)
    assert match, f"[Setup] {key} missing"
    return match.group(1).strip()


def test_inno_setup_defaults_match_pyproject(iss):
    assert _define(iss, "AppName") == PROJECT["name"]
    assert _define(iss, "AppVersion") == PROJECT["version"]


def test_inno_setup_installs_per_user_without_admin_rights(iss):
    assert _setup(iss, "PrivilegesRequired") == "lowest"
    assert _setup(iss, "DefaultDirName").startswith("{localappdata}\\Programs\\")
    assert "{group}\\{#DisplayName}" in iss.split("[Icons]", 1)[1]  # Start-menu shortcut


def test_installation_folder_is_not_the_data_folder(iss):
    install = _setup(iss, "DefaultDirName")
    data = "{localappdata}\\" + _define(iss, "DataFolder")
    assert install != data and not install.startswith(data + "\\")
    # the same folder name the program uses on Windows (core/paths.py)
    paths_source = (ROOT / "gunmane_desktop" / "core" / "paths.py").read_text("utf-8")
    assert f'/ "{_define(iss, "DataFolder")}"' in paths_source


def test_uninstaller_deletes_data_only_when_asked(iss):
    code = iss.split("[Code]", 1)[1]
    assert "usPostUninstall" in code and "MB_DEFBUTTON2" in code  # "No" is the default answer
    assert code.index("UninstallSilent") < code.index("DelTree")
    assert code.index("IDYES") < code.index("DelTree")
    uninstall_delete = iss.split("[UninstallDelete]", 1)[1].split("\n[", 1)[0]
    assert "{localappdata}" not in uninstall_delete


def test_installer_never_ships_the_portable_marker(iss):
    files = iss.split("[Files]", 1)[1].split("\n[", 1)[0]
    assert 'Excludes: "portable.txt"' in files


def test_inno_setup_files_it_references_exist(iss):
    assert (INSTALLER / _setup(iss, "LicenseFile")).is_file()


def test_spec_reads_name_and_version_from_pyproject(spec):
    assert "tomllib.load" in spec and 'PROJECT["name"]' in spec and 'PROJECT["version"]' in spec
    assert f'"{PROJECT["version"]}"' not in spec, "the version is read, never written into the spec"


def test_spec_bundle_folder_is_what_the_scripts_and_installer_expect(spec, iss):
    assert 'BUNDLE_NAME = f"{NAME}-{VERSION}"' in spec
    assert '#define BundleDir "..\\dist\\" + AppName + "-" + AppVersion' in iss
    linux = (INSTALLER / "build_linux.sh").read_text("utf-8")
    assert "dist/{p['name']}-{p['version']}" in linux
    windows = (INSTALLER / "build_windows.ps1").read_text("utf-8")
    assert 'dist\\$Name-$Version' in windows


def test_spec_bundles_resources_and_package_data(spec):
    for needed in ('"resources/fonts"', '"OFL.txt"', '"resources/translations"', '"resources/demo"',
                   '"data/*.json"', '"sql/*.sql"'):
        assert needed in spec
    for folder, pattern in (("core", "data/*.json"), ("storage", "sql/*.sql")):
        assert list((ROOT / "gunmane_desktop" / folder).glob(pattern)), f"{folder}/{pattern} is empty"
    # package data in the spec is the package data pyproject declares
    declared = PYPROJECT["tool"]["setuptools"]["package-data"]
    assert declared == {"gunmane_desktop.core": ["data/*.json"], "gunmane_desktop.storage": ["sql/*.sql"]}


def test_spec_keeps_the_qt_modules_the_program_imports(spec):
    used = set()
    for source in (ROOT / "gunmane_desktop").rglob("*.py"):
        used |= set(re.findall(r"PySide6\.(Qt\w+)", source.read_text("utf-8")))
    assert used, "the ui package imports no Qt module?"
    excluded = set(re.findall(r'"PySide6\.(Qt\w+)"', spec))
    assert not used & excluded
    # pyqtgraph's plot items import these at import time (pyqtgraph/Qt/OpenGLHelpers.py)
    assert not {"QtOpenGL", "QtOpenGLWidgets"} & excluded
    assert {"QtNetwork", "QtWebEngineCore", "QtQml", "QtQuick"} <= excluded


def test_spec_sets_windows_version_information(spec):
    assert "VSVersionInfo" in spec and "version=windows_version_info() if WINDOWS else None" in spec


def test_windows_build_script_stays_ascii():
    # Windows PowerShell 5.1 reads a BOM-less script in the ANSI code page
    (INSTALLER / "build_windows.ps1").read_bytes().decode("ascii")


@pytest.mark.parametrize("script", ["build_linux.sh", "ci_build_check.sh", "measure_startup.sh"])
def test_shell_scripts_are_strict_and_executable(script):
    path = INSTALLER / script
    assert path.read_text("utf-8").startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in path.read_text("utf-8")
    assert path.stat().st_mode & 0o111


def test_ci_check_runs_the_selftest_with_a_reduced_path():
    text = (INSTALLER / "ci_build_check.sh").read_text("utf-8")
    assert "env -i PATH=/usr/bin:/bin" in text and "selftest" in text


def test_the_program_icon_ships_for_the_window_and_the_windows_build():
    from PIL import Image

    icons = Path(__file__).resolve().parents[2] / "resources" / "icons"
    with Image.open(icons / "gunmane.ico") as ico:
        assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    with Image.open(icons / "gunmane.png") as png:
        assert png.size == (256, 256)
