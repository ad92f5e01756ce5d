"""The register's search index (schema 5): its bulk writes.

The ``assets_search_insert`` trigger of v005_search.sql indexes one asset per INSERT
statement. That is right for forms and the exchange, but a ledger import inserting 100,000
assets with executemany paid about 7 s for it (70 µs a row, against 0.5 s for the rows
themselves): the FTS5 trigram index is written in 100,000 small pieces. One
``INSERT … SELECT`` over all the new rows at the end of the same transaction builds the
same entries in well under a second.

``deferred_search_index`` suspends only the insert trigger (updates and deletes stay
trigger-maintained) and indexes every asset inserted meanwhile. It must run inside a
transaction that rolls back on error (``Database.transaction``): the trigger's DROP is then
undone with everything else, so a failed or cancelled import leaves the schema as it was.
The trigger is recreated from its own stored SQL, so a later migration that changes it
keeps its own definition; the text expression below must stay the one the trigger uses
(tests/storage/test_search_index.py compares both).

The indexed text held in memory for words of one or two characters is ``search_texts``'s
(numpy, which the ledger import and the exchange loading this module do not need).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

INSERT_TRIGGER = "assets_search_insert"
# The same line per asset as the trigger writes: name, reading, route, external ID, address.
SEARCH_TEXT_SQL = ("lower(name || char(10) || name_kana || char(10) || route || char(10)"
                   " || external_id || char(10) || address)")


@contextmanager
def deferred_search_index(conn: sqlite3.Connection) -> Iterator[None]:
    """Inside an open transaction: assets inserted in the block are indexed in one go at its end.

    New assets are those with a ``seq`` above the largest one when the block starts (the
    ledger import numbers its rows from there). Does nothing special on a file without
    the trigger.
    """
    row = conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
                       (INSERT_TRIGGER,)).fetchone()
    if row is None:
        yield
        return
    after = conn.execute("SELECT coalesce(max(seq), 0) FROM assets").fetchone()[0]
    conn.execute(f"DROP TRIGGER {INSERT_TRIGGER}")
    yield  # on an exception the caller's ROLLBACK restores the trigger
    index_assets_after(conn, after)
    conn.execute(row[0])


def index_assets_after(conn: sqlite3.Connection, after_seq: int) -> None:
    """Add the search text and index entries of every asset with seq > ``after_seq``."""
    conn.execute(f"INSERT INTO asset_search_text (seq, text) SELECT seq, {SEARCH_TEXT_SQL}"
                 " FROM assets WHERE seq > ? ORDER BY seq", (after_seq,))
    conn.execute("INSERT INTO asset_search (rowid, text) SELECT seq, text FROM asset_search_text"
                 " WHERE seq > ? ORDER BY seq", (after_seq,))
