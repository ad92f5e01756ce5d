"""The 帳票 page: choose a report, its scope and fiscal year, and print it to PDF.

The report builders of ``reports`` (council pack, ledger listing, inspection sheets, region
comparison, long-life repair plan, contracts and KPIs) and ``render_pdf`` do the work, on a
worker through ``BackgroundTask``, with the same arguments as ``gunmane report``. For the
plan the fiscal year is the plan's first year, so the year list then offers coming years.
When the PDF is written the page offers to open it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.wareki import fiscal_year_of, format_fiscal_year
from ..reports import render_pdf
from ..reports.contracts_report import build_contracts_report
from ..reports.council import build_council_pack
from ..reports.inspection_sheets import build_inspection_sheets
from ..reports.ledger_listing import build_ledger_listing
from ..reports.plan_report import build_plan_report, run_plan
from ..reports.queries import asset_owners
from ..reports.region_comparison import build_region_comparison
from ..storage.database import Database
from .background import BackgroundTask, user_message
from .catalogue_names import DEFAULT_LANGUAGE
from .ledger_wizard import sector_choices

COUNCIL, LEDGER, INSPECTION_SHEETS, REGION, PLAN, CONTRACTS = (
    "council", "ledger", "inspection-sheets", "region", "plan", "contracts")
_DEFAULT_NAMES_JA = {COUNCIL: "議会説明資料", LEDGER: "施設台帳", INSPECTION_SHEETS: "点検調書",
                     REGION: "地域比較", PLAN: "長寿命化修繕計画", CONTRACTS: "契約・KPI", None: "帳票"}
_DEFAULT_NAMES_EN = {COUNCIL: "Council pack", LEDGER: "Ledger listing",
                     INSPECTION_SHEETS: "Inspection sheets", REGION: "Region comparison",
                     PLAN: "Long-life repair plan", CONTRACTS: "Contracts and KPIs", None: "Report"}
FIRST_FISCAL_YEAR = 2014  # the statutory five-yearly inspections began in FY2014
PLAN_YEARS_AHEAD = 5  # how far ahead a plan may start


@dataclass(frozen=True, slots=True)
class ProgressWords:
    """What the progress window says while a report is made (``page`` with %1 for the page
    number). The page passes them translated: the worker must not call tr() itself."""

    collecting: str = "帳票のデータを集計中 (collecting)"
    preparing: str = "点検調書を準備中 (preparing)"
    no_assets: str = "対象の施設がありません (no assets in scope)"
    page: str = "%1 ページ目を作成しました (page %1)"


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """What to print: the same choices as ``gunmane report``."""

    kind: str
    org: str | None
    sector: str | None
    fiscal_year: int | None
    out: Path


def make_report(db: Database, request: ReportRequest, progress, cancel,
                words: ProgressWords = ProgressWords()) -> int:
    """Build and render one report to PDF on a worker; returns the page count."""
    conn = db.conn
    progress(None, words.collecting)
    if request.kind == COUNCIL:
        report = build_council_pack(conn, org=request.org, sector=request.sector,
                                    fiscal_year=request.fiscal_year)
    elif request.kind == LEDGER:
        report = build_ledger_listing(conn, org=request.org, sector=request.sector)
    elif request.kind == INSPECTION_SHEETS:
        report = build_inspection_sheets(
            conn, org=request.org, sector=request.sector, fiscal_year=request.fiscal_year,
            progress=lambda done, total: progress(0.5 * done / max(total, 1), words.preparing))
    elif request.kind == REGION:
        report = build_region_comparison(conn, sector=request.sector, fiscal_year=request.fiscal_year)
    elif request.kind == PLAN:
        result = run_plan(conn, org=request.org, sector=request.sector, fiscal_year=request.fiscal_year,
                          progress=lambda f, message: progress(0.6 * f, message), cancel=cancel)
        if not len(result.inputs.stock):
            raise ValueError(words.no_assets)
        report = build_plan_report(conn, result)
    elif request.kind == CONTRACTS:
        report = build_contracts_report(conn, org=request.org)
    else:
        raise ValueError(request.kind)
    return render_pdf(report, request.out,
                      progress=lambda page: progress(None, words.page.replace("%1", str(page))),
                      cancel=cancel)


class ReportPage(QWidget):
    """Pick a report, scope and 年度, and where the PDF goes; 作成 prints it off the GUI thread."""

    report_created = Signal(str)
    """A PDF was written to this path."""

    def __init__(self, db: Database, parent: QWidget | None = None, *,
                 language: str = DEFAULT_LANGUAGE) -> None:
        super().__init__(parent)
        self._db = db
        self._language = language
        self.task: BackgroundTask | None = None
        self.last_pdf: Path | None = None

        title = QLabel(self.tr("Reports"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        intro = QLabel(self.tr("Print a report as a PDF file for the council, the prefecture or "
                               "the subsidy application."))
        intro.setWordWrap(True)

        self.kind_combo = QComboBox()
        kinds = ((COUNCIL, self.tr("Council pack (議会説明資料)")),
                 (LEDGER, self.tr("Ledger listing (施設台帳)")),
                 (INSPECTION_SHEETS, self.tr("Inspection sheets (点検調書)")),
                 (REGION, self.tr("Region comparison (地域比較)")),
                 (PLAN, self.tr("Long-life repair plan (長寿命化修繕計画)")),
                 (CONTRACTS, self.tr("Contracts and KPIs (契約・KPI)")))
        for kind, text in kinds:
            self.kind_combo.addItem(text, kind)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        self.kind_note = QLabel()
        self.kind_note.setWordWrap(True)
        self.kind_note.setStyleSheet("color: #555;")

        self.org_combo = QComboBox()
        self.org_combo.addItem(self.tr("Whole region"), None)
        for code, name, _kind in asset_owners(db.conn):
            self.org_combo.addItem(f"{name} ({code})", code)
        if db.site_org and db.site_org != self._region_lead():
            self.org_combo.setCurrentIndex(max(0, self.org_combo.findData(db.site_org)))
        self.sector_combo = QComboBox()
        self.sector_combo.addItem(self.tr("All sectors"), None)
        for sector_id, name in sector_choices(language):
            self.sector_combo.addItem(name, sector_id)
        self.year_combo = QComboBox()
        self._year_kind: str | None = None
        self._fill_years(COUNCIL)

        self.path_edit = QLineEdit()
        self.path_edit.setMinimumWidth(360)
        self.path_edit.textChanged.connect(self._update_buttons)
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._on_browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.addRow(self.tr("Report:"), self.kind_combo)
        form.addRow("", self.kind_note)
        form.addRow(self.tr("Organisation (管理者):"), self.org_combo)
        form.addRow(self.tr("Sector (分野):"), self.sector_combo)
        form.addRow(self.tr("Fiscal year (年度):"), self.year_combo)
        form.addRow(self.tr("Save as:"), path_row)

        self.create_button = QPushButton(self.tr("Create"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_report)
        self.open_button = QPushButton(self.tr("Open the PDF"))
        self.open_button.clicked.connect(self.open_pdf)
        self.open_button.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(8)
        body = QWidget()
        body.setMaximumWidth(760)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addLayout(form)
        body_layout.addSpacing(8)
        body_layout.addLayout(buttons)
        body_layout.addWidget(self.status_label)
        layout.addWidget(body)
        layout.addStretch(1)
        self.path_edit.setText(str(Path(db.path).with_name(self._default_name())))
        self._on_kind_changed()

    def _region_lead(self) -> str | None:
        return next((code for code, _n, kind in asset_owners(self._db.conn) if kind == "prefecture"), None)

    def _default_name(self) -> str:
        """The PDF's name offered for the chosen report, in the UI language."""
        names = _DEFAULT_NAMES_EN if self._language == "en" else _DEFAULT_NAMES_JA
        return f"{names.get(self.kind_combo.currentData(), names[None])}.pdf"

    def _on_kind_changed(self) -> None:
        kind = self.kind_combo.currentData()
        region = kind == REGION
        if region:
            self.org_combo.setCurrentIndex(0)
        self.org_combo.setEnabled(not region)
        notes = {COUNCIL: self.tr("For the council: the state of the assets, inspections and measures, "
                                  "with charts."),
                 LEDGER: self.tr("A landscape list of the in-service assets of the chosen organisation "
                                 "and sector."),
                 INSPECTION_SHEETS: self.tr("One sheet per asset inspected in the fiscal year."),
                 REGION: self.tr("Every organisation of the region side by side (the organisation "
                                 "choice does not apply)."),
                 PLAN: self.tr("Preventive against reactive maintenance, the cost per fiscal year and "
                               "the measures per facility; the fiscal year is the plan's first year."),
                 CONTRACTS: self.tr("The contracts the organisation orders: cost shares, tenders, KPI "
                                    "compliance and response times (no residents' personal data).")}
        self.kind_note.setText(notes.get(kind, ""))
        self._fill_years(kind)
        self.year_combo.setEnabled(kind not in (LEDGER, CONTRACTS))
        self.sector_combo.setEnabled(kind != CONTRACTS)
        text = self.path_edit.text().strip()
        if text:
            self.path_edit.setText(str(Path(text).with_name(self._default_name())))
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(self.task is None and bool(self.path_edit.text().strip()))

    def _fill_years(self, kind: str) -> None:
        """Past years for the reports of what happened; coming years for a plan's start."""
        group = PLAN if kind == PLAN else COUNCIL
        if group == self._year_kind:
            return
        self._year_kind = group
        current = fiscal_year_of(dt.date.today())
        years = (range(current, current + PLAN_YEARS_AHEAD + 1) if group == PLAN
                 else range(current, FIRST_FISCAL_YEAR - 1, -1))
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(format_fiscal_year(year, with_western=True), year)
        self.year_combo.setCurrentIndex(1 if group == PLAN else 0)

    def _on_browse(self) -> None:
        start = self.path_edit.text() or str(Path(self._db.path).with_name(self._default_name()))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report as"), start, "PDF (*.pdf)")
        if path:
            self.path_edit.setText(path if path.lower().endswith(".pdf") else f"{path}.pdf")

    def request(self) -> ReportRequest:
        """The choices on the page as a request."""
        kind = self.kind_combo.currentData()
        year = None if kind in (LEDGER, CONTRACTS) else self.year_combo.currentData()
        return ReportRequest(kind=kind, org=None if kind == REGION else self.org_combo.currentData(),
                             sector=None if kind == CONTRACTS else self.sector_combo.currentData(),
                             fiscal_year=year,
                             out=Path(self.path_edit.text().strip()))

    def create_report(self) -> None:
        """作成: check the output path, then build and render on a worker."""
        request = self.request()
        self.open_button.hide()
        if request.out.suffix.lower() != ".pdf":
            self._say(self.tr("%1: the file name must end in .pdf.").replace("%1", str(request.out)),
                      error=True)
            return
        if not request.out.parent.is_dir():
            self._say(self.tr("%1: the folder does not exist.").replace("%1", str(request.out.parent)),
                      error=True)
            return
        self._say(self.tr("Creating %1…").replace("%1", request.out.name))
        db = self._db
        words = ProgressWords(collecting=self.tr("Collecting the report's data"),
                              preparing=self.tr("Preparing the inspection sheets"),
                              no_assets=self.tr("No assets in the chosen scope."),
                              page=self.tr("Page %1 written"))
        self.task = (BackgroundTask(self, lambda progress, cancel: make_report(db, request, progress, cancel,
                                                                               words),
                                    self.tr("Creating the report"))
                     .on_success(lambda pages: self._on_created(request.out, pages))
                     .on_failure(self._on_failed))
        self._update_buttons()
        self.task.start()

    def _on_created(self, out: Path, pages: int) -> None:
        self.task = None
        self.last_pdf = out
        self._say(self.tr("Wrote %1 pages to %2.").replace("%1", str(pages)).replace("%2", str(out)))
        self.open_button.show()
        self._update_buttons()
        self.report_created.emit(str(out))

    def _on_failed(self, exc: BaseException) -> None:
        cancelled = self.task is not None and self.task.was_cancelled
        self.task = None
        self._say(self.tr("Cancelled; no PDF was written.") if cancelled else user_message(exc),
                  error=not cancelled)
        self._update_buttons()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status_label.setStyleSheet("color: #b71c1c;" if error else "")
        self.status_label.setText(text)

    def open_pdf(self) -> bool:
        """Open the last PDF in the system's viewer."""
        if self.last_pdf is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_pdf)))

    def closeEvent(self, event) -> None:
        if self.task is not None:
            self.task.wait()
        super().closeEvent(event)
