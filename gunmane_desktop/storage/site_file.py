"""A new file for one organisation: the empty schema, whose file it is, and its lead.

``gunmane init`` and the first-run wizard both create files through here, so a file made
from the command line and one made in the window are the same.
"""

from __future__ import annotations

from pathlib import Path

from ..core.organisations import Organisation, OrgKind, is_prefecture_code
from .changes import ChangeContext
from .database import Database
from .organisations import OrganisationRepository


def create_site_file(path: Path | str, org: Organisation, *, lead_name: str = "",
                     source: str = "init") -> None:
    """Create ``path`` (never overwriting) for ``org``, with ``org.lead_code`` as its lead.

    The lead is entered as an organisation of its own so exchange packages can be sent to it
    at once; without a name it is shown by its code until its first package names it.
    """
    with Database.create(path) as db:
        ctx = ChangeContext(db, org.code, source=source)
        with db.transaction():
            db.set_meta("site_org", org.code)
            repo = OrganisationRepository(db)
            repo.save(ctx, org)
            lead = org.lead_code
            if lead:
                kind = OrgKind.PREFECTURE if is_prefecture_code(lead) else OrgKind.MUNICIPALITY
                repo.save(ctx, Organisation(code=lead, kind=kind,
                                            name=lead_name.strip() or f"({lead})"))
