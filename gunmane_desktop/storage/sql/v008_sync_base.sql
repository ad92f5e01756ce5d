-- Schema 8: the common base of concurrent edits, so the exchange can merge changes to
-- different fields of one row by itself (gunmane_desktop.sync.merge, docs/exchange.md §6).
--
-- sync_base keeps images of versions of rows that more than one organisation may write
-- (the owner's rows of a delegated table) as they were sent to or received from a peer.
-- Each image is keyed by its version vector: a version vector names one version of a row
-- everywhere, so any image whose vector equals the meet of two concurrent versions is
-- their common base. At most a few images per row are kept (merge.KEEP_PER_ROW). Local:
-- never exchanged (packages carry the synchronised tables only).

CREATE TABLE sync_base (
    seq        INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    vv         TEXT NOT NULL,
    image      TEXT NOT NULL,
    UNIQUE (table_name, row_id, vv)
);

-- A real conflict now also keeps the common base when it was known (NULL otherwise), so
-- the person resolving it sees what each side changed.
ALTER TABLE sync_conflicts ADD COLUMN base_image TEXT;
