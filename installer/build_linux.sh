#!/usr/bin/env bash
# Build the Linux one-folder bundle: dist/gunmane-desktop-VERSION/ (run from anywhere).
#
#   installer/build_linux.sh              # uses .venv/bin/python if present, else python3
#   PYTHON=/path/to/python installer/build_linux.sh
#
# The Python used must have the project and PyInstaller installed, e.g.
#   python3 -m venv .venv && .venv/bin/pip install -e . pyinstaller
# Prints the bundle folder on the last line of its output.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
"$PYTHON" -c "import PyInstaller" 2>/dev/null || {
    echo "PyInstaller is missing: $PYTHON -m pip install pyinstaller" >&2; exit 2; }

"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" installer/gunmane.spec

BUNDLE="$("$PYTHON" - <<'PY'
import tomllib
p = tomllib.load(open("pyproject.toml", "rb"))["project"]
print(f"dist/{p['name']}-{p['version']}")
PY
)"
echo "$ROOT/$BUNDLE"
