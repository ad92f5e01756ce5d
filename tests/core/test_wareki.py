"""和暦 and 年度: the spellings ledgers use, the overlap years, and round trips."""

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from gunmane_desktop.core.wareki import (
    WarekiError,
    fiscal_year_bounds,
    fiscal_year_of,
    format_date,
    format_fiscal_year,
    format_year,
    parse_date,
    parse_fiscal_year,
    parse_year,
)


@pytest.mark.parametrize(("text", "year"), [
    ("S45", 1970), ("S.45", 1970), ("s45", 1970), ("昭和45年", 1970), ("昭和45", 1970),
    ("昭45", 1970), ("1970", 1970), ("1970年", 1970), ("１９７０", 1970), ("Ｓ４５", 1970),
    ("M45", 1912), ("T1", 1912), ("大正元年", 1912), ("S1", 1926), ("昭和元年", 1926),
    ("S64", 1989), ("昭和64年", 1989), ("H1", 1989), ("平成元年", 1989),
    ("H31", 2019), ("平成31年", 2019), ("R1", 2019), ("令和元年", 2019), ("R元", 2019),
    ("R6", 2024), ("令和6年", 2024), (" 昭和 45 年 ", 1970), ("1970.0", 1970),
])
def test_year_spellings(text, year):
    parsed = parse_year(text)
    assert parsed.year == year
    assert parsed.original == text


@pytest.mark.parametrize("text", ["不明", "", "-", "－", "不詳", None, "?", "nan"])
def test_unknown_years_are_none_and_keep_the_original(text):
    parsed = parse_year(text)
    assert parsed.year is None
    assert not parsed.known
    assert parsed.original == ("" if text is None else text)


@pytest.mark.parametrize("text", ["H32", "平成32年", "S65", "T16", "M46", "R0", "昭和0年",
                                  "1700", "S45x", "橋", "12345"])
def test_years_that_do_not_exist_are_refused(text):
    with pytest.raises(WarekiError):
        parse_year(text)


@pytest.mark.parametrize("text", ["平成31年度", "令和元年度", "H31年度", "R1年度", "2019年度", "2019"])
def test_fiscal_2019_has_two_era_names(text):
    assert parse_fiscal_year(text) == 2019


def test_fiscal_year_flag():
    assert parse_year("令和元年度").fiscal
    assert not parse_year("令和元年").fiscal


def test_fiscal_year_names_follow_municipal_usage():
    assert format_fiscal_year(2019) == "令和元年度"
    assert format_fiscal_year(2018) == "平成30年度"
    assert format_fiscal_year(1988) == "昭和63年度"
    assert format_fiscal_year(1989) == "平成元年度"
    assert format_fiscal_year(2024, with_western=True) == "令和6年度 (2024)"


def test_years_in_which_an_era_began_take_the_new_era():
    assert format_year(1989) == "平成元年"
    assert format_year(2019) == "令和元年"
    assert format_year(1926) == "昭和元年"
    assert format_year(1970, with_western=True) == "昭和45年 (1970)"
    assert format_year(None) == "不明"


def test_fiscal_year_runs_april_to_march():
    assert fiscal_year_of(dt.date(2020, 3, 31)) == 2019
    assert fiscal_year_of(dt.date(2020, 4, 1)) == 2020
    assert fiscal_year_bounds(2019) == (dt.date(2019, 4, 1), dt.date(2020, 3, 31))


@pytest.mark.parametrize(("text", "day"), [
    ("2019-05-01", dt.date(2019, 5, 1)), ("2019/5/1", dt.date(2019, 5, 1)),
    ("R1.5.1", dt.date(2019, 5, 1)), ("令和元年5月1日", dt.date(2019, 5, 1)),
    ("平成31年4月30日", dt.date(2019, 4, 30)), ("H31.4.30", dt.date(2019, 4, 30)),
    ("昭和64年1月7日", dt.date(1989, 1, 7)), ("平成元年1月8日", dt.date(1989, 1, 8)),
])
def test_date_spellings(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize("text", ["平成31年5月1日", "令和元年4月30日", "昭和64年1月8日",
                                  "2019-02-30", "R1.13.1"])
def test_dates_outside_their_era_or_calendar_are_refused(text):
    with pytest.raises(WarekiError):
        parse_date(text)


def test_date_formatting_uses_the_era_of_the_day():
    assert format_date(dt.date(2019, 4, 30)) == "平成31年4月30日"
    assert format_date(dt.date(2019, 5, 1)) == "令和元年5月1日"
    assert format_date(dt.date(1989, 1, 7), with_western=True) == "昭和64年1月7日 (1989-01-07)"


# -- properties ------------------------------------------------------------------------

@given(st.integers(1868, 2100))
def test_year_round_trip(year):
    assert parse_year(format_year(year)).year == year
    assert parse_year(str(year)).year == year


@given(st.integers(1868, 2100))
def test_fiscal_year_round_trip(fy):
    assert parse_fiscal_year(format_fiscal_year(fy)) == fy


@given(st.dates(dt.date(1873, 1, 1), dt.date(2100, 12, 31)))
@example(dt.date(1989, 1, 7))
@example(dt.date(1989, 1, 8))
@example(dt.date(2019, 4, 30))
@example(dt.date(2019, 5, 1))
def test_date_round_trip(day):
    assert parse_date(format_date(day)) == day
    assert parse_date(day.isoformat()) == day


@given(st.text(max_size=20))
def test_parse_year_never_fails_except_with_a_clear_error(text):
    try:
        parsed = parse_year(text)
    except WarekiError as exc:
        assert str(exc)
    else:
        assert parsed.year is None or 1868 <= parsed.year <= 2100
        assert parsed.original == text


@given(st.text(alphabet="明大昭平令MTSHR元年度月日.-/0123456789０１２３ ", max_size=14))
def test_parse_date_never_fails_except_with_a_clear_error(text):
    try:
        parse_date(text)
    except WarekiError as exc:
        assert str(exc)
