"""Grade scales, asset types and measure kinds come from data, with official labels."""

import pytest

from gunmane_desktop.core.catalogue import UnknownCodeError, default_catalogue, load_catalogue

CAT = default_catalogue()


def test_every_asset_type_named_in_the_brief_exists_with_a_stable_id():
    ids = {t.id for t in CAT.asset_types}
    assert ids == {"bridge", "tunnel", "footbridge", "sign_gantry", "shed_culvert", "pavement",
                   "sewer", "park", "river", "other"}


@pytest.mark.parametrize(("name", "type_id"), [
    ("橋梁", "bridge"), ("bridge", "bridge"), ("BRIDGE", "bridge"), ("トンネル", "tunnel"),
    ("横断歩道橋", "footbridge"), ("門型標識", "sign_gantry"),
    ("シェッド・大型カルバート", "shed_culvert"), ("舗装区間", "pavement"),
    ("下水道管渠スパン", "sewer"), ("公園施設", "park"), ("河川管理施設", "river"),
    ("その他", "other"), ("歩道橋", "footbridge"), ("ﾄﾝﾈﾙ", "tunnel"),
])
def test_asset_types_accept_english_ids_and_japanese_names(name, type_id):
    assert CAT.asset_type(name).id == type_id


def test_unknown_asset_type_lists_the_known_ones():
    with pytest.raises(UnknownCodeError, match="bridge"):
        CAT.asset_type("ダム")


def test_soundness_scale_carries_the_official_definitions():
    scale = CAT.scale("soundness")
    assert [g.symbol for g in scale.grades] == ["Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ"]
    assert [g.label_ja for g in scale.grades] == ["健全", "予防保全段階", "早期措置段階", "緊急措置段階"]
    assert "緊急に措置" in scale.grade("IV").definition_ja
    assert [g.action_required for g in scale.grades] == [False, False, True, True]


def test_each_sector_has_its_own_scale():
    assert CAT.scale_for("pavement").codes() == ("I", "II", "III-1", "III-2")
    assert CAT.scale_for("sewer").codes() == ("none", "III", "II", "I")
    assert CAT.scale_for("park").codes() == ("A", "B", "C", "D")
    assert CAT.scale_for("river").codes() == ("a", "b", "c", "d")


def test_sewer_urgency_runs_the_other_way_round():
    # 緊急度Ⅰ is the most urgent: severity must come from data, not from the numeral.
    sewer = CAT.scale("sewer_urgency")
    assert sewer.grade("I").severity > sewer.grade("II").severity > sewer.grade("III").severity


@pytest.mark.parametrize("spelling", ["Ⅲ", "III", "iii", "3", "③", "Ⅲ(早期措置段階)", "Ⅲ（早期措置段階）",
                                      "早期措置段階", "III 早期措置段階", "Ｉｉｉ"])
def test_grade_spellings_found_in_ledgers(spelling):
    assert CAT.scale("soundness").parse(spelling).code == "III"


def test_pavement_sub_grades_and_river_letters_parse():
    assert CAT.scale("pavement").parse("Ⅲ-1").code == "III-1"
    assert CAT.scale("pavement").parse("3－2").code == "III-2"
    assert CAT.scale("river").parse("ｄ").code == "d"
    assert CAT.scale("park").parse("Ｃ").code == "C"


@pytest.mark.parametrize("bad", ["", "Ⅴ", "5", "X"])
def test_unreadable_grades_are_refused_with_the_choices(bad):
    with pytest.raises(UnknownCodeError):
        CAT.scale("soundness").parse(bad)


def test_a_prefecture_variant_is_just_other_data():
    text = """{"sectors": [{"id": "road", "name_ja": "道路", "name_en": "Roads"}],
      "asset_types": [{"id": "bridge", "sector": "road", "name_ja": "橋梁", "name_en": "Bridge",
                       "scale": "pref", "cycle_years": 5, "statutory": true}],
      "grade_scales": [{"id": "pref", "name_ja": "県版", "name_en": "Pref", "grades": [
        {"code": "A0", "symbol": "A0", "label_ja": "対策不要", "label_en": "None", "severity": 1,
         "action_required": false, "definition_ja": "", "definition_en": ""}]}],
      "measure_kinds": [], "measure_statuses": []}"""
    cat = load_catalogue(text)
    assert cat.scale_for("橋梁").parse("a0").code == "A0"
