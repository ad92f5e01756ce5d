#!/usr/bin/env bash
# Measure the frozen program's start-up time to the first window (offscreen), Linux.
# Builds a separate bundle with a probe (installer/startup_probe.py) into build/startup-probe/,
# makes the full demo region with it, then starts `gunmane gui DEMO` RUNS times (default 5)
# from a clean environment and prints each time and the median. Release bundles have no probe.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
RUNS="${RUNS:-5}"
PYTHON="${PYTHON:-}"
if [[ -z "$PYTHON" ]]; then
    if [[ -x .venv/bin/python ]]; then PYTHON=.venv/bin/python; else PYTHON=python3; fi
fi
OUT="$ROOT/build/startup-probe"
GUNMANE_STARTUP_PROBE=1 "$PYTHON" -m PyInstaller --noconfirm --log-level WARN \
    --distpath "$OUT/dist" --workpath "$OUT/work" installer/gunmane.spec
EXE="$(ls -d "$OUT"/dist/*/ | head -n 1)gunmane"

SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
clean() { env -i PATH=/usr/bin:/bin HOME="$SCRATCH" QT_QPA_PLATFORM=offscreen "$@"; }
clean "$EXE" demo "$SCRATCH/demo.sqlite" > /dev/null 2>&1
times=()
for i in $(seq 1 "$RUNS"); do
    start=$(date +%s.%N)
    line=$(clean "$EXE" gui "$SCRATCH/demo.sqlite" 2>&1 >/dev/null | grep '^first-window' || true)
    [[ -n "$line" ]] || { echo "run $i: no window was shown" >&2; exit 1; }
    t=$(awk -v a="$start" -v b="${line#first-window }" 'BEGIN { printf "%.2f", b - a }')
    echo "run $i: ${t} s to the first window"
    times+=("$t")
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median: %s s (target < 3 s)\n", v[int((NR + 1) / 2)] }'
