"""Scale mode: N invented towns of exactly the asked size, for tests and benchmarks."""

import sqlite3

from gunmane_desktop.core.organisations import OrgKind, validate_org_code
from gunmane_desktop.demo import generate_region


def test_exact_asset_count_and_about_the_asked_inspections(tmp_path):
    # Given a small scale request
    path = tmp_path / "scale.gunmane"
    # When it is generated
    summary = generate_region(path, towns=3, assets_per_town=200, inspections_per_asset=4)
    # Then the asset count is exact and inspections are close to 4 per asset
    assert summary.assets == 600
    assert 0.85 * 2400 <= summary.inspections <= 2400
    conn = sqlite3.connect(path)
    towns = conn.execute("SELECT code, name FROM organisations WHERE kind = 'municipality'")
    towns = towns.fetchall()
    assert len(towns) == 3
    assert len({name for _, name in towns}) == 3
    per_town = dict(conn.execute("SELECT owner, count(*) FROM assets GROUP BY owner"))
    assert per_town == {code: 200 for code, _ in towns}
    # Bridge-heavy, with every sector present
    types = dict(conn.execute("SELECT asset_type, count(*) FROM assets GROUP BY 1"))
    assert max(types, key=types.get) == "bridge"
    assert {"bridge", "pavement", "sewer", "park", "river"} <= set(types)
    conn.close()


def test_scale_towns_have_valid_codes_and_one_lead(tmp_path):
    path = tmp_path / "scale.gunmane"
    generate_region(path, towns=12, assets_per_town=5)
    conn = sqlite3.connect(path)
    for code, kind, lead in conn.execute("SELECT code, kind, lead_code FROM organisations"):
        assert validate_org_code(code, kind) == code
        if kind == OrgKind.MUNICIPALITY:
            assert lead == "150002"
    assert conn.execute("SELECT count(*) FROM assets").fetchone()[0] == 60
    conn.close()


def test_zero_inspections_per_asset_gives_a_bare_register(tmp_path):
    summary = generate_region(tmp_path / "bare.gunmane", towns=1, assets_per_town=50,
                              inspections_per_asset=0)
    assert summary.assets == 50
    assert summary.inspections == summary.measures == 0


def test_more_inspections_than_the_cycles_hold_reach_back_before_the_regime(tmp_path):
    path = tmp_path / "deep.gunmane"
    summary = generate_region(path, towns=1, assets_per_town=100, inspections_per_asset=8)
    assert 0.8 * 800 <= summary.inspections <= 800
    conn = sqlite3.connect(path)
    # No inspection before the structure was built, none after the as-of date.
    early = conn.execute(
        "SELECT count(*) FROM inspections i JOIN assets a ON a.id = i.asset_id "
        "WHERE a.built_year IS NOT NULL AND i.fiscal_year <= a.built_year").fetchone()[0]
    assert early == 0
    assert conn.execute("SELECT max(inspected_on) FROM inspections").fetchone()[0] <= "2026-10-31"
    conn.close()
