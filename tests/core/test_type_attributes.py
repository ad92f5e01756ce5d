"""Per-type fields: every catalogue type is described, and typed text reads back as stored."""

import pytest

from gunmane_desktop.core.catalogue import default_catalogue
from gunmane_desktop.core.type_attributes import (
    FLAG,
    attribute_text,
    attributes_for,
    parse_attribute,
)


def _spec(asset_type, key):
    return next(s for s in attributes_for(asset_type) if s.key == key)


def test_every_catalogue_type_has_an_entry_with_unique_keys():
    for t in default_catalogue().asset_types:
        keys = [s.key for s in attributes_for(t.id)]
        assert len(keys) == len(set(keys)), t.id
    assert [s.key for s in attributes_for("sewer")][:3] == ["system", "material", "diameter_mm"]


@pytest.mark.parametrize(("asset_type", "key", "text", "value"), [
    ("sewer", "diameter_mm", "３００", 300),
    ("sewer", "depth_m", "1.8", 1.8),
    ("pavement", "laid_fy", "H3", 1991),
    ("pavement", "laid_fy", "令和元年", 2019),
    ("bridge", "detour_available", "なし", False),
    ("bridge", "crossing", " 一級河川みどり川 ", "一級河川みどり川"),
    ("bridge", "spans", "", None),
])
def test_typed_text_becomes_the_stored_value(asset_type, key, text, value):
    spec = _spec(asset_type, key)
    assert parse_attribute(spec, text) == value
    if value is not None:
        assert parse_attribute(spec, attribute_text(spec, value)) == value


@pytest.mark.parametrize(("asset_type", "key", "text", "message"), [
    ("sewer", "diameter_mm", "太い", "整数"),
    ("sewer", "depth_m", "-1", "0以上"),
    ("pavement", "laid_fy", "昭和99", "昭和99年はありません"),
    ("tunnel", "lighting", "たぶん", "あり"),
])
def test_unreadable_text_is_refused_with_a_message(asset_type, key, text, message):
    with pytest.raises(ValueError, match=message):
        parse_attribute(_spec(asset_type, key), text)


def test_flags_show_as_japanese_words():
    spec = _spec("tunnel", "lighting")
    assert spec.kind == FLAG
    assert (attribute_text(spec, True), attribute_text(spec, False)) == ("あり", "なし")
