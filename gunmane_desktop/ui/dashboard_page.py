"""The ダッシュボード page: the region's state at a glance, for the staffer and the council.

Four charts and a list, all from ``storage.analytics`` so the PDF reports print the same
numbers: grades per organisation (one grade scale at a time, since Ⅰ means "sound" on one
scale and "severe" on another), assets by age with unknown construction years as their own
grey bar, inspections done / pending / overdue per fiscal year, the share of Ⅲ/Ⅳ assets
of each inspection cycle whose measures have started and completed, and the most urgent
assets. Clicking a grade bar asks for the register filtered to that organisation and grade.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.cycles import STATUTORY_CYCLES
from ..core.wareki import format_fiscal_year
from ..storage import analytics as an
from ..storage import register_query as rq
from ..storage.register_query import NOT_INSPECTED, RegisterFilter
from .catalogue_names import DEFAULT_LANGUAGE, grade_text, localised
from .dashboard_charts import BarChart, BarSeries
from .display import date_text
from .grade_colours import grade_background, grade_foreground
from .read_worker import ReadQuery, asset_capacity, database_file
from .row_list_model import RowListModel

NOT_INSPECTED_COLOUR = "#bdbdbd"
UNKNOWN_YEAR_COLOUR = "#9e9e9e"
AGE_COLOUR = "#5c7fa3"
DONE_COLOUR, PENDING_COLOUR, OVERDUE_COLOUR = "#4e8f57", "#6f9fd8", "#c62828"
STARTED_COLOUR, COMPLETED_COLOUR = "#e08a1e", "#4e8f57"
URGENT_LIMIT = 50

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class GradeGroup:
    """Asset types graded on one scale within a sector: what one grade chart shows."""

    label: str
    sector: str
    scale_id: str
    type_ids: tuple[str, ...]
    asset_type: str | None  # set when the group is a single type of a mixed sector


def grade_groups(types: Sequence[rq.TypeChoice], language: str = DEFAULT_LANGUAGE) -> list[GradeGroup]:
    """Group the file's asset types by sector and scale (道路構造物 and 舗装 apart), named
    in the UI language."""
    by_sector: dict[str, list[rq.TypeChoice]] = {}
    for t in types:
        by_sector.setdefault(t.sector_id, []).append(t)
    groups = []
    for sector, members in by_sector.items():
        scales = list(dict.fromkeys(t.scale_id for t in members))
        for scale in scales:
            of_scale = [t for t in members if t.scale_id == scale]
            single = len(scales) > 1 and len(of_scale) == 1
            names = [localised(t.name_ja, t.name_en, language) for t in of_scale]
            if len(scales) == 1:
                label = localised(members[0].sector_ja, members[0].sector_en, language)
            elif single:
                label = names[0]
            elif language == "en":
                label = ", ".join(names[:2]) + (" etc." if len(names) > 2 else "")
            else:
                label = "・".join(names[:2]) + ("等" if len(names) > 2 else "")
            groups.append(GradeGroup(label, sector, scale, tuple(t.id for t in of_scale),
                                     of_scale[0].id if single else None))
    return groups


class UrgentItemsModel(RowListModel):
    """The most urgent assets: action required and no measure started, worst first."""

    COL_GRADE, COL_OWNER, COL_TYPE, COL_NAME, COL_INSPECTED, COL_MEASURE, COL_EMERGENCY = range(7)
    COLUMN_COUNT = 7
    AssetIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, type_names: dict[str, str], grade_levels: dict[tuple[str, str], int],
                 parent=None) -> None:
        super().__init__(parent)
        self._rows: list[an.UrgentItem] = []
        self._type_names = type_names
        self._levels = grade_levels
        self._headers = (self.tr("Grade"), self.tr("Owner"), self.tr("Type"), self.tr("Name"),
                         self.tr("Inspected on"), self.tr("Measures"), self.tr("Emergency route"))
        self._states = {"none": self.tr("Not started"), "planned": self.tr("Planned only")}
        self._yes = self.tr("Yes")

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        column = index.column()
        if role == self.AssetIdRole:
            return r.asset_id
        if column == self.COL_GRADE and role in (Qt.ItemDataRole.BackgroundRole,
                                                 Qt.ItemDataRole.ForegroundRole):
            level = self._levels.get((r.asset_type, r.grade_symbol))
            return (grade_background(level) if role == Qt.ItemDataRole.BackgroundRole
                    else grade_foreground(level))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.COL_GRADE,
                                                                   self.COL_EMERGENCY):
            return Qt.AlignmentFlag.AlignCenter
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        match column:
            case self.COL_GRADE:
                return r.grade_symbol
            case self.COL_OWNER:
                return r.owner_name
            case self.COL_TYPE:
                return self._type_names.get(r.asset_type, r.asset_type)
            case self.COL_NAME:
                return f"{r.name} ({r.route})" if r.route and r.route not in r.name else r.name
            case self.COL_INSPECTED:
                return date_text(dt.date.fromisoformat(r.last_inspected_on))
            case self.COL_MEASURE:
                return self._states.get(r.measure_state, r.measure_state)
            case self.COL_EMERGENCY:
                return self._yes if r.emergency_route else ""
        return None

    def asset_id_at(self, row: int) -> str | None:
        return self._rows[row].asset_id if 0 <= row < len(self._rows) else None


def _panel(title: str, body: QWidget, caption: QLabel | None = None) -> QFrame:
    frame = QFrame()
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(8, 6, 8, 6)
    heading = QLabel(title)
    font = heading.font()
    font.setBold(True)
    heading.setFont(font)
    layout.addWidget(heading)
    layout.addWidget(body, 1)
    if caption is not None:
        caption.setWordWrap(True)
        caption.setStyleSheet("color: #454545;")
        layout.addWidget(caption)
    return frame


@dataclass(frozen=True, slots=True)
class DashboardData:
    """Everything the page draws for one scope, read in one go (on a worker if large)."""

    grades: list[an.GradeCount]
    ages: list[an.AgeBucket]
    ageing: list[an.Ageing]
    due: list[an.DueYear]
    cohorts: list[an.ActionCohort]
    urgent: list[an.UrgentItem]


def read_dashboard(conn: sqlite3.Connection, scope: an.Scope, today: dt.date) -> DashboardData:
    """The dashboard's statistics from ``storage.analytics`` (no Qt: runs on any thread)."""
    return DashboardData(an.grade_distribution(conn, scope),
                         an.age_distribution(conn, scope, today=today),
                         an.ageing(conn, scope, today=today),
                         an.inspections_due(conn, scope, today=today),
                         an.action_cohorts(conn, scope),
                         an.urgent_items(conn, scope, limit=URGENT_LIMIT))


class DashboardPage(QWidget):
    """Charts and the urgent list for the whole region or one organisation."""

    WORKER_ABOVE = 50_000
    """Files with more assets than this read the statistics on a worker thread."""

    register_requested = Signal(object)
    """The user asked for the register filtered (carries a RegisterFilter)."""
    asset_activated = Signal(str)
    """The user opened an asset of the urgent list (its id)."""
    refreshed = Signal(float)
    """The charts were redrawn (the seconds it took)."""

    def __init__(self, conn: sqlite3.Connection, *, today: dt.date | None = None,
                 parent: QWidget | None = None, language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._conn = conn
        self._language = language
        self._today = today
        self._types = rq.asset_types(conn)
        self._grades = rq.grades(conn)
        self._orgs = rq.organisations(conn)
        self._org_names = dict(self._orgs)
        self._groups = grade_groups(self._types, language)
        self._grade_bars: list[tuple[str, GradeGroup, str | None, dict[str, int]]] = []
        self._bar_orgs: list[str] = []
        self.last_refresh_seconds = 0.0
        self._data: DashboardData | None = None
        self._started = 0.0
        self._path = database_file(conn)
        self.uses_worker = (self._path is not None
                            and asset_capacity(conn) > self.WORKER_ABOVE)
        self._query: ReadQuery | None = None
        self._steps: Iterator[None] | None = None  # the drawing of a worker's answer
        self._step_timer = QTimer(self)
        self._step_timer.setSingleShot(True)
        self._step_timer.setInterval(0)
        self._step_timer.timeout.connect(self._on_step)

        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("Whole region"), None)
        for code, name in self._orgs:
            self.org_combo.addItem(name, code)
        self.group_combo = QComboBox()
        for group in self._groups:
            self.group_combo.addItem(group.label, group.scale_id)
        scope = QHBoxLayout()
        for text, combo in ((self.tr("Owner"), self.org_combo),
                            (self.tr("Grades of"), self.group_combo)):
            label = QLabel(text)
            label.setBuddy(combo)
            scope.addWidget(label)
            scope.addWidget(combo)
            scope.addSpacing(12)
        scope.addStretch(1)
        self.timing_label = QLabel()
        self.timing_label.setStyleSheet("color: #595959;")
        scope.addWidget(self.timing_label)

        self.grade_chart = BarChart(stacked=True, y_label=self.tr("Assets"), legend_columns=5)
        self.grade_chart.setCursor(Qt.CursorShape.PointingHandCursor)
        self.age_chart = BarChart(stacked=False, y_label=self.tr("Assets"), label_zero=True)
        self.age_caption = QLabel()
        self.due_chart = BarChart(stacked=False, y_label=self.tr("Assets"))
        self.due_caption = QLabel()
        self.cohort_chart = BarChart(stacked=False, y_label="%", y_max=118,
                                     value_text=lambda v: f"{v:.0f}%")
        self.cohort_caption = QLabel()
        # Axis titles and the two-line cycle labels' room are set once: changing a title
        # lays the plot out again, which every redraw of a scope paid for before.
        self.age_chart.getPlotItem().setLabel("bottom", self.tr("Age (years)"))
        self.due_chart.getPlotItem().setLabel("bottom", self.tr("Fiscal year (年度)"))
        cycles_axis = self.cohort_chart.getPlotItem().getAxis("bottom")
        cycles_axis.setStyle(tickTextOffset=6)  # the two-line labels' top clear of the axis
        cycles_axis.setHeight(self.fontMetrics().height() * 2 + 16)

        # Symbols repeat across scales (健全性 Ⅲ is not 下水道 Ⅲ): levels by type and symbol.
        scale_of = {t.id: t.scale_id for t in self._types}
        levels = {(t, g.symbol): g.level for t, scale in scale_of.items()
                  for g in self._grades if g.scale_id == scale}
        self.urgent_model = UrgentItemsModel({t.id: localised(t.name_ja, t.name_en, language)
                                              for t in self._types}, levels,
                                             self)
        self.urgent_view = QTableView()
        self.urgent_view.setModel(self.urgent_model)
        self.urgent_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.urgent_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.urgent_view.setAlternatingRowColors(True)
        self.urgent_view.setWordWrap(False)
        self.urgent_view.verticalHeader().setVisible(False)
        header = self.urgent_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # Fit the columns to the rows in sight, not all fifty: measuring every cell was a
        # third of the region redraw on the GUI thread (docs/performance.md).
        header.setResizeContentsPrecision(0)
        self.urgent_caption = QLabel()

        grid = QGridLayout()
        grid.setSpacing(8)
        grid.addWidget(_panel(self.tr("Latest grades by owner"), self.grade_chart), 0, 0)
        grid.addWidget(_panel(self.tr("Assets by age"), self.age_chart, self.age_caption), 0, 1)
        grid.addWidget(_panel(self.tr("Inspections by fiscal year"), self.due_chart,
                              self.due_caption), 0, 2)
        grid.addWidget(_panel(self.tr("Ⅲ/Ⅳ measures started and completed, by cycle"),
                              self.cohort_chart, self.cohort_caption), 1, 0)
        grid.addWidget(_panel(self.tr("Most urgent: action required, no measure started"),
                              self.urgent_view, self.urgent_caption), 1, 1, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(scope)
        layout.addLayout(grid, 1)

        self.org_combo.currentIndexChanged.connect(self._on_scope_changed)
        self.group_combo.currentIndexChanged.connect(self._on_group_changed)
        self.grade_chart.bar_clicked.connect(self._on_grade_bar_clicked)
        self.urgent_view.doubleClicked.connect(self._on_urgent_double_clicked)

    # -- scope --------------------------------------------------------------------------
    @property
    def org(self) -> str | None:
        return self.org_combo.currentData()

    def set_org(self, org: str | None) -> None:
        self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(org)))

    def set_grade_group(self, label: str) -> None:
        self.group_combo.setCurrentIndex(max(0, self.group_combo.findText(label)))

    # -- drawing ------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while the statistics are read on the worker (large files) or being drawn."""
        return self._query is not None or self._steps is not None

    def refresh(self) -> None:
        """Query the file and redraw every chart for the current scope.

        On a large file the queries take seconds: they run on a worker and the charts are
        redrawn when the answer comes (``refreshed``); the page stays usable meanwhile.
        """
        self._started = time.perf_counter()
        today = self._today or dt.date.today()
        scope = an.Scope(org=self.org)
        self._steps = None  # a scope chosen while the last one is being drawn: stop that
        if not self.uses_worker:
            self._show(read_dashboard(self._conn, scope, today))
            return
        if self._query is not None:
            self._query.cancel()
        assert self._path is not None
        self._query = ReadQuery(self._path, partial(read_dashboard, scope=scope, today=today))
        self._query.answered.connect(self._on_answered, Qt.ConnectionType.QueuedConnection)
        self._query.start()
        self.timing_label.setText(self.tr("Reading the file…"))

    def _on_answered(self, query: ReadQuery, data: DashboardData | None) -> None:
        query.release()
        if query is not self._query:
            return  # another organisation was chosen meanwhile
        self._query = None
        if data is not None:
            self._steps = self._draw_steps(data)
            self._step_timer.start()

    def _show(self, data: DashboardData) -> None:
        for _step in self._draw_steps(data):
            pass

    def _on_step(self) -> None:
        if self._steps is None:
            return
        try:
            next(self._steps)
        except StopIteration:
            self._steps = None
            return
        self._step_timer.start()

    def _draw_steps(self, data: DashboardData) -> Iterator[None]:
        """Draw ``data``, pausing after each chart (the worker's answer is drawn a chart per
        turn of the event loop, so that the window keeps answering between them)."""
        self._data = data
        self._draw_grades(data.grades)
        yield
        self._draw_ages(data.ages, data.ageing)
        yield
        self._draw_due(data.due)
        yield
        self._draw_cohorts(data.cohorts)
        yield
        self.urgent_model.set_rows(data.urgent)
        self.urgent_view.resizeColumnsToContents()
        self.urgent_caption.setText(self.tr(
            "The %1 worst first, emergency routes first among equals. Double-click to record "
            "a measure.").replace("%1", str(len(data.urgent))))
        self.last_refresh_seconds = time.perf_counter() - self._started
        self.timing_label.setText(self.tr("Drawn in %1 s").replace(
            "%1", f"{self.last_refresh_seconds:.2f}"))
        self.refreshed.emit(self.last_refresh_seconds)

    def _draw_grades(self, counts: list[an.GradeCount]) -> None:
        group = self._groups[self.group_combo.currentIndex()] if self._groups else None
        if group is None:
            return
        scale_grades = [g for g in self._grades if g.scale_id == group.scale_id]
        orgs = [code for code, _ in self._orgs if self.org in (None, code)]
        per_org: dict[str, dict[str | None, int]] = {code: {} for code in orgs}
        unseen_types: dict[str, dict[str, int]] = {code: {} for code in orgs}
        for c in counts:
            if c.asset_type not in group.type_ids or c.owner not in per_org:
                continue
            if c.grade is None:
                unseen_types[c.owner][c.asset_type] = c.count
            per_org[c.owner][c.grade] = per_org[c.owner].get(c.grade, 0) + c.count
        self._bar_orgs = [code for code in orgs if per_org[code]]
        self._bar_group = group
        self._unseen_types = unseen_types
        # The legend names grades by symbol only, to fit five entries in one row; the
        # scale's labels are in the chart's tooltip.
        series = [BarSeries(g.symbol, [per_org[o].get(g.code, 0) for o in self._bar_orgs],
                            grade_background(g.level).name())
                  for g in scale_grades]
        self.grade_chart.setToolTip("\n".join(
            [grade_text(g.symbol, g.label_ja, g.label_en, self._language)
             for g in scale_grades if g.symbol != g.label_ja]
            + [self.tr("Click a bar to open those assets in the register.")]))
        series.append(BarSeries(self.tr("Not inspected"),
                                [per_org[o].get(None, 0) for o in self._bar_orgs],
                                NOT_INSPECTED_COLOUR))
        self._grade_codes = [g.code for g in scale_grades] + [None]
        self.grade_chart.set_data([self._org_names[o] for o in self._bar_orgs], series)

    def _draw_ages(self, buckets: list[an.AgeBucket], ageing: list[an.Ageing]) -> None:
        # Seventy and older fold into one bar to keep the axis readable; the unknown-year bar
        # is always drawn, even at zero, so its absence is never mistaken for "none unknown".
        oldest = 70
        folded_labels: list[str] = []
        folded_values: list[int] = []
        unknown = 0
        for b in buckets:
            if b.start is None:
                unknown = b.count
            elif b.start >= oldest:
                if len(folded_labels) and folded_labels[-1] == self.tr("%1+").replace(
                        "%1", str(oldest)):
                    folded_values[-1] += b.count
                else:
                    folded_labels.append(self.tr("%1+").replace("%1", str(oldest)))
                    folded_values.append(b.count)
            else:
                folded_labels.append(f"{b.start}–{b.start + 9}")
                folded_values.append(b.count)
        folded_labels.append(self.tr("Unknown"))
        folded_values.append(unknown)
        colours = [AGE_COLOUR] * (len(folded_values) - 1) + [UNKNOWN_YEAR_COLOUR]
        self.age_chart.set_data(folded_labels, [BarSeries(self.tr("Assets"), folded_values,
                                                          AGE_COLOUR, colours)])
        parts = []
        for a in ageing:
            when = self.tr("now") if a.years_ahead == 0 else self.tr("in %1 years").replace(
                "%1", str(a.years_ahead))
            parts.append(f"{when} {a.share_of_known:.0%}")
        known = ageing[0].known if ageing else 0
        self.age_caption.setText(self.tr(
            "50 years or older: %1 (of the %2 assets with a known year). Construction year "
            "unknown: %3 assets, shown as their own grey bar, never guessed.")
            .replace("%1", " / ".join(parts)).replace("%2", f"{known:,}")
            .replace("%3", f"{unknown:,}"))

    def _draw_due(self, years: list[an.DueYear]) -> None:
        labels = [format_fiscal_year(y.fiscal_year).removesuffix("年度") for y in years]
        labels = [label.replace("令和", "R").replace("平成", "H") for label in labels]
        series = [BarSeries(self.tr("Done"), [y.done for y in years], DONE_COLOUR),
                  BarSeries(self.tr("Pending"), [y.pending for y in years], PENDING_COLOUR),
                  BarSeries(self.tr("Overdue"), [y.overdue for y in years], OVERDUE_COLOUR)]
        self.due_chart.set_data(labels, series)
        current = next((y for y in years if y.overdue or y.pending), None)
        if current is not None:
            self.due_caption.setText(self.tr(
                "%1: %2 inspected, %3 still due, %4 overdue or never inspected.")
                .replace("%1", format_fiscal_year(current.fiscal_year, with_western=True))
                .replace("%2", f"{current.done:,}").replace("%3", f"{current.pending:,}")
                .replace("%4", f"{current.overdue:,}"))
        else:
            self.due_caption.setText("")

    def _cycle_number(self, cohort: an.ActionCohort) -> str:
        # The analytics label the cycles in Japanese (第1巡); the page names them through tr()
        # from the fiscal years, so English reads "Cycle 1". Cycles are five fiscal years.
        return str((cohort.first_fy - STATUTORY_CYCLES[0][0]) // 5 + 1)

    def _draw_cohorts(self, cohorts: list[an.ActionCohort]) -> None:
        labels = [self.tr("Cycle %1").replace("%1", self._cycle_number(c))
                  + f"\n({c.first_fy}–{str(c.last_fy)[2:]})" for c in cohorts]
        series = [BarSeries(self.tr("Measure started"), [100 * c.started_share for c in cohorts],
                            STARTED_COLOUR),
                  BarSeries(self.tr("Measure completed"), [100 * c.completed_share for c in cohorts],
                            COMPLETED_COLOUR)]
        self.cohort_chart.set_data(labels, series)
        self.cohort_caption.setText(self.tr(
            "Assets judged Ⅲ/Ⅳ (or the scale's equivalent) in each cycle: %1. For comparison, "
            "local governments had started 75% and completed 56% of cycle 1 by FY2022.")
            .replace("%1", " / ".join(
                self.tr("Cycle %1: %2").replace("%1", self._cycle_number(c))
                .replace("%2", f"{c.assets:,}") for c in cohorts) or "0"))

    # -- slots --------------------------------------------------------------------------
    def _on_scope_changed(self, _index: int) -> None:
        self.refresh()

    def _on_group_changed(self, _index: int) -> None:
        # The grade counts cover every type of the scope: another scale is only a redraw.
        if self._data is not None and self._query is None:
            self._draw_grades(self._data.grades)
        else:
            self.refresh()

    def filter_for_bar(self, category: int, series: int) -> RegisterFilter:
        """The register filter that lists the assets of one grade bar."""
        org = self._bar_orgs[category]
        group = self._bar_group
        code = self._grade_codes[series]
        if code is None:
            unseen = [t for t, n in self._unseen_types[org].items() if n]
            if len(unseen) == 1:
                return RegisterFilter(org=org, asset_type=unseen[0], grade=NOT_INSPECTED)
            return RegisterFilter(org=org, sector=group.sector if group.asset_type is None
                                  else None, asset_type=group.asset_type, grade=NOT_INSPECTED)
        return RegisterFilter(org=org, sector=group.sector if group.asset_type is None else None,
                              asset_type=group.asset_type, grade=code,
                              grade_scale=group.scale_id)

    def _on_grade_bar_clicked(self, category: int, series: int) -> None:
        self.register_requested.emit(self.filter_for_bar(category, series))

    def _on_urgent_double_clicked(self, index: QModelIndex) -> None:
        asset_id = self.urgent_model.asset_id_at(index.row())
        if asset_id:
            self.asset_activated.emit(asset_id)
