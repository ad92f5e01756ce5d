"""BackgroundTask: jobs run off the GUI thread; the progress dialog waits 0.5 s; cancel works."""

import threading
import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from gunmane_desktop.ledger.errors import ImportCancelled
from gunmane_desktop.ui.background import BackgroundTask, user_message


def make_parent(qtbot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()
    return parent


def test_quick_job_shows_no_dialog_and_returns_on_the_gui_thread(qtbot):
    # Given a job that finishes at once
    parent = make_parent(qtbot)
    seen = {}

    def job(progress, cancel):
        seen["thread"] = threading.current_thread()
        progress(0.5, "half")
        return 42

    def done(value):
        seen["value"] = value
        seen["callback_thread"] = threading.current_thread()

    # When it runs
    task = BackgroundTask(parent, job, "quick").on_success(done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()

    # Then it ran on a worker, the callback on the GUI thread, and no dialog appeared
    assert seen["value"] == 42
    assert seen["thread"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()
    assert task.dialog is None


def test_slow_job_shows_progress_and_can_be_cancelled(qtbot):
    # Given a job that runs until cancelled
    parent = make_parent(qtbot)
    failures = []

    def job(progress, cancel):
        for step in range(600):
            if cancel():
                raise ImportCancelled()
            progress(step / 600, f"step {step}")
            time.sleep(0.01)
        return "done"

    task = BackgroundTask(parent, job, "slow").on_failure(failures.append)
    task.start()

    # Then after half a second a progress dialog shows the job's message
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: task.dialog.value() > 0, timeout=3000)

    # When Cancel is pressed, the job stops with its cancellation and the dialog goes away
    with qtbot.waitSignal(task.finished, timeout=5000):
        qtbot.mouseClick(task.dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert task.was_cancelled
    assert isinstance(failures[0], ImportCancelled)
    assert task.dialog is None


def test_unexpected_error_is_one_line_without_traceback(qtbot):
    parent = make_parent(qtbot)
    failures = []

    def job(progress, cancel):
        raise KeyError("internal")

    task = BackgroundTask(parent, job, "broken").on_failure(failures.append)
    with qtbot.waitSignal(task.finished, timeout=5000):
        task.start()
    message = user_message(failures[0])
    assert "KeyError" in message and "Traceback" not in message
    assert user_message(FileNotFoundError(2, "No such file", "x.csv")) == "x.csv: No such file"
