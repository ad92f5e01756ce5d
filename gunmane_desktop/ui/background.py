"""Running long plain functions off the GUI thread, with a late progress dialog and cancel.

The core's long jobs (ledger preview and import, export, report rendering) are plain
functions taking a progress sink and a cancel predicate. ``BackgroundTask`` runs one on a
QThread: ``fn(progress, cancel)`` never touches a widget; progress is only stored by the
worker and read by a GUI timer (so updates are throttled), and the progress dialog appears
only if the work lasts over ``DIALOG_DELAY_MS``. The success or failure callback runs on
the GUI thread. ``user_message`` turns an exception into the one line a dialog may show.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..ledger.errors import LedgerError
from ..reports import ReportCancelled

log = logging.getLogger(__name__)

DIALOG_DELAY_MS = 500
POLL_MS = 100

ProgressSink = Callable[[float | None, str], None]  # fraction 0..1 (None: unknown), message
CancelCheck = Callable[[], bool]
Job = Callable[[ProgressSink, CancelCheck], Any]

# Workers whose task (and its parent window) may be gone before they end: a QThread
# destroyed while running aborts the program, so each stays referenced until it finishes.
_unfinished: set[QThread] = set()


def user_message(exc: BaseException) -> str:
    """The one line to show for a failed job: the core's own message, never a traceback."""
    if isinstance(exc, (LedgerError, ReportCancelled)):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}"
    return QCoreApplication.translate(
        "BackgroundTask", "Unexpected error (%1). Details are in the log.").replace(
        "%1", type(exc).__name__)


class _Worker(QThread):
    """The thread itself: calls the job and reports its outcome through signals."""

    succeeded = Signal(object)
    """The job returned this value."""
    failed = Signal(object)
    """The job raised this exception."""

    def __init__(self, job: Job, progress: ProgressSink, cancel: CancelCheck) -> None:
        super().__init__()
        self._job = job
        self._progress = progress
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._job(self._progress, self._cancel)
        except Exception as exc:  # every failure goes back to the GUI as a message
            if not isinstance(exc, (LedgerError, ReportCancelled)):
                log.exception("background job failed")
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One run of a job on a worker thread, with a progress dialog shown after 0.5 s.

    Usage: ``BackgroundTask(parent, fn, label).on_success(cb).on_failure(cb).start()``.
    ``on_failure`` receives the exception; ``was_cancelled`` tells a cancel from an error.
    """

    finished = Signal()
    """The job ended (after the success or failure callback ran)."""

    def __init__(self, parent: QWidget, job: Job, label: str, *, cancellable: bool = True) -> None:
        super().__init__(parent)
        self._parent_widget = parent
        self._job = job
        self._label = label
        self._cancellable = cancellable
        self._cancel_event = threading.Event()
        self._latest: tuple[float | None, str] = (0.0, label)
        self._success: Callable[[Any], None] = lambda _result: None
        self._failure: Callable[[BaseException], None] = lambda _exc: None
        self._dialog: QProgressDialog | None = None
        self._worker: _Worker | None = None
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._on_poll)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(DIALOG_DELAY_MS)
        self._delay.timeout.connect(self._show_dialog)

    def on_success(self, callback: Callable[[Any], None]) -> BackgroundTask:
        self._success = callback
        return self

    def on_failure(self, callback: Callable[[BaseException], None]) -> BackgroundTask:
        self._failure = callback
        return self

    @property
    def was_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    @property
    def running(self) -> bool:
        return self._worker is not None

    @property
    def dialog(self) -> QProgressDialog | None:
        """The progress dialog, once shown (for tests)."""
        return self._dialog

    def start(self) -> BackgroundTask:
        """Start the job; returns at once."""
        self._worker = _Worker(self._job, self._store_progress, self._cancel_event.is_set)
        self._worker.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self._worker.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        _unfinished.add(self._worker)
        self._worker.start()
        self._delay.start()
        self._poll.start()
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._cancel_event.set()
        if self._dialog is not None:
            self._dialog.setLabelText(self.tr("Cancelling…"))

    def _store_progress(self, fraction: float | None, message: str) -> None:
        # Called on the worker thread: only store; the GUI timer reads it.
        self._latest = (fraction, message)

    def _show_dialog(self) -> None:
        if self._worker is None:
            return
        dialog = QProgressDialog(self._label, self.tr("Cancel") if self._cancellable else "",
                                 0, 1000, self._parent_widget)
        dialog.setWindowTitle(self._label)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumWidth(420)
        if not self._cancellable:
            dialog.setCancelButton(None)
        dialog.canceled.connect(self.cancel)
        self._dialog = dialog
        self._on_poll()
        dialog.show()

    def _on_poll(self) -> None:
        if self._dialog is None or self.was_cancelled:
            return
        if self._dialog.wasCanceled():
            self.cancel()
            return
        fraction, message = self._latest
        if fraction is None:
            self._dialog.setMaximum(0)  # busy indicator
        else:
            self._dialog.setMaximum(1000)
            self._dialog.setValue(max(0, min(1000, int(fraction * 1000))))
        if message:
            self._dialog.setLabelText(message)

    def _finish(self) -> None:
        self._poll.stop()
        self._delay.stop()
        if self._worker is not None:
            self._worker.wait()
            _unfinished.discard(self._worker)
            self._worker.deleteLater()
            self._worker = None
        if self._dialog is not None:
            self._dialog.canceled.disconnect(self.cancel)
            self._dialog.close()
            self._dialog.deleteLater()
            self._dialog = None

    def _on_succeeded(self, result: object) -> None:
        self._finish()
        self._success(result)
        self.finished.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self._finish()
        self._failure(exc)
        self.finished.emit()

    def wait(self) -> None:
        """Block until the worker thread ends (closing a window mid-job, tests)."""
        if self._worker is not None:
            self._cancel_event.set()
            self._worker.wait()
