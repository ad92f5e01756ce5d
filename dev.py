#!/usr/bin/env python3
"""Developer quick start for 群マネ Desktop (standard library only).

    python3 dev.py gui --demo        set everything up, then open the window
    python3 dev.py test [PYTEST...]  set up, then ruff, lint-imports, the translation check
                                     and pytest (headless)
    python3 dev.py setup             set up only
    python3 dev.py run ARGS...       set up, then run `gunmane ARGS...`

Setup, each step idempotent and quick when already done:
  1. system libraries that the PySide6 wheels load (Debian/Ubuntu: apt-get install,
     as root, or through `sudo -n`; otherwise the command to run is printed and we exit 2);
  2. a virtual environment made with the Python that runs this script;
  3. `pip install -e '.[test]'`, skipped while pyproject.toml is unchanged.

Environment: GUNMANE_VENV moves the virtual environment (default: .venv beside this file).
"""

from __future__ import annotations

import hashlib
import os
import platform
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / os.environ.get("GUNMANE_VENV", ".venv")  # an absolute value replaces ROOT
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
VPY = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".gunmane-install.sha256"
PIP_LOG = VENV / "pip-install.log"
APT_LOG = Path(tempfile.gettempdir()) / f"gunmane-dev-apt-{getattr(os, 'getuid', lambda: 0)()}.log"

# Shared libraries that PySide6-Essentials' Qt needs from the system, by Debian 12 package.
# Derived from the ELF NEEDED entries (readelf -d / ldd) of the Qt libraries reached from
# QtCore/QtGui/QtWidgets/QtSvg/QtOpenGL(Widgets)/QtPrintSupport/QtTest and the plugins
# platforms/libqoffscreen.so (headless tests), platforms/libqxcb.so + xcbglintegrations
# (X11), platforms/libqwayland.so + xdg-shell + wayland-egl + decorations (Wayland),
# platforminputcontexts (compose, ibus), imageformats, iconengines and printsupport (CUPS).
# Libraries that every Debian system has (libc, libstdc++, libgcc_s, zlib) are left out;
# apt pulls in the indirect ones (libGLX, libxcb-glx, xkb-data, fontconfig-config, ...).
SYSTEM_LIBS: dict[str, str] = {
    # core: offscreen platform, QtGui, fonts, D-Bus, GLib event loop
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libzstd.so.1": "libzstd1",
    # X11 window (xcb platform plugin)
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    # Wayland window (wayland platform plugin)
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    # printing (QPrintDialog / cups print support plugin)
    "libcups.so.2": "libcups2",
}

# ldconfig's tag for this machine's ABI, so that multiarch i386 copies do not count.
LDCONFIG_ABI = {"x86_64": "x86-64", "aarch64": "AArch64"}.get(platform.machine(), "")


def say(msg: str) -> None:
    print(f"[dev] {msg}", flush=True)


def die(msg: str, code: int = 1) -> None:
    print(f"[dev] error: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def rel(p: Path) -> str:
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(p)


# --------------------------------------------------------------------------- step 1


def ldconfig_sonames() -> set[str] | None:
    exe = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.path.exists(p)), None
    )
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-p"], capture_output=True, text=True, check=True, env={"LC_ALL": "C"}
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    found = set()
    for line in out.splitlines()[1:]:
        name, _, rest = line.strip().partition(" ")
        if LDCONFIG_ABI and not rest.startswith(f"(libc6,{LDCONFIG_ABI}"):
            continue
        found.add(name)
    return found


def missing_system_libs() -> list[str]:
    found = ldconfig_sonames()
    if found is None:  # no ldconfig: look in the usual directories instead
        triplet = f"{platform.machine()}-linux-gnu"
        dirs = ["/lib", "/usr/lib", f"/lib/{triplet}", f"/usr/lib/{triplet}", "/lib64"]
        found = {so for so in SYSTEM_LIBS if any(os.path.exists(f"{d}/{so}") for d in dirs)}
    return [so for so in SYSTEM_LIBS if so not in found]


def needs_venv_package() -> str | None:
    """Debian's Python lacks ensurepip until python3-venv is installed."""
    if venv_ok() or has_ensurepip():
        return None
    exe = os.path.realpath(sys.executable)
    if not exe.startswith("/usr/bin/"):
        die(
            f"{sys.executable} has no ensurepip, so it cannot make a virtual environment "
            "with pip; use a complete Python 3.11+ installation"
        )
    if exe == os.path.realpath("/usr/bin/python3"):
        return "python3-venv"
    return f"python{sys.version_info.major}.{sys.version_info.minor}-venv"


def has_ensurepip() -> bool:
    import importlib.util

    return importlib.util.find_spec("ensurepip") is not None


def is_debian() -> bool:
    return os.path.exists("/etc/debian_version") and shutil.which("apt-get") is not None


def apt_install(pkgs: list[str]) -> None:
    install = ["apt-get", "install", "-y", "--no-install-recommends", *pkgs]
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif (
        shutil.which("sudo")
        and subprocess.run(
            ["sudo", "-n", "true"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ).returncode
        == 0
    ):
        prefix = ["sudo", "-n"]
    else:
        print(
            "[dev] these Debian packages are needed; install them as root, then run again:\n"
            "    sudo apt-get update\n"
            f"    sudo {shlex.join(install)}",
            file=sys.stderr,
        )
        sys.exit(2)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    wrap = [*prefix, "env", "DEBIAN_FRONTEND=noninteractive"] if prefix else []
    say(f"apt-get install {' '.join(pkgs)} (log: {APT_LOG})")
    with open(APT_LOG, "w") as log:
        for cmd in (["apt-get", "update"], install):
            log.write(f"$ {shlex.join(wrap + cmd)}\n")
            log.flush()
            rc = subprocess.run(
                wrap + cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, env=env
            ).returncode
            if rc != 0:
                break
    if rc != 0:
        sys.stderr.write(tail(APT_LOG))
        die(f"{shlex.join(cmd)} failed (exit {rc}); full log in {APT_LOG}")


def step_system() -> None:
    if not sys.platform.startswith("linux"):
        say("system libraries: not needed on this OS")
        return
    libs = missing_system_libs()
    pkgs = sorted({SYSTEM_LIBS[so] for so in libs})
    venv_pkg = needs_venv_package()
    if venv_pkg:
        pkgs.append(venv_pkg)
    if not pkgs:
        say(f"system libraries: ok ({len(SYSTEM_LIBS)} checked)")
        return
    if not is_debian():
        say(
            f"warning: missing {' '.join(libs) or 'ensurepip'}; not Debian, so install the "
            f"equivalents of these Debian packages yourself: {' '.join(pkgs)}"
        )
        return
    say(f"system packages missing: {' '.join(pkgs)}")
    apt_install(pkgs)
    still = missing_system_libs()
    if still:
        die(f"still missing after apt-get install: {' '.join(still)}")
    if venv_pkg and not has_ensurepip():
        die(f"ensurepip still unavailable after installing {venv_pkg}")
    say("system packages: installed")


# --------------------------------------------------------------------------- step 2


def venv_ok() -> bool:
    if not VPY.exists():
        return False
    try:
        r = subprocess.run(
            [str(VPY), "-c", "import sys, pip; assert sys.version_info >= (3, 11)"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0


def step_venv() -> None:
    if venv_ok():
        say(f"venv: {rel(VENV)} ok")
        return
    if VENV.exists():
        if not (VENV / "pyvenv.cfg").exists() and any(VENV.iterdir()):
            die(f"{VENV} exists but is not a virtual environment; move it away or set GUNMANE_VENV")
        say(f"venv: {rel(VENV)} is broken, recreating")
        shutil.rmtree(VENV)
    else:
        say(f"venv: creating {rel(VENV)} with {sys.executable}")
    r = subprocess.run([sys.executable, "-m", "venv", str(VENV)], capture_output=True, text=True)
    if r.returncode != 0 or not venv_ok():
        sys.stderr.write(r.stdout + r.stderr)
        die(f"could not create a working virtual environment at {VENV}")


# --------------------------------------------------------------------------- step 3


def pyproject_hash() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def step_install() -> None:
    want = pyproject_hash()
    if STAMP.exists() and STAMP.read_text().strip() == want:
        say("packages: up to date")
        return
    say(f"packages: pip install -e '.[test]' (log: {rel(PIP_LOG)})")
    cmd = [str(VPY), "-m", "pip", "install", "--disable-pip-version-check", "-e", ".[test]"]
    with open(PIP_LOG, "w") as log:
        log.write(f"$ {shlex.join(cmd)}\n")
        log.flush()
        rc = subprocess.run(
            cmd,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=venv_env(),
        ).returncode
    if rc != 0:
        sys.stderr.write(tail(PIP_LOG, 60))
        STAMP.unlink(missing_ok=True)
        die(f"pip install failed (exit {rc}); full log in {PIP_LOG}")
    STAMP.write_text(want + "\n")
    say("packages: installed")


def setup() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py may be started by an older python3
        die(f"Python 3.11 or newer is needed, this is {platform.python_version()}")
    step_system()
    step_venv()
    step_install()


# --------------------------------------------------------------------------- verbs


def tail(path: Path, n: int = 40) -> str:
    lines = path.read_text(errors="replace").splitlines()
    return "".join(line + "\n" for line in lines[-n:])


def venv_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, VIRTUAL_ENV=str(VENV), **extra)
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    env.pop("PYTHONHOME", None)
    return env


def exec_tool(name: str, args: list[str], env: dict[str, str]) -> None:
    exe = BIN / name
    if not exe.exists():
        die(f"{exe} is missing; is the [project.scripts] entry in pyproject.toml right?")
    argv = [str(exe), *args]
    if os.name == "nt":
        sys.exit(subprocess.call(argv, env=env))
    sys.stdout.flush()
    os.execve(argv[0], argv, env)


def cmd_gui(args: list[str]) -> None:
    setup()
    env = venv_env()
    if (
        sys.platform.startswith("linux")
        and not env.get("QT_QPA_PLATFORM")
        and not env.get("DISPLAY")
        and not env.get("WAYLAND_DISPLAY")
    ):
        say(
            "warning: neither DISPLAY nor WAYLAND_DISPLAY is set; the window needs a desktop "
            "session (or try: xvfb-run python3 dev.py gui ...)"
        )
    exec_tool("gunmane", ["gui", *args], env)


def cmd_run(args: list[str]) -> None:
    setup()
    exec_tool("gunmane", args, venv_env())


def cmd_test(args: list[str]) -> None:
    setup()
    env = venv_env(QT_QPA_PLATFORM="offscreen")
    pytest = [str(BIN / "pytest")]
    xdist_chosen = any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in args)
    if not xdist_chosen:
        pytest += ["-n", "2"]
    pytest += args
    ruff = [str(BIN / "ruff"), "check", "."]
    if VENV.is_relative_to(ROOT) and VENV != ROOT / ".venv":
        ruff += ["--extend-exclude", rel(VENV)]
    translations = [str(BIN / "python"), "resources/translations/update_ja.py", "--check"]
    runs = [pytest] if args else [ruff, [str(BIN / "lint-imports")], translations, pytest]
    failed = []
    for argv in runs:
        name = Path(argv[0]).name
        say(f"$ {name} {shlex.join(argv[1:])}".rstrip())
        rc = subprocess.run(argv, cwd=ROOT, env=env).returncode
        if rc != 0:
            failed.append(f"{name} (exit {rc})")
    if failed:
        die("failed: " + ", ".join(failed))
    say("all checks passed")


VERBS = {"setup": None, "gui": cmd_gui, "test": cmd_test, "run": cmd_run}


def main(argv: list[str]) -> None:
    if not argv or argv[0] not in VERBS:
        print(__doc__.strip(), file=sys.stderr)
        sys.exit(0 if argv and argv[0] in ("-h", "--help", "help") else 2)
    verb, args = argv[0], argv[1:]
    os.chdir(ROOT)
    if verb == "setup":
        setup()
        say(f"ready: {rel(BIN / 'gunmane')}")
        return
    VERBS[verb](args)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        sys.exit(130)
