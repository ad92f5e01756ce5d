"""Sectors, asset types, grade scales and measure kinds, loaded from data.

The codes of this field are data, not enums: prefectures use variants and revisions change
them. The shipped defaults live in ``data/catalogue.json``; a database copies them into its
own tables when it is created, so a prefecture variant is an edit of data, not of code.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources


class UnknownCodeError(ValueError):
    """A sector, asset type, scale or grade spelling that the catalogue does not know."""


@dataclass(frozen=True, slots=True)
class Sector:
    id: str
    name_ja: str
    name_en: str


@dataclass(frozen=True, slots=True)
class AssetType:
    id: str
    sector: str
    name_ja: str
    name_en: str
    scale: str
    cycle_years: int | None
    statutory: bool
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Grade:
    scale: str
    code: str
    symbol: str
    label_ja: str
    label_en: str
    severity: int
    action_required: bool
    definition_ja: str
    definition_en: str


@dataclass(frozen=True, slots=True)
class GradeScale:
    id: str
    name_ja: str
    name_en: str
    source: str
    grades: tuple[Grade, ...]

    def grade(self, code: str) -> Grade:
        """Return the grade with this exact code, or raise UnknownCodeError."""
        for g in self.grades:
            if g.code == code:
                return g
        raise UnknownCodeError(f"{self.name_ja}: 区分 '{code}' はありません")

    @staticmethod
    def _spellings(g: Grade) -> set[str]:
        return {_grade_key(g.code), _grade_key(g.symbol), _grade_key(g.label_ja)}

    def codes(self) -> tuple[str, ...]:
        return tuple(g.code for g in self.grades)

    def parse(self, text: str) -> Grade:
        """Map a spelling found in ledgers (Ⅲ, III, 3, ③, 'Ⅲ(早期措置段階)', 健全) to a grade."""
        key = _grade_key(text)
        if not key:
            raise UnknownCodeError(f"{self.name_ja}: 区分が空です")
        for g in self.grades:
            if key in self._spellings(g):
                return g
        # Case only matters where the scale itself tells codes apart by it.
        folded = [g for g in self.grades if key.casefold() in {s.casefold() for s in self._spellings(g)}]
        if len(folded) == 1:
            return folded[0]
        # A leading grade followed by its label in brackets: "Ⅲ(早期措置段階)".
        for sep in ("(", "（", " ", "　", ":", "："):
            head = text.strip().split(sep, 1)[0]
            if head and head != text.strip():
                try:
                    return self.parse(head)
                except UnknownCodeError:
                    pass
        raise UnknownCodeError(f"{self.name_ja}: '{text}' を区分として読めません ({', '.join(self.codes())})")


@dataclass(frozen=True, slots=True)
class MeasureKind:
    id: str
    name_ja: str
    name_en: str


@dataclass(frozen=True, slots=True)
class MeasureStatus:
    id: str
    name_ja: str
    name_en: str
    started: bool


_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_CIRCLED = {"①": "I", "②": "II", "③": "III", "④": "IV"}


def _grade_key(text: str) -> str:
    """Fold a grade spelling to a comparable key: NFKC, upper case, roman numerals."""
    s = unicodedata.normalize("NFKC", text).strip()
    for circled, roman in _CIRCLED.items():
        s = s.replace(circled, roman)
    s = s.replace("－", "-").replace("‐", "-").replace("ー", "-").replace(" ", "")
    if not s:
        return ""
    head, _, tail = s.partition("-")
    if head in _ROMAN:
        head = _ROMAN[head]
    s = head + ("-" + tail if tail else "")
    # Lower-case letters are distinct codes on the river scale (a-d), so only roman
    # numerals are upper-cased.
    if all(c in "ivxIVX-0123456789" for c in s):
        s = s.upper()
    return s


@dataclass(frozen=True, slots=True)
class Catalogue:
    sectors: tuple[Sector, ...]
    asset_types: tuple[AssetType, ...]
    scales: tuple[GradeScale, ...]
    measure_kinds: tuple[MeasureKind, ...]
    measure_statuses: tuple[MeasureStatus, ...]

    def asset_type(self, name: str) -> AssetType:
        """Find an asset type by its English id, Japanese name or a common alias."""
        key = unicodedata.normalize("NFKC", name).strip()
        for t in self.asset_types:
            if key.lower() == t.id or key == unicodedata.normalize("NFKC", t.name_ja):
                return t
        for t in self.asset_types:
            if key in (unicodedata.normalize("NFKC", a) for a in t.aliases):
                return t
        known = ", ".join(t.id for t in self.asset_types)
        raise UnknownCodeError(f"施設種別 '{name}' はありません (使えるもの: {known})")

    def sector(self, sector_id: str) -> Sector:
        for s in self.sectors:
            if s.id == sector_id or s.name_ja == sector_id:
                return s
        raise UnknownCodeError(f"分野 '{sector_id}' はありません")

    def scale(self, scale_id: str) -> GradeScale:
        for s in self.scales:
            if s.id == scale_id:
                return s
        raise UnknownCodeError(f"判定区分の尺度 '{scale_id}' はありません")

    def scale_for(self, asset_type: str) -> GradeScale:
        return self.scale(self.asset_type(asset_type).scale)

    def measure_kind(self, kind: str) -> MeasureKind:
        for k in self.measure_kinds:
            if kind in (k.id, k.name_ja):
                return k
        raise UnknownCodeError(f"措置の種類 '{kind}' はありません")


def load_catalogue(text: str) -> Catalogue:
    """Build a catalogue from the JSON text of a catalogue file."""
    raw = json.loads(text)
    scales = tuple(
        GradeScale(
            id=s["id"],
            name_ja=s["name_ja"],
            name_en=s["name_en"],
            source=s.get("source", ""),
            grades=tuple(Grade(scale=s["id"], **g) for g in s["grades"]),
        )
        for s in raw["grade_scales"]
    )
    return Catalogue(
        sectors=tuple(Sector(**s) for s in raw["sectors"]),
        asset_types=tuple(
            AssetType(**{**t, "aliases": tuple(t.get("aliases", ()))}) for t in raw["asset_types"]
        ),
        scales=scales,
        measure_kinds=tuple(MeasureKind(**k) for k in raw["measure_kinds"]),
        measure_statuses=tuple(MeasureStatus(**s) for s in raw["measure_statuses"]),
    )


@cache
def default_catalogue() -> Catalogue:
    """The catalogue shipped with the program (national definitions)."""
    text = resources.files("gunmane_desktop.core").joinpath("data/catalogue.json").read_text("utf-8")
    return load_catalogue(text)
