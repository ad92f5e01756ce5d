"""The register's search index (schema 5): same answers as a plain scan, kept in step by
triggers whoever writes, built for files that predate it, and never sent to other files."""

import shutil
import sqlite3
from pathlib import Path

import pytest

from gunmane_desktop.core.ids import new_id
from gunmane_desktop.core.models import Asset
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.sync import export_package
from gunmane_desktop.sync.validate import validate_package

TOWN = "011002"  # 札幌市, from tests/storage/conftest.py
FIXTURES = Path(__file__).parents[1] / "fixtures"
SEARCH_TABLES = {"asset_search", "asset_search_text"}


def _found(db: Database, text: str) -> set[int]:
    return set(rq.filtered_seqs(db.conn, RegisterFilter(text=text, include_retired=True)))


def _scanned(db: Database, text: str) -> set[int]:
    """What the search must find, by brute force in Python over every live asset."""
    words = rq.search_words(text)
    found = set()
    for seq, *fields in db.conn.execute(
            "SELECT seq, name, name_kana, route, external_id, address FROM assets "
            "WHERE deleted = 0"):
        lowered = [f.translate(rq._ASCII_LOWER) for f in fields]
        if all(any(w in f for f in lowered) for w in words):
            found.add(seq)
    return found


def _index_is_sound(db: Database) -> None:
    # FTS5 compares its index with the content table and raises on any difference.
    db.conn.execute("INSERT INTO asset_search (asset_search) VALUES ('integrity-check')")
    assert db.conn.execute(
        "SELECT count(*) FROM assets a LEFT JOIN asset_search_text x ON x.seq = a.seq "
        "WHERE x.seq IS NULL").fetchone()[0] == 0


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "region.sqlite"
    generate_region(path)
    return path


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "region.sqlite"
    shutil.copy(demo_template, path)
    with Database.open(path) as db:
        yield db


@pytest.mark.parametrize("text", [
    "橋",  # one kanji: the narrow-table scan
    "大橋",  # two characters
    "1号橋",  # three: the trigram index
    "市道 橋",  # an indexed word and a short one
    "はし",  # the reading (name_kana)
    "ごうはし",
    "br0",  # ASCII case folds as before
    "BR0-15",
    "-0000",
    "町道 1-",
    "大字",
    "存在しない名前",
    '"',  # FTS5 syntax in a word is taken literally
    'a"b"c',
    "AND",
    "*",
])
def test_search_finds_exactly_what_a_scan_of_every_field_finds(demo, text):
    assert _found(demo, text) == _scanned(demo, text)


def test_a_one_character_search_finds_many_and_a_longer_word_narrows_them(demo):
    one = _found(demo, "橋")
    three = _found(demo, "1号橋")
    assert len(one) > 500
    assert three and three < one


def test_words_of_three_characters_or_more_are_answered_by_the_trigram_index(demo):
    sql, params = rq.filtered_sql(RegisterFilter(text="町道1- 橋"))
    plan = [r[3] for r in demo.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]
    assert any("asset_search VIRTUAL TABLE INDEX" in step for step in plan), plan
    assert "SCAN a" not in plan, plan  # assets are looked up by seq, never scanned


def test_the_index_follows_every_insert_rename_and_delete(db, ctx):
    repo = AssetRepository(db)
    asset = repo.add(ctx, Asset(id=new_id(), owner=TOWN, asset_type="bridge", name="豊平橋",
                                name_kana="とよひらばし", route="市道豊平線"))
    assert len(_found(db, "豊平橋")) == 1
    assert len(_found(db, "とよひら")) == 1
    repo.update(ctx, Asset(id=asset.id, owner=TOWN, asset_type="bridge", name="新豊平大橋",
                         route="国道36号"))
    assert _found(db, "豊平橋") == set()
    assert len(_found(db, "豊平大橋")) == 1
    assert len(_found(db, "国道36")) == 1
    assert _found(db, "市道豊平") == set()
    _index_is_sound(db)
    # Any writer is covered, even plain SQL that knows nothing of the index.
    with db.transaction():
        db.conn.execute("DELETE FROM asset_status WHERE asset_seq = (SELECT seq FROM assets "
                        "WHERE id = ?)", (asset.id,))
        db.conn.execute("DELETE FROM assets WHERE id = ?", (asset.id,))
    assert db.conn.execute("SELECT count(*) FROM asset_search_text").fetchone()[0] == 0
    _index_is_sound(db)


def test_a_tombstoned_asset_is_not_found(db, ctx):
    repo = AssetRepository(db)
    asset = repo.add(ctx, Asset(id=new_id(), owner=TOWN, asset_type="bridge", name="琴似大橋"))
    with db.transaction():  # a tombstone, as an exchange applies one
        db.conn.execute("UPDATE assets SET deleted = 1 WHERE id = ?", (asset.id,))
    assert _found(db, "琴似大橋") == set()


@pytest.mark.parametrize("fixture", [p for p in sorted(FIXTURES.glob("schema_v*.sqlite"))
                                     if int(p.stem.removeprefix("schema_v")) < 5],
                         ids=lambda p: p.stem)
def test_a_file_from_before_the_index_is_indexed_when_it_is_upgraded(fixture, tmp_path):
    path = tmp_path / fixture.name
    shutil.copy(fixture, path)
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM assets WHERE deleted = 0")]
    with Database.open(path) as db:
        _index_is_sound(db)
        for name in names:
            assert _found(db, name), name


def test_the_index_never_goes_into_an_exchange_package(demo, tmp_path):
    result = export_package(demo, tmp_path / "to-town.zip", to="156019")
    assert result is not None
    package = validate_package(tmp_path / "to-town.zip", tmp_path / "work")
    with sqlite3.connect(package.database) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema")}
        assets = conn.execute("SELECT count(*) FROM assets").fetchone()[0]
    assert assets > 0
    assert not {t for t in tables if t.startswith("asset_search")}


def test_the_frozen_schema_5_file_answers_from_the_index_it_was_saved_with(tmp_path):
    path = tmp_path / "schema_v5.sqlite"
    shutil.copy(FIXTURES / "schema_v5.sqlite", path)
    with Database.open(path) as db:
        _index_is_sound(db)
        names = {seq: name for seq, name in db.conn.execute("SELECT seq, name FROM assets")}
        assert [names[s] for s in _found(db, "とよひら")] == ["豊平橋"]
        assert [names[s] for s in _found(db, "br0-011002")] == ["豊平橋"]
        assert [names[s] for s in _found(db, "しんもいわ")] == ["新藻岩トンネル"]
        assert _found(db, "もいわとんねる") == _found(db, "新藻岩")  # renamed, found by new name
        assert _found(db, "琴似") == set()  # tombstoned
