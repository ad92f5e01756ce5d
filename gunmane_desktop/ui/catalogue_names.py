"""The catalogue's names on screen: the Japanese or the English name, by the UI language.

The catalogue (``core/data/catalogue.json``, copied into every file) carries both names of
each sector, asset type, grade scale, grade word and measure kind, so they are not put
through tr(): these helpers pick ``name_ja`` or ``name_en``. Grade codes and symbols (Ⅰ-Ⅳ,
A-D) are official and stay as they are in both languages; only their words translate.

The language is passed in ("ja" or "en", as ``i18n`` and ``AppContext.language`` spell it):
the composition root knows it and hands it to the pages, which hand it to their dialogs and
models. Japanese is the default, so a widget built without it shows what it always showed.
No Qt here.
"""

from __future__ import annotations

from typing import Protocol

from ..core.catalogue import Grade, UnknownCodeError, default_catalogue

DEFAULT_LANGUAGE = "ja"  # as i18n.DEFAULT_LANGUAGE, which this module cannot import (Qt)


class _Named(Protocol):
    @property
    def name_ja(self) -> str: ...
    @property
    def name_en(self) -> str: ...


def localised(name_ja: str, name_en: str, language: str = DEFAULT_LANGUAGE) -> str:
    """``name_en`` in English (when the catalogue has one), else ``name_ja``."""
    if language == "en" and name_en:
        return name_en
    return name_ja


def name_of(item: _Named, language: str = DEFAULT_LANGUAGE) -> str:
    """The name of a sector, asset type, grade scale, measure kind or measure status."""
    return localised(item.name_ja, item.name_en, language)


def type_name(asset_type: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The name of an asset type given by id or Japanese name ("bridge" -> 橋梁 / Bridge);
    a type the catalogue does not know is shown as given."""
    try:
        return name_of(default_catalogue().asset_type(asset_type), language)
    except UnknownCodeError:
        return asset_type


def sector_name(sector: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The name of a sector given by id or Japanese name ("road" -> 道路 / Roads)."""
    try:
        return name_of(default_catalogue().sector(sector), language)
    except UnknownCodeError:
        return sector


def sector_choices(language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """(id, name) of the catalogue's sectors, in catalogue order, for a combo box."""
    return [(s.id, name_of(s, language)) for s in default_catalogue().sectors]


def grade_label(grade: Grade, language: str = DEFAULT_LANGUAGE) -> str:
    """The grade's word: 健全 / Sound. Not its code or symbol."""
    return localised(grade.label_ja, grade.label_en, language)


def grade_text(symbol: str, label_ja: str, label_en: str, language: str = DEFAULT_LANGUAGE) -> str:
    """The symbol with its word ("Ⅲ 早期措置段階" / "Ⅲ Early action stage"); the symbol alone
    where it is its own word (劣化なし, whose English is "No defect")."""
    if symbol == label_ja:
        return localised(label_ja, label_en, language)
    return f"{symbol} {localised(label_ja, label_en, language)}"
