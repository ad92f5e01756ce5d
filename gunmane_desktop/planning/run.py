"""One plan run: models, scenarios, the per-asset plan and the comparison, as plain data.

``make_plan`` is what the CLI calls and what the GUI will call on a worker: it takes an
open connection, a scope and options, reports progress, honours cancel, and returns a
PlanResult whose ``to_json()`` is the contract of ``gunmane plan --json``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..core.deterioration import PriorTable
from ..core.unit_costs import MEASURE_KIND, UnitCostTable, default_unit_costs
from ..storage.plan_decisions import read_decisions, read_overrides
from .models import GroupData, ModelSet, estimate_models, regional_scope, transition_counts
from .scenarios import (
    MEASURE_AT_GRADE,
    PREVENTIVE,
    REACTIVE,
    Commitments,
    PlanInputs,
    ScenarioResult,
    budget_constrained,
    build_inputs,
    simulate,
)
from .stock import Scope, Stock, load_stock

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]

GRADE_ORDER_NOTE = ("share lists are in severity order of each scale: index 0 = Ⅰ/A/a/劣化なし, "
                    "3 = Ⅳ/D/d/緊急度Ⅰ (Ⅲ-2 for pavement)")


@dataclass(slots=True)
class PlanOptions:
    start_fy: int
    years: int = 30
    budget_yen: int | None = None
    replications: int = 20
    seed: int = 2026
    pool_strength: float = 50.0
    #: asset id -> "remove" | "downsize" | "keep" (集約・撤去検討結果); only removal changes costs.
    decisions: dict[str, str] = field(default_factory=dict)
    #: asset id -> fiscal year of a decided removal (default: the first year of the plan).
    removal_years: dict[str, int] = field(default_factory=dict)
    #: (asset id, fiscal year) -> (measure, cost in 円): plan rows set by hand; measure
    #: "none" leaves the year without a measure.
    overrides: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)
    #: Add the decisions and overrides kept in the file (those given here win).
    stored_choices: bool = True


@dataclass(slots=True)
class PlanResult:
    scope: Scope
    options: PlanOptions
    inputs: PlanInputs
    models: ModelSet
    scenarios: list[ScenarioResult]
    plan_scenario: str
    unit_costs: UnitCostTable

    def scenario(self, name: str) -> ScenarioResult:
        return next(s for s in self.scenarios if s.spec.name == name)

    def plan_rows(self) -> list[dict]:
        """The per-asset, per-fiscal-year measures of the plan scenario (first replication).

        Rows the user chose are marked: a decided removal ``decided: true``, a row set by
        hand ``overridden: true`` (with its note; measure "none" = no measure that year).
        """
        s = self.scenario(self.plan_scenario)
        stock = self.inputs.stock
        start = self.inputs.start_fy
        rows = [{"asset_id": stock.ids[a], "fiscal_year": start + int(y),
                 "measure": MEASURE_AT_GRADE[int(g)], "kind": MEASURE_KIND[MEASURE_AT_GRADE[int(g)]],
                 "cost_yen": int(c)}
                for a, y, g, c in zip(s.plan_asset.tolist(), s.plan_year.tolist(),
                                      s.plan_grade.tolist(), s.plan_cost.tolist(), strict=True)]
        index = self._index
        for asset_id, fy in sorted(removal_years(self.options).items()):
            if asset_id in index and fy < start + self.options.years:
                rows.append({"asset_id": asset_id, "fiscal_year": fy, "measure": "removal",
                             "kind": "removal", "cost_yen": int(self.inputs.removal_cost[index[asset_id]]),
                             "decided": True})
        for (asset_id, fy), (measure, cost, note) in sorted(effective_overrides(self.options).items()):
            if asset_id in index:
                rows.append({"asset_id": asset_id, "fiscal_year": fy, "measure": measure,
                             "kind": MEASURE_KIND.get(measure), "cost_yen": int(cost),
                             "overridden": True, "note": note})
        rows.sort(key=lambda r: (r["fiscal_year"], r["asset_id"]))
        return rows

    def annual_plan_cost(self) -> dict[int, int]:
        """Fiscal year -> 円 of the plan scenario's rows (first replication): the sums of
        ``plan_rows`` by year, from the arrays (a council pack at 500,000 assets needs only
        these, and building a dict per row takes seconds)."""
        s = self.scenario(self.plan_scenario)
        start = self.inputs.start_fy
        totals = np.zeros(self.options.years, dtype=np.int64)
        np.add.at(totals, s.plan_year.astype(np.int64), s.plan_cost.astype(np.int64))
        out = {start + y: int(v) for y, v in enumerate(totals.tolist())}
        index = self._index
        for asset_id, fy in removal_years(self.options).items():
            if asset_id in index and fy < start + self.options.years:
                out[fy] = out.get(fy, 0) + int(self.inputs.removal_cost[index[asset_id]])
        for (asset_id, fy), (_measure, cost, _note) in effective_overrides(self.options).items():
            if asset_id in index:
                out[fy] = out.get(fy, 0) + int(cost)
        return out

    @property
    def _index(self) -> dict[str, int]:
        return {a: i for i, a in enumerate(self.inputs.stock.ids)}

    def comparison(self) -> dict:
        """Life-cycle cost of preventive against reactive over the horizon."""
        pre, rea = self.scenario("preventive"), self.scenario("reactive")
        saving = rea.life_cycle_cost - pre.life_cycle_cost
        return {
            "horizon_years": self.options.years,
            "preventive_lcc_yen": round(pre.life_cycle_cost),
            "reactive_lcc_yen": round(rea.life_cycle_cost),
            "preventive_saving_yen": round(saving),
            "preventive_saving_share":
                round(saving / rea.life_cycle_cost, 4) if rea.life_cycle_cost else None,
            "spend_only_saving_share": round((rea.total_cost - pre.total_cost) / rea.total_cost, 4)
            if rea.total_cost else None,
            "note": "LCC = spend over the horizon + cost of bringing every asset back to the best "
                    "grade at its end + value of service life used up (replacement cost x share of "
                    "life consumed, straight line); the same valuation for every scenario",
        }

    def to_json(self, *, with_models: bool = True) -> dict:
        stock = self.inputs.stock
        out = {
            "scope": {"org": self.scope.org, "sector": self.scope.sector,
                      "asset_type": self.scope.asset_type},
            "assets": len(stock),
            "assets_never_inspected": int(self.inputs.imputed.sum()),
            "assets_built_year_imputed": int(self.inputs.built_imputed.sum()),
            "start_fiscal_year": self.options.start_fy,
            "years": self.options.years,
            "replications": self.options.replications,
            "seed": self.options.seed,
            "unit_costs_are_defaults": self.unit_costs.is_default,
            "grade_order": GRADE_ORDER_NOTE,
            "scenarios": [s.to_json() for s in self.scenarios],
            "comparison": self.comparison(),
            "plan_scenario": self.plan_scenario,
            "plan": self.plan_rows(),
            "decisions": [{"asset_id": a, "decision": d,
                           "fiscal_year": removal_years(self.options).get(a)}
                          for a, d in sorted(self.options.decisions.items()) if a in self._index],
        }
        if with_models:
            out["models"] = self.models.summary()
        return out


def _second_connection(conn: sqlite3.Connection) -> sqlite3.Connection | None:
    """A read-only connection to the same file, or None (in-memory or temporary database)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    if not path:
        return None
    try:
        return sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True, check_same_thread=False)
    except sqlite3.Error:
        return None


def _counts_and_close(conn: sqlite3.Connection, scope: Scope, priors: PriorTable | None
                      ) -> dict[tuple[str, str], GroupData]:
    try:
        conn.execute("PRAGMA cache_size = -65536")
        return transition_counts(conn, scope, priors)
    finally:
        conn.close()


def read_register_and_history(conn: sqlite3.Connection, scope: Scope, priors: PriorTable | None = None
                              ) -> tuple[Stock, dict[tuple[str, str], GroupData] | None]:
    """The assets in scope and the transition counts of the region's history.

    The history query is SQLite's work (the GIL is released) and independent of the
    register read, so on a second read-only connection the two overlap on a two-core PC.
    The counts are None when no second connection can be opened (an in-memory database):
    estimate_models then reads them itself.
    """
    second = _second_connection(conn)
    if second is None:
        return load_stock(conn, scope), None
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(_counts_and_close, second, regional_scope(scope), priors)
        stock = load_stock(conn, scope)
        return stock, pending.result()


def removal_years(options: PlanOptions) -> dict[str, int]:
    """asset id -> fiscal year of each decided removal (not before the plan's first year)."""
    return {a: max(options.removal_years.get(a, options.start_fy), options.start_fy)
            for a, d in options.decisions.items() if d == "remove"}


def effective_overrides(options: PlanOptions) -> dict[tuple[str, int], tuple[str, int, str]]:
    """(asset id, fiscal year) -> (measure, cost, note) of the overrides the plan carries out:
    inside the horizon, and before the asset's decided removal (a removal wins)."""
    removed = removal_years(options)
    end = options.start_fy + options.years
    out = {}
    for (asset_id, fy), value in options.overrides.items():
        measure, cost, note = (*value, "")[:3]
        if options.start_fy <= fy < min(end, removed.get(asset_id, end)):
            out[(asset_id, fy)] = (measure, int(cost), note)
    return out


def with_stored_choices(conn: sqlite3.Connection, options: PlanOptions) -> PlanOptions:
    """``options`` with the decisions and overrides kept in the file added (given ones win).

    The returned options hold the merged choices and ``stored_choices=False``, so a result's
    options say exactly what the run carried out.
    """
    if not options.stored_choices:
        return options
    decisions = read_decisions(conn)
    overrides = read_overrides(conn)
    return replace(
        options, stored_choices=False,
        decisions={a: d.decision for a, d in decisions.items()} | options.decisions,
        removal_years={a: d.fiscal_year for a, d in decisions.items() if d.fiscal_year}
        | options.removal_years,
        overrides={k: (o.measure, o.cost_yen, o.note) for k, o in overrides.items()} | options.overrides)


def commitments_of(options: PlanOptions, inputs: PlanInputs) -> Commitments:
    """The options' removals and overrides as the arrays a scenario run carries out."""
    stock = inputs.stock
    index = {a: i for i, a in enumerate(stock.ids)}
    out = Commitments.none(len(stock), options.years)
    for asset_id, fy in removal_years(options).items():
        if asset_id in index:
            out.removal_t[index[asset_id]] = fy - options.start_fy
    rows = [(index[a], fy - options.start_fy, cost, measure != "none", measure == "replacement")
            for (a, fy), (measure, cost, _note) in sorted(effective_overrides(options).items()) if a in index]
    if rows:
        a, t, c, acts, renews = zip(*rows, strict=True)
        out = replace(out, ov_asset=np.array(a, dtype=np.int64), ov_t=np.array(t, dtype=np.int32),
                      ov_cost=np.array(c, dtype=np.int64), ov_acts=np.array(acts, dtype=bool),
                      ov_renews=np.array(renews, dtype=bool))
    return out


def make_plan(conn: sqlite3.Connection, scope: Scope, options: PlanOptions, *,
              unit_costs: UnitCostTable | None = None, priors: PriorTable | None = None,
              progress: Progress | None = None, cancel: Cancel | None = None) -> PlanResult:
    """Estimate the models, run preventive, reactive (and budget) scenarios, return the result.

    The user's decisions and plan rows set by hand (kept in the file, plus any given in
    ``options``) are carried out by every scenario; see ``scenarios.Commitments``.
    """
    unit_costs = unit_costs or default_unit_costs()
    options = with_stored_choices(conn, options)

    def report(fraction: float, message: str) -> None:
        if progress is not None:
            progress(fraction, message)

    report(0.0, "台帳と点検履歴を読み込んでいます")
    stock, data = read_register_and_history(conn, scope, priors)
    report(0.15, "劣化モデルを推定しています")
    models = estimate_models(conn, scope, priors=priors, pool_strength=options.pool_strength,
                             groups=set(zip(stock.owners, stock.groups, strict=True)), data=data)
    inputs = build_inputs(stock, models, unit_costs, start_fy=options.start_fy, years=options.years,
                          replications=options.replications, seed=options.seed)
    commitments = commitments_of(options, inputs)
    specs = [PREVENTIVE, REACTIVE]
    if options.budget_yen is not None:
        specs.append(budget_constrained(options.budget_yen))
    results = []
    for k, spec in enumerate(specs):
        def sub(fraction: float, message: str, k: int = k) -> None:
            report(0.2 + 0.8 * (k + fraction) / len(specs), message)
        results.append(simulate(inputs, spec, progress=sub, cancel=cancel, commitments=commitments))
    report(1.0, "計画を作成しました")
    return PlanResult(scope, options, inputs, models, results,
                      "budget" if options.budget_yen is not None else "preventive", unit_costs)
