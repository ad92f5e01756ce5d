"""Long work off the GUI thread: ``Task(parent, fn).success(cb).failure(cb).with_progress(text).run()``.

``fn(progress, cancel)`` runs on a worker thread. ``progress(fraction, message)`` and
``cancel()`` are plain callables, so the same functions serve the CLI and the tests. The
worker never touches a widget: its result, failure and progress travel back to the GUI
thread as queued signals. A progress dialog appears only when the work lasts longer than
``PROGRESS_DELAY_MS``, and progress updates are throttled. Until then (and while it shows)
user input to the window is held back, so no other page reads or writes the file
mid-transaction before the window-modal dialog takes over.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

log = logging.getLogger(__name__)

PROGRESS_DELAY_MS = 500
_THROTTLE_S = 0.1
_INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.ShortcutOverride,
})

Progress = Callable[[float, str], None]
Cancel = Callable[[], bool]
Work = Callable[[Progress, Cancel], Any]


class _Bridge(QObject):
    """Lives in the GUI thread; the worker emits, Qt queues the calls across."""

    progressed = Signal(float, str)
    """The worker reported progress (fraction 0-1, message)."""
    succeeded = Signal(object)
    """The worker returned a value."""
    failed = Signal(object)
    """The worker raised an exception."""


class _InputBlocker(QObject):
    """Drops mouse and key input aimed at one window (but not at the progress dialog)."""

    def __init__(self, window: QWidget, parent: QObject) -> None:
        super().__init__(parent)
        self._window = window
        self.dialog: QWidget | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS and isinstance(watched, QWidget):
            top = watched.window()
            if top is self._window and (self.dialog is None or not self.dialog.isAncestorOf(watched)):
                return True
        return False


class Task(QObject):
    """One piece of background work with its callbacks and optional progress dialog."""

    finished = Signal()
    """The work ended (after the success or failure callback ran)."""

    def __init__(self, parent: QWidget, fn: Work) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self._fn: Work | None = fn
        self._on_success: Callable[[Any], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._label: str | None = None
        self._cancellable = False
        self._cancel = threading.Event()
        self._bridge = _Bridge(self)
        self._bridge.progressed.connect(self._on_progressed)
        self._bridge.succeeded.connect(self._on_succeeded)
        self._bridge.failed.connect(self._on_failed)
        self._dialog: QProgressDialog | None = None
        self._timer: QTimer | None = None
        self._last: tuple[float, str] = (0.0, "")
        self._blocker: _InputBlocker | None = None
        self.running = False

    # -- builder ------------------------------------------------------------------------
    def success(self, callback: Callable[[Any], None]) -> Task:
        """Call ``callback(result)`` on the GUI thread when ``fn`` returns."""
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Task:
        """Call ``callback(exception)`` on the GUI thread when ``fn`` raises."""
        self._on_failure = callback
        return self

    def with_progress(self, label: str, *, cancellable: bool = False) -> Task:
        """Show a progress dialog with ``label`` if the work lasts over half a second."""
        self._label = label
        self._cancellable = cancellable
        return self

    def run(self) -> Task:
        """Start the work; returns at once."""
        self.running = True
        app = QApplication.instance()
        if self._label is not None and app is not None:
            self._blocker = _InputBlocker(self._parent_widget.window(), self)
            app.installEventFilter(self._blocker)
        if self._label is not None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.timeout.connect(self._show_dialog)
            self._timer.start(PROGRESS_DELAY_MS)
        threading.Thread(target=self._work, name="gunmane-task", daemon=True).start()
        return self

    def cancel(self) -> None:
        """Ask the work to stop at its next check."""
        self._cancel.set()

    # -- worker thread --------------------------------------------------------------------
    def _work(self) -> None:
        last_emit = [0.0]

        def progress(fraction: float, message: str) -> None:
            now = time.monotonic()
            if now - last_emit[0] >= _THROTTLE_S or fraction >= 1.0:
                last_emit[0] = now
                self._bridge.progressed.emit(float(fraction), str(message))

        try:
            result = self._fn(progress, self._cancel.is_set)  # type: ignore[misc]
        except BaseException as exc:
            self._bridge.failed.emit(exc)
        else:
            self._bridge.succeeded.emit(result)

    # -- GUI thread -----------------------------------------------------------------------
    def _show_dialog(self) -> None:
        if not self.running or self._label is None:
            return
        dialog = QProgressDialog(self._label, self.tr("Cancel") if self._cancellable else "",
                                 0, 1000, self._parent_widget)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        fraction, message = self._last
        dialog.setValue(int(fraction * 1000))
        if message:
            dialog.setLabelText(f"{self._label}\n{message}")
        dialog.show()
        self._dialog = dialog
        if self._blocker is not None:
            self._blocker.dialog = dialog

    def _on_progressed(self, fraction: float, message: str) -> None:
        self._last = (fraction, message)
        if self._dialog is not None:
            self._dialog.setValue(int(max(0.0, min(1.0, fraction)) * 1000))
            self._dialog.setLabelText(f"{self._label}\n{message}" if message else self._label or "")

    def _end(self) -> None:
        self.running = False
        app = QApplication.instance()
        if self._blocker is not None and app is not None:
            app.removeEventFilter(self._blocker)
            self._blocker = None
        if self._timer is not None:
            self._timer.stop()
        if self._dialog is not None:
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _release(self) -> None:
        # The task stays a child of its widget and goes with it. Deleting it here
        # (deleteLater) crashed when its callback ran inside a nested event loop, so only
        # the work and the callbacks, which may hold large results, are let go.
        self._fn = None
        self._on_success = None
        self._on_failure = None

    def _on_succeeded(self, result: object) -> None:
        self._end()
        try:
            if self._on_success is not None:
                self._on_success(result)
        except Exception as exc:  # a broken callback is reported, not raised into Qt
            log.error("success callback failed", exc_info=exc)
            if self._on_failure is not None:
                self._on_failure(exc)
        finally:
            self.finished.emit()
            self._release()

    def _on_failed(self, exc: BaseException) -> None:
        self._end()
        try:
            if self._on_failure is not None:
                self._on_failure(exc)
            else:
                log.error("background task failed", exc_info=exc)
        finally:
            self.finished.emit()
            self._release()
