"""Who the GUI writes as: the ChangeContext for edits made in this window.

The organisation is the file's own (``site_org``), or the asset's owner in a file that has
none; the user is the operating-system account, so the audit trail names a person.

When the window's undo (``ui.undo.UndoController``) has called ``record_saves_in`` for the
file, every context made here records its save in the undo journal, so each form that
saves through ``gui_change_context`` can be undone without knowing about undo.
"""

from __future__ import annotations

import getpass
import weakref

from ..storage.changes import ChangeContext
from ..storage.database import Database
from ..storage.undo import EditJournal

# Keyed weakly by the open file: a closed and dropped Database takes its journal with it.
_journals: weakref.WeakKeyDictionary[Database, EditJournal] = weakref.WeakKeyDictionary()


def os_user() -> str:
    try:
        return getpass.getuser() or "user"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "user"


def record_saves_in(db: Database, journal: EditJournal | None) -> None:
    """Record every later GUI save to ``db`` in ``journal`` (None: stop recording)."""
    if journal is None:
        _journals.pop(db, None)
    else:
        _journals[db] = journal


def stop_recording(db: Database, journal: EditJournal) -> None:
    """Stop recording into ``journal``; a newer window's journal for ``db`` stays."""
    if _journals.get(db) is journal:
        del _journals[db]


def gui_change_context(db: Database, fallback_org: str) -> ChangeContext:
    """A ChangeContext for one save made from the GUI (one undo step, if undo is on)."""
    return ChangeContext(db, org=db.site_org or fallback_org, user=os_user(), source="gui",
                         journal=_journals.get(db))
