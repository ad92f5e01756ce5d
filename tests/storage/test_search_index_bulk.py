"""Bulk writers and the search index: assets inserted with the insert trigger suspended are
indexed at the end exactly as the trigger would have, and the trigger always comes back."""

import sqlite3

import pytest

from gunmane_desktop.core.ids import new_id
from gunmane_desktop.core.models import Asset
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.storage.search_index import INSERT_TRIGGER, deferred_search_index

TOWN = "011002"  # 札幌市, from tests/storage/conftest.py
NAMES = [("豊平橋", "とよひらばし", "市道豊平線", "BR0-011002-00001", "札幌市豊平区"),
         ("Kotoni Bridge", "", "国道5号", "", ""),
         ("新川大橋", "しんかわおおはし", "", "X-7", "札幌市北区")]


def _found(db: Database, text: str) -> set[int]:
    return set(rq.filtered_seqs(db.conn, RegisterFilter(text=text, include_retired=True)))


def _trigger_sql(db: Database) -> str | None:
    row = db.conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
                          (INSERT_TRIGGER,)).fetchone()
    return row[0] if row else None


def _search_text(db: Database) -> list[tuple]:
    return [tuple(r) for r in db.conn.execute("SELECT seq, text FROM asset_search_text ORDER BY seq")]


def _index_is_sound(db: Database) -> None:
    db.conn.execute("INSERT INTO asset_search (asset_search) VALUES ('integrity-check')")


def _add(db: Database, ctx, name, kana, route, ext, address) -> Asset:
    return AssetRepository(db).add(ctx, Asset(id=new_id(), owner=TOWN, asset_type="bridge", name=name,
                                              name_kana=kana, route=route, external_id=ext,
                                              address=address))


def test_rows_inserted_in_bulk_get_the_same_search_text_as_the_trigger_writes(db, ctx, tmp_path):
    # Given a file whose assets were indexed one by one by the trigger
    for fields in NAMES:
        _add(db, ctx, *fields)
    by_trigger = _search_text(db)
    other = Database.create(tmp_path / "other.sqlite")
    other.conn.execute("ATTACH DATABASE ? AS src", (str(db.path),))
    try:
        # When the same rows are inserted into another file with the trigger suspended
        with other.transaction() as conn, deferred_search_index(conn):
            conn.execute("INSERT INTO organisations SELECT * FROM src.organisations")
            conn.execute("INSERT INTO assets SELECT * FROM src.assets")
            assert _trigger_sql(other) is None
            assert _search_text(other) == []
        # Then both files hold the same search text, a sound index and the same answers
        assert _search_text(other) == by_trigger
        _index_is_sound(other)
        for word in ("豊平橋", "とよひら", "kotoni", "国道5", "x-7", "北区", "橋"):
            assert _found(other, word) == _found(db, word) != set()
    finally:
        other.close()


def test_the_insert_trigger_comes_back_unchanged_and_indexes_later_writes(db, ctx):
    original = _trigger_sql(db)
    with db.transaction() as conn, deferred_search_index(conn):
        pass
    assert _trigger_sql(db) == original
    asset = _add(db, ctx, *NAMES[0])
    seq = db.conn.execute("SELECT seq FROM assets WHERE id = ?", (asset.id,)).fetchone()[0]
    assert _found(db, "豊平橋") == {seq}


def test_a_failure_inside_the_block_rolls_back_rows_and_restores_the_trigger(db, ctx):
    # Given an indexed asset
    _add(db, ctx, *NAMES[0])
    before = _search_text(db)
    original = _trigger_sql(db)
    # When a bulk insert fails half way
    insert = ("INSERT INTO assets (id, owner, hlc, modified_at, modified_by, asset_type, name)"
              " VALUES (?, ?, '', '', 'test', ?, ?)")
    with pytest.raises(sqlite3.IntegrityError), db.transaction() as conn, deferred_search_index(conn):
        conn.execute(insert, (new_id(), TOWN, "bridge", "仮橋"))
        conn.execute(insert, (new_id(), TOWN, "no-such-type", "仮橋"))
    # Then nothing of it stays, and the trigger indexes the next asset as before
    assert _trigger_sql(db) == original
    assert _search_text(db) == before
    _add(db, ctx, *NAMES[2])
    assert len(_found(db, "新川大橋")) == 1
    _index_is_sound(db)


def test_renames_inside_the_block_are_still_followed_by_their_trigger(db, ctx):
    asset = _add(db, ctx, *NAMES[0])
    with db.transaction() as conn, deferred_search_index(conn):
        conn.execute("UPDATE assets SET name = '月寒橋' WHERE id = ?", (asset.id,))
    assert _found(db, "豊平橋") == set()
    assert len(_found(db, "月寒橋")) == 1
    _index_is_sound(db)
