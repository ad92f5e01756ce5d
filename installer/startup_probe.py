"""Runtime hook of the start-up measurement build only (installer/measure_startup.sh).

Never part of a release bundle: the spec adds it only when GUNMANE_STARTUP_PROBE=1 at build
time. When the first top-level window has been shown and the event loop has run once, it
prints ``first-window <unix time>`` on stderr and quits the program.
"""

import sys
import time

from PySide6 import QtCore, QtWidgets

_original_show = QtWidgets.QWidget.show
_reported = []


def _report_and_quit() -> None:
    print(f"first-window {time.time():.6f}", file=sys.stderr, flush=True)
    QtWidgets.QApplication.quit()


def _show(self) -> None:
    _original_show(self)
    if not _reported and self.isWindow():
        _reported.append(True)
        QtCore.QTimer.singleShot(0, _report_and_quit)


QtWidgets.QWidget.show = _show
