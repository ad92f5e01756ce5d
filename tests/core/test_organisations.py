"""全国地方公共団体コード and 法人番号 validation."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gunmane_desktop.core.organisations import (
    Organisation,
    OrgCodeError,
    OrgKind,
    corporate_check_digit,
    lg_check_digit,
    make_lg_code,
    new_local_org_code,
    validate_corporate_number,
    validate_lg_code,
    validate_org_code,
)

KNOWN_CODES = {
    "010006": "北海道",
    "011002": "札幌市",
    "131016": "千代田区",
    "131041": "新宿区",
    "131130": "渋谷区",
    "271004": "大阪市",
}


@pytest.mark.parametrize("code", sorted(KNOWN_CODES))
def test_known_codes_have_valid_check_digits(code):
    assert lg_check_digit(code[:5]) == int(code[5])
    assert validate_lg_code(code) == code


@pytest.mark.parametrize("code", sorted(KNOWN_CODES))
def test_any_other_check_digit_is_refused(code):
    for wrong in set("0123456789") - {code[5]}:
        with pytest.raises(OrgCodeError, match="検査数字"):
            validate_lg_code(code[:5] + wrong)


def test_full_width_digits_and_hyphens_are_normalised():
    assert validate_lg_code("０１１００２") == "011002"
    assert validate_lg_code("01100-2") == "011002"


def test_five_digit_code_gets_a_helpful_message():
    with pytest.raises(OrgCodeError, match="011002"):
        validate_lg_code("01100")


@pytest.mark.parametrize("bad", ["", "abcdef", "0110021", "481009", "000000"])
def test_malformed_codes_are_refused(bad):
    with pytest.raises(OrgCodeError):
        validate_lg_code(bad)


@given(st.integers(1, 47), st.integers(0, 999))
def test_made_codes_always_validate(pref, muni):
    code = make_lg_code(f"{pref:02d}{muni:03d}")
    assert validate_lg_code(code) == code


def test_prefecture_and_municipality_kinds_are_told_apart():
    assert validate_org_code("010006", OrgKind.PREFECTURE) == "010006"
    with pytest.raises(OrgCodeError, match="都道府県"):
        validate_org_code("010006", OrgKind.MUNICIPALITY)
    with pytest.raises(OrgCodeError):
        validate_org_code("011002", OrgKind.PREFECTURE)


def test_corporate_number_of_the_national_tax_agency():
    # 国税庁's own 法人番号 is 7000012050002.
    assert corporate_check_digit("000012050002") == 7
    assert validate_corporate_number("7000012050002") == "7000012050002"
    with pytest.raises(OrgCodeError):
        validate_corporate_number("6000012050002")


def test_bodies_without_a_public_number_get_local_ids():
    code = new_local_org_code()
    assert validate_org_code(code, OrgKind.JV) == code
    with pytest.raises(OrgCodeError):
        validate_org_code("JV-1", OrgKind.JV)


def test_organisation_validates_itself():
    Organisation("011002", OrgKind.MUNICIPALITY, "札幌市")
    with pytest.raises(OrgCodeError):
        Organisation("011003", OrgKind.MUNICIPALITY, "札幌市")
    with pytest.raises(OrgCodeError):
        Organisation("011002", OrgKind.MUNICIPALITY, "  ")
