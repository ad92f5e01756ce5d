"""Who the GUI writes as: the ChangeContext for edits made in this window.

The organisation is the file's own (``site_org``), or the asset's owner in a file that has
none; the user is the operating-system account, so the audit trail names a person.
"""

from __future__ import annotations

import getpass

from ..storage.changes import ChangeContext
from ..storage.database import Database


def os_user() -> str:
    try:
        return getpass.getuser() or "user"
    except (KeyError, OSError):  # no user name in the environment or the password database
        return "user"


def gui_change_context(db: Database, fallback_org: str) -> ChangeContext:
    """A ChangeContext for one save made from the GUI."""
    return ChangeContext(db, org=db.site_org or fallback_org, user=os_user(), source="gui")
