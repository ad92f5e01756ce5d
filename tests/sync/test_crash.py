"""Crash safety: an import killed at any moment leaves the old or the new state, never half."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from sync_helpers import TOWN_A, make_site

from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.database import Database
from gunmane_desktop.sync import export_package


def _state(path):
    with Database.open(path) as db:  # recovers the WAL and runs quick_check
        assert db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return (db.conn.execute("SELECT count(*) FROM assets").fetchone()[0],
                db.conn.execute("SELECT count(*) FROM inspections").fetchone()[0],
                db.conn.execute("SELECT count(*) FROM audit_log").fetchone()[0],
                db.conn.execute("SELECT count(*) FROM sync_imports").fetchone()[0])


def test_killing_the_import_at_random_points_never_leaves_a_half_state(tmp_path):
    generate_region(tmp_path / "lead.sqlite", towns=2, assets_per_town=400, inspections_per_asset=4, seed=3)
    with Database.open(tmp_path / "lead.sqlite") as lead:
        export_package(lead, tmp_path / "p.zip", to=TOWN_A)
    make_site(tmp_path / "pristine.sqlite", TOWN_A).close()
    old = _state(tmp_path / "pristine.sqlite")
    command = [sys.executable, "-m", "gunmane_desktop", "sync", "import"]
    shutil.copy(tmp_path / "pristine.sqlite", tmp_path / "full.sqlite")
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "full.sqlite"), str(tmp_path / "p.zip")], check=True,
                   capture_output=True)
    duration = time.monotonic() - started
    new = _state(tmp_path / "full.sqlite")
    assert new[0] > old[0] and new[3] == 1
    rng = random.Random(2026)
    for attempt in range(20):
        target = tmp_path / f"town{attempt}.sqlite"
        shutil.copy(tmp_path / "pristine.sqlite", target)
        proc = subprocess.Popen([*command, str(target), str(tmp_path / "p.zip")],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.0, duration))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        state = _state(target)
        assert state in (old, new), f"attempt {attempt}: {state} is neither {old} nor {new}"
