"""An import indexes its new assets in one go at the end (storage.search_index): the register's
search finds every imported row, renames are followed, and a cancelled import leaves the index
and its trigger as they were. Also: the import's own UUIDv7 ids are well formed."""

import uuid

import pytest
from ledger_fixtures import REGISTER_ROWS, csv_bytes, register_csv

from gunmane_desktop.ledger.apply import apply_plan
from gunmane_desktop.ledger.errors import ImportCancelled
from gunmane_desktop.ledger.preview import plan_import
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.register_query import RegisterFilter
from gunmane_desktop.storage.search_index import INSERT_TRIGGER

HEADER = ["施設ID", "橋梁名", "路線名", "所在地", "架設年", "橋長(m)", "点検年度", "健全性"]


def _found(db, text: str) -> set[int]:
    return set(rq.filtered_seqs(db.conn, RegisterFilter(text=text, include_retired=True)))


def _seq(db, name: str) -> int:
    return db.conn.execute("SELECT seq FROM assets WHERE name = ?", (name,)).fetchone()[0]


def _index_is_sound(db) -> None:
    # FTS5 compares its index with the content table and raises on any difference.
    db.conn.execute("INSERT INTO asset_search (asset_search) VALUES ('integrity-check')")
    assert db.conn.execute("SELECT count(*) FROM asset_search_text").fetchone()[0] == \
        db.conn.execute("SELECT count(*) FROM assets").fetchone()[0]


def _trigger_sql(db) -> str | None:
    row = db.conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?",
                          (INSERT_TRIGGER,)).fetchone()
    return row[0] if row else None


def _ledger(path, rows: int, first: int = 1):
    lines = [HEADER] + [[f"BR-{n:05d}", f"第{n}橋", f"町道{n % 7}号線", f"札幌市中央区{n % 30}条",
                         "S45", "12.5", "R5", "Ⅱ"] for n in range(first, first + rows)]
    path.write_bytes(csv_bytes(lines, "cp932"))
    return path


def test_every_row_of_a_big_import_is_found_by_its_name(db, ctx, tmp_path):
    # Given a 1,200-row ledger imported into a file that already has assets
    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    trigger = _trigger_sql(db)
    apply_plan(db, plan_import(db, _ledger(tmp_path / "大きな台帳.csv", 1200)), ctx)
    # Then each imported name, ID and address is found, and only where it should be
    for n in (1, 2, 500, 1199, 1200):
        assert _found(db, f"第{n}橋") == {_seq(db, f"第{n}橋")}
        assert _found(db, f"br-{n:05d}") == {_seq(db, f"第{n}橋")}
    assert len(_found(db, "中央区29条")) == 40
    # and the assets of the earlier import are still found too
    assert _found(db, REGISTER_ROWS[0][1]) == {_seq(db, REGISTER_ROWS[0][1])}
    _index_is_sound(db)
    assert _trigger_sql(db) == trigger  # a form's new asset is indexed by the trigger again


def test_a_reimport_that_renames_assets_is_followed_by_the_search(db, ctx, tmp_path):
    apply_plan(db, plan_import(db, _ledger(tmp_path / "台帳.csv", 30)), ctx)
    renamed = _ledger(tmp_path / "台帳.csv", 30)
    renamed.write_bytes(renamed.read_bytes().replace("第7橋".encode("cp932"), "新七橋".encode("cp932")))
    result = apply_plan(db, plan_import(db, renamed), ctx)
    assert result.updated == 1
    assert _found(db, "第7橋") == set()
    assert _found(db, "新七橋") == {_seq(db, "新七橋")}
    _index_is_sound(db)


def test_a_cancelled_import_leaves_the_index_and_its_trigger_as_they_were(db, ctx, tmp_path, monkeypatch):
    apply_plan(db, plan_import(db, register_csv(tmp_path / "橋梁台帳.csv")), ctx)
    before = db.conn.execute("SELECT seq, text FROM asset_search_text ORDER BY seq").fetchall()
    trigger = _trigger_sql(db)
    monkeypatch.setattr("gunmane_desktop.ledger.apply.CHUNK", 10)
    calls = iter([False, False])
    with pytest.raises(ImportCancelled):
        apply_plan(db, plan_import(db, _ledger(tmp_path / "大きな台帳.csv", 100)), ctx,
                   cancel=lambda: next(calls, True))
    assert db.conn.execute("SELECT seq, text FROM asset_search_text ORDER BY seq").fetchall() == before
    assert _trigger_sql(db) == trigger
    assert _found(db, "第1橋") == set()
    _index_is_sound(db)


def test_imported_rows_get_distinct_uuid7_ids_in_the_order_they_were_written(db, ctx, tmp_path):
    apply_plan(db, plan_import(db, _ledger(tmp_path / "台帳.csv", 300)), ctx)
    ids = [r[0] for r in db.conn.execute("SELECT id FROM assets ORDER BY seq")]
    ids += [r[0] for r in db.conn.execute("SELECT id FROM inspections ORDER BY seq")]
    for text in ids:
        parsed = uuid.UUID(text)
        assert (parsed.version, parsed.variant, str(parsed)) == (7, uuid.RFC_4122, text)
    assert len(set(ids)) == 600
    asset_ids = ids[:300]
    assert asset_ids == sorted(asset_ids)  # time-ordered, as core.ids makes them
