"""Cell normalisation: 和暦, unknowns, numbers with units, coordinates, grades, headers."""

import pytest

from gunmane_desktop.core.catalogue import default_catalogue
from gunmane_desktop.ledger.headers import field_for_header
from gunmane_desktop.ledger.mapping import NATIONAL_GRADE_CODES
from gunmane_desktop.ledger.normalise import (
    CellError,
    parse_bool,
    parse_coord,
    parse_date_cell,
    parse_grade,
    parse_number,
    parse_owner,
    parse_year_cell,
)

SOUNDNESS = default_catalogue().scale("soundness")


@pytest.mark.parametrize(("text", "year"), [
    ("S45", 1970), ("昭和45年", 1970), ("昭45", 1970), ("Ｓ４５", 1970), ("1970", 1970), ("1970年", 1970),
    ("H元年度", 1989), ("平成31年度", 2019), ("令和元年度", 2019), ("R5", 2023), ("昭和45年4月", 1970),
    ("S45.4", 1970), ("1970-04-01", 1970), ("不明", None), ("", None), ("-", None), ("－", None),
])
def test_years_in_every_common_spelling(text, year):
    assert parse_year_cell(text) == year


@pytest.mark.parametrize("text", ["S99", "平成32年", "昭和", "abc", "19700"])
def test_impossible_years_are_cell_errors(text):
    with pytest.raises(CellError):
        parse_year_cell(text)


@pytest.mark.parametrize(("text", "value"), [
    ("12.5", 12.5), ("12.5m", 12.5), ("12.5 ｍ", 12.5), ("１，２００．５", 1200.5), ("1,200㎡", 1200.0),
    ("約3.5m", 3.5), ("不明", None), ("", None), ("-", None),
])
def test_numbers_with_units_and_separators(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["十二", "5,5", "12.5.1", "nan", "inf"])
def test_non_numbers_are_cell_errors(text):
    if text == "nan":
        assert parse_number(text) is None  # pandas-style blank
        return
    with pytest.raises(CellError, match=r"not a number|thousands"):
        parse_number(text)


@pytest.mark.parametrize(("text", "value"), [
    ("35.6895", 35.6895), ("35°41′22.2″", 35.6895), ("35°41'22.2\"", 35.6895),
    ("35度41分22.2秒", 35.6895), ("N35 41 22.2", 35.6895), ("北緯35度41分", 35.6833333),
    ("139°45′30″E", 139.7583333), ("", None),
])
def test_decimal_and_dms_coordinates(text, value):
    assert parse_coord(text) == pytest.approx(value) if value else parse_coord(text) is None


@pytest.mark.parametrize("text", ["35°41′22.2″", "139°45′30″", "42°58′47.95″", "0°0′0″", "35°59′59.9″"])
def test_the_common_dms_spelling_reads_as_the_general_reader_does(text):
    # 35°41′22.2″ skips the general reader's folding; both must agree to the last digit.
    from gunmane_desktop.ledger.normalise import _parse_coord_text

    assert parse_coord(text) == _parse_coord_text.__wrapped__(text)


@pytest.mark.parametrize("text", ["35°60′0″", "35°41′60″", "35°41′22.2″N"])
def test_out_of_range_dms_still_gets_the_general_readers_answer(text):
    from gunmane_desktop.ledger.normalise import _parse_coord_text

    try:
        expected = _parse_coord_text.__wrapped__(text)
    except CellError as exc:
        with pytest.raises(CellError, match=str(exc)[:10]):
            parse_coord(text)
    else:
        assert parse_coord(text) == expected


def test_bad_coordinates_are_cell_errors():
    for text in ("35°75′", "東京駅", "35.6.8"):
        with pytest.raises(CellError):
            parse_coord(text)


@pytest.mark.parametrize("text", ["Ⅲ", "III", "3", "③", "Ⅲ(早期措置段階)", "３", "3.0", "早期措置段階"])
def test_grade_spellings_map_to_the_scale(text):
    assert parse_grade(text, SOUNDNESS) == "III"


def test_national_numeric_codes_through_the_code_table():
    codes = {"1": "I", "2": "II", "3": "III", "4": "IV"}
    assert codes == NATIONAL_GRADE_CODES
    assert [parse_grade(c, SOUNDNESS, codes) for c in ("1", "2", "3", "4")] == ["I", "II", "III", "IV"]
    assert parse_grade("不明", SOUNDNESS, codes) is None
    with pytest.raises(CellError):
        parse_grade("5", SOUNDNESS, codes)


def test_dates_bools_and_owner_codes():
    assert str(parse_date_cell("R6.6.15")) == "2024-06-15"
    assert str(parse_date_cell("令和6年6月15日")) == "2024-06-15"
    assert str(parse_date_cell("45458")) == "2024-06-15"  # an Excel serial number
    assert str(parse_date_cell("2024-06-15 00:00:00")) == "2024-06-15"
    assert parse_bool("○") and not parse_bool("") and parse_bool("該当")
    assert parse_owner("011002") == "011002" and parse_owner("11002") == "011002"
    with pytest.raises(CellError):
        parse_owner("011003")


@pytest.mark.parametrize(("header", "field"), [
    ("橋梁名", "name"), ("施設名", "name"), ("名称", "name"), ("Bridge Name", "name"),
    ("路線名", "route"), ("架設年", "built_year"), ("架設年度", "built_year"), ("完成年", "built_year"),
    ("橋長（ｍ）", "length_m"), ("橋長 [m]", "length_m"), ("幅員(m)", "width_m"), ("緯度", "lat"),
    ("経度", "lon"), ("Latitude", "lat"), ("点検年度", "inspection_fy"), ("点検日", "inspected_on"),
    ("健全性", "grade"), ("判定区分", "grade"), ("健全度", "grade"), ("延長・橋長 (m)", "length_m"),
    ("面積 (㎡)", "area_m2"), ("座標 (原文)", "coord_text"), ("備考", "notes"), ("謎の列", None),
])
def test_header_variants(header, field):
    assert field_for_header(header) == field
