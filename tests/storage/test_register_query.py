"""The register's SQL: filters, sort orders and display rows, checked against known data."""

import datetime as dt

import pytest

from gunmane_desktop.core.ids import new_id
from gunmane_desktop.core.models import Asset, AssetStatus, Inspection, Measure, MeasureStatusId
from gunmane_desktop.core.organisations import Organisation, OrgKind
from gunmane_desktop.demo import generate_region
from gunmane_desktop.storage import asset_record as ar
from gunmane_desktop.storage import register_query as rq
from gunmane_desktop.storage.assets import AssetRepository
from gunmane_desktop.storage.database import Database
from gunmane_desktop.storage.inspections import InspectionRepository
from gunmane_desktop.storage.measures import MeasureRepository
from gunmane_desktop.storage.organisations import OrganisationRepository
from gunmane_desktop.storage.register_query import NOT_INSPECTED, RegisterFilter

TOWN = "011002"  # 札幌市, from tests/storage/conftest.py
PREF = "010006"  # 北海道


@pytest.fixture
def register(db, ctx):
    """Seven assets of two owners with known grades, years, texts and one of each oddity."""
    OrganisationRepository(db).save(ctx, Organisation(PREF, OrgKind.PREFECTURE, "北海道"))
    assets, inspections = AssetRepository(db), InspectionRepository(db)

    def asset(name, owner=TOWN, asset_type="bridge", **kw):
        return assets.add(ctx, Asset(id=new_id(), owner=owner, asset_type=asset_type,
                                     name=name, **kw))

    def inspect(a, day, grade, scale="soundness", **kw):
        return inspections.add(ctx, Inspection(id=new_id(), owner=a.owner, asset_id=a.id,
                                               inspected_on=dt.date.fromisoformat(day),
                                               scale=scale, grade=grade, **kw))

    made = {
        "toyohira": asset("豊平橋", route="市道豊平線", built_year=1970, built_year_text="S45",
                          length_m=12.5, address="札幌市豊平区"),
        "kotoni": asset("琴似橋", route="市道琴似線", built_year=None, built_year_text="不明",
                        length_m=4.0),
        "tunnel": asset("藻岩トンネル", asset_type="tunnel", built_year=1985, length_m=320.0),
        "pref_bridge": asset("石狩大橋", owner=PREF, route="道道1号線", built_year=1990,
                             external_id="BR0-010006-00001", length_m=150.0),
        "sewer": asset("本管 1-2", asset_type="sewer", route="100%管路"),
        "new": asset("新川橋", built_year=2023),  # never inspected
        "retired": asset("旧橋", built_year=1950),
    }
    inspect(made["toyohira"], "2019-06-01", "II")
    wrong = inspect(made["toyohira"], "2024-06-15", "IV", method="近接目視",
                    inspector_name="田中", inspector_org=TOWN)
    InspectionRepository(db).correct(ctx, wrong.id, Inspection(
        id=new_id(), owner=TOWN, asset_id=made["toyohira"].id,
        inspected_on=dt.date(2024, 6, 15), scale="soundness", grade="III", method="近接目視",
        inspector_name="田中", inspector_org=TOWN, findings="主桁に腐食"))
    inspect(made["kotoni"], "2022-09-01", "I")
    inspect(made["tunnel"], "2021-10-01", "II")
    inspect(made["pref_bridge"], "2023-07-01", "III", inspector_org=PREF)
    inspect(made["sewer"], "2020-05-01", "I", scale="sewer_urgency")  # 緊急度Ⅰ: the worst
    inspect(made["retired"], "2015-05-01", "IV")
    MeasureRepository(db).add(ctx, Measure(id=new_id(), owner=TOWN,
                                           asset_id=made["toyohira"].id, kind="repair",
                                           status=MeasureStatusId.PLANNED, description="断面修復",
                                           planned_fy=2026, cost_planned_yen=12_000_000))
    assets.retire(ctx, made["retired"].id, AssetStatus.RETIRED)
    seqs = {k: db.conn.execute("SELECT seq FROM assets WHERE id = ?", (a.id,)).fetchone()[0]
            for k, a in made.items()}
    return db, made, seqs


def _names(db, flt, column=None, descending=False):
    seqs = rq.filtered_seqs(db.conn, flt, column, descending)
    rows = rq.fetch_rows(db.conn, seqs)
    return [rows[s].name for s in seqs]


def test_by_default_every_asset_in_service_shows_in_register_order(register):
    db, _, _ = register
    assert _names(db, RegisterFilter()) == ["豊平橋", "琴似橋", "藻岩トンネル", "石狩大橋",
                                            "本管 1-2", "新川橋"]


def test_retired_assets_show_only_when_asked_for(register):
    db, _, _ = register
    assert "旧橋" in _names(db, RegisterFilter(include_retired=True))
    assert rq.count_assets(db.conn) == 6
    assert rq.count_assets(db.conn, include_retired=True) == 7


def test_filters_by_owner_type_and_sector(register):
    db, _, _ = register
    assert _names(db, RegisterFilter(org=PREF)) == ["石狩大橋"]
    assert _names(db, RegisterFilter(asset_type="tunnel")) == ["藻岩トンネル"]
    assert _names(db, RegisterFilter(sector="sewer")) == ["本管 1-2"]
    assert len(_names(db, RegisterFilter(sector="road"))) == 5
    assert _names(db, RegisterFilter(org=TOWN, asset_type="bridge")) == ["豊平橋", "琴似橋", "新川橋"]


def test_grade_filter_uses_the_latest_valid_inspection_on_its_scale(register):
    db, _, _ = register
    # 豊平橋 was first entered as Ⅳ and corrected to Ⅲ: the correction counts.
    assert _names(db, RegisterFilter(grade="III", grade_scale="soundness")) == ["豊平橋", "石狩大橋"]
    assert _names(db, RegisterFilter(grade="IV", grade_scale="soundness")) == []
    # The same code on another scale is another grade.
    assert _names(db, RegisterFilter(grade="I", grade_scale="soundness")) == ["琴似橋"]
    assert _names(db, RegisterFilter(grade="I", grade_scale="sewer_urgency")) == ["本管 1-2"]
    assert _names(db, RegisterFilter(grade="I")) == ["琴似橋", "本管 1-2"]


def test_not_inspected_finds_assets_without_any_inspection(register):
    db, _, _ = register
    assert _names(db, RegisterFilter(grade=NOT_INSPECTED)) == ["新川橋"]


def test_text_search_matches_name_route_external_id_and_address(register):
    db, _, _ = register
    assert _names(db, RegisterFilter(text="琴似")) == ["琴似橋"]  # name and route
    assert _names(db, RegisterFilter(text="道道")) == ["石狩大橋"]  # route
    assert _names(db, RegisterFilter(text="BR0-010006")) == ["石狩大橋"]  # external id
    assert _names(db, RegisterFilter(text="豊平区")) == ["豊平橋"]  # address
    assert _names(db, RegisterFilter(text="市道 豊平")) == ["豊平橋"]  # every word must match
    assert _names(db, RegisterFilter(text="br0")) == ["石狩大橋"]  # ASCII case-insensitive


def test_like_wildcards_typed_by_the_user_are_taken_literally(register):
    db, _, _ = register
    assert _names(db, RegisterFilter(text="100%")) == ["本管 1-2"]
    assert _names(db, RegisterFilter(text="%")) == ["本管 1-2"]
    assert _names(db, RegisterFilter(text="_")) == []


def test_sort_by_name_and_reverse(register):
    db, _, _ = register
    names = _names(db, RegisterFilter(), rq.COL_NAME)
    assert names == sorted(names)
    assert _names(db, RegisterFilter(), rq.COL_NAME, descending=True) == sorted(names, reverse=True)


def test_unknown_years_and_uninspected_assets_sort_last_both_ways(register):
    db, _, _ = register
    up = _names(db, RegisterFilter(asset_type="bridge"), rq.COL_BUILT)
    down = _names(db, RegisterFilter(asset_type="bridge"), rq.COL_BUILT, descending=True)
    assert up == ["豊平橋", "石狩大橋", "新川橋", "琴似橋"]
    assert down == ["新川橋", "石狩大橋", "豊平橋", "琴似橋"]
    worst_first = _names(db, RegisterFilter(), rq.COL_GRADE, descending=True)
    assert worst_first[-1] == "新川橋"
    assert set(worst_first[:3]) == {"豊平橋", "石狩大橋", "本管 1-2"}


def test_every_column_sorts_in_sql(register):
    db, _, _ = register
    for column in range(rq.COLUMN_COUNT):
        for descending in (False, True):
            assert sorted(_names(db, RegisterFilter(), column, descending)) == sorted(
                _names(db, RegisterFilter()))


def test_display_rows_carry_what_the_register_shows(register):
    db, _, seqs = register
    rows = rq.fetch_rows(db.conn, [seqs["toyohira"], seqs["sewer"], seqs["new"], 999_999])
    assert 999_999 not in rows  # a seq that is gone is simply absent
    toyohira = rows[seqs["toyohira"]]
    assert toyohira.owner_name == "札幌市" and toyohira.type_name == "橋梁"
    assert (toyohira.built_year_text, toyohira.built_year) == ("S45", 1970)
    assert (toyohira.grade_symbol, toyohira.grade_label) == ("Ⅲ", "早期措置段階")
    assert toyohira.grade_level == 2 and toyohira.action_required
    assert (toyohira.fiscal_year, toyohira.next_due_fy) == (2024, 2029)
    assert (toyohira.measure_state, toyohira.measure_label) == ("planned", "計画")
    sewer = rows[seqs["sewer"]]
    assert sewer.grade_symbol == "Ⅰ" and sewer.grade_level == 3  # the worst sewer grade
    new = rows[seqs["new"]]
    assert new.grade is None and new.grade_level is None and new.fiscal_year is None


def test_history_is_newest_first_without_the_corrected_inspection(register):
    db, made, _ = register
    rows = ar.history(db.conn, made["toyohira"].id)
    assert [(r.inspected_on, r.grade_symbol) for r in rows] == [
        (dt.date(2024, 6, 15), "Ⅲ"), (dt.date(2019, 6, 1), "Ⅱ")]
    assert rows[0].grade_label == "早期措置段階" and rows[0].findings == "主桁に腐食"
    assert rows[0].inspector_org_name == "札幌市" and rows[0].fiscal_year == 2024
    assert ar.history(db.conn, made["new"].id) == []


def test_measures_and_detail_of_one_asset(register):
    db, made, _ = register
    [measure] = ar.measures(db.conn, made["toyohira"].id)
    assert (measure.kind_name, measure.status_name, measure.description) == (
        "補修・修繕", "計画", "断面修復")
    assert measure.planned_fy == 2026 and measure.cost_planned_yen == 12_000_000
    detail = ar.asset_detail(db.conn, made["toyohira"].id)
    assert detail["name"] == "豊平橋" and detail["grade_symbol"] == "Ⅲ"
    assert detail["owner_name"] == "札幌市" and detail["built_year_text"] == "S45"
    assert ar.asset_detail(db.conn, "no-such-id") is None


def test_choices_for_the_filter_bar(register):
    db, _, _ = register
    assert rq.organisations(db.conn) == [(PREF, "北海道"), (TOWN, "札幌市")]
    types = rq.asset_types(db.conn)
    assert types[0].id == "bridge" and types[0].sector_ja == "道路"
    sewer = [g for g in rq.grades(db.conn) if g.scale_id == "sewer_urgency"]
    assert [(g.symbol, g.level) for g in sewer] == [("劣化なし", 0), ("Ⅲ", 1), ("Ⅱ", 2), ("Ⅰ", 3)]


def test_owner_filter_starts_from_the_owner_index():
    sql, params = rq.filtered_sql(RegisterFilter(org=TOWN), rq.COL_NAME)
    db = Database.open(":memory:", create=True, lock=False)
    try:
        plan = " ".join(r[3] for r in db.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    finally:
        db.close()
    # the partial index of live, in-service assets (schema 7), which the register lists
    assert "USING INDEX assets_owner_live" in plan


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "region.sqlite"
    generate_region(path)
    db = Database.open(path, lock=False)
    yield db
    db.close()


@pytest.mark.parametrize("flt", [
    RegisterFilter(),
    RegisterFilter(org="155918"),
    RegisterFilter(sector="road", grade="III", grade_scale="soundness"),
    RegisterFilter(grade=NOT_INSPECTED),
    RegisterFilter(asset_type="park", grade="B", grade_scale="park"),
    RegisterFilter(text="橋", include_retired=True),
])
def test_filters_agree_with_a_plain_python_reading_of_the_demo_region(demo, flt):
    rows = demo.conn.execute(
        "SELECT a.seq, a.owner, a.asset_type, t.sector_id, a.status, a.deleted, a.name, "
        "a.route, a.external_id, a.address, s.scale_id, s.grade FROM assets a "
        "JOIN asset_types t ON t.id = a.asset_type "
        "LEFT JOIN asset_status s ON s.asset_seq = a.seq").fetchall()

    def keep(r):
        return (not r["deleted"] and (flt.include_retired or r["status"] == "in_service")
                and (flt.org is None or r["owner"] == flt.org)
                and (flt.sector is None or r["sector_id"] == flt.sector)
                and (flt.asset_type is None or r["asset_type"] == flt.asset_type)
                and (flt.grade is None
                     or (flt.grade == NOT_INSPECTED and r["grade"] is None)
                     or (r["grade"] == flt.grade and r["scale_id"] == flt.grade_scale))
                and (not flt.text or any(flt.text in (r[c] or "")
                                         for c in ("name", "route", "external_id", "address"))))

    expected = [r["seq"] for r in rows if keep(r)]
    assert list(rq.filtered_seqs(demo.conn, flt)) == expected
    assert expected  # each case selects something in the demo region
