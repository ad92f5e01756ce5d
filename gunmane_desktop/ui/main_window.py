"""The main window: navigation on the left, the chosen page on the right, menus, status bar.

Pages share no state: the window passes what one page did to the others (a selected asset, a
saved inspection, a clicked chart bar, a point on the map). Opening another file is asked
of the composition root through ``open_requested``: the window never opens databases
itself. Restoring a backup and changing the font size are asked of it too
(``restore_requested``, ``font_scale_chosen``): both need the window built again.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from .. import __version__
from ..storage.register_query import RegisterFilter
from .backup_dialog import BackupDialog
from .context import AppContext
from .contracts_page import ContractsPage
from .dashboard_page import DashboardPage
from .exchange_page import ExchangePage
from .fonts import FONT_SCALES, chosen_font_scale, save_font_scale
from .help import HelpDialog, load_help
from .i18n import save_language
from .inspection_page import InspectionPage
from .ledger_export_dialog import export_ledger_dialog
from .ledger_wizard import LedgerImportWizard
from .map_page import MapPage
from .measures_page import MeasuresPage
from .planning_page import PlanningPage
from .register_page import RegisterPage
from .report_page import ReportPage
from .undo import UndoController

APP_NAME = "群マネ Desktop"
FILE_FILTER = "群マネ Desktop (*.sqlite *.gunmane *.db);;*"


class MainWindow(QMainWindow):
    """The application window over one open file."""

    open_requested = Signal(str)
    """The user chose another file to open (its path)."""
    language_chosen = Signal(str)
    """The user chose a UI language for the next start ("ja" or "en")."""
    restore_requested = Signal(str, bool)
    """The user confirmed restoring a backup (its path; whether the file is damaged)."""
    font_scale_chosen = Signal(int)
    """The user chose a font size (percent of the standard size); it is already saved."""

    (PAGE_DASHBOARD, PAGE_REGISTER, PAGE_INSPECTIONS, PAGE_MEASURES, PAGE_MAP, PAGE_CONTRACTS,
     PAGE_PLANS, PAGE_EXCHANGE, PAGE_REPORTS) = range(9)
    # Pages read when first shown and again after an edit elsewhere, so opening the window
    # stays as fast as the register alone.
    _LAZY_PAGES = (PAGE_DASHBOARD, PAGE_MEASURES, PAGE_MAP, PAGE_CONTRACTS, PAGE_PLANS)
    HELP_KEYS = ("dashboard", "register", "inspections", "measures", "map", "contracts",
                 "plans", "exchange", "reports")
    """The resources/help/<key>.<language>.md of each page, in navigation order."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        db = context.db
        self.setWindowTitle(f"{APP_NAME} — {db.path.name}")

        # Before any page can save: every GUI save from here on is one undo step.
        self.undo = UndoController(db, self)
        self.undo.undone.connect(self._on_undone)
        self.undo.refused.connect(self._on_undo_refused)
        self.register_page = RegisterPage(db.conn, db=db, settings=context.settings,
                                          language=context.language)
        self.dashboard_page = DashboardPage(db.conn, language=context.language)
        self.inspection_page = InspectionPage(db)
        self.measures_page = MeasuresPage(db)
        self.planning_page = PlanningPage(db, load=False, language=context.language)
        self.exchange_page = ExchangePage(db, load=False)
        self.report_page = ReportPage(db, language=context.language)
        self.map_page = MapPage(db.conn, load=False, settings=context.settings,
                                language=context.language)
        self.contracts_page = ContractsPage(db, language=context.language)
        self.nav = QListWidget()
        self.pages = QStackedWidget()
        entries = [
            (self.tr("Dashboard"), self.dashboard_page),
            (self.tr("Asset register"), self.register_page),
            (self.tr("Inspections"), self.inspection_page),
            (self.tr("Measures"), self.measures_page),
            (self.tr("Map"), self.map_page),
            (self.tr("Contracts"), self.contracts_page),
            (self.tr("Plans"), self.planning_page),
            (self.tr("Data exchange"), self.exchange_page),
            (self.tr("Reports"), self.report_page),
        ]
        for title, page in entries:
            self.nav.addItem(title)
            self.pages.addWidget(page)
        self._stale = set(self._LAZY_PAGES)
        self._pending_asset: str | None = None
        self.backup_dialog: BackupDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self.nav.setStyleSheet("QListWidget { border: none; border-right: 1px solid palette(mid); }"
                               "QListWidget::item { padding: 6px 12px; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self.statusBar().showMessage(str(db.path))
        self.register_page.counts_changed.connect(self._on_counts_changed)
        self.register_page.asset_selected.connect(self._on_asset_selected)
        self.register_page.assets_changed.connect(self._on_register_edited)
        self.map_page.asset_selected.connect(self._on_map_asset_selected)
        self.dashboard_page.register_requested.connect(self.show_register_filtered)
        self.dashboard_page.asset_activated.connect(self._on_urgent_asset_activated)
        self.inspection_page.register_requested.connect(self._on_choose_asset_requested)
        self.inspection_page.inspection_saved.connect(self._on_data_changed)
        self.measures_page.measure_saved.connect(self._on_data_changed)
        self.planning_page.choice_saved.connect(self._on_plan_choice_saved)
        self.exchange_page.data_changed.connect(self._on_exchange_applied)
        self.contracts_page.data_changed.connect(self._on_exchange_applied)

        self._build_menus()
        self.nav.setCurrentRow(self.PAGE_REGISTER)
        self.register_page.load()
        self.resize(QSize(1440, 860))
        geometry = context.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- menus --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        self._build_file_menu(self.menuBar().addMenu(self.tr("&File")))
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        edit_menu.addAction(self.undo.undo_action)
        edit_menu.addAction(self.undo.redo_action)
        self._build_view_menu(self.menuBar().addMenu(self.tr("&View")))
        self._build_help_menu(self.menuBar().addMenu(self.tr("&Help")))

    def _add_action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_file_menu(self, menu: QMenu) -> None:
        self.open_action = self._add_action(menu, self.tr("&Open…"), self._on_open_triggered,
                                            QKeySequence.StandardKey.Open)
        menu.addSeparator()
        self._add_action(menu, self.tr("&Import a ledger…"), self._on_import_ledger_triggered)
        self._add_action(menu, self.tr("&Export the ledger…"),
                         lambda: export_ledger_dialog(self._context.db, self,
                                                      language=self._context.language))
        menu.addSeparator()
        self.restore_action = self._add_action(menu, self.tr("&Restore from a backup…"),
                                               lambda: self.show_backup_dialog())
        menu.addSeparator()
        self._add_action(menu, self.tr("E&xit"), self.close, QKeySequence.StandardKey.Quit)

    def _build_view_menu(self, menu: QMenu) -> None:
        language_menu = menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        # Each language is named in itself, so a user who cannot read the current one
        # still finds theirs.
        for code, name in (("ja", "日本語"), ("en", "English")):
            action = QAction(name, self, checkable=True)
            action.setChecked(code == self._context.language)
            action.setData(code)
            group.addAction(action)
            language_menu.addAction(action)
            self.language_actions[code] = action
        group.triggered.connect(self._on_language_triggered)

        size_menu = menu.addMenu(self.tr("&Text size"))
        sizes = QActionGroup(self)
        names = {100: self.tr("Standard"), 125: self.tr("Large"), 150: self.tr("Extra large")}
        current = chosen_font_scale(self._context.settings)
        self.font_scale_actions: dict[int, QAction] = {}
        for scale in FONT_SCALES:
            action = QAction(f"{names[scale]} ({scale}%)", self, checkable=True)
            action.setChecked(scale == current)
            action.setData(scale)
            sizes.addAction(action)
            size_menu.addAction(action)
            self.font_scale_actions[scale] = action
        sizes.triggered.connect(self._on_font_scale_triggered)

    def _build_help_menu(self, menu: QMenu) -> None:
        self.help_action = self._add_action(menu, self.tr("How to use &this page"),
                                            self._on_help_triggered,
                                            QKeySequence.StandardKey.HelpContents)
        menu.addSeparator()
        self._add_action(menu, self.tr("&About 群マネ Desktop"), self._on_about_triggered)

    # -- navigation ---------------------------------------------------------------------
    def show_page(self, index: int) -> None:
        """Switch to a page of the navigation, as clicking it would."""
        self.nav.setCurrentRow(index)

    def show_register_filtered(self, flt: RegisterFilter) -> None:
        """Open the register showing ``flt`` (from a dashboard bar)."""
        self.show_page(self.PAGE_REGISTER)
        self.register_page.apply_filter(flt)

    @property
    def busy(self) -> bool:
        """Work is running (an exchange or a plan): the window must not close yet."""
        return self.exchange_page.busy or self.planning_page.busy or self.contracts_page.busy

    def current_help_key(self) -> str:
        return self.HELP_KEYS[self.pages.currentIndex()]

    def show_backup_dialog(self, *, damaged: bool = False, problem: str = "") -> BackupDialog:
        """バックアップから復元 (also offered when the file is found damaged)."""
        if self.backup_dialog is not None:
            self.backup_dialog.close()
        db = self._context.db
        dialog = BackupDialog(db.path, db=db, damaged=damaged, problem=problem, parent=self)
        dialog.restore_requested.connect(
            lambda path: self._on_restore_chosen(path, damaged))
        self.backup_dialog = dialog
        dialog.open()
        return dialog

    # -- slots --------------------------------------------------------------------------
    def _on_nav_row_changed(self, row: int) -> None:
        if row in self._stale:
            self._stale.discard(row)
            if row == self.PAGE_DASHBOARD:
                self.dashboard_page.refresh()
            elif row == self.PAGE_MEASURES:
                self.measures_page.refresh()
            elif row == self.PAGE_MAP:
                self.map_page.refresh()
            elif row == self.PAGE_CONTRACTS:
                self.contracts_page.refresh()
            elif row == self.PAGE_PLANS:
                self.planning_page.refresh()
        if row == self.PAGE_EXCHANGE:
            self.exchange_page.refresh()  # rows waiting to send change with every edit
        if row == self.PAGE_INSPECTIONS and self._pending_asset is not None:
            self.inspection_page.follow_asset(self._pending_asset)
        self.pages.setCurrentIndex(row)

    def _on_asset_selected(self, asset_id: str) -> None:
        self._pending_asset = asset_id
        if self.pages.currentIndex() == self.PAGE_INSPECTIONS:
            self.inspection_page.follow_asset(asset_id)

    def _on_map_asset_selected(self, asset_id: str) -> None:
        """A point clicked on the map: the register selects it and the detail pane shows it."""
        self._on_asset_selected(asset_id)
        self.register_page.select_asset(asset_id)

    def _on_choose_asset_requested(self) -> None:
        self.show_page(self.PAGE_REGISTER)
        self.register_page.table.setFocus()

    def _on_urgent_asset_activated(self, asset_id: str) -> None:
        self.show_page(self.PAGE_MEASURES)
        self.measures_page.start_new_for(asset_id)

    def _on_data_changed(self, _asset_id: str, _row_id: str) -> None:
        self.register_page.refresh()
        # The page that saved has redrawn itself; the others read again when next shown.
        current = self.pages.currentIndex()
        self._stale |= set(self._LAZY_PAGES) - {current}

    def _on_plan_choice_saved(self, asset_id: str) -> None:
        self._on_data_changed(asset_id, "")

    def _on_register_edited(self) -> None:
        """The register page saved (and re-read itself): the other pages read when shown."""
        self._stale |= set(self._LAZY_PAGES)

    def _on_undone(self) -> None:
        """An undo or redo rewrote rows: every page showing them reads again."""
        self._on_data_changed("", "")
        current = self.pages.currentIndex()
        if current in self._LAZY_PAGES:
            self._stale.discard(current)
            {self.PAGE_DASHBOARD: self.dashboard_page.refresh,
             self.PAGE_MEASURES: self.measures_page.refresh,
             self.PAGE_MAP: self.map_page.refresh,
             self.PAGE_CONTRACTS: self.contracts_page.refresh,
             self.PAGE_PLANS: self.planning_page.refresh}[current]()
        self.planning_page.refresh_choices()  # the decision column of the candidates
        inspection = self.inspection_page
        if inspection.asset_id and not inspection.unsaved:
            inspection.set_asset(inspection.asset_id)  # the previous-inspection panel

    def _on_undo_refused(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Cannot undo"), message)

    def _on_exchange_applied(self) -> None:
        """A package was applied, a conflict resolved or an import undone."""
        self._on_data_changed("", "")

    def _on_import_ledger_triggered(self) -> None:
        wizard = LedgerImportWizard(self._context.db, self, language=self._context.language)
        wizard.ledger_imported.connect(self._on_exchange_applied)
        wizard.exec()

    def _on_counts_changed(self, shown: int, total: int) -> None:
        self.count_label.setText(
            self.tr("%1 of %2 assets").replace("%1", f"{shown:,}").replace("%2", f"{total:,}"))

    def _on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a 群マネ Desktop file"), str(self._context.db.path.parent),
            FILE_FILTER)
        if path:
            self.open_requested.emit(path)

    def _on_restore_chosen(self, backup: str, damaged: bool) -> None:
        if self.busy:
            QMessageBox.information(self, APP_NAME, self.tr(
                "Work is still running (an exchange or a plan). Restore when it has "
                "finished."))
            return
        self.restore_requested.emit(backup, damaged)

    def _on_font_scale_triggered(self, action: QAction) -> None:
        scale = int(action.data())
        if self.busy:  # the window is built again at the new size, which must wait
            QMessageBox.information(self, APP_NAME, self.tr(
                "Work is still running (an exchange or a plan). Change the text size when it "
                "has finished."))
            self.font_scale_actions[chosen_font_scale(self._context.settings)].setChecked(True)
            return
        save_font_scale(self._context.settings, scale)
        self.font_scale_chosen.emit(scale)

    def _on_help_triggered(self) -> None:
        context = self._context
        markdown = load_help(context.resources, self.current_help_key(), context.language)
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(markdown, self)
        else:
            self.help_dialog.set_markdown(markdown)
        self.help_dialog.setWindowTitle(
            self.tr("How to use this page: %1").replace(
                "%1", self.nav.item(self.pages.currentIndex()).text()))
        self.help_dialog.show()
        self.help_dialog.raise_()

    def _on_language_triggered(self, action: QAction) -> None:
        code = str(action.data())
        save_language(self._context.settings, code)
        self.language_chosen.emit(code)
        if code != self._context.language:
            QMessageBox.information(
                self, self.tr("Language"),
                self.tr("The new language is used from the next start of 群マネ Desktop."))

    def _on_about_triggered(self) -> None:
        db = self._context.db
        QMessageBox.about(self, self.tr("About 群マネ Desktop"), self.tr(
            "<h3>群マネ Desktop %1</h3>"
            "<p>Asset register, inspections and regional exchange for small "
            "municipalities.</p><p>File: %2<br>Schema version: %3</p>"
            "<p>Font: BIZ UDGothic, SIL Open Font License 1.1.</p>")
            .replace("%1", __version__).replace("%2", str(db.path))
            .replace("%3", str(db.schema_version)))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            QMessageBox.information(self, APP_NAME, self.tr(
                "Work is still running (an exchange or a plan). Close the window when it "
                "has finished."))
            event.ignore()
            return
        self._context.settings.setValue("window/geometry", self.saveGeometry())
        self.undo.stop()
        super().closeEvent(event)
