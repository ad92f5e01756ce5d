"""generate_region: build a demo or benchmark region into a new 群マネ file.

The entry point the CLI and the GUI call. It plans the region from the recipe (or the scale
arguments), creates the file, writes organisations, assets, inspection histories, member
findings and measures in one transaction, refreshes the derived asset status, and returns
a summary. The seed fixes every byte of content: ids, stamps and dates come from a seeded
generator and a fake clock, never from the wall clock.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..storage.database import Database
from ..storage.status import refresh_asset_status
from . import names, writer
from .deterioration import load_models
from .errors import GenerationCancelled
from .history import Batch, HistoryMaker
from .recipe import RegionPlan, load_recipe, plan_region
from .stamps import DemoClock
from .stock import ASSET_TYPES, OwnerStock, year_spellings

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

_TYPE_JA = {"bridge": "橋梁", "tunnel": "トンネル", "footbridge": "横断歩道橋",
            "sign_gantry": "門型標識", "shed_culvert": "シェッド・カルバート",
            "pavement": "舗装", "sewer": "下水道管渠", "park": "公園施設", "river": "河川施設"}


@dataclass(frozen=True, slots=True)
class RegionSummary:
    path: Path
    organisations: int
    assets: int
    inspections: int
    measures: int
    seconds: float


class _Reporter:
    """Throttles progress calls and checks for cancel between chunks."""

    def __init__(self, progress: Progress | None, cancel: Cancel | None, total: int,
                 path: Path) -> None:
        self._progress = progress
        self._cancel = cancel
        self._total = max(total, 1)
        self._path = path
        self._last = -1.0

    def step(self, fraction: float, message: str, *, force: bool = False) -> None:
        if self._cancel is not None and self._cancel():
            raise GenerationCancelled(self._path)
        if self._progress is not None and (force or fraction - self._last >= 0.01):
            self._last = fraction
            self._progress(min(max(fraction, 0.0), 1.0), message)

    def assets(self, done: int, message: str) -> None:
        # Assets and their histories are most of the work; the status refresh the rest.
        self.step(0.02 + 0.88 * done / self._total, message)


def _staff(plan: RegionPlan, seed: int) -> dict[str, tuple[str, ...]]:
    """A few inspector names per organisation, fixed by the seed."""
    rng = random.Random(f"gunmane-demo-staff:{seed}")
    return {o.code: tuple(names.person(rng) for _ in range(4)) for o in plan.organisations}


def generate_region(path: Path | str, *, towns: int | None = None,
                    assets_per_town: int | None = None,
                    inspections_per_asset: int | None = None, seed: int = 2026,
                    progress: Progress | None = None,
                    cancel: Cancel | None = None) -> RegionSummary:
    """Create a demo region in a new file at ``path`` (an existing file is never touched).

    With no size arguments the region of resources/demo/region.json is made: a prefecture
    office, four towns and their contractors. ``towns`` / ``assets_per_town`` switch to
    scale mode (N invented towns of exactly that many assets each); ``inspections_per_asset``
    asks for about that many inspections per asset instead of the recipe's cycles.
    ``progress(fraction, message)`` is called now and then; when ``cancel()`` returns True
    the work is rolled back, the file deleted and GenerationCancelled raised.
    """
    started = time.perf_counter()
    path = Path(path)
    recipe = load_recipe()
    plan = plan_region(recipe, towns=towns, assets_per_town=assets_per_town,
                       inspections_per_asset=inspections_per_asset, seed=seed)
    models = load_models(recipe)
    spellings = year_spellings()
    reporter = _Reporter(progress, cancel, plan.total_assets, path)
    reporter.step(0.0, "デモ地域を準備しています", force=True)
    db = Database.create(path)
    try:
        conn = db.conn
        writer.prepare_bulk(conn)
        conn.execute("BEGIN IMMEDIATE")
        clock = DemoClock(plan.as_of, seed)
        conn.executemany(writer.ORGANISATION_SQL,
                         writer.organisation_rows(plan.organisations, clock))
        staff = _staff(plan, seed)
        batch = Batch()
        counts = writer.RowCounts()
        made = 0
        for owner in plan.owners:
            # One stream per owner: a town's data does not change when another is edited.
            rng = random.Random(f"gunmane-demo:{seed}:{owner.code}")
            history = HistoryMaker(plan, owner, models, clock, batch, staff, rng)
            stock = OwnerStock(owner, recipe, clock, batch, history, rng, spellings)
            for type_id in ASSET_TYPES:
                n = owner.counts.get(type_id, 0)
                before = made
                for done in stock.make(type_id, n):
                    writer.flush(conn, batch, counts)
                    made = before + done
                    reporter.assets(made, f"{owner.name}の{_TYPE_JA[type_id]}を作成しています")
        reporter.step(0.9, "施設の状態を集計しています", force=True)
        refresh_asset_status(conn)
        reporter.step(0.98, "仕上げています", force=True)
        actor = f"{plan.prefecture}:demo"
        writer.write_meta(conn, {
            "site_org": plan.prefecture, "region_name": plan.region_name,
            "demo_seed": str(seed), "as_of": plan.as_of.isoformat(),
            "hlc_high": clock.hlc(plan.prefecture),
        })
        summary = (f"デモ地域「{plan.region_name}」を作成 (seed {seed}): "
                   f"団体 {len(plan.organisations):,}、施設 {counts.assets:,}、"
                   f"点検 {counts.inspections:,}、措置 {counts.measures:,}")
        writer.write_audit(conn, clock.now_iso(), actor, summary, {
            "assets": [0, counts.assets], "demo_seed": [None, seed],
            "inspections": [0, counts.inspections], "measures": [0, counts.measures],
            "organisations": [0, len(plan.organisations)],
        })
        reporter.step(0.99, "保存しています", force=True)
        conn.execute("COMMIT")
        writer.finish_bulk(conn)
    except BaseException:
        writer.discard(db, path)
        raise
    db.close()
    if progress is not None:
        progress(1.0, "デモ地域を作成しました")
    return RegionSummary(path=path, organisations=len(plan.organisations), assets=counts.assets,
                         inspections=counts.inspections, measures=counts.measures,
                         seconds=time.perf_counter() - started)
