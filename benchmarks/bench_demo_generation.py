"""Benchmark: how fast generate_region builds a region, against a raw-insert floor.

    python benchmarks/bench_demo_generation.py --towns 10 --assets-per-town 50000
    python benchmarks/bench_demo_generation.py --towns 10 --assets-per-town 50000 \
        --inspections-per-asset 10

The floor is the same number of already-built asset and inspection tuples (read back from
the generated file) inserted with executemany into an empty file of the same schema and
settings, in one transaction, timing only the inserts and the commit. The ratio says how
much the generator costs on top of SQLite itself: making the rows, ids and stamps, member
findings and measures, and the derived status refresh.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gunmane_desktop.demo import generate_region, writer
from gunmane_desktop.storage.database import Database

CHUNK = 20_000


def _generate(path: Path, args: argparse.Namespace) -> tuple[object, dict[str, float]]:
    marks: dict[str, float] = {}
    start = time.perf_counter()

    def progress(fraction: float, message: str) -> None:
        # Phase boundaries come from the generator's own progress messages.
        if fraction >= 0.9 and "rows" not in marks:
            marks["rows"] = time.perf_counter() - start
        if fraction >= 0.98 and "status" not in marks:
            marks["status"] = time.perf_counter() - start

    summary = generate_region(path, towns=args.towns, assets_per_town=args.assets_per_town,
                              inspections_per_asset=args.inspections_per_asset, seed=args.seed,
                              progress=progress)
    return summary, marks


def _floor(source: Path, target: Path) -> tuple[int, float]:
    """Insert the generated assets and inspections again, raw; return (rows, seconds)."""
    src = Database.open(source, readonly=True, lock=False)
    dst = Database.create(target)
    rows = 0
    spent = 0.0
    try:
        conn = dst.conn
        writer.prepare_bulk(conn)
        conn.execute("BEGIN IMMEDIATE")
        # The owners the rows refer to (foreign keys stay on, as in the generator); untimed.
        conn.executemany(writer.ORGANISATION_SQL, [tuple(r) for r in src.conn.execute(
            f"SELECT {', '.join(writer.ORGANISATION_COLS)} FROM organisations ORDER BY seq")])
        for table, cols, sql in (("assets", writer.ASSET_COLS, writer.ASSET_SQL),
                                 ("inspections", writer.INSPECTION_COLS, writer.INSPECTION_SQL)):
            cur = src.conn.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY seq")
            while True:
                chunk = [tuple(r) for r in cur.fetchmany(CHUNK)]
                if not chunk:
                    break
                t = time.perf_counter()
                conn.executemany(sql, chunk)
                spent += time.perf_counter() - t
                rows += len(chunk)
        t = time.perf_counter()
        conn.execute("COMMIT")
        writer.finish_bulk(conn)
        spent += time.perf_counter() - t
    finally:
        src.close()
        dst.close()
    return rows, spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--towns", type=int, default=10)
    parser.add_argument("--assets-per-town", type=int, default=50_000)
    parser.add_argument("--inspections-per-asset", type=int, default=None,
                        help="default: the recipe's inspection cycles (about 2.3 per asset)")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--keep", type=Path, default=None,
                        help="write the generated region here and keep it")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="gunmane-bench-") as tmp:
        path = args.keep or Path(tmp) / "region.gunmane"
        summary, marks = _generate(path, args)
        core_rows = summary.assets + summary.inspections
        with Database.open(path, readonly=True, lock=False) as db:
            members = db.conn.execute("SELECT count(*) FROM inspection_members").fetchone()[0]
        size_mb = path.stat().st_size / 1e6
        floor_rows, floor_s = _floor(path, Path(tmp) / "floor.gunmane")

    gen_s = summary.seconds
    print(f"region: {args.towns} towns x {args.assets_per_town:,} assets, "
          f"inspections per asset: {args.inspections_per_asset or 'recipe cycles'}, "
          f"seed {args.seed}")
    print(f"rows: {summary.assets:,} assets, {summary.inspections:,} inspections, "
          f"{members:,} member findings, {summary.measures:,} measures; file {size_mb:,.0f} MB")
    rows_s = marks.get("rows", gen_s)
    status_s = marks.get("status", gen_s) - rows_s
    print(f"generate_region: {gen_s:.1f} s  (rows {rows_s:.1f} s, status refresh "
          f"{status_s:.1f} s, commit {gen_s - rows_s - status_s:.1f} s)")
    print(f"  assets+inspections: {core_rows / gen_s:,.0f} rows/s end to end; all rows "
          f"{(core_rows + members + summary.measures) / gen_s:,.0f} rows/s")
    print(f"floor (raw executemany of {floor_rows:,} asset+inspection tuples): {floor_s:.1f} s, "
          f"{floor_rows / floor_s:,.0f} rows/s")
    print(f"ratio generate/floor: {gen_s / floor_s:.1f}x the time "
          f"({(floor_rows / floor_s) / (core_rows / gen_s):.1f}x fewer rows/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
