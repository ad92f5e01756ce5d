"""The per-type fields of an asset (橋梁の径間数, 管渠の管径 …), kept in ``Asset.attributes``.

The catalogue names the asset types; this module says which extra fields each type records,
under which key and label, and how typed text becomes a stored value. The keys are the ones
the demo generator writes and planning reads (``detour_available``, ``traffic_class``), so
a value entered in a form is the value those readers find. Keys a type does not list here
(from an import, say) are kept untouched by editors.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from .wareki import WarekiError, format_year, parse_year

TEXT = "text"
INTEGER = "integer"
NUMBER = "number"
YEAR = "year"  # 和暦 or 西暦, stored as the Western year
FLAG = "flag"  # あり / なし / not recorded (None): planning tells "no detour" from "unknown"


@dataclass(frozen=True, slots=True)
class AttributeSpec:
    """One per-type field: its key in ``attributes``, Japanese label and kind of value, and
    the label the English window shows (the stored key and value are the same in both)."""

    key: str
    label_ja: str
    kind: str = TEXT
    choices: tuple[str, ...] = ()  # suggestions; free text stays allowed
    unit: str = ""
    label_en: str = ""


_LEDGER_NO = AttributeSpec("ledger_no", "台帳番号", INTEGER, label_en="Ledger no.")
_DETOUR = AttributeSpec("detour_available", "迂回路", FLAG, label_en="Detour")

TYPE_ATTRIBUTES: dict[str, tuple[AttributeSpec, ...]] = {
    "bridge": (
        _LEDGER_NO,
        AttributeSpec("material", "材料", choices=("RC", "PC", "鋼", "石", "木", "混合"),
                      label_en="Material"),
        AttributeSpec("form", "形式", choices=("床版橋", "T桁橋", "箱桁橋", "鈑桁橋", "トラス橋",
                                             "アーチ橋", "ボックスカルバート", "H形鋼橋"), label_en="Form"),
        AttributeSpec("spans", "径間数", INTEGER, label_en="Spans"),
        AttributeSpec("crossing", "交差物件", label_en="Crossing"),
        _DETOUR,
    ),
    "tunnel": (
        _LEDGER_NO,
        AttributeSpec("construction_method", "工法", choices=("NATM", "矢板工法", "開削工法",
                                                            "シールド工法"), label_en="Construction method"),
        AttributeSpec("lighting", "照明", FLAG, label_en="Lighting"),
        _DETOUR,
    ),
    "footbridge": (
        _LEDGER_NO,
        AttributeSpec("crossing", "交差物件", label_en="Crossing"),
        AttributeSpec("stairs", "昇降形式", choices=("階段式", "斜路付", "エレベーター付"),
                      label_en="Access"),
    ),
    "sign_gantry": (
        _LEDGER_NO,
        AttributeSpec("sign", "標識の種類", choices=("案内標識", "警戒標識", "規制標識",
                                                 "道路情報板"), label_en="Sign type"),
    ),
    "shed_culvert": (_LEDGER_NO, _DETOUR),
    "pavement": (
        AttributeSpec("section_no", "工区番号", INTEGER, label_en="Section no."),
        AttributeSpec("surface", "表層", choices=("密粒度アスファルト", "排水性舗装",
                                                "コンクリート舗装"), label_en="Surface course"),
        AttributeSpec("traffic_class", "交通量区分", choices=("N1", "N2", "N3", "N4", "N5", "N6",
                                                      "N7"), label_en="Traffic class"),
        AttributeSpec("laid_fy", "表層施工年", YEAR, label_en="Surface laid (year)"),
    ),
    "sewer": (
        AttributeSpec("system", "系統", choices=("汚水", "雨水", "合流"), label_en="System"),
        AttributeSpec("material", "管種", choices=("ヒューム管", "陶管", "硬質塩化ビニル管 (VU)",
                                                "ダクタイル鋳鉄管"), label_en="Pipe material"),
        AttributeSpec("diameter_mm", "管径", INTEGER, unit="mm", label_en="Diameter"),
        AttributeSpec("depth_m", "土被り", NUMBER, unit="m", label_en="Cover depth"),
        AttributeSpec("upstream_mh", "上流マンホール", label_en="Upstream manhole"),
        AttributeSpec("downstream_mh", "下流マンホール", label_en="Downstream manhole"),
    ),
    "park": (
        AttributeSpec("park", "公園名", label_en="Park"),
        AttributeSpec("category", "施設分類", choices=("遊具", "休養施設", "便益施設", "管理施設"),
                      label_en="Category"),
        AttributeSpec("facility", "施設", label_en="Facility"),
        AttributeSpec("material", "材質", choices=("鋼製", "木製", "RC造", "FRP製"), label_en="Material"),
    ),
    "river": (
        AttributeSpec("river", "河川名", label_en="River"),
        AttributeSpec("river_class", "河川区分", choices=("準用河川", "普通河川"), label_en="River class"),
        AttributeSpec("bank", "左右岸", choices=("左岸", "右岸"), label_en="Bank"),
        AttributeSpec("facility", "施設区分", choices=("護岸", "樋門", "床止工", "堰"),
                      label_en="Facility kind"),
    ),
    "other": (),
}

FLAG_YES = "あり"
FLAG_NO = "なし"


def attributes_for(asset_type: str) -> tuple[AttributeSpec, ...]:
    """The per-type fields of an asset type id (none for a type this module does not know)."""
    return TYPE_ATTRIBUTES.get(asset_type, ())


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(",", "").strip()


def parse_attribute(spec: AttributeSpec, text: str) -> Any:
    """Typed text -> the stored value (None for blank); ValueError with a Japanese message."""
    s = _fold(text)
    if not s:
        return None
    if spec.kind == INTEGER:
        if not s.lstrip("-").isdigit():
            raise ValueError(f"{spec.label_ja}は整数で入力してください")
        return int(s)
    if spec.kind == NUMBER:
        try:
            value = float(s)
        except ValueError:
            raise ValueError(f"{spec.label_ja}は数値で入力してください") from None
        if value < 0:
            raise ValueError(f"{spec.label_ja}は0以上の値を入力してください")
        return value
    if spec.kind == YEAR:
        try:
            return parse_year(s).year
        except WarekiError as exc:
            raise ValueError(str(exc)) from None
    if spec.kind == FLAG:
        if s in (FLAG_YES, "有", "yes", "true", "1"):
            return True
        if s in (FLAG_NO, "無", "no", "false", "0"):
            return False
        raise ValueError(f"{spec.label_ja}は「{FLAG_YES}」か「{FLAG_NO}」で入力してください")
    return text.strip()


def attribute_text(spec: AttributeSpec, value: Any) -> str:
    """A stored value as a form shows it (the inverse of ``parse_attribute``)."""
    if value is None:
        return ""
    if spec.kind == FLAG:
        return FLAG_YES if value in (True, 1, "true", "有", "あり", "yes") else FLAG_NO
    if spec.kind == YEAR and isinstance(value, int):
        return format_year(value)
    if isinstance(value, float) and value.is_integer() and spec.kind != NUMBER:
        return str(int(value))
    return str(value)
