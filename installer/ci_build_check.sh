#!/usr/bin/env bash
# CI check of the Linux bundle: build it, run its self-test from a clean environment with
# PATH=/usr/bin:/bin (no Python on PATH), check that the window starts (offscreen; the
# self-test is headless and never loads Qt), print its size and a SHA-256 manifest.
# Exit 0 only when the build and the self-test pass. Writes dist/ and build/ only.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$(date +%s)

BUNDLE="$(installer/build_linux.sh | tail -n 1)"
built=$(date +%s)
echo "build: $BUNDLE ($((built - started)) s)"

# A clean shell: no virtualenv, no PYTHONPATH, no user site; a throw-away HOME so the
# self-test cannot touch (or depend on) anyone's data folder.
SCRATCH="$(mktemp -d)"
trap 'rm -rf "$SCRATCH"' EXIT
(cd "$SCRATCH" && env -i PATH=/usr/bin:/bin HOME="$SCRATCH" QT_QPA_PLATFORM=offscreen \
    "$BUNDLE/gunmane" selftest)
tested=$(date +%s)
echo "selftest: passed ($((tested - built)) s)"
if [[ -n "$(ls -A "$SCRATCH")" ]]; then
    echo "selftest wrote into HOME: $(ls -A "$SCRATCH")" >&2
    exit 1
fi

# The window: it must still be running after a few seconds (timeout's exit 124), not have
# died on a missing Qt module or plugin.
clean() { env -i PATH=/usr/bin:/bin HOME="$SCRATCH" QT_QPA_PLATFORM=offscreen "$@"; }
clean "$BUNDLE/gunmane" demo "$SCRATCH/demo.sqlite" > /dev/null 2>&1
set +e
clean timeout 6 "$BUNDLE/gunmane" gui "$SCRATCH/demo.sqlite" > "$SCRATCH/gui.log" 2>&1
status=$?
set -e
if (( status != 124 )); then
    echo "the window did not stay up (exit $status):" >&2
    tail -n 20 "$SCRATCH/gui.log" >&2
    exit 1
fi
windowed=$(date +%s)
echo "window: started and ran for 6 s ($((windowed - tested)) s)"

SIZE_MB=$(du -sm "$BUNDLE" | cut -f1)
FILES=$(find "$BUNDLE" -type f | wc -l)
if (( SIZE_MB < 250 )); then verdict="target < 250 MB met"; else verdict="over the 250 MB target"; fi
echo "bundle size: ${SIZE_MB} MB unpacked, ${FILES} files (${verdict})"
(cd "$BUNDLE" && find . -type f -print0 | sort -z | xargs -0 sha256sum) > "$BUNDLE.sha256"
echo "manifest: $BUNDLE.sha256"
echo "total: $(($(date +%s) - started)) s"
# The 250 MB target is reported above; the build fails only when something runaway (a
# whole Qt module or a second toolkit) slipped in. Python builds differ by ~25 MB here.
if (( SIZE_MB >= 300 )); then
    echo "bundle is over 300 MB: something unexpected was bundled" >&2
    exit 1
fi
