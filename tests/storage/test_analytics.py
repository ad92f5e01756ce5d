"""Dashboard and council figures agree with a plain reading of the demo region."""

import datetime as dt
from collections import Counter

import pytest

from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import analytics
from gunmane_desktop.storage.analytics import Scope
from gunmane_desktop.storage.database import Database

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def region(tmp_path_factory):
    path = tmp_path_factory.mktemp("analytics") / "demo.sqlite"
    generate_region(path)
    db = Database.open(path, readonly=True, lock=False)
    yield db
    db.close()


def _live_assets(db, **where):
    sql = "SELECT a.*, s.grade, s.scale_id FROM assets a JOIN asset_status s ON s.asset_seq = a.seq " \
          "WHERE a.deleted = 0 AND a.status = 'in_service'"
    params = []
    for column, value in where.items():
        sql += f" AND a.{column} = ?"
        params.append(value)
    return db.conn.execute(sql, params).fetchall()


def test_grade_distribution_counts_every_asset_once(region):
    rows = analytics.grade_distribution(region.conn)
    assert sum(r.count for r in rows) == len(_live_assets(region))
    expected = Counter((a["owner"], a["asset_type"], a["grade"]) for a in _live_assets(region))
    assert {(r.owner, r.asset_type, r.grade): r.count for r in rows} == expected


def test_grades_are_ranked_within_their_own_scale(region):
    rows = analytics.grade_distribution(region.conn, Scope(asset_type="sewer"))
    ranks = {r.grade: r.rank for r in rows if r.grade}
    # 緊急度Ⅰ is the worst sewer grade, so it ranks last.
    assert ranks["none"] < ranks["III"] < ranks["II"] < ranks["I"]
    bridges = analytics.grade_distribution(region.conn, Scope(asset_type="bridge"))
    assert {r.symbol for r in bridges} >= {"Ⅰ", "Ⅱ", "Ⅲ"}


def test_age_buckets_show_unknown_years_honestly(region):
    buckets = analytics.age_distribution(region.conn, Scope(asset_type="bridge"), today=TODAY)
    bridges = _live_assets(region, asset_type="bridge")
    assert sum(b.count for b in buckets) == len(bridges)
    unknown = [b for b in buckets if b.start is None]
    assert unknown and unknown[0].count == sum(1 for a in bridges if a["built_year"] is None)
    assert buckets[-1].start is None  # the unknown bucket comes last
    known_starts = [b.start for b in buckets if b.start is not None]
    assert known_starts == sorted(known_starts) and all(s % 10 == 0 for s in known_starts)


def test_ageing_now_and_in_ten_and_twenty_years_only_grows(region):
    shares = analytics.ageing(region.conn, Scope(asset_type="bridge"), today=TODAY)
    assert [s.years_ahead for s in shares] == [0, 10, 20]
    assert shares[0].over_threshold <= shares[1].over_threshold <= shares[2].over_threshold
    bridges = _live_assets(region, asset_type="bridge")
    assert shares[0].over_threshold == sum(
        1 for a in bridges if a["built_year"] is not None and TODAY.year - a["built_year"] >= 50)
    assert shares[0].unknown == sum(1 for a in bridges if a["built_year"] is None)


def test_inspections_due_this_year_split_into_done_pending_and_overdue(region):
    years = analytics.inspections_due(region.conn, today=TODAY)
    current = next(y for y in years if y.fiscal_year == 2026)
    done = region.conn.execute(
        "SELECT count(DISTINCT i.asset_id) FROM inspections i JOIN assets a ON a.id = i.asset_id "
        "WHERE i.fiscal_year = 2026 AND i.deleted = 0 AND a.status = 'in_service'").fetchone()[0]
    assert current.done == done > 0
    assert current.pending == region.conn.execute(
        "SELECT count(*) FROM asset_status s JOIN assets a ON a.seq = s.asset_seq "
        "WHERE s.next_due_fy = 2026 AND a.status = 'in_service'").fetchone()[0]
    assert all(y.pending == 0 for y in years if y.fiscal_year < 2026)
    assert all(y.done == 0 for y in years if y.fiscal_year > 2026)


def test_action_cohorts_follow_the_reported_pattern(region):
    cohorts = analytics.action_cohorts(region.conn, Scope(asset_type="bridge"))
    assert [c.label for c in cohorts][:2] == ["第1巡", "第2巡"]
    first, second = cohorts[0], cohorts[1]
    # Older cohorts have had more time: more of them started (domain.md section 4).
    assert first.started_share > second.started_share
    assert 0 < first.completed <= first.started <= first.assets


def test_urgent_items_are_action_required_without_a_started_measure(region):
    items = analytics.urgent_items(region.conn, limit=500)
    assert items
    ids = [i.asset_id for i in items]
    rows = region.conn.execute(
        f"SELECT a.id, s.action_required, s.measure_state FROM assets a "
        f"JOIN asset_status s ON s.asset_seq = a.seq WHERE a.id IN ({','.join('?' * len(ids))})",
        ids).fetchall()
    assert all(r[1] == 1 and r[2] in ("none", "planned") for r in rows)
    scoped = analytics.urgent_items(region.conn, Scope(org=items[0].owner), limit=500)
    assert {i.owner for i in scoped} == {items[0].owner}
