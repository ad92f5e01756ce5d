"""Photos that travel apart from their rows: left out (``--no-photos``) or in another part.

A row that names a photo (``attachment_links.sha256``, ``contract_documents.sha256``,
``requests.photo_sha256``) may arrive before the photo's bytes. The receiver then keeps a
*placeholder*: the ``attachments`` row with the photo's hash, type and size from the
package's metadata and empty ``data``. "Not received" is ``length(data) <> size``; a later
package that carries the bytes fills the placeholder (the bytes are checked against their
hash by validation, so whoever sends them, they are the photo the row names).

Acknowledgements must not claim what has not arrived: the receiver's acknowledgement of
the sender (``received`` per origin organisation) is held just below the oldest row whose
photo is still missing, so the sender's next incremental package carries that row again,
with its photo when the sender has it.
"""

from __future__ import annotations

import sqlite3

from .classify import ACCEPTED
from .tables import ATTACHMENT_REFS

#: SQL over an ``attachments`` alias ``a``: the bytes are here.
RECEIVED = "length(a.data) = a.size"


def just_before(stamp: str) -> str:
    """The greatest acknowledgement below ``stamp`` for its origin.

    A row goes to a peer when ``row.hlc > acked[origin]``. Every stamp of one origin ends
    in ``-<origin>``, so no stamp of that origin lies between ``stamp[:-1]`` (a prefix) and
    ``stamp``: acknowledging ``stamp[:-1]`` leaves out exactly the rows from ``stamp`` on.
    """
    return stamp[:-1]


def missing_after_import(conn: sqlite3.Connection, members: set[str]) -> list[tuple[str, str]]:
    """(hlc, sha256) of the package's rows that will name a photo still missing here.

    Call with ``pkg`` attached and ``temp.cls_*`` filled. A row counts when the file ends up
    naming the photo through it: accepted or identical, or kept locally with the same
    photo; live rows only (a tombstoned link needs no bytes). ``members`` are the photos
    whose bytes the package carries.
    """
    out = []
    accepted = ", ".join(f"'{v}'" for v in (*ACCEPTED, "identical"))
    for table, column in ATTACHMENT_REFS:
        for hlc, digest in conn.execute(
                f"SELECT p.hlc, p.{column} FROM pkg.{table} p JOIN temp.cls_{table} c ON c.id = p.id "
                f"LEFT JOIN main.{table} l ON l.id = p.id "
                f"WHERE c.verdict <> 'rejected' AND p.deleted = 0 AND p.{column} IS NOT NULL "
                f"AND (c.verdict IN ({accepted}) OR l.{column} IS p.{column}) "
                f"AND NOT EXISTS (SELECT 1 FROM main.attachments a WHERE a.sha256 = p.{column} "
                f"AND {RECEIVED})"):
            if digest not in members:
                out.append((hlc, digest))
    return out


def missing_in_file(conn: sqlite3.Connection, members: set[str]) -> list[tuple[str, str]]:
    """(hlc, sha256) of this file's live rows naming a photo it does not have (and the
    package being imported does not bring)."""
    out = []
    for table, column in ATTACHMENT_REFS:
        for hlc, digest in conn.execute(
                f"SELECT l.hlc, l.{column} FROM main.{table} l JOIN main.attachments a "
                f"ON a.sha256 = l.{column} WHERE l.deleted = 0 AND NOT ({RECEIVED})"):
            if digest not in members:
                out.append((hlc, digest))
    return out


def hold_back(received: dict[str, str], missing: list[tuple[str, str]], *,
              since: dict[str, str] | None = None, upto: dict[str, str] | None = None) -> dict[str, str]:
    """``received`` held below the oldest row per origin whose photo is missing.

    With ``since``/``upto`` only rows in that window count (a photo part judges the rows
    of its own export, not every missing photo of the file).
    """
    out = dict(received)
    for hlc, _digest in missing:
        origin = hlc.split("-", 2)[2]
        window = since is None or upto is None or since.get(origin, "") < hlc <= upto.get(origin, "")
        if not window:
            continue
        if out.get(origin, "") >= hlc:
            out[origin] = just_before(hlc)
    return out


def store_photos(conn: sqlite3.Connection, attachments: dict[str, object]) -> int:
    """Store the package's photos that a row here (or an incoming row not rejected) names,
    and placeholders for named photos the package describes but does not carry. Call after
    classification, before the rows are written (attachment_links.sha256 is a foreign key).
    Returns how many photos were received (new or filling a placeholder)."""
    named = " UNION ".join(
        f"SELECT p.{column} FROM pkg.{table} p JOIN temp.cls_{table} c ON c.id = p.id "
        f"WHERE c.verdict <> 'rejected' UNION SELECT l.{column} FROM main.{table} l"
        for table, column in ATTACHMENT_REFS)
    rows = conn.execute(
        "SELECT p.sha256, p.mime, p.size, p.created_at, a.sha256 IS NOT NULL, "
        f"coalesce({RECEIVED}, 0) FROM pkg.attachments p "
        "LEFT JOIN main.attachments a ON a.sha256 = p.sha256 "
        f"WHERE p.sha256 IN ({named})").fetchall()
    received = 0
    for digest, mime, size, created_at, known, complete in rows:
        if complete:
            continue
        file = attachments.get(digest)
        if file is None:
            if not known:
                conn.execute("INSERT INTO attachments (sha256, mime, size, data, created_at) "
                             "VALUES (?, ?, ?, X'', ?)", (digest, mime, size, created_at))
            continue
        data = file.read_bytes()  # type: ignore[attr-defined]
        if known:
            conn.execute("UPDATE attachments SET data = ?, size = ? WHERE sha256 = ?",
                         (data, len(data), digest))
        else:
            conn.execute("INSERT INTO attachments (sha256, mime, size, data, created_at) "
                         "VALUES (?, ?, ?, ?, ?)", (digest, mime, len(data), data, created_at))
        received += 1
    return received


def photos_to_receive(conn: sqlite3.Connection, attachments: dict[str, object]) -> int:
    """How many photos ``store_photos`` would receive (the import writes when any)."""
    named = " UNION ".join(
        f"SELECT p.{column} FROM pkg.{table} p JOIN temp.cls_{table} c ON c.id = p.id "
        f"WHERE c.verdict <> 'rejected' UNION SELECT l.{column} FROM main.{table} l"
        for table, column in ATTACHMENT_REFS)
    digests = [r[0] for r in conn.execute(
        f"SELECT p.sha256 FROM pkg.attachments p WHERE p.sha256 IN ({named}) AND NOT EXISTS "
        f"(SELECT 1 FROM main.attachments a WHERE a.sha256 = p.sha256 AND {RECEIVED})")]
    return sum(1 for d in digests if d in attachments)


def not_received(conn: sqlite3.Connection) -> int:
    """How many photos rows of this file name but it has not received yet."""
    return conn.execute(f"SELECT count(*) FROM attachments a WHERE NOT ({RECEIVED})").fetchone()[0]
