"""The window's 元に戻す / やり直し: Edit-menu actions over the undo journal of the open file.

``UndoController(db)`` starts recording the saves made through ``gui_change_context``
(every form: asset, inspection, measure) and offers ``undo_action`` (Ctrl+Z) and
``redo_action`` (Ctrl+Y), named after the step they would take and enabled only when there
is one. Undo and redo write new versions of the rows (see ``storage.undo``); the window
refreshes its pages on ``undone``. Ledger and exchange imports are not undone here: they
keep their own backup and undo.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence

from ..storage.changes import ChangeContext
from ..storage.database import Database
from ..storage.undo import DEFAULT_DEPTH, EditJournal, UndoRefused
from .editing import os_user, record_saves_in, stop_recording


def _menu_text(text: str) -> str:
    return text.replace("&", "&&")  # an asset called "A&B" must not grow a mnemonic


class UndoController(QObject):
    """Undo and redo of this window's saves, as two QActions for the Edit menu."""

    undone = Signal()
    """An undo or redo wrote rows: pages that show them should read again."""

    refused = Signal(str)
    """An undo or redo could not be made; the message (Japanese) says why."""

    def __init__(self, db: Database, parent: QObject | None = None,
                 depth: int = DEFAULT_DEPTH) -> None:
        super().__init__(parent)
        self._db = db
        self.journal = EditJournal(db, depth)
        record_saves_in(db, self.journal)
        self.journal.add_listener(self._on_step_recorded)

        self.undo_action = QAction(self)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.triggered.connect(self.redo)
        tip = self.tr("Only saves made in this window (assets, inspections, measures) are "
                      "undone. Ledger and exchange imports are not: they have their own undo.")
        for action in (self.undo_action, self.redo_action):
            action.setToolTip(tip)
            action.setStatusTip(tip)
        self.refresh_actions()

    # -- public -------------------------------------------------------------------------
    def undo(self) -> bool:
        """Undo the last save; False (and ``refused`` emitted) when it cannot be undone."""
        return self._step(self.journal.undo, self.journal.undo_owner, "gui undo")

    def redo(self) -> bool:
        return self._step(self.journal.redo, self.journal.redo_owner, "gui redo")

    def refresh_actions(self) -> None:
        """Name and enable the actions to the journal as it is now."""
        undo_text, redo_text = self.journal.undo_text, self.journal.redo_text
        self.undo_action.setText(
            self.tr("Undo: %1").replace("%1", _menu_text(undo_text)) if undo_text else self.tr("Undo"))
        self.redo_action.setText(
            self.tr("Redo: %1").replace("%1", _menu_text(redo_text)) if redo_text else self.tr("Redo"))
        self.undo_action.setEnabled(bool(undo_text))
        self.redo_action.setEnabled(bool(redo_text))

    def stop(self) -> None:
        """Stop recording saves (when the window closes its file)."""
        stop_recording(self._db, self.journal)
        self.journal.clear()
        self.refresh_actions()

    # -- internals ----------------------------------------------------------------------
    def _step(self, take: Callable[[ChangeContext], object], owner: str, source: str) -> bool:
        ctx = ChangeContext(self._db, org=self._db.site_org or owner, user=os_user(), source=source)
        try:
            take(ctx)
        except UndoRefused as exc:
            self.refresh_actions()
            self.refused.emit(str(exc))
            return False
        self.refresh_actions()
        self.undone.emit()
        return True

    def _on_step_recorded(self) -> None:
        # Called inside the save's transaction: name the actions once it has committed.
        QTimer.singleShot(0, self, self.refresh_actions)
