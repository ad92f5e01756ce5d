"""The recipe is data: found beside the package or through GUNMANE_RESOURCES."""

import json
import sqlite3

from gunmane_desktop.core.organisations import make_lg_code
from gunmane_desktop.demo import generate_region
from gunmane_desktop.demo.recipe import load_recipe, recipe_path


def test_the_shipped_recipe_is_found_beside_the_package():
    path = recipe_path()
    assert path.parts[-3:] == ("resources", "demo", "region.json")
    recipe = load_recipe(path)
    assert recipe["prefecture"]["code"] == "150002"
    assert recipe["as_of"] == "2026-10-31"


def test_gunmane_resources_points_at_another_recipe(tmp_path, monkeypatch):
    # Given a resources folder with a smaller variant of the recipe
    recipe = load_recipe()
    recipe["region_name"] = "テスト地域"
    for owner in recipe["owners"]:
        owner["counts"] = {k: min(v, 3) for k, v in owner["counts"].items()}
    (tmp_path / "res" / "demo").mkdir(parents=True)
    (tmp_path / "res" / "demo" / "region.json").write_text(
        json.dumps(recipe, ensure_ascii=False), "utf-8")
    monkeypatch.setenv("GUNMANE_RESOURCES", str(tmp_path / "res"))
    # When the default region is generated
    summary = generate_region(tmp_path / "small.gunmane")
    # Then it follows that recipe
    conn = sqlite3.connect(tmp_path / "small.gunmane")
    assert dict(conn.execute("SELECT key, value FROM meta"))["region_name"] == "テスト地域"
    conn.close()
    assert summary.assets <= 3 * 9 * 5


def test_the_towns_have_their_characters(conn):
    towns = dict(conn.execute("SELECT code, name FROM organisations WHERE kind = 'municipality'"))
    assert set(towns) == {make_lg_code(c) for c in ("15298", "15591", "15592", "15593")}
    assert towns[make_lg_code("15298")].endswith("市")  # the small city
    assert towns[make_lg_code("15591")].endswith("村")  # the snowy mountain village
    # Snow sheds in the mountain village, tunnels too.
    sheds = conn.execute("SELECT count(*) FROM assets WHERE owner = ? AND name LIKE '%スノーシェッド'",
                         (make_lg_code("15591"),)).fetchone()[0]
    assert sheds > 0
