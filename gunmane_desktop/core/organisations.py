"""Organisations and their identifiers.

Public bodies are identified by the 全国地方公共団体コード (JIS X 0402): 2 digits prefecture,
3 digits municipality, 1 check digit. Companies may be identified by their 法人番号 (13
digits, leading check digit). Bodies with neither (JVs, 事業協同組合 without a number,
consultants entered by hand) get a generated local id ``X`` + 12 hex digits.
All codes are text: a leading zero is part of the code.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class OrgKind(StrEnum):
    PREFECTURE = "prefecture"
    MUNICIPALITY = "municipality"
    COMPANY = "company"
    JV = "jv"
    COOPERATIVE = "cooperative"  # 事業協同組合
    OTHER = "other"


ORG_KIND_NAMES_JA = {
    OrgKind.PREFECTURE: "都道府県",
    OrgKind.MUNICIPALITY: "市区町村",
    OrgKind.COMPANY: "企業",
    OrgKind.JV: "共同企業体 (JV)",
    OrgKind.COOPERATIVE: "事業協同組合",
    OrgKind.OTHER: "その他",
}


class OrgCodeError(ValueError):
    """An organisation code that is malformed or fails its check digit."""


def lg_check_digit(first_five: str) -> int:
    """Check digit of a 全国地方公共団体コード from its first five digits.

    s = 6·d1 + 5·d2 + 4·d3 + 3·d4 + 2·d5; cd = (11 − s mod 11) mod 10.
    """
    if len(first_five) != 5 or not first_five.isascii() or not first_five.isdigit():
        raise OrgCodeError(f"団体コードの先頭5桁が数字5桁ではありません: '{first_five}'")
    s = sum(w * int(d) for w, d in zip((6, 5, 4, 3, 2), first_five, strict=True))
    return (11 - s % 11) % 10


def make_lg_code(first_five: str) -> str:
    """Append the check digit to a five-digit prefecture + municipality code."""
    return first_five + str(lg_check_digit(first_five))


def normalise_code(text: str) -> str:
    """Full-width digits and stray spaces or hyphens removed: '１３１０１６' -> '131016'."""
    return re.sub(r"[\s\-‐－]", "", unicodedata.normalize("NFKC", str(text)))


def validate_lg_code(code: str) -> str:
    """Return the normalised 6-digit code, or raise OrgCodeError saying what is wrong."""
    c = normalise_code(code)
    if len(c) == 5 and c.isdigit():
        raise OrgCodeError(f"団体コード '{code}' は5桁です。検査数字を含む6桁で入力してください "
                           f"(例: {make_lg_code(c)})")
    if len(c) != 6 or not c.isascii() or not c.isdigit():
        raise OrgCodeError(f"団体コード '{code}' は6桁の数字ではありません")
    pref = int(c[:2])
    if not 1 <= pref <= 47:
        raise OrgCodeError(f"団体コード '{code}' の都道府県番号 {c[:2]} は 01-47 の範囲外です")
    expected = lg_check_digit(c[:5])
    if int(c[5]) != expected:
        raise OrgCodeError(f"団体コード '{code}' の検査数字が合いません (正しくは {c[:5]}{expected})")
    return c


def is_prefecture_code(code: str) -> bool:
    return code[2:5] == "000"


def corporate_check_digit(twelve: str) -> int:
    """Check digit of a 法人番号 from its 12 base digits (国税庁 specification)."""
    if len(twelve) != 12 or not twelve.isdigit():
        raise OrgCodeError(f"法人番号の基礎番号が12桁ではありません: '{twelve}'")
    total = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(twelve), start=1))
    return 9 - total % 9


def validate_corporate_number(code: str) -> str:
    c = normalise_code(code)
    if len(c) != 13 or not c.isascii() or not c.isdigit():
        raise OrgCodeError(f"法人番号 '{code}' は13桁の数字ではありません")
    if int(c[0]) != corporate_check_digit(c[1:]):
        raise OrgCodeError(f"法人番号 '{code}' の検査数字が合いません")
    return c


_LOCAL_ID = re.compile(r"^X[0-9A-F]{12}$")


def new_local_org_code() -> str:
    """A fresh id for a body without a public number (JV, cooperative, consultant)."""
    return "X" + secrets.token_hex(6).upper()


def validate_org_code(code: str, kind: OrgKind | str) -> str:
    """Validate a code for the given kind of organisation; return it normalised."""
    kind = OrgKind(kind)
    if kind is OrgKind.PREFECTURE:
        c = validate_lg_code(code)
        if not is_prefecture_code(c):
            raise OrgCodeError(f"'{code}' は都道府県のコードではありません (市区町村部分が000ではない)")
        return c
    if kind is OrgKind.MUNICIPALITY:
        c = validate_lg_code(code)
        if is_prefecture_code(c):
            raise OrgCodeError(f"'{code}' は都道府県のコードです。市区町村のコードを入力してください")
        return c
    c = normalise_code(code).upper()
    if len(c) == 13 and c.isdigit():
        return validate_corporate_number(c)
    if _LOCAL_ID.match(c):
        return c
    raise OrgCodeError(f"'{code}' は法人番号 (13桁) でも X で始まる独自ID (X+16進12桁) でもありません")


@dataclass(frozen=True, slots=True)
class Organisation:
    """A town, the prefecture, or a contractor taking part in a 群."""

    code: str
    kind: OrgKind
    name: str
    name_en: str = ""
    lead_code: str | None = None  # the lead (prefecture or lead town) this body exchanges with
    members: tuple[str, ...] = ()  # for a JV or cooperative: member organisation codes
    representative: str | None = None  # for a JV: the representative member's code

    def __post_init__(self) -> None:
        validate_org_code(self.code, self.kind)
        if not self.name.strip():
            raise OrgCodeError(f"団体 {self.code} の名称が空です")
