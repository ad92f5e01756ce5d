"""Benchmark: the bundling assistant on a 10-town region with 50,000 due assets (target < 10 s).

    python benchmarks/bench_bundle.py [--towns 10] [--due 50000] [--target-yen 100000000]

The due items are made directly (10 town centres about 15-25 km apart in a 120 x 120 km
region, sites scattered around each centre, a realistic mix of asset types and sizes, 2%
without coordinates), so the figure is the assistant itself: clustering, a route per lot
and the per-town baseline routes. Reading the items from a register is a single indexed
query (see load_due_items) and is not the bottleneck.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gunmane_desktop.contracts.bundling import (
    INSPECTION,
    BundlingParams,
    DueItem,
    inspection_cost,
    propose_lots,
)

TYPES = (("bridge", "road", 0.45), ("pavement", "road", 0.15), ("sewer", "sewer", 0.25),
         ("park", "park", 0.1), ("river", "river", 0.04), ("tunnel", "road", 0.01))


def make_items(towns: int, due: int, seed: int = 2026) -> list[DueItem]:
    rng = random.Random(seed)
    centres = [(37.0 + rng.uniform(0, 1.0), 138.5 + rng.uniform(0, 1.2)) for _ in range(towns)]
    codes = [f"15{100 + 7 * i:03d}X" for i in range(towns)]
    params = BundlingParams()
    items = []
    for n in range(due):
        t = n % towns
        type_id, sector = rng.choices([x[:2] for x in TYPES], [x[2] for x in TYPES])[0]
        lat = centres[t][0] + rng.gauss(0, 0.05)
        lon = centres[t][1] + rng.gauss(0, 0.06)
        located = rng.random() > 0.02
        area = rng.choice((20, 40, 73, 120, 400)) if type_id == "bridge" else None
        cost = inspection_cost(type_id, area, rng.uniform(20, 300), None, params.inspection_costs)
        items.append(DueItem(f"{n:08d}", codes[t], type_id, sector, INSPECTION, cost,
                             lat if located else None, lon if located else None))
    return items


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--towns", type=int, default=10)
    p.add_argument("--due", type=int, default=50_000)
    p.add_argument("--target-yen", type=int, default=100_000_000)
    args = p.parse_args()
    items = make_items(args.towns, args.due)
    start = time.perf_counter()
    proposal = propose_lots(items, 2027, BundlingParams(target_yen=args.target_yen))
    seconds = time.perf_counter() - start
    b, t = proposal.bundled, proposal.per_owner
    print(f"{args.towns} towns, {len(items):,} due assets, {sum(i.cost_yen for i in items):,} 円")
    print(f"lots: {len(proposal.lots)} (in band: {sum(lot.in_band for lot in proposal.lots)}), "
          f"travel {b.travel_km:,.0f} km vs per-town {t.travel_km:,.0f} km")
    print(f"bundling took {seconds:.2f} s (target < 10 s): {'OK' if seconds < 10 else 'NOT MET'}")


if __name__ == "__main__":
    main()
