"""The composition root: build the Qt application, open the file, hand the window its context.

``create_application`` (fonts, translation) is kept apart from ``open_window`` so tests
build windows with pytest-qt's own QApplication. Nothing here is a global that widgets
reach for: the window gets an ``AppContext`` and nothing else.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from ..contracts.demo import make_demo_region
from ..core.paths import MODE_USER, data_location, demo_region_path, resources_dir
from ..demo import GenerationCancelled
from ..storage.database import Database
from ..storage.errors import StorageError
from .context import AppContext
from .fonts import apply_ui_font, register_fonts
from .i18n import chosen_language, install_translators
from .integrity_watch import IntegrityWatch, check_before_opening
from .main_window import APP_NAME, FILE_FILTER, MainWindow

ORGANISATION = "GunmaneDesktop"
LAST_FILE_KEY = "files/last"


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with the bundled fonts registered and BIZ UDGothic as its font."""
    QApplication.setOrganizationName(ORGANISATION)
    QApplication.setApplicationName(ORGANISATION)
    QApplication.setApplicationDisplayName(APP_NAME)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    register_fonts(resources_dir() / "fonts")
    apply_ui_font(app)
    icon = resources_dir() / "icons" / "gunmane.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def user_settings() -> QSettings:
    """The user's settings: the OS store, except in portable mode or with
    GUNMANE_DATA_DIR, where they go in an INI file in the data folder so they travel with
    the USB stick (and a test's settings never touch the real user's)."""
    location = data_location()
    if location.mode == MODE_USER:
        return QSettings(ORGANISATION, ORGANISATION)
    return QSettings(str(location.path / "settings.ini"), QSettings.Format.IniFormat)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.critical(parent, title, message)


def open_database(path: str | Path, parent: QWidget | None = None) -> Database | None:
    """Open a file, or tell the user clearly why not (never a traceback) and return None.

    Large files skip the check before opening; the session checks them in the background.
    """
    try:
        return Database.open(path, quick_check=check_before_opening(Path(path)))
    except StorageError as exc:
        show_error(parent, QCoreApplication.translate("App", "Cannot open the file"),
                   f"{exc.path.name}\n\n{exc.problem}\n\n({exc.path})")
    except OSError as exc:
        show_error(parent, QCoreApplication.translate("App", "Cannot open the file"),
                   f"{Path(path).name}\n\n{exc.strerror}")
    return None


def open_window(db: Database, settings: QSettings, language: str) -> MainWindow:
    """The main window over an open file (tests call this with their own settings)."""
    context = AppContext(db=db, settings=settings, language=language,
                         resources=resources_dir())
    return MainWindow(context)


class _Session:
    """Keeps the open file and its window; swaps both when the user opens another file."""

    def __init__(self, settings: QSettings, language: str) -> None:
        self.settings = settings
        self.language = language
        self.db: Database | None = None
        self.window: MainWindow | None = None
        self.watch: IntegrityWatch | None = None

    def open(self, path: str | Path) -> bool:
        db = open_database(path, self.window)
        if db is None:
            return False
        old_window, old_db = self.window, self.db
        self.db = db
        self.window = open_window(db, self.settings, self.language)
        self.window.open_requested.connect(self._on_open_requested)
        self.window.show()
        if not check_before_opening(Path(path)):
            self.watch = IntegrityWatch(Path(path), self.window)
            self.watch.damage_found.connect(self._on_damage_found)
            self.watch.start()
        self.settings.setValue(LAST_FILE_KEY, str(Path(path).resolve()))
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_db is not None:
            old_db.close()
        return True

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _on_damage_found(self, problems: list) -> None:
        name = self.db.path.name if self.db is not None else ""
        show_error(self.window, QCoreApplication.translate("App", "The file is damaged"),
                   QCoreApplication.translate(
                       "App", "%1 failed the damage check. Stop editing it and restore a "
                              "backup, or send the file to whoever supports you.")
                   .replace("%1", name) + "\n\n" + "\n".join(problems))

    def _on_open_requested(self, path: str) -> None:
        if self.db is not None and Path(path).resolve() == self.db.path.resolve():
            return
        self.open(path)


def _generate_demo(path: Path) -> bool:
    """Make the demo region file with a progress dialog; False if cancelled or impossible."""
    dialog = QProgressDialog(QCoreApplication.translate("App", "Creating the demo region…"),
                             QCoreApplication.translate("App", "Cancel"), 0, 1000)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(500)
    cancelled = {"flag": False}

    def progress(fraction: float, message: str) -> None:
        dialog.setValue(int(1000 * fraction))
        if message:
            dialog.setLabelText(message)
        QApplication.processEvents()
        cancelled["flag"] = dialog.wasCanceled()

    def cancel() -> bool:
        return cancelled["flag"]

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        make_demo_region(path, progress=progress, cancel=cancel)
    except GenerationCancelled:
        return False  # the generator has removed its partial file
    except StorageError as exc:
        show_error(None, APP_NAME, f"{exc.path.name}\n\n{exc.problem}")
        return False
    finally:
        dialog.close()
    return path.exists()


def _ask_for_file(settings: QSettings) -> tuple[str | None, bool]:
    """No file given: the last one if it still exists, else ask. Returns (path, demo)."""
    last = settings.value(LAST_FILE_KEY)
    if last and Path(str(last)).exists():
        return str(last), False
    box = QMessageBox()
    box.setWindowTitle(APP_NAME)
    box.setText(QCoreApplication.translate("App", "Which file do you want to work on?"))
    open_button = box.addButton(QCoreApplication.translate("App", "Open a file…"),
                                QMessageBox.ButtonRole.AcceptRole)
    demo_button = box.addButton(QCoreApplication.translate("App", "Try the demo region"),
                                QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is demo_button:
        return None, True
    if clicked is open_button:
        title = QCoreApplication.translate("App", "Open a 群マネ Desktop file")
        path, _ = QFileDialog.getOpenFileName(None, title, "", FILE_FILTER)
        return path or None, False
    return None, False


def run(db_path: str | None, *, demo_path: str | None = None) -> int:
    """Start the desktop program on ``db_path`` (or the demo region) and return its exit code.

    ``demo_path`` opens that demo region file, creating it first when it does not exist.
    With neither, the last file opened is used, or the user is asked.
    """
    app = create_application()
    settings = user_settings()
    language = chosen_language(settings)
    translators = install_translators(app, language, resources_dir() / "translations")
    demo = Path(demo_path) if demo_path else None
    if db_path is None and demo is None:
        db_path, wants_demo = _ask_for_file(settings)
        if wants_demo:
            demo = demo_region_path()
    if db_path is None and demo is not None:
        if not demo.exists() and not _generate_demo(demo):
            return 1
        db_path = str(demo)
    if db_path is None:
        return 0
    session = _Session(settings, language)
    if not session.open(db_path):
        return 1
    try:
        return app.exec()
    finally:
        session.close()
        del translators

