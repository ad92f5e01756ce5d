"""The Qt bindings must keep Python's reference counts straight.

PySide6-Essentials 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call
and to True on every signal emit, so after a few dashboard redraws CPython aborted
("bool_dealloc"). pyproject.toml excludes that release; this test fails on any release
that brings the bug back, before a staffer's window does.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLabel


class _Emitter(QObject):
    fired = Signal(bool)
    """Fired (for the test)."""


def test_void_calls_and_signals_leave_none_and_true_counted(qapp):
    emitter = _Emitter()
    emitter.fired.connect(lambda value: None)
    label = QLabel("x")
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(5_000):
        label.setToolTip("a")
        emitter.fired.emit(True)
    assert sys.getrefcount(None) - none_before > -100
    assert sys.getrefcount(True) - true_before > -100
