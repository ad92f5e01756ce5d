"""The register's unsorted queries answered in parts (partial indexes, asset_status, search
text, LiveAssets, SearchTexts) give exactly the rows of the one-statement query they replace."""

import sqlite3

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gunmane_desktop.core.models import AssetStatus
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.changes import ChangeContext
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.register_query import NOT_INSPECTED, LiveAssets, RegisterFilter
from gunmane_desktop.storage.search_texts import SearchTexts


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo region with some assets retired and some tombstoned (as an exchange leaves
    them), so "in service and not deleted" is something to get right."""
    path = tmp_path_factory.mktemp("seqs") / "region.sqlite"
    generate_region(path)
    db = Database.open(path, lock=False)
    site = db.site_org
    ctx = ChangeContext(db, site, "tanaka", "test")
    ids = [r[0] for r in db.conn.execute("SELECT id FROM assets WHERE status = 'in_service' "
                                         "ORDER BY seq LIMIT 40")]
    for asset_id in ids[:20:3]:
        AssetRepository(db).retire(ctx, asset_id, AssetStatus.RETIRED)
    with db.transaction():
        db.conn.executemany("UPDATE assets SET deleted = 1 WHERE id = ?",
                            [(i,) for i in ids[21:40:4]])
    yield db
    db.close()


def _one_statement(conn: sqlite3.Connection, flt: RegisterFilter) -> list[int]:
    sql, params = rq.filtered_sql(flt)
    return [r[0] for r in conn.execute(sql, params)]


def _choices(conn: sqlite3.Connection):
    owners = [r[0] for r in conn.execute("SELECT DISTINCT owner FROM assets")]
    types = rq.asset_types(conn)
    grades = [(g.code, g.scale_id) for g in rq.grades(conn)]
    # Pieces of real names, routes, IDs and addresses, one to four characters long.
    texts = [r[0] for r in conn.execute("SELECT text FROM asset_search_text ORDER BY seq "
                                        "LIMIT 300")]
    pieces = sorted({t[i:i + n] for t in texts[::7] for n in (1, 2, 3, 4)
                     for i in range(0, max(1, len(t) - n), 5) if "\n" not in t[i:i + n]
                     and t[i:i + n].strip() == t[i:i + n]})
    return owners, types, grades, pieces


@st.composite
def register_filters(draw, choices):
    owners, types, grades, pieces = choices
    kind = draw(st.sampled_from(["none", "type", "sector"]))
    grade = draw(st.sampled_from([None, (NOT_INSPECTED, None), *grades]))
    words = draw(st.lists(st.sampled_from(pieces), max_size=2))
    return RegisterFilter(
        org=draw(st.sampled_from([None, *owners])),
        asset_type=draw(st.sampled_from([t.id for t in types])) if kind == "type" else None,
        sector=draw(st.sampled_from(sorted({t.sector_id for t in types})))
        if kind == "sector" else None,
        grade=grade[0] if grade else None,
        grade_scale=grade[1] if grade else None,
        text=" ".join(words),
        include_retired=draw(st.booleans()))


def test_any_filter_gives_the_rows_of_the_one_statement_query(demo):
    conn = demo.conn
    live = LiveAssets.read(conn)
    texts = SearchTexts.read(conn)

    @settings(max_examples=150, deadline=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(register_filters(_choices(conn)))
    def check(flt):
        # Given any combination of owner, type or sector, grade, words and retired assets
        expected = _one_statement(conn, flt)
        # Then every way of answering it finds the same assets in the same order
        assert list(rq.filtered_seqs(conn, flt)) == expected
        assert list(rq.filtered_seqs(conn, flt, live=live, texts=texts)) == expected

    check()


@pytest.mark.parametrize("flt", [
    RegisterFilter(),
    RegisterFilter(grade="III", grade_scale="soundness"),
    RegisterFilter(grade=NOT_INSPECTED),
    RegisterFilter(text="橋"),
    RegisterFilter(text="町道 橋"),
    RegisterFilter(sector="road"),
])
def test_the_common_filters_agree_and_select_something(demo, flt):
    expected = _one_statement(demo.conn, flt)
    assert expected
    assert list(rq.filtered_seqs(demo.conn, flt, live=LiveAssets.read(demo.conn),
                                 texts=SearchTexts.read(demo.conn))) == expected


def test_live_assets_leave_out_retired_and_tombstoned_ones(demo):
    conn = demo.conn
    live = LiveAssets.read(conn)
    gone = [r[0] for r in conn.execute(
        "SELECT seq FROM assets WHERE deleted = 1 OR status <> 'in_service'")]
    assert len(gone) >= 10
    assert not set(gone) & set(live.seqs().tolist())
    assert live.seqs().tolist() == _one_statement(conn, RegisterFilter())
    # Seqs beyond the file's largest (an asset added since) are not live.
    assert live.keep(np.array([gone[0], live.seqs()[0], 10**9])).tolist() == [live.seqs()[0]]
    assert LiveAssets.from_seqs(live.seqs()).seqs().tolist() == live.seqs().tolist()


def test_filters_by_grade_alone_need_no_look_up_in_assets(demo):
    # Given a grade filter answered with the live assets kept by the caller
    live = LiveAssets.read(demo.conn)
    flt = RegisterFilter(grade="II", grade_scale="soundness")
    assert rq.needs_live(flt) and not rq.needs_texts(flt)
    # Then the answer is right even with assets rows unreadable: they are never read
    demo.conn.execute("CREATE TEMP VIEW assets AS SELECT 1 AS seq WHERE 0")
    try:
        expected = [r[0] for r in demo.conn.execute(
            "SELECT a.seq FROM main.assets a JOIN asset_status s ON s.asset_seq = a.seq "
            "WHERE a.deleted = 0 AND a.status = 'in_service' AND s.grade = 'II' "
            "AND s.scale_id = 'soundness' ORDER BY a.seq")]
        assert list(rq.filtered_seqs(demo.conn, flt, live=live)) == expected
    finally:
        demo.conn.execute("DROP VIEW temp.assets")


def test_which_queries_use_the_kept_aids():
    assert rq.needs_texts(RegisterFilter(text="橋 19"))
    assert not rq.needs_texts(RegisterFilter(text="滝島橋 19"))  # the trigram index leads
    assert not rq.needs_texts(RegisterFilter(text="橋"), rq.COL_NAME)  # sorted: one statement
    assert not rq.needs_texts(RegisterFilter(text="橋", include_retired=True))
    assert rq.needs_live(RegisterFilter(grade="III"))
    assert not rq.needs_live(RegisterFilter(org="150002", grade="III"))


def test_seq_column_reads_integers_in_the_query_order(demo):
    got = rq.seq_column(demo.conn, "SELECT seq FROM assets ORDER BY seq DESC LIMIT 5")
    assert got.dtype == np.int64
    assert got.tolist() == [r[0] for r in demo.conn.execute(
        "SELECT seq FROM assets ORDER BY seq DESC LIMIT 5")]
    assert rq.seq_column(demo.conn, "SELECT seq FROM assets WHERE 0").tolist() == []
