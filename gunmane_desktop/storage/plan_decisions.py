"""The user's choices in the long-life repair plan: candidate decisions and plan-row overrides.

A decision says what the town decided about a consolidation / removal candidate (撤去,
機能縮小, 存続) and from which fiscal year; an override is one plan row (asset, fiscal year)
set by hand: the measure (or ``none``: nothing that year) and its cost. The planning engine
reads both (``planning.choices``) so they appear in the plan, its .xlsx and the PDF report.

Every write goes through a ChangeContext like the other repositories: stamped for the
exchange (the row's owner is the asset's owner), audited in the same transaction, and, from
the GUI, one undo step per save. Rows are never deleted: withdrawing a decision or
reverting an override tombstones the row, so the exchange carries the withdrawal too.
Concurrent saves at two sites may leave two live rows for one asset (and year); the one
with the newest clock reading is the one that counts, here and in the engine.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from ..core.wareki import format_fiscal_year
from .changes import ChangeContext
from .database import Database, utc_now
from .sqlhelpers import insert_row, update_row, write

DECISIONS = ("remove", "downsize", "keep")
DECISION_JA = {"remove": "撤去", "downsize": "機能縮小", "keep": "存続"}
#: Measures a plan row may be set to; ``none`` clears the engine's measure for that year.
OVERRIDE_MEASURES = ("none", "preventive_repair", "corrective_repair", "replacement")
MEASURE_JA = {"none": "措置なし", "preventive_repair": "予防保全型修繕",
              "corrective_repair": "事後保全型修繕", "replacement": "更新"}

_ROW = "asset_id = ? AND fiscal_year = ?"


class PlanChoiceError(ValueError):
    """A decision or override that cannot be kept; the message says why, in Japanese."""


@dataclass(frozen=True, slots=True)
class PlanDecision:
    """What the town decided about one candidate, from which fiscal year (None: the plan's first)."""

    asset_id: str
    decision: str
    fiscal_year: int | None = None
    note: str = ""
    saving_yen: int | None = None
    decided_by: str = ""
    decided_at: str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class PlanOverride:
    """One plan row set by hand: this measure at this cost in this fiscal year."""

    asset_id: str
    fiscal_year: int
    measure: str
    cost_yen: int
    note: str = ""
    id: str = ""


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_schema WHERE name = 'plan_overrides'").fetchone() is not None


def read_decisions(conn: sqlite3.Connection) -> dict[str, PlanDecision]:
    """asset id -> the decision in force (newest live row per asset); {} before schema 6."""
    if not _has_tables(conn):
        return {}
    out: dict[str, PlanDecision] = {}
    for r in conn.execute("SELECT asset_id, decision, fiscal_year, note, saving_yen, decided_by, "
                          "decided_at, id FROM plan_decisions WHERE deleted = 0 ORDER BY hlc"):
        out[r[0]] = PlanDecision(*r)
    return out


def read_overrides(conn: sqlite3.Connection) -> dict[tuple[str, int], PlanOverride]:
    """(asset id, fiscal year) -> the override in force; {} before schema 6."""
    if not _has_tables(conn):
        return {}
    out: dict[tuple[str, int], PlanOverride] = {}
    for r in conn.execute("SELECT asset_id, fiscal_year, measure, cost_yen, note, id "
                          "FROM plan_overrides WHERE deleted = 0 ORDER BY hlc"):
        out[(r[0], r[1])] = PlanOverride(*r)
    return out


class PlanDecisionRepository:
    """Keeps decisions and overrides; each public write is one transaction (one undo step)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading --------------------------------------------------------------------------
    def decisions(self) -> dict[str, PlanDecision]:
        return read_decisions(self.db.conn)

    def overrides(self) -> dict[tuple[str, int], PlanOverride]:
        return read_overrides(self.db.conn)

    # -- decisions ------------------------------------------------------------------------
    def decide(self, ctx: ChangeContext, decision: PlanDecision) -> PlanDecision:
        """Record (or change) the decision about ``decision.asset_id``."""
        if decision.decision not in DECISIONS:
            raise PlanChoiceError(f"決定は {'・'.join(DECISIONS)} のいずれかです: {decision.decision}")
        with write(self.db.conn) as conn:
            owner, name = self._asset(conn, decision.asset_id)
            values = {"asset_id": decision.asset_id, "decision": decision.decision,
                      "fiscal_year": decision.fiscal_year, "saving_yen": decision.saving_yen,
                      "note": decision.note, "decided_by": ctx.actor, "decided_at": utc_now()}
            when = f" ({format_fiscal_year(decision.fiscal_year)}から)" if decision.fiscal_year else ""
            summary = f"「{name}」の集約・撤去検討結果: {DECISION_JA[decision.decision]}{when}"
            row = self._live(conn, "plan_decisions", "asset_id = ?", (decision.asset_id,))
            if row is None:
                row_id = ctx.new_id()
                insert_row(conn, "plan_decisions", row_id, owner, ctx.stamp(), values)
                ctx.audit("plan_decisions", row_id, "insert", summary)
            else:
                row_id = row["id"]
                changes = {k: (row[k], v) for k, v in values.items()
                           if row[k] != v and k not in ("decided_by", "decided_at")}
                if not changes:
                    return read_decisions(conn)[decision.asset_id]
                update_row(conn, "plan_decisions", row_id, ctx.stamp(row["vv"]), values)
                ctx.audit("plan_decisions", row_id, "update", summary, changes)
        return self.decisions()[decision.asset_id]

    def withdraw(self, ctx: ChangeContext, asset_id: str) -> bool:
        """Withdraw the decision about ``asset_id`` (a tombstone); False if there was none."""
        with write(self.db.conn) as conn:
            row = self._live(conn, "plan_decisions", "asset_id = ?", (asset_id,))
            if row is None:
                return False
            _owner, name = self._asset(conn, asset_id)
            update_row(conn, "plan_decisions", row["id"], ctx.stamp(row["vv"]), {"deleted": 1})
            ctx.audit("plan_decisions", row["id"], "tombstone", f"「{name}」の集約・撤去検討結果を取り消し",
                      {"deleted": (0, 1)})
        return True

    # -- overrides ------------------------------------------------------------------------
    def set_row(self, ctx: ChangeContext, override: PlanOverride, *, from_year: int | None = None
                ) -> PlanOverride:
        """Set the plan row of ``override.asset_id`` in ``override.fiscal_year``.

        ``from_year`` is the fiscal year the row was in when the user moved it: that year is
        then set to ``none`` (no measure) in the same transaction, so a moved row is one
        save and one undo step.
        """
        if override.measure not in OVERRIDE_MEASURES:
            raise PlanChoiceError(f"対策内容が不明です: {override.measure}")
        if override.cost_yen < 0:
            raise PlanChoiceError("概算事業費は 0 円以上で入力してください")
        if override.measure == "none" and override.cost_yen:
            raise PlanChoiceError("措置なしの年度に事業費は入力できません")
        with write(self.db.conn) as conn:
            self._set(ctx, conn, override)
            if from_year is not None and from_year != override.fiscal_year:
                self._set(ctx, conn, PlanOverride(override.asset_id, from_year, "none", 0,
                                                  f"{format_fiscal_year(override.fiscal_year)}へ移動"))
        return self.overrides()[(override.asset_id, override.fiscal_year)]

    def _set(self, ctx: ChangeContext, conn: sqlite3.Connection, o: PlanOverride) -> None:
        owner, name = self._asset(conn, o.asset_id)
        values = {"asset_id": o.asset_id, "fiscal_year": o.fiscal_year, "measure": o.measure,
                  "cost_yen": int(o.cost_yen), "note": o.note}
        summary = (f"「{name}」の計画 {format_fiscal_year(o.fiscal_year)}を変更: {MEASURE_JA[o.measure]}"
                   f" {o.cost_yen // 1000:,} 千円")
        row = self._live(conn, "plan_overrides", _ROW, (o.asset_id, o.fiscal_year))
        if row is None:
            row_id = ctx.new_id()
            insert_row(conn, "plan_overrides", row_id, owner, ctx.stamp(), values)
            ctx.audit("plan_overrides", row_id, "insert", summary)
            return
        changes = {k: (row[k], v) for k, v in values.items() if row[k] != v}
        if changes:
            update_row(conn, "plan_overrides", row["id"], ctx.stamp(row["vv"]), values)
            ctx.audit("plan_overrides", row["id"], "update", summary, changes)

    def revert(self, ctx: ChangeContext, asset_id: str, fiscal_year: int) -> bool:
        """Give the row back to the engine (tombstone the override); False if there was none."""
        with write(self.db.conn) as conn:
            row = self._live(conn, "plan_overrides", _ROW, (asset_id, fiscal_year))
            if row is None:
                return False
            _owner, name = self._asset(conn, asset_id)
            update_row(conn, "plan_overrides", row["id"], ctx.stamp(row["vv"]), {"deleted": 1})
            ctx.audit("plan_overrides", row["id"], "tombstone",
                      f"「{name}」の計画 {format_fiscal_year(fiscal_year)}の変更を取り消し",
                      {"deleted": (0, 1)})
        return True

    # -- helpers --------------------------------------------------------------------------
    @staticmethod
    def _asset(conn: sqlite3.Connection, asset_id: str) -> tuple[str, str]:
        row = conn.execute("SELECT owner, name FROM assets WHERE id = ? AND deleted = 0",
                           (asset_id,)).fetchone()
        if row is None:
            raise PlanChoiceError(f"施設 {asset_id} は台帳にありません")
        return row[0], row[1]

    @staticmethod
    def _live(conn: sqlite3.Connection, table: str, where: str, params: tuple) -> sqlite3.Row | None:
        return conn.execute(f"SELECT * FROM {table} WHERE {where} AND deleted = 0 ORDER BY hlc DESC LIMIT 1",
                            params).fetchone()
