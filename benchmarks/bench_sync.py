"""Benchmark: the regional exchange against SQLite's own ATTACH + INSERT ... SELECT floor.

    python benchmarks/bench_sync.py                       # 10 towns x 2,000 assets x 10 inspections
    python benchmarks/bench_sync.py --towns 10 --assets-per-town 50000 --inspections-per-asset 10

The region and the towns' packages are kept in
benchmarks/out/sync-<towns>x<assets>x<inspections>/ (git-ignored) and reused by later runs.

Steps, in one run:
1. setup (not timed): a demo region; each town's package is exported from a copy of it
   that plays the town (site_org = the town);
2. full merge: a fresh lead file imports every town's package (validation, classification,
   the day's backup when due (here: the first import, of a file still empty), apply, audit
   and undo record, search index, status refresh), timed in total;
3. floor: the same rows copied by raw ``ATTACH`` + ``INSERT INTO main.t SELECT * FROM pkg.t``
   from the same package.sqlite files into an empty file of the same schema (no
   validation, no classification, no audit, no backup): what SQLite itself costs;
4. the towns filled from the lead (its full package for each town into a new town file);
5. a 1% delta round: 1% of one town's assets edited, incremental export, import at the lead;
6. the same delta package imported again (nothing to do); undo of the delta import;
7. the return trip: the lead's incremental package for every town, imported there.

Targets (the issue): full merge within 3x of the floor, delta round < 2 s, re-import < 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import sys
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.sync import export_package, import_package, undo_last_import
from gunmane_desktop.sync.tables import sync_tables

LEAD = "150002"
OUT = Path(__file__).resolve().parent / "out"


def _fresh(path: Path, code: str, kind: OrgKind, lead: str | None) -> Database:
    db = Database.create(path)
    ctx = ChangeContext(db, code, source="bench")
    with db.transaction():
        db.set_meta("site_org", code)
        OrganisationRepository(db).save(ctx, Organisation(code, kind, f"({code})", lead_code=lead))
    return db


def _setup(work: Path, args: argparse.Namespace) -> tuple[list[str], list[Path]]:
    """The region and each town's full package; reused when present.

    Generating 5.5 M rows and exporting ten packages takes a long time, so the files stay in
    ``work`` (under benchmarks/out/, git-ignored) and later runs time only the exchange.
    """
    region = work / "region.sqlite"
    exporter = work / "exporter.sqlite"
    done = work / "setup.done"
    if done.exists():
        towns = done.read_text().split()
        return towns, [work / f"{t}.zip" for t in towns]
    t0 = time.perf_counter()
    if not region.exists():
        generate_region(region, towns=args.towns, assets_per_town=args.assets_per_town,
                        inspections_per_asset=args.inspections_per_asset, seed=2026)
    print(f"setup: region in {time.perf_counter() - t0:.1f} s", flush=True)
    with Database.open(region) as db:
        towns = [r[0] for r in db.conn.execute("SELECT DISTINCT owner FROM assets ORDER BY owner")]
    # One copy plays each town in turn (site_org = the town).
    shutil.copy(region, exporter)
    with Database.open(exporter) as db:
        for town in towns:
            db.set_meta("site_org", town)
            export_package(db, work / f"{town}.zip", to=LEAD, full=True)
    exporter.unlink()
    done.write_text(" ".join(towns))
    print(f"setup: {len(towns)} towns in {time.perf_counter() - t0:.1f} s", flush=True)
    return towns, [work / f"{t}.zip" for t in towns]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--towns", type=int, default=10)
    p.add_argument("--assets-per-town", type=int, default=2000)
    p.add_argument("--inspections-per-asset", type=int, default=10)
    p.add_argument("--work", type=Path, help="folder for the reusable files (default: "
                   "benchmarks/out/sync-<towns>x<assets>x<inspections>)")
    p.add_argument("--setup-only", action="store_true", help="make the reusable files and stop")
    args = p.parse_args()
    work = args.work or OUT / f"sync-{args.towns}x{args.assets_per_town}x{args.inspections_per_asset}"
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    towns, packages = _setup(work, args)
    if args.setup_only:
        return 0
    for name in ("lead.sqlite", "floor.sqlite"):
        for extra in ("", "-wal", "-shm"):
            Path(f"{work / name}{extra}").unlink(missing_ok=True)
    shutil.rmtree(work / "backups", ignore_errors=True)
    for old in work.glob("town-*.sqlite*"):
        old.unlink()

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
        target = work / f"floor-{i}.sqlite"
        if not target.exists():
            with zipfile.ZipFile(pkg) as zf, zf.open("package.sqlite") as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
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

    # The towns filled from the lead: each gets the lead's full package for it, into a new
    # file (a town's file holds its own register, not the region's).
    fill = 0.0
    for town in towns:
        t0 = time.perf_counter()
        export_package(lead, work / f"fill-{town}.zip", to=town, full=True)
        town_db = _fresh(work / f"town-{town}.sqlite", town, OrgKind.MUNICIPALITY, LEAD)
        import_package(town_db, work / f"fill-{town}.zip")
        fill += time.perf_counter() - t0
        town_db.close()
    print(f"towns filled from the lead: {fill:.2f} s for {len(towns)} towns "
          f"({fill / len(towns):.2f} s each)", flush=True)

    # 1% delta round from the first town
    town = towns[0]
    town_db = Database.open(work / f"town-{town}.sqlite")
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
          f"{result.preview.totals()}; backup taken: {result.backup is not None}", flush=True)
    t0 = time.perf_counter()
    again = import_package(lead, work / "delta.zip")
    reimport = time.perf_counter() - t0
    print(f"re-import: {reimport:.3f} s (target < 0.2 s); wrote: {again.applied}", flush=True)
    t0 = time.perf_counter()
    undo_last_import(lead)
    undo = time.perf_counter() - t0
    redo = import_package(lead, work / "delta.zip")
    print(f"undo of the delta import: {undo:.2f} s; imported again: {redo.preview.totals()}", flush=True)
    town_db.close()

    # The return trip: the lead's incremental package to every town, imported there.
    t0 = time.perf_counter()
    carried = {}
    for code in towns:
        with Database.open(work / f"town-{code}.sqlite") as town_db:
            export_package(lead, work / f"back-{code}.zip", to=code)
            carried[code] = import_package(town_db, work / f"back-{code}.zip").preview.totals()
    back = time.perf_counter() - t0
    print(f"return trip to all towns: {back:.2f} s ({back / len(towns):.2f} s each); "
          f"{town}: {carried[town]}", flush=True)
    lead.close()
    with sqlite3.connect(work / "lead.sqlite") as c:
        print("lead integrity:", c.execute("PRAGMA quick_check").fetchone()[0])
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"peak memory (max RSS): {peak:,.0f} MB; load average at end: "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
