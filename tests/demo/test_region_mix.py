"""The default region looks like a real one: the shares of shared/domain.md section 4."""

import itertools
import json
from collections import Counter

from demo_helpers import PREFECTURE, latest_bridge_grades

from gunmane_desktop.core.wareki import parse_year

OVER_50 = 2026 - 50  # FY2026 is "today" for the demo (as-of 2026-10-31)


def _municipal_bridges(conn, columns: str) -> list[tuple]:
    return conn.execute(f"SELECT {columns} FROM assets WHERE asset_type = 'bridge' "
                        "AND owner <> ?", (PREFECTURE,)).fetchall()


def test_region_size_is_modest_and_every_sector_is_there(region):
    summary, conn = region
    assert 1500 <= summary.assets <= 3000
    types = dict(conn.execute("SELECT asset_type, count(*) FROM assets GROUP BY 1"))
    assert set(types) == {"bridge", "tunnel", "footbridge", "sign_gantry", "shed_culvert",
                          "pavement", "sewer", "park", "river"}
    per_town = conn.execute("SELECT owner, count(*) FROM assets WHERE asset_type = 'bridge' "
                            "AND owner <> ? GROUP BY owner", (PREFECTURE,)).fetchall()
    assert len(per_town) == 4
    assert all(50 <= n <= 300 for _, n in per_town)
    assert summary.seconds < 3


def test_latest_bridge_grades_land_in_the_published_ranges(conn):
    share = latest_bridge_grades(conn)
    assert 0.40 <= share["I"] <= 0.65
    assert 0.30 <= share["II"] <= 0.50
    assert 0.03 <= share["III"] <= 0.12
    assert share["IV"] < 0.005


def test_snowy_and_coastal_towns_are_worse_than_the_others(conn):
    # Given the towns' characters in the recipe (snowy 155918, coastal 155926)
    bad = {code: latest_bridge_grades(conn, code)["III"] + latest_bridge_grades(conn, code)["IV"]
           for code in ("152986", "155918", "155926", "155934")}
    # Then salt and snow show, within what such towns report (up to about 20%)
    assert 0.12 <= bad["155918"] <= 0.22
    assert bad["155926"] > max(bad["152986"], bad["155934"])
    assert bad["155918"] > max(bad["152986"], bad["155934"])


def test_about_two_fifths_of_town_bridges_have_no_known_year(conn):
    for owner, unknown in conn.execute(
            "SELECT owner, avg(built_year IS NULL) FROM assets WHERE asset_type = 'bridge' "
            "AND owner <> ? GROUP BY owner", (PREFECTURE,)):
        assert 0.35 <= unknown <= 0.45, owner
    texts = {t for (t,) in conn.execute(
        "SELECT built_year_text FROM assets WHERE built_year IS NULL")}
    assert texts == {"不明"}


def test_known_years_peak_in_the_early_seventies_and_a_third_are_over_50(conn):
    years = [y for (y,) in _municipal_bridges(conn, "built_year") if y is not None]
    by_five = Counter(y // 5 * 5 for y in years)
    assert by_five.most_common(1)[0][0] in (1965, 1970, 1975)
    old = sum(y <= OVER_50 for y in years) / len(years)
    assert 0.20 <= old <= 0.40


def test_year_spellings_vary_and_read_back_as_the_stored_year(conn):
    rows = conn.execute("SELECT built_year, built_year_text FROM assets "
                        "WHERE built_year IS NOT NULL").fetchall()
    for year, text in rows:
        assert parse_year(text).year == year, text
    texts = [t for _, t in rows]
    assert any(t.startswith("S") for t in texts)  # S45
    assert any(t.startswith("昭和") for t in texts)  # 昭和45年
    assert any(t.isdigit() for t in texts)  # 1970
    assert any(t.startswith(("H", "平成")) for t in texts)


def test_bridge_lengths_types_and_areas_follow_the_small_town_mix(conn):
    rows = _municipal_bridges(conn, "length_m, area_m2, structure")
    n = len(rows)

    def share(lo, hi):
        return sum(lo <= r[0] < hi for r in rows) / n

    assert abs(share(2, 5) - 0.40) < 0.03
    assert abs(share(5, 10) - 0.30) < 0.03
    assert abs(share(10, 15) - 0.13) < 0.03
    assert abs(share(15, 30) - 0.10) < 0.03
    assert abs(share(30, 100) - 0.06) < 0.02
    assert share(100, 10_000) <= 0.02
    assert share(0, 15) > 0.80  # over 80% of municipal bridges are shorter than 15 m
    assert 55 <= sum(r[1] for r in rows) / n <= 95  # mean deck area about 73 m²
    culverts = sum("ボックスカルバート" in r[2] for r in rows) / n
    steel = sum(r[2].startswith("鋼") for r in rows) / n
    assert 0.15 <= culverts <= 1 / 3
    assert steel < 0.10


def test_first_cycle_had_about_a_tenth_bad_and_old_bridges_are_worse_now(conn):
    first = conn.execute(
        "SELECT avg(i.grade IN ('III', 'IV')) FROM inspections i JOIN assets a "
        "ON a.id = i.asset_id WHERE a.asset_type = 'bridge' AND i.fiscal_year BETWEEN 2014 AND 2018"
    ).fetchone()[0]
    assert 0.07 <= first <= 0.13
    old, young = (conn.execute(
        "SELECT avg(s.grade IN ('III', 'IV')) FROM assets a JOIN asset_status s "
        f"ON s.asset_seq = a.seq WHERE a.asset_type = 'bridge' AND a.built_year {cond}")
        .fetchone()[0] for cond in (f"<= {OVER_50}", f"> {OVER_50}"))
    assert old > 1.4 * young


def test_tunnels_are_worse_than_bridges(conn):
    tunnels = conn.execute(
        "SELECT avg(s.grade IN ('III', 'IV')) FROM assets a JOIN asset_status s "
        "ON s.asset_seq = a.seq WHERE a.asset_type = 'tunnel'").fetchone()[0]
    bridges = latest_bridge_grades(conn)
    assert tunnels > bridges["III"] + bridges["IV"]


def _cohort(conn, first_fy: int, last_fy: int) -> tuple[float, float]:
    """Started and completed shares of the repairs raised by a cycle's Ⅲ/Ⅳ bridges."""
    started, completed, total = conn.execute(
        "SELECT sum(m.status IN ('started', 'completed')), sum(m.status = 'completed'), count(*) "
        "FROM measures m JOIN inspections i ON i.id = m.inspection_id "
        "JOIN assets a ON a.id = m.asset_id "
        "WHERE a.asset_type = 'bridge' AND m.kind <> 'closure' AND i.grade IN ('III', 'IV') "
        "AND i.fiscal_year BETWEEN ? AND ?", (first_fy, last_fy)).fetchone()
    assert total > 0
    return started / total, completed / total


def test_measures_on_bad_bridges_started_and_completed_at_realistic_rates(conn):
    # MLIT: of cycle-1 Ⅲ/Ⅳ bridges 75% started, 56% completed; later cohorts lower.
    started1, completed1 = _cohort(conn, 2014, 2018)
    assert 0.62 <= started1 <= 0.88
    assert 0.42 <= completed1 <= 0.68
    started2, completed2 = _cohort(conn, 2019, 2023)
    assert started2 < started1 and completed2 < completed1
    started3, _ = _cohort(conn, 2024, 2028)
    assert started3 < 0.35


def test_measures_are_sound_records(conn):
    rows = conn.execute(
        "SELECT m.kind, m.status, m.started_on, m.completed_on, m.cost_planned_yen, "
        "m.cost_actual_yen, m.planned_fy, i.inspected_on, i.asset_id = m.asset_id, a.asset_type "
        "FROM measures m JOIN inspections i ON i.id = m.inspection_id "
        "JOIN assets a ON a.id = m.asset_id").fetchall()
    assert len(rows) == conn.execute("SELECT count(*) FROM measures").fetchone()[0]
    for kind, status, started, done, cost, actual, planned_fy, inspected, same, type_id in rows:
        assert same
        assert isinstance(cost, int) and cost > 0 and cost % 1000 == 0
        assert planned_fy is not None
        if status == "completed":
            assert inspected <= started <= done <= "2026-10-31"
            assert isinstance(actual, int)
        elif status == "started":
            assert inspected <= started <= "2026-10-31" and done is None
        else:
            assert started is None and done is None
        if type_id == "bridge" and kind == "repair":
            assert 3_000_000 <= cost <= 30_000_000
        if type_id == "bridge" and kind == "replacement":
            assert 100_000_000 <= cost <= 500_000_000
    kinds = {r[0] for r in rows}
    assert {"repair", "closure", "replacement", "removal"} <= kinds


def test_every_bad_structure_result_has_member_findings(conn):
    missing = conn.execute(
        "SELECT count(*) FROM inspections i WHERE i.scale_id = 'soundness' "
        "AND i.grade IN ('III', 'IV') AND i.method NOT LIKE '%旧要領%' AND NOT EXISTS "
        "(SELECT 1 FROM inspection_members m WHERE m.inspection_id = i.id)").fetchone()[0]
    assert missing == 0
    degrees = {d for (d,) in conn.execute("SELECT DISTINCT degree FROM inspection_members")}
    assert degrees <= set("abcde")
    counter = {c for (c,) in conn.execute("SELECT DISTINCT countermeasure FROM inspection_members")}
    assert counter <= {"B", "C1", "C2", "E1", "E2", "M"}


def test_pavement_surveys_agree_with_the_grade_thresholds(conn):
    mci_by_grade: dict[str, list[float]] = {}
    for grade, text in conn.execute(
            "SELECT grade, measurements FROM inspections WHERE scale_id = 'pavement'"):
        m = json.loads(text)
        crack, rut, iri = m["crack_pct"], m["rutting_mm"], m["iri_mm_per_m"]
        if grade == "I":
            assert crack < 20 and rut < 20 and iri < 3
        elif grade == "II":
            assert max(crack / 20, rut / 20, iri / 3) >= 1
            assert crack < 40 and rut < 40 and iri < 8
        else:
            assert crack >= 40 or rut >= 40 or iri >= 8
        mci_by_grade.setdefault(grade[:3], []).append(m["mci"])
    mean = {g: sum(v) / len(v) for g, v in mci_by_grade.items()}
    assert mean["I"] > mean["II"] > mean["III"]
    assert mean["III"] < 4  # MCI below 4 needs repair


def test_other_sectors_mostly_healthy_on_their_own_scales(conn):
    def shares(type_id):
        rows = dict(conn.execute(
            "SELECT s.grade, count(*) FROM assets a JOIN asset_status s ON s.asset_seq = a.seq "
            "WHERE a.asset_type = ? GROUP BY 1", (type_id,)).fetchall())
        total = sum(rows.values())
        return {g: n / total for g, n in rows.items()}

    assert shares("sewer")["none"] > 0.7
    assert set(shares("park")) <= {"A", "B", "C", "D"}
    assert set(shares("river")) <= {"a", "b", "c", "d"}
    # Parks and rivers are checked every year: the last three fiscal years only.
    fys = {fy for (fy,) in conn.execute(
        "SELECT DISTINCT i.fiscal_year FROM inspections i JOIN assets a ON a.id = i.asset_id "
        "WHERE a.asset_type IN ('park', 'river')")}
    assert fys == {2024, 2025, 2026}


def test_inspections_follow_the_statutory_cycles_up_to_the_as_of_date(conn):
    rows = conn.execute(
        "SELECT a.id, i.fiscal_year, i.inspected_on FROM inspections i JOIN assets a "
        "ON a.id = i.asset_id WHERE a.asset_type = 'bridge'").fetchall()
    assert max(r[2] for r in rows) <= "2026-10-31"
    assert min(r[1] for r in rows) >= 2014
    years: dict[str, list[int]] = {}
    for asset_id, fy, _ in rows:
        years.setdefault(asset_id, []).append(fy)
    for fys in years.values():
        fys.sort()
        # One inspection a cycle, five years apart (the asset's offset within the cycle).
        assert all(b - a == 5 for a, b in itertools.pairwise(fys))
    # The third cycle is under way: FY2027-28 are still to come.
    per_cycle = Counter((fy - 2014) // 5 + 1 for _, fy, _ in rows)
    assert per_cycle[3] < per_cycle[2] * 0.75
