"""The composition root: build the Qt application, open the file, hand the window its context.

``create_application`` (fonts, translation) is kept apart from ``open_window`` so tests
build windows with pytest-qt's own QApplication. Nothing here is a global that widgets
reach for: the window gets an ``AppContext`` and nothing else.

The session owns the open file, so it is the session that takes the day's backup, restores
a backup (closing the file, replacing it, opening it again) and builds the window again
when the text size changes.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
from ..core.paths import MODE_USER, data_dir, data_location, demo_region_path, resources_dir
from ..demo import GenerationCancelled
from ..storage.backups import list_backups, restore_backup, restore_damaged_file
from ..storage.database import Database
from ..storage.errors import CorruptDatabaseError, StorageError
from .backup_dialog import BackupDialog
from .context import AppContext
from .daily_backup import DailyBackup
from .first_run import CHOICE_DEMO, CHOICE_NEW, CHOICE_OPEN, FirstRunWizard
from .fonts import apply_ui_font, chosen_font_scale, register_fonts
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


def offer_recovery(path: Path, problem: str, parent: QWidget | None = None) -> bool:
    """A file found damaged on opening: offer its newest sound backup; True if restored."""
    dialog = BackupDialog(path, damaged=True, problem=problem, parent=parent)
    if dialog.exec() != BackupDialog.DialogCode.Accepted or dialog.chosen is None:
        return False
    try:
        restore_damaged_file(path, dialog.chosen)
    except (StorageError, OSError) as exc:
        show_error(parent, QCoreApplication.translate("App", "Cannot restore the backup"),
                   str(exc))
        return False
    return True


def open_database(path: str | Path, parent: QWidget | None = None) -> Database | None:
    """Open a file, or tell the user clearly why not (never a traceback) and return None.

    Large files skip the check before opening; the session checks them in the background.
    A damaged file that has backups is offered its newest sound one.
    """
    try:
        return Database.open(path, quick_check=check_before_opening(Path(path)))
    except CorruptDatabaseError as exc:
        damaged = Path(path)
        if (exc.path.resolve() == damaged.resolve() and list_backups(damaged)
                and offer_recovery(damaged, exc.problem, parent)):
            return open_database(damaged, parent)
        show_error(parent, QCoreApplication.translate("App", "Cannot open the file"),
                   f"{exc.path.name}\n\n{exc.problem}\n\n({exc.path})")
    except StorageError as exc:
        show_error(parent, QCoreApplication.translate("App", "Cannot open the file"),
                   f"{exc.path.name}\n\n{exc.problem}\n\n({exc.path})")
    except OSError as exc:
        show_error(parent, QCoreApplication.translate("App", "Cannot open the file"),
                   f"{Path(path).name}\n\n{exc.strerror}")
    return None


def open_window(db: Database, settings: QSettings, language: str) -> MainWindow:
    """The main window over an open file (tests call this with their own settings).

    The objects that live as long as the window (modules, widgets, the catalogue: several
    hundred thousand) are then frozen out of the cyclic collector: a full collection walked
    them all, 70-80 ms on the GUI thread with a 500,000-asset register open, a stall at a
    random moment. What an earlier window left is unfrozen first, so it can still go.
    """
    gc.unfreeze()
    context = AppContext(db=db, settings=settings, language=language,
                         resources=resources_dir())
    window = MainWindow(context)
    gc.freeze()
    return window


@contextmanager
def _window_swap() -> Iterator[None]:
    """While the one window is replaced, closing it must not end the program."""
    app = QApplication.instance()
    before = QApplication.quitOnLastWindowClosed() if app is not None else True
    QApplication.setQuitOnLastWindowClosed(False)
    try:
        yield
    finally:
        QApplication.setQuitOnLastWindowClosed(before)


class Session:
    """Keeps the open file and its window; swaps both when the user opens another file."""

    def __init__(self, settings: QSettings, language: str) -> None:
        self.settings = settings
        self.language = language
        self.db: Database | None = None
        self.window: MainWindow | None = None
        self.watch: IntegrityWatch | None = None
        self.daily_backup: DailyBackup | None = None

    def open(self, path: str | Path) -> bool:
        self._wait_for_workers()
        db = open_database(path, self.window)
        if db is None:
            return False
        old_window, old_db = self.window, self.db
        self.db = db
        self._show_new_window()
        # Workers have no parent: they outlive a window that is built again.
        self.daily_backup = DailyBackup(db.path)
        self.daily_backup.taken.connect(self._on_daily_backup_taken)
        self.daily_backup.failed.connect(self._on_daily_backup_failed)
        self.watch = None
        if check_before_opening(Path(path)):
            self.daily_backup.start_if_due()
        else:  # a damaged file must not push a sound backup out of the rotation
            self.watch = IntegrityWatch(Path(path))
            self.watch.damage_found.connect(self._on_damage_found)
            self.watch.file_sound.connect(self.daily_backup.start_if_due)
            self.watch.start()
        self.settings.setValue(LAST_FILE_KEY, str(Path(path).resolve()))
        if old_window is not None:
            old_window.close()
            old_window.deleteLater()
        if old_db is not None:
            old_db.close()
        return True

    def close(self) -> None:
        """Close the window (if still open) and then its file."""
        self._wait_for_workers()
        if self.window is not None and self.window.isVisible():
            self.window.close()
        if self.db is not None:
            self.db.close()
            self.db = None

    def restore(self, backup: str | Path, *, damaged: bool = False) -> bool:
        """Replace the open file with ``backup`` and open it again; False if it failed.

        The file is closed first (a restore needs the instance lock). If the restore fails
        the file is opened again as it was.
        """
        if self.db is None or self.window is None:
            return False
        path = self.db.path
        self._wait_for_workers()
        restored = True
        with _window_swap():
            self.window.hide()  # it must not repaint from a closed file
            self.db.close()
            try:
                if damaged:
                    restore_damaged_file(path, Path(backup))
                else:
                    restore_backup(path, Path(backup))
            except (StorageError, OSError) as exc:
                restored = False
                show_error(None, QCoreApplication.translate("App", "Cannot restore the backup"),
                           str(exc))
            if not self.open(path):
                QApplication.quit()
                return False
        if restored:
            self.window.statusBar().showMessage(QCoreApplication.translate(
                "App", "Restored from %1.").replace("%1", Path(backup).name))
        return restored

    def rebuild_window(self) -> None:
        """Build the window again over the same file (after the text size changed), so
        every size worked out from the font when it was built follows the new one."""
        if self.db is None or self.window is None:
            return
        old_window = self.window
        self.settings.setValue("window/geometry", old_window.saveGeometry())
        page = old_window.pages.currentIndex()
        with _window_swap():
            self._show_new_window()
            self.window.show_page(page)
            old_window.close()
            old_window.deleteLater()

    def _show_new_window(self) -> None:
        assert self.db is not None
        self.window = open_window(self.db, self.settings, self.language)
        self.window.open_requested.connect(self._on_open_requested)
        self.window.restore_requested.connect(self._on_restore_requested)
        self.window.font_scale_chosen.connect(self._on_font_scale_chosen)
        self.window.show()

    def _wait_for_workers(self) -> None:
        if self.daily_backup is not None:
            self.daily_backup.wait()

    def _on_damage_found(self, problems: list) -> None:
        name = self.db.path.name if self.db is not None else ""
        box = QMessageBox(QMessageBox.Icon.Critical,
                          QCoreApplication.translate("App", "The file is damaged"),
                          QCoreApplication.translate(
                              "App", "%1 failed the damage check. Stop editing it and restore a "
                                     "backup, or send the file to whoever supports you.")
                          .replace("%1", name) + "\n\n" + "\n".join(problems),
                          QMessageBox.StandardButton.Close, self.window)
        restore = box.addButton(QCoreApplication.translate("App", "Restore from a backup…"),
                                QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is restore and self.window is not None:
            self.window.show_backup_dialog(damaged=True, problem="\n".join(problems))

    def _on_daily_backup_taken(self, path: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(QCoreApplication.translate(
                "App", "Today's backup: %1").replace("%1", Path(path).name), 10_000)

    def _on_daily_backup_failed(self, problem: str) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage(QCoreApplication.translate(
                "App", "Today's backup could not be taken: %1").replace("%1", problem))

    def _on_restore_requested(self, backup: str, damaged: bool) -> None:
        self.restore(backup, damaged=damaged)

    def _on_font_scale_chosen(self, scale: int) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_ui_font(app, scale)
        self.rebuild_window()

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
    """No file given: the last one if it still exists, else the first-run wizard.

    Returns (path, demo).
    """
    last = settings.value(LAST_FILE_KEY)
    if last and Path(str(last)).exists():
        return str(last), False
    wizard = FirstRunWizard(data_dir())
    if wizard.exec() != FirstRunWizard.DialogCode.Accepted:
        return None, False
    if wizard.choice == CHOICE_DEMO:
        return None, True
    if wizard.choice == CHOICE_NEW and wizard.created_path is not None:
        return str(wizard.created_path), False
    if wizard.choice == CHOICE_OPEN:
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
    apply_ui_font(app, chosen_font_scale(settings))  # before any window measures its text
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
    session = Session(settings, language)
    if not session.open(db_path):
        return 1
    try:
        return app.exec()
    finally:
        session.close()
        del translators

