"""The main window: navigation on the left, the chosen page on the right, menus, status bar.

Only the asset register (施設台帳) is built in this version; the other pages say which
release brings them. Opening another file is asked of the composition root through
``open_requested``: the window never opens databases itself.
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
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from .. import __version__
from .context import AppContext
from .i18n import save_language
from .placeholder_page import PlaceholderPage
from .register_page import RegisterPage

APP_NAME = "群マネ Desktop"
FILE_FILTER = "群マネ Desktop (*.sqlite *.gunmane *.db);;*"


class MainWindow(QMainWindow):
    """The application window over one open file."""

    open_requested = Signal(str)
    """The user chose another file to open (its path)."""
    language_chosen = Signal(str)
    """The user chose a UI language for the next start ("ja" or "en")."""

    PAGE_DASHBOARD, PAGE_REGISTER = 0, 1

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        db = context.db
        self.setWindowTitle(f"{APP_NAME} — {db.path.name}")

        self.register_page = RegisterPage(db.conn)
        self.nav = QListWidget()
        self.pages = QStackedWidget()
        later = [
            (self.tr("Dashboard"), "0.2", self.tr(
                "Counts by grade and owner, inspections due this fiscal year, and the share "
                "of Ⅲ/Ⅳ assets whose measures have started.")),
            None,  # the register
            (self.tr("Inspections"), "0.2", self.tr(
                "Recording inspections and corrections, with member findings and photos.")),
            (self.tr("Measures"), "0.2", self.tr(
                "Planning and tracking repairs, closures and removals, with costs.")),
            (self.tr("Map"), "0.3", self.tr("Assets on a map, coloured by grade.")),
            (self.tr("Contracts"), "0.4", self.tr(
                "Bundled maintenance contracts across towns: orderers, contractor, scope.")),
            (self.tr("Plans"), "0.4", self.tr(
                "Long-life repair plans (長寿命化修繕計画) over ten fiscal years.")),
            (self.tr("Data exchange"), "0.3", self.tr(
                "Exchanging files with the prefecture and other towns: export, preview, "
                "apply, conflicts.")),
            (self.tr("Reports"), "0.4", self.tr(
                "PDF reports for the council and the subsidy application.")),
        ]
        for i, entry in enumerate(later):
            if entry is None:
                self.nav.addItem(self.tr("Asset register"))
                self.pages.addWidget(self.register_page)
                continue
            title, release, purpose = entry
            self.nav.addItem(title)
            self.pages.addWidget(PlaceholderPage(title, release, purpose))
            self.nav.item(i).setToolTip(self.tr("Comes with version %1").replace("%1", release))
        self.nav.setStyleSheet("QListWidget { border: none; border-right: 1px solid palette(mid); }"
                               "QListWidget::item { padding: 6px 12px; }")
        self.nav.setFixedWidth(self.nav.sizeHintForColumn(0) + 40)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)

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

        self._build_menus()
        self.nav.setCurrentRow(self.PAGE_REGISTER)
        self.register_page.load()
        self.resize(QSize(1440, 860))
        geometry = context.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    # -- menus --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.open_action = QAction(self.tr("&Open…"), self)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(self._on_open_triggered)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        language_menu = view_menu.addMenu(self.tr("&Language"))
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

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About 群マネ Desktop"), self)
        about.triggered.connect(self._on_about_triggered)
        help_menu.addAction(about)

    # -- slots --------------------------------------------------------------------------
    def _on_counts_changed(self, shown: int, total: int) -> None:
        self.count_label.setText(
            self.tr("%1 of %2 assets").replace("%1", f"{shown:,}").replace("%2", f"{total:,}"))

    def _on_open_triggered(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a 群マネ Desktop file"), str(self._context.db.path.parent),
            FILE_FILTER)
        if path:
            self.open_requested.emit(path)

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
        self._context.settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)
