"""Benchmark: the regional exchange against SQLite's own ATTACH + INSERT ... SELECT floor.

    python benchmarks/bench_sync.py                       # 10 towns x 2,000 assets x 10 inspections
    python benchmarks/bench_sync.py --towns 10 --assets-per-town 50000 --inspections-per-asset 10

Steps, in one run:
1. setup (not timed): a demo region; each town's package is exported from a copy of it
   that plays the town (site_org = the town);
2. full merge: a fresh lead file imports every town's package (validation, classification,
   backup, apply, audit, status refresh), timed per package and in total;
3. floor: the same rows copied by raw ``ATTACH`` + ``INSERT INTO main.t SELECT * FROM pkg.t``
   from the same package.sqlite files into an empty file of the same schema (no
   validation, no classification, no audit, no backup): what SQLite itself costs;
4. a 1% delta round: 1% of one town's assets renamed, incremental export, import at the lead;
5. the same delta package imported again (nothing to do);
6. the return trip: the lead's incremental package for that town, imported there.

Targets (the issue): full merge within 3x of the floor, delta round < 2 s, re-import < 0.2 s.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package
from gunmane_desktop.sync.tables import sync_tables

LEAD = "150002"


def _fresh(path: Path, code: str, kind: OrgKind, lead: str | None) -> Database:
    db = Database.create(path)
    ctx = ChangeContext(db, code, source="bench")
    with db.transaction():
        db.set_meta("site_org", code)
        OrganisationRepository(db).save(ctx, Organisation(code, kind, f"({code})", lead_code=lead))
    return db


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--towns", type=int, default=10)
    p.add_argument("--assets-per-town", type=int, default=2000)
    p.add_argument("--inspections-per-asset", type=int, default=10)
    p.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = p.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-sync-"))
    work.mkdir(parents=True, exist_ok=True)
    region = work / "region.sqlite"
    t0 = time.perf_counter()
    generate_region(region, towns=args.towns, assets_per_town=args.assets_per_town,
                    inspections_per_asset=args.inspections_per_asset, seed=2026)
    with Database.open(region) as db:
        towns = [r[0] for r in db.conn.execute("SELECT DISTINCT owner FROM assets ORDER BY owner")]
    packages = []
    for town in towns:
        copy = work / f"as-{town}.sqlite"
        shutil.copy(region, copy)
        with Database.open(copy) as db:
            db.set_meta("site_org", town)
            export_package(db, work / f"{town}.zip", to=LEAD, full=True)
        packages.append(work / f"{town}.zip")
    print(f"setup: {len(towns)} towns in {time.perf_counter() - t0:.1f} s")

    # full merge
    lead = _fresh(work / "lead.sqlite", LEAD, OrgKind.PREFECTURE, None)
    rows = 0
    t0 = time.perf_counter()
    for pkg in packages:
        result = import_package(lead, pkg)
        rows += result.preview.totals()["new"]
    merge = time.perf_counter() - t0
    print(f"full merge: {rows:,} rows in {merge:.2f} s ({rows / merge:,.0f} rows/s)")

    # floor: raw ATTACH + INSERT ... SELECT of the same rows
    floor_db = _fresh(work / "floor.sqlite", LEAD, OrgKind.PREFECTURE, None)
    extracted = []
    for i, pkg in enumerate(packages):
        with zipfile.ZipFile(pkg) as zf:
            target = work / f"floor-{i}.sqlite"
            target.write_bytes(zf.read("package.sqlite"))
            extracted.append(target)
    conn = floor_db.conn
    t0 = time.perf_counter()
    for path in extracted:
        conn.execute("ATTACH DATABASE ? AS pkg", (str(path),))
        conn.execute("BEGIN")
        for t in sync_tables():
            cols = ", ".join(t.names)
            conn.execute(f"INSERT OR IGNORE INTO main.{t.name} ({cols}) SELECT {cols} FROM pkg.{t.name}")
        conn.execute("COMMIT")
        conn.execute("DETACH DATABASE pkg")
    floor = time.perf_counter() - t0
    floor_db.close()
    print(f"floor (ATTACH + INSERT ... SELECT): {floor:.2f} s; merge / floor = {merge / floor:.1f}x "
          f"(target <= 3x)")

    # 1% delta round from the first town
    town = towns[0]
    town_db = Database.open(work / f"as-{town}.sqlite")
    # The lead acknowledges the town's first package in its next package to the town.
    export_package(lead, work / "ack.zip", to=town)
    import_package(town_db, work / "ack.zip")
    ctx = ChangeContext(town_db, town, source="bench")
    ids = [r[0] for r in town_db.conn.execute("SELECT id, vv FROM assets WHERE owner = ?", (town,))]
    changed = ids[: max(1, len(ids) // 100)]
    with town_db.transaction() as c:
        for asset_id in changed:
            vv = c.execute("SELECT vv FROM assets WHERE id = ?", (asset_id,)).fetchone()[0]
            s = ctx.stamp(vv)
            c.execute("UPDATE assets SET notes = 'delta', vv = ?, hlc = ?, modified_at = ?, modified_by = ? "
                      "WHERE id = ?", (s.vv, s.hlc, s.modified_at, s.modified_by, asset_id))
    t0 = time.perf_counter()
    export_package(town_db, work / "delta.zip", to=LEAD)
    exported = time.perf_counter() - t0
    t1 = time.perf_counter()
    result = import_package(lead, work / "delta.zip")
    delta = time.perf_counter() - t0
    print(f"1% delta round: {len(changed):,} assets changed, export {exported:.2f} s, import "
          f"{time.perf_counter() - t1:.2f} s, total {delta:.2f} s (target < 2 s); "
          f"{result.preview.totals()}")
    t0 = time.perf_counter()
    again = import_package(lead, work / "delta.zip")
    reimport = time.perf_counter() - t0
    print(f"re-import: {reimport:.3f} s (target < 0.2 s); wrote: {again.applied}")
    t0 = time.perf_counter()
    export_package(lead, work / "back.zip", to=town)
    back = import_package(town_db, work / "back.zip")
    print(f"return trip: {time.perf_counter() - t0:.2f} s; {back.preview.totals()}")
    town_db.close()
    lead.close()
    with sqlite3.connect(work / "lead.sqlite") as c:
        print("lead integrity:", c.execute("PRAGMA quick_check").fetchone()[0])
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
