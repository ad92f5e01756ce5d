"""``gunmane selftest``: every step passes on a working program, a broken step fails the run.

The verb is driven through a parser of its own (registration in cli/__init__.py is separate).
"""

import argparse
import io
import subprocess
import sys
from pathlib import Path

import pytest

from gunmane_desktop.cli import selftest
from gunmane_desktop.cli.common import EXIT_BAD_INPUT, EXIT_FAILED, EXIT_OK


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="gunmane")
    selftest.add_commands(parser.add_subparsers(dest="command"))
    return parser.parse_args(["selftest", *argv])


def test_selftest_passes_every_step_and_writes_only_into_the_given_folder(tmp_path, monkeypatch, capsys):
    # Given an empty data folder that must stay untouched
    data = tmp_path / "data"
    monkeypatch.setenv("GUNMANE_DATA_DIR", str(data))
    work = tmp_path / "work"
    # When the self-test runs, keeping its files
    args = _parse("--keep", str(work))
    code = args.handler(args)
    # Then every step passed, one line each, and exit is 0
    out = capsys.readouterr().out.splitlines()
    assert code == EXIT_OK, out
    names = [name for name, _ in selftest.STEPS]
    assert len(out) == len(names) + 1
    for line, name in zip(out, names, strict=False):
        assert line.startswith("OK ") and f"  {name}: " in line
    assert out[-1].startswith(f"selftest passed: {len(names)}/{len(names)} steps in ")
    # And the import, exchange and report left their files in the work folder only
    assert {"lead-region.sqlite", "town.sqlite", "town-ledger.xlsx", "town-to-lead.zip",
            "council.pdf"} <= {p.name for p in work.iterdir()}
    assert (work / "council.pdf").read_bytes().startswith(b"%PDF-")
    assert not data.exists()


def test_selftest_in_a_temporary_folder_leaves_nothing_behind(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    args = _parse()
    assert args.handler(args) == EXIT_OK
    assert list(tmp_path.iterdir()) == []


def test_a_failing_step_fails_the_run_and_skips_the_rest(tmp_path):
    # Given a step that breaks after a good one
    def broken(run):
        raise RuntimeError("font missing")

    steps = (selftest.STEPS[0], ("broken", broken), ("never", lambda run: "ran"))
    out = io.StringIO()
    # When the self-test runs
    ok = selftest.run_selftest(tmp_path, out=out, steps=steps)
    # Then it fails, names the step and the reason, and skips what depends on it
    lines = out.getvalue().splitlines()
    assert not ok
    assert lines[0].startswith("OK ")
    assert lines[1].startswith("FAIL") and "broken: RuntimeError: font missing" in lines[1]
    assert lines[2].startswith("SKIP") and lines[2].endswith("never")
    assert lines[3].startswith("selftest FAILED: 1/3 steps")


def test_failed_selftest_exits_1(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GUNMANE_RESOURCES", str(tmp_path / "nothing-here"))
    args = _parse("--keep", str(tmp_path / "work"))
    assert args.handler(args) == EXIT_FAILED
    assert "FAIL" in capsys.readouterr().out


def test_keep_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "something.txt").write_text("x", encoding="utf-8")
    args = _parse("--keep", str(tmp_path))
    assert args.handler(args) == EXIT_BAD_INPUT
    assert "not empty" in capsys.readouterr().err


def test_selftest_imports_no_qt_and_nothing_from_tests():
    # It must run in the frozen build, headless: no Qt, no test-only packages
    probe = ("import sys, gunmane_desktop.cli.selftest; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'pytest', 'tests')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
    text = Path(selftest.__file__).read_text("utf-8")
    for forbidden in ("PySide6", "pytest", "hypothesis", "tests."):
        assert forbidden not in text


@pytest.mark.parametrize("flag", ["--help"])
def test_selftest_has_help(flag, capsys):
    with pytest.raises(SystemExit):
        _parse(flag)
    assert "selftest" in capsys.readouterr().out
