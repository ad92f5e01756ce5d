"""Benchmark: a 50-year, budget-constrained plan over a 500,000-asset region.

    python benchmarks/bench_plan.py [--db PATH] [--towns 10] [--assets-per-town 50000] \
        [--years 50] [--budget 100000000000] [--replications 20]

Makes the region with ``gunmane_desktop.demo.generate_region`` in a child process (or
reuses ``--db``; the register-window benchmark's file is the default), then times, in this
process, each stage of ``planning.run.make_plan``: reading the register and the history
(overlapped on two connections), estimating the models, building the inputs, and the
three scenarios (preventive, reactive, budget-constrained). Memory: the peak resident set
of this process (the region is generated in another one) and the largest arrays the engine
holds. Target: the budget-constrained plan under 30 s.

Floors, measured in the same run so the ratios survive a busy machine:
- read: fetching only the ids of the assets in service (the least any register read does);
- scenario: drawing the scenario's uniform random numbers alone (years x replications x
  assets float32, the irreducible work of a simulation with common random numbers).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from gunmane_desktop.core.unit_costs import default_unit_costs
from gunmane_desktop.planning.models import estimate_models
from gunmane_desktop.planning.run import read_register_and_history
from gunmane_desktop.planning.scenarios import (
    PREVENTIVE,
    REACTIVE,
    budget_constrained,
    build_inputs,
    simulate,
)
from gunmane_desktop.planning.stock import Scope
from gunmane_desktop.storage.database import Database

DEFAULT_DB = Path(__file__).resolve().parent / "out" / "region-500k.sqlite"


def _rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _floors(db: Path, years: int, replications: int) -> dict[str, float]:
    """Seconds for the least a register read and a scenario's random draws can cost."""
    conn = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        t = time.perf_counter()
        cursor = conn.execute("SELECT id FROM assets WHERE deleted = 0 AND status = 'in_service'")
        n = 0
        while chunk := cursor.fetchmany(50_000):
            n += len(chunk)
        read = time.perf_counter() - t
    finally:
        conn.close()
    rng = np.random.default_rng(0)
    row = np.empty(n, dtype=np.float32)
    t = time.perf_counter()
    for _ in range(years * replications):
        rng.random(out=row, dtype=np.float32)
    return {"read": read, "draws": time.perf_counter() - t}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB)
    parser.add_argument("--towns", type=int, default=10)
    parser.add_argument("--assets-per-town", type=int, default=50_000)
    parser.add_argument("--years", type=int, default=50)
    # Preventive maintenance of the 500,000-asset region wants about 2,900億円 a year; a third
    # of that keeps the budget binding every year, the hard case for the selection.
    parser.add_argument("--budget", type=int, default=100_000_000_000,
                        help="yen per year for the whole region (default 1,000億円)")
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--start-fy", type=int, default=2026)
    args = parser.parse_args(argv)

    if not args.db.exists():
        args.db.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {args.towns} x {args.assets_per_town:,} assets into {args.db} ...",
              flush=True)
        subprocess.run([sys.executable, "-c",
                        "import sys; from gunmane_desktop.demo import generate_region; "
                        "generate_region(sys.argv[1], towns=int(sys.argv[2]), "
                        "assets_per_town=int(sys.argv[3]))",
                        str(args.db), str(args.towns), str(args.assets_per_town)], check=True)

    load_before = os.getloadavg()
    floors = _floors(args.db, args.years, args.replications)
    stages: list[tuple[str, float]] = []
    rss_start = _rss_mib()
    started = time.perf_counter()
    with Database.open(args.db, readonly=True, lock=False, quick_check=False) as db:
        t = time.perf_counter()
        stock, data = read_register_and_history(db.conn, Scope())
        stages.append(("read register + history (overlapped)", time.perf_counter() - t))
        t = time.perf_counter()
        models = estimate_models(db.conn, groups=set(zip(stock.owners, stock.groups, strict=True)),
                                 data=data)
        stages.append(("estimate models", time.perf_counter() - t))
    t = time.perf_counter()
    inputs = build_inputs(stock, models, default_unit_costs(), start_fy=args.start_fy, years=args.years,
                          replications=args.replications)
    stages.append(("build inputs (matrices, costs)", time.perf_counter() - t))
    results = {}
    for spec in (budget_constrained(args.budget), PREVENTIVE, REACTIVE):
        t = time.perf_counter()
        results[spec.name] = simulate(inputs, spec)
        stages.append((f"scenario: {spec.name}", time.perf_counter() - t))
    total = time.perf_counter() - started

    budget = results["budget"]
    n = len(stock)
    print()
    print(f"{platform.node()} ({os.cpu_count()} CPUs, {platform.processor() or platform.machine()}), "
          f"load average {load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after")
    print(f"plan over {args.db.name}: {n:,} assets in service, {len(inputs.model_keys)} models, "
          f"{args.years} years, {args.replications} replications")
    for label, seconds in stages:
        print(f"  {label:36s} {seconds:8.2f} s")
    core = sum(s for label, s in stages
               if label.startswith(("read", "estimate", "build", "scenario: budget")))
    print(f"  {'budget-constrained plan (end to end)':36s} {core:8.2f} s   target < 30 s")
    print(f"  {'all three scenarios (end to end)':36s} {total:8.2f} s")
    read_s = dict(stages)["read register + history (overlapped)"]
    budget_s = dict(stages)["scenario: budget"]
    print(f"  floor: read the ids only {floors['read']:8.2f} s  -> read stage "
          f"{read_s / floors['read']:5.1f} x floor")
    print(f"  floor: the draws only    {floors['draws']:8.2f} s  -> budget scenario "
          f"{budget_s / floors['draws']:5.1f} x floor")
    cells = args.replications * n
    print(f"  peak RSS {_rss_mib():,.0f} MiB (at start {rss_start:,.0f} MiB); "
          f"grades {cells / 2**20:,.1f} MiB (int8, replications x assets); working buffers per "
          f"replication row {n * 14 / 2**20:,.1f} MiB")
    print(f"  budget {args.budget:,} 円/年: max annual spend {int(budget.annual_cost.max()):,} 円, "
          f"plan rows {len(budget.plan_asset):,}, "
          f"unfunded in the last year {budget.unfunded_last_year:,}")
    assert budget.annual_cost.max() <= args.budget
    for name, r in results.items():
        print(f"  {name:10s} total {r.total_cost / 1e8:12,.1f} 億円  "
              f"LCC {r.life_cycle_cost / 1e8:12,.1f} 億円")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
