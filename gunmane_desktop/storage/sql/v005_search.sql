-- Schema 5: the register's free-text search index (local, derived, never exchanged).
--
-- asset_search_text holds, per asset, the searched fields in one line: name, reading
-- (name_kana), route, external ID and address, joined by a newline (which a search field
-- cannot contain, so no match spans two fields) and with ASCII letters lower-cased as
-- SQLite's lower() does. It is narrow (about 70 bytes a row against about 600 for an
-- assets row), so the fallback scan for one- and two-character words reads a tenth of the
-- data the old LIKE over assets read.
--
-- asset_search is an FTS5 trigram index over that text (external content, rowid =
-- assets.seq): a word of three or more characters is a phrase query that reads only the
-- postings of its trigrams. The trigram tokenizer needs SQLite 3.34 or later.
--
-- Triggers on assets keep both in step, so every writer (forms, ledger import, exchange,
-- demo generator) is covered without knowing about the index. Tombstoned and retired
-- assets stay indexed; the register's WHERE clause filters them as before. Both tables
-- are local: the exchange lists the tables it sends (sync/tables.py) and validation
-- refuses a package with any other table.

CREATE TABLE asset_search_text (
    seq  INTEGER PRIMARY KEY,  -- assets.seq
    text TEXT NOT NULL
);

CREATE VIRTUAL TABLE asset_search USING fts5(
    text,
    content = 'asset_search_text',
    content_rowid = 'seq',
    tokenize = 'trigram'
);

INSERT INTO asset_search_text (seq, text)
SELECT seq, lower(name || char(10) || name_kana || char(10) || route || char(10)
                  || external_id || char(10) || address)
FROM assets;

INSERT INTO asset_search (asset_search) VALUES ('rebuild');

CREATE TRIGGER assets_search_insert AFTER INSERT ON assets
BEGIN
    INSERT INTO asset_search_text (seq, text)
    VALUES (new.seq, lower(new.name || char(10) || new.name_kana || char(10) || new.route
                           || char(10) || new.external_id || char(10) || new.address));
    INSERT INTO asset_search (rowid, text)
    SELECT seq, text FROM asset_search_text WHERE seq = new.seq;
END;

CREATE TRIGGER assets_search_update
AFTER UPDATE OF seq, name, name_kana, route, external_id, address ON assets
BEGIN
    INSERT INTO asset_search (asset_search, rowid, text)
    SELECT 'delete', seq, text FROM asset_search_text WHERE seq = old.seq;
    DELETE FROM asset_search_text WHERE seq = old.seq;
    INSERT INTO asset_search_text (seq, text)
    VALUES (new.seq, lower(new.name || char(10) || new.name_kana || char(10) || new.route
                           || char(10) || new.external_id || char(10) || new.address));
    INSERT INTO asset_search (rowid, text)
    SELECT seq, text FROM asset_search_text WHERE seq = new.seq;
END;

CREATE TRIGGER assets_search_delete AFTER DELETE ON assets
BEGIN
    INSERT INTO asset_search (asset_search, rowid, text)
    SELECT 'delete', seq, text FROM asset_search_text WHERE seq = old.seq;
    DELETE FROM asset_search_text WHERE seq = old.seq;
END;
