"""The 計画 page: scenario settings, a plan run on a worker, the cost comparison and grade
forecast charts, the plan table, removal candidates, and the plan table as .xlsx.

The user's choices are kept in the file (``storage.plan_decisions``) and carried out by the
next run: a decision on a candidate (撤去 / 機能縮小 / 存続, from a fiscal year), a plan row
set by hand (year, measure, cost; marked in the table, the .xlsx and the PDF report) and
giving a row back to the engine. Each save is one undo step (``gui_change_context``); the
table shows the change at once and the costs follow when the plan is made again.

The run opens its own read-only connection to the file (as ``gunmane plan`` does), so the
simulation never shares the window's connection; the result is plain data handed back to
the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core.wareki import fiscal_year_of
from ..planning.candidates import Candidate, removal_candidates
from ..planning.plan_table import build_plan_table
from ..planning.run import PlanOptions, PlanResult, make_plan, removal_years
from ..planning.scenarios import MEASURE_AT_GRADE, PlanCancelled
from ..planning.stock import Scope
from ..planning.xlsx import write_plan_xlsx
from ..storage.database import Database
from ..storage.plan_decisions import PlanChoiceError, PlanDecision, PlanDecisionRepository, PlanOverride
from .background import BackgroundTask
from .catalogue_names import DEFAULT_LANGUAGE, sector_choices
from .editing import gui_change_context
from .exchange_preview import make_table
from .plan_choice_models import DecidedCandidateModel, MarkedPlanRow, MarkedPlanTableModel
from .plan_row_dialog import PlanRowDialog, RowChoice
from .planning_charts import CostChart, GradeShareChart

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #b00020;"
PLAN_PERIOD_YEARS = 10  # fiscal-year columns of the published plan table


@dataclass
class PlanOutcome:
    """What a run hands back to the page."""

    result: PlanResult
    candidates: list[Candidate]
    rows: list[MarkedPlanRow]
    org_names: dict[str, str]
    decisions: dict[str, tuple[str, int | None]] = field(default_factory=dict)


def run_plan(path: Path, scope: Scope, options: PlanOptions, progress, cancel) -> PlanOutcome:
    """Make the plan on a read-only connection of its own (worker side; no widgets)."""
    with Database.open(path, readonly=True, lock=False, quick_check=False) as db:
        result = make_plan(db.conn, scope, options, progress=progress, cancel=cancel)
        if not len(result.inputs.stock):
            return PlanOutcome(result, [], [], {})
        candidates = removal_candidates(result.inputs, result.scenario("preventive"), limit=100,
                                        include=result.options.decisions)
        plan = result.plan_rows()
        ids = sorted({r["asset_id"] for r in plan})
        details: dict[str, tuple[str, str, str]] = {}
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            for r in db.conn.execute(
                    "SELECT a.id, coalesce(o.name, a.owner), a.name, a.asset_type FROM assets a "
                    "LEFT JOIN organisations o ON o.code = a.owner "
                    f"WHERE a.id IN ({', '.join('?' * len(chunk))})", chunk):
                details[r[0]] = (r[1], r[2], r[3])
        names = {r[0]: r[1] for r in db.conn.execute(
            "SELECT code, name FROM organisations WHERE deleted = 0")}
    rows = [MarkedPlanRow(r["fiscal_year"], r["asset_id"],
                          *details.get(r["asset_id"], ("", r["asset_id"], "")), r["measure"], r["cost_yen"],
                          bool(r.get("overridden")), bool(r.get("decided")), r.get("note", ""))
            for r in plan]
    years = removal_years(result.options)
    decisions = {a: (d, years.get(a) if d == "remove" else result.options.removal_years.get(a))
                 for a, d in result.options.decisions.items()}
    return PlanOutcome(result, candidates, rows, names, decisions)


def export_xlsx(db_path: Path, outcome: PlanOutcome, out: Path) -> Path:
    """Write the published plan table and the scenario summary (worker side)."""
    with Database.open(db_path, readonly=True, lock=False, quick_check=False) as db:
        years = min(PLAN_PERIOD_YEARS, outcome.result.options.years)
        table = build_plan_table(db.conn, outcome.result, period_years=years,
                                 candidates=outcome.candidates)
        return write_plan_xlsx(out, table, outcome.result)


class PlanningPage(QWidget):
    """Long-life repair planning: what preventive maintenance saves, and the plan itself."""

    plan_made = Signal()
    """A plan run finished and its results are shown."""

    choice_saved = Signal(str)
    """A decision or a plan row set by hand was saved for this asset id (one undo step)."""

    def __init__(self, db: Database, parent: QWidget | None = None, *, load: bool = True,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._db = db
        self._language = language  # of the catalogue's names ("ja" or "en")
        self._task: BackgroundTask | None = None
        self.outcome: PlanOutcome | None = None
        self.org = QComboBox()
        self.sector = QComboBox()
        self.years = QSpinBox()
        self.years.setRange(10, 50)
        self.years.setValue(30)
        self.years.setSuffix(self.tr(" years"))
        self.use_budget = QCheckBox(self.tr("Compare with an annual budget"))
        self.use_budget.setChecked(True)
        self.budget = QSpinBox()
        self.budget.setRange(0, 2_000_000_000)
        self.budget.setSingleStep(10_000)
        self.budget.setValue(300_000)
        self.budget.setGroupSeparatorShown(True)
        self.budget.setSuffix(self.tr(" thousand yen / year"))
        self.use_budget.toggled.connect(self.budget.setEnabled)
        self.replications = QSpinBox()
        self.replications.setRange(1, 200)
        self.replications.setValue(20)
        self.run_button = QPushButton(self.tr("Make plan"))
        self.run_button.clicked.connect(self.run_plan)
        self.export_button = QPushButton(self.tr("Save plan table as .xlsx…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        self.summary = QLabel(self.tr("Choose the scope and press Make plan."))
        self.summary.setWordWrap(True)
        self.message = QLabel()
        self.message.setWordWrap(True)

        left = QFormLayout()
        left.addRow(self.tr("Organisation"), self.org)
        left.addRow(self.tr("Sector"), self.sector)
        left.addRow(self.tr("Horizon"), self.years)
        right = QFormLayout()
        right.addRow(self.use_budget, self.budget)
        right.addRow(self.tr("Simulation runs"), self.replications)
        buttons = QVBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        settings = QHBoxLayout()
        settings.addLayout(left, 1)
        settings.addLayout(right, 1)
        settings.addLayout(buttons)

        self.cost_chart = CostChart(y_label=self.tr("Cost (million yen)"), x_label=self.tr("Fiscal year"))
        self.share_scenario = QComboBox()
        self.share_scenario.currentIndexChanged.connect(self._show_shares)
        self.share_chart = GradeShareChart(y_label=self.tr("Share of assets (%)"),
                                           x_label=self.tr("Fiscal year"))
        shares = QWidget()
        shares_layout = QVBoxLayout(shares)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Scenario")))
        row.addWidget(self.share_scenario)
        row.addStretch(1)
        shares_layout.addLayout(row)
        shares_layout.addWidget(self.share_chart, 1)
        self.plan_model = MarkedPlanTableModel(self)
        self.plan_model.language = language
        self.plan_table = make_table(self.plan_model)
        self.plan_table.doubleClicked.connect(self._on_change_row_clicked)
        self.change_row_button = QPushButton(self.tr("Change row…"))
        self.change_row_button.clicked.connect(self._on_change_row_clicked)
        self.revert_row_button = QPushButton(self.tr("Give back to the plan"))
        self.revert_row_button.setToolTip(
            self.tr("Forget the change made by hand; the next plan decides again."))
        self.revert_row_button.clicked.connect(self._on_revert_row_clicked)
        plan_tab = QWidget()
        plan_layout = QVBoxLayout(plan_tab)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.change_row_button)
        row_buttons.addWidget(self.revert_row_button)
        row_buttons.addStretch(1)
        plan_layout.addLayout(row_buttons)
        plan_layout.addWidget(self.plan_table, 1)
        self.candidate_model = DecidedCandidateModel(self)
        self.candidate_model.language = language
        self.candidate_table = make_table(self.candidate_model)
        self.decision_choice = QComboBox()
        for key in ("remove", "downsize", "keep"):
            self.decision_choice.addItem(self.candidate_model.decision_text(key), key)
        self.decision_choice.addItem(self.tr("Withdraw the decision"), None)
        self.decision_year = QSpinBox()
        self.decision_year.setRange(2000, 2100)
        self.decision_year.setValue(fiscal_year_of(dt.date.today()) + 1)
        self.decision_year.setPrefix(self.tr("from FY "))
        self.decision_note = QLineEdit()
        self.decision_note.setPlaceholderText(self.tr("Note, e.g. detour via the town road"))
        self.decide_button = QPushButton(self.tr("Record decision"))
        self.decide_button.clicked.connect(self._on_decide_clicked)
        candidates_tab = QWidget()
        candidates_layout = QVBoxLayout(candidates_tab)
        decide_row = QHBoxLayout()
        decide_row.addWidget(QLabel(self.tr("Decision on the selected candidate")))
        decide_row.addWidget(self.decision_choice)
        decide_row.addWidget(self.decision_year)
        decide_row.addWidget(self.decision_note, 1)
        decide_row.addWidget(self.decide_button)
        candidates_layout.addLayout(decide_row)
        candidates_layout.addWidget(self.candidate_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.cost_chart, self.tr("Annual cost by scenario"))
        self.tabs.addTab(shares, self.tr("Expected grades"))
        self.tabs.addTab(plan_tab, self.tr("Plan table"))
        self.tabs.addTab(candidates_tab, self.tr("Removal and consolidation candidates"))

        layout = QVBoxLayout(self)
        layout.addLayout(settings)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        if load:  # the main window refreshes when the page is first shown
            self.refresh()

    @property
    def busy(self) -> bool:
        """True while a plan run or an export is under way."""
        return self._task is not None

    def refresh(self) -> None:
        """Re-read the organisations with assets (the results stay until the next run)."""
        current_org, current_sector = self.org.currentData(), self.sector.currentData()
        self.org.clear()
        self.org.addItem(self.tr("All organisations"), None)
        for r in self._db.conn.execute(
                "SELECT DISTINCT a.owner, coalesce(o.name, '') FROM assets a LEFT JOIN organisations o "
                "ON o.code = a.owner WHERE a.deleted = 0 ORDER BY a.owner"):
            self.org.addItem(f"{r[1]} ({r[0]})" if r[1] else r[0], r[0])
        self.org.setCurrentIndex(max(0, self.org.findData(current_org)))
        self.sector.clear()
        self.sector.addItem(self.tr("All sectors"), None)
        for sector_id, name in sector_choices(self._language):
            self.sector.addItem(name, sector_id)
        self.sector.setCurrentIndex(max(0, self.sector.findData(current_sector)))
        self._update_actions()

    def _update_actions(self) -> None:
        idle = self._task is None
        self.run_button.setEnabled(idle)
        self.export_button.setEnabled(idle and self.outcome is not None and bool(self.outcome.rows))
        has_plan = self.outcome is not None and bool(self.outcome.rows)
        self.change_row_button.setEnabled(has_plan)
        self.revert_row_button.setEnabled(has_plan)
        self.decide_button.setEnabled(self.outcome is not None and bool(self.outcome.candidates))

    def _start(self, task: BackgroundTask) -> None:
        self._task = task
        task.finished.connect(self._on_task_finished)
        self._update_actions()
        task.start()

    def _on_task_finished(self) -> None:
        self._task = None
        self._update_actions()

    def _say_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)

    # -- running ----------------------------------------------------------------------------
    def run_plan(self) -> None:
        """Run the scenarios for the chosen scope on a worker."""
        if self._task is not None:
            return
        scope = Scope(org=self.org.currentData(), sector=self.sector.currentData())
        options = PlanOptions(start_fy=fiscal_year_of(dt.date.today()) + 1, years=self.years.value(),
                              budget_yen=self.budget.value() * 1000 if self.use_budget.isChecked() else None,
                              replications=self.replications.value())
        path = self._db.path
        self.message.setText("")
        def work(progress, cancel):
            return run_plan(path, scope, options, progress, cancel)

        self._start(BackgroundTask(self, work, self.tr("Making the plan…"), cancellable=True)
                    .on_success(self._on_plan_made)
                    .on_failure(self._on_plan_failed))

    def _on_plan_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PlanCancelled):
            self._say_error(self.tr("Cancelled; nothing changed."))
            return
        log.error("plan run failed", exc_info=exc)
        self._say_error(self.tr("The plan could not be made: %1").replace("%1", " ".join(str(exc).split())))

    def scenario_label(self, name: str, budget_yen: int | None) -> str:
        """The translated name of a scenario."""
        if name == "preventive":
            return self.tr("Preventive (repair at Ⅱ)")
        if name == "reactive":
            return self.tr("Reactive (renew at Ⅳ)")
        return self.tr("Budget %1 thousand yen/year").replace("%1", f"{round((budget_yen or 0) / 1000):,}")

    def _on_plan_made(self, outcome: PlanOutcome) -> None:
        self.outcome = outcome
        result = outcome.result
        if not len(result.inputs.stock):
            self.summary.setText(self.tr("No assets in service in this scope."))
            self.plan_model.set_rows([])
            self.candidate_model.set_rows([])
            self.cost_chart.set_data([], [])
            self.share_chart.set_data([], np.zeros((0, 4)), [])
            return
        o = result.options
        fys = list(range(o.start_fy, o.start_fy + o.years))
        self.cost_chart.set_data(fys, [(s.spec.name, self.scenario_label(s.spec.name, s.spec.budget_yen),
                                        s.annual_cost.mean(axis=0)) for s in result.scenarios])
        current = self.share_scenario.currentData()
        self.share_scenario.blockSignals(True)
        self.share_scenario.clear()
        for s in result.scenarios:
            self.share_scenario.addItem(self.scenario_label(s.spec.name, s.spec.budget_yen), s.spec.name)
        self.share_scenario.setCurrentIndex(max(0, self.share_scenario.findData(current)))
        self.share_scenario.blockSignals(False)
        self._show_shares()
        self.plan_model.set_rows(outcome.rows)
        self.plan_table.resizeColumnsToContents()
        self.candidate_model.set_candidates(outcome.candidates, outcome.org_names, outcome.decisions)
        self.decision_year.setValue(o.start_fy)
        self.candidate_table.resizeColumnsToContents()
        self.summary.setText(self._summary_text(result, len(outcome.rows), len(outcome.candidates)))
        self.plan_made.emit()

    def _summary_text(self, result: PlanResult, measures: int, candidates: int) -> str:
        c = result.comparison()
        o = result.options
        oku = lambda yen: f"{yen / 1e6:,.0f}"  # noqa: E731 (million yen, as on the chart)
        text = self.tr("%1 assets over %2 years. Life-cycle cost: preventive %3 million yen, "
                       "reactive %4 million yen.") \
            .replace("%1", f"{len(result.inputs.stock):,}").replace("%2", str(o.years)) \
            .replace("%3", oku(c["preventive_lcc_yen"])).replace("%4", oku(c["reactive_lcc_yen"]))
        saving = c["preventive_saving_yen"]
        share = c["preventive_saving_share"]
        if share is not None and saving >= 0:
            text += " " + self.tr("Preventive maintenance saves %1 million yen (%2%).").replace(
                "%1", oku(saving)).replace("%2", f"{share * 100:.0f}")
        elif share is not None:
            text += " " + self.tr("Preventive maintenance costs %1 million yen more here.").replace(
                "%1", oku(-saving))
        plan = result.scenario(result.plan_scenario).spec
        text += " " + self.tr("The plan table follows %3: %1 measures; removal candidates: %2.").replace(
            "%1", f"{measures:,}").replace("%2", f"{candidates:,}").replace(
            "%3", self.scenario_label(plan.name, plan.budget_yen))
        text += self._budget_warnings(result)
        if result.unit_costs.is_default:
            text += " " + self.tr("Unit costs and service lives are the defaults (rough estimates).")
        return text.replace("。 ", "。")  # Japanese sentences run on without spaces

    def _budget_warnings(self, result: PlanResult) -> str:
        """What the budget scenario could not do, said rather than hidden: the years in which
        the user's own choices alone exceed the budget, and the measures still waiting at the end."""
        if result.options.budget_yen is None:
            return ""
        budget = result.scenario("budget")
        text = ""
        over = budget.extra.get("committed_over_budget_yen", {})
        if over:
            worst_fy, worst = max(over.items(), key=lambda kv: kv[1])
            text += " ⚠ " + self.tr(
                "Your own decisions and changed rows exceed the budget in %1 fiscal year(s) (most: "
                "%2 million yen over in FY%3); nothing else is funded in those years.").replace(
                "%1", str(len(over))).replace("%2", f"{worst / 1e6:,.0f}").replace("%3", worst_fy)
        if budget.unfunded_last_year:
            text += " ⚠ " + self.tr("Under this budget %1 assets still wait for a measure in the last "
                                    "year.").replace("%1", f"{budget.unfunded_last_year:,}")
        return text

    def _show_shares(self) -> None:
        if self.outcome is None or not len(self.outcome.result.inputs.stock):
            return
        name = self.share_scenario.currentData() or self.outcome.result.plan_scenario
        s = self.outcome.result.scenario(name)
        years = s.shares.shape[1]
        fys = list(range(s.start_fy, s.start_fy + years))
        names = [self.tr("Ⅰ sound"), self.tr("Ⅱ preventive stage"), self.tr("Ⅲ early action"),
                 self.tr("Ⅳ urgent")]
        self.share_chart.set_data(fys, s.shares.mean(axis=0), names)

    # -- export ---------------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save plan table"), "長寿命化修繕計画.xlsx",
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.export_to(path)

    def export_to(self, path: str | Path) -> None:
        """Write the plan table of the last run to ``path`` (.xlsx) on a worker."""
        if self.outcome is None or self._task is not None:
            return
        outcome, db_path, out = self.outcome, self._db.path, Path(path)

        def done(written: Path) -> None:
            self.message.setStyleSheet("color: #1b5e20;")
            self.message.setText(self.tr("Saved %1.").replace("%1", str(written)))

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, OSError):
                log.error("plan export failed", exc_info=exc)
            self._say_error(self.tr("Not saved: %1").replace("%1", " ".join(str(exc).split())))

        self._start(BackgroundTask(self, lambda _p, _c: export_xlsx(db_path, outcome, out),
                    self.tr("Writing the plan table…"), cancellable=False)
                    .on_success(done)
                    .on_failure(failed))

    # -- the user's choices -------------------------------------------------------------------
    def _owner_code(self, asset_id: str) -> str:
        row = self._db.conn.execute("SELECT owner FROM assets WHERE id = ?", (asset_id,)).fetchone()
        return row[0] if row else ""

    def _say_kept(self, text: str) -> None:
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.setText(text + " " + self.tr("Make the plan again to see the costs with it."))

    def _on_decide_clicked(self) -> None:
        rows = self.candidate_table.selectionModel().selectedRows()
        if not rows:
            self._say_error(self.tr("Select a candidate first."))
            return
        self.decide(rows[0].row(), self.decision_choice.currentData(), self.decision_year.value(),
                    self.decision_note.text().strip())

    def decide(self, row: int, decision: str | None, fiscal_year: int | None = None, note: str = "") -> bool:
        """Keep ``decision`` (remove / downsize / keep; None withdraws) on candidate ``row``."""
        candidate: Candidate | None = self.candidate_model.row_data(row)
        if candidate is None or self.outcome is None:
            return False
        repo = PlanDecisionRepository(self._db)
        ctx = gui_change_context(self._db, self._owner_code(candidate.asset_id))
        year = fiscal_year if decision in ("remove", "downsize") else None
        try:
            if decision is None:
                repo.withdraw(ctx, candidate.asset_id)
                self.outcome.decisions.pop(candidate.asset_id, None)
            else:
                repo.decide(ctx, PlanDecision(candidate.asset_id, decision, year, note, candidate.saving_yen))
                self.outcome.decisions[candidate.asset_id] = (decision, year)
        except PlanChoiceError as exc:
            self._say_error(str(exc))
            return False
        self.candidate_model.set_decisions(self.outcome.decisions)
        self._say_kept(self.tr("Decision on %1 kept.").replace("%1", candidate.name))
        self.choice_saved.emit(candidate.asset_id)
        return True

    def _selected_plan_row(self) -> int | None:
        rows = self.plan_table.selectionModel().selectedRows() if self.plan_table.selectionModel() else []
        if not rows:
            self._say_error(self.tr("Select a row of the plan first."))
            return None
        return rows[0].row()

    def _on_change_row_clicked(self, *_args) -> None:
        row = self._selected_plan_row()
        if row is None or self.outcome is None:
            return
        r: MarkedPlanRow = self.plan_model.row_data(row)
        if r.measure == "removal":
            self._say_error(self.tr("A removal follows the decision on the candidate; change it there."))
            return
        o = self.outcome.result.options
        dialog = PlanRowDialog(r.name, r.fiscal_year, r.measure, r.cost_yen, first_year=o.start_fy,
                               last_year=o.start_fy + o.years - 1, prices=self._prices(r.asset_id),
                               measure_names={m: self.plan_model.measure_text(m)
                                              for m in ("none", *MEASURE_AT_GRADE[1:])}, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_plan_row(row, dialog.choice())

    def _prices(self, asset_id: str) -> dict[str, int]:
        """The unit-cost table's price of each measure for this asset, for the dialog."""
        assert self.outcome is not None
        inputs = self.outcome.result.inputs
        try:
            i = inputs.stock.ids.index(asset_id)
        except ValueError:
            return {}
        return {m: int(inputs.costs[i, g]) for g, m in enumerate(MEASURE_AT_GRADE) if m}

    def set_plan_row(self, row: int, choice: RowChoice) -> bool:
        """Keep plan row ``row`` as set by hand (moving it if the fiscal year changed)."""
        r: MarkedPlanRow | None = self.plan_model.row_data(row)
        if r is None:
            return False
        ctx = gui_change_context(self._db, self._owner_code(r.asset_id))
        moved_from = r.fiscal_year if choice.fiscal_year != r.fiscal_year else None
        try:
            PlanDecisionRepository(self._db).set_row(
                ctx, PlanOverride(r.asset_id, choice.fiscal_year, choice.measure, choice.cost_yen,
                                  choice.note), from_year=moved_from)
        except PlanChoiceError as exc:
            self._say_error(str(exc))
            return False
        self.plan_model.replace_row(row, MarkedPlanRow(
            choice.fiscal_year, r.asset_id, r.owner, r.name, r.asset_type, choice.measure, choice.cost_yen,
            overridden=True, note=choice.note))
        self._say_kept(self.tr("Plan row of %1 kept as set by hand.").replace("%1", r.name))
        self.choice_saved.emit(r.asset_id)
        return True

    def _on_revert_row_clicked(self) -> None:
        row = self._selected_plan_row()
        if row is not None:
            self.revert_plan_row(row)

    def revert_plan_row(self, row: int) -> bool:
        """Give plan row ``row`` back to the engine (forget the change made by hand)."""
        r: MarkedPlanRow | None = self.plan_model.row_data(row)
        if r is None:
            return False
        if not r.overridden:
            self._say_error(self.tr("This row was not changed by hand."))
            return False
        ctx = gui_change_context(self._db, self._owner_code(r.asset_id))
        if not PlanDecisionRepository(self._db).revert(ctx, r.asset_id, r.fiscal_year):
            self._say_error(self.tr("This row was not changed by hand."))
            return False
        self.plan_model.replace_row(row, MarkedPlanRow(
            r.fiscal_year, r.asset_id, r.owner, r.name, r.asset_type, r.measure, r.cost_yen,
            note=self.tr("given back to the plan")))
        self._say_kept(self.tr("Plan row of %1 given back to the plan.").replace("%1", r.name))
        self.choice_saved.emit(r.asset_id)
        return True

    def refresh_choices(self) -> None:
        """Re-read the decisions kept in the file (after an undo or an exchange import)."""
        if self.outcome is None:
            return
        self.outcome.decisions = {a: (d.decision, d.fiscal_year)
                                  for a, d in PlanDecisionRepository(self._db).decisions().items()}
        self.candidate_model.set_decisions(self.outcome.decisions)
