"""Unit-cost tables: what a measure costs per m² of deck, m of pipe, or each facility.

The shipped table (``data/unit_costs.json``) holds DEFAULTS, judgements stated as such; a
town replaces them with its own contract prices by editing a copy of the file and passing
it in. Costs are integer 円, rounded to 千円 as plans write them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

MEASURES = ("preventive_repair", "corrective_repair", "replacement", "removal")
# How each planned measure is recorded in the register's measure kinds (catalogue ids).
# Maintenance policies a service life is given for (see TypeCosts.service_life).
LIFE_POLICIES = ("reactive", "preventive")
MEASURE_KIND = {"preventive_repair": "repair", "corrective_repair": "repair",
                "replacement": "replacement", "removal": "removal"}


@dataclass(frozen=True, slots=True)
class UnitCost:
    fixed_yen: int
    per_unit_yen: int
    label_ja: str = ""


@dataclass(frozen=True, slots=True)
class TypeCosts:
    unit: str  # "m2", "m" or "each"
    size_field: str | None  # the asset column that holds the size in that unit
    default_size: float
    measures: dict[str, UnitCost]
    #: Age in years at which the asset is renewed whatever its grade, by maintenance policy
    #: ("reactive" 事後保全, "preventive" 予防保全); empty: renewed only when its grade calls for it.
    service_life: dict[str, int] = field(default_factory=dict)

    def size_of(self, area_m2: float | None, length_m: float | None, width_m: float | None) -> float:
        """The asset's size in this table's unit, or the default when the register lacks it."""
        if self.unit == "each":
            return 1.0
        if self.unit == "m2":
            value = area_m2 if area_m2 else (length_m * width_m if length_m and width_m else None)
        else:
            value = length_m
        return float(value) if value and value > 0 else float(self.default_size)


@dataclass(frozen=True, slots=True)
class UnitCostTable:
    types: dict[str, TypeCosts]
    is_default: bool
    about: str

    def for_type(self, asset_type: str) -> TypeCosts:
        return self.types.get(asset_type) or self.types["other"]

    def cost(self, asset_type: str, measure: str, size: float) -> int:
        """Cost in 円 of ``measure`` on an asset of ``size`` units, rounded to 千円."""
        c = self.for_type(asset_type).measures[measure]
        return int(round(c.fixed_yen + c.per_unit_yen * size, -3))


class UnitCostError(ValueError):
    """A unit-cost file that cannot be used; the message names the file and the entry."""


def load_unit_costs(text: str, *, name: str = "unit_costs.json") -> UnitCostTable:
    try:
        raw = json.loads(text)
        types = {}
        for type_id, spec in raw["types"].items():
            measures = {}
            for m in MEASURES:
                if m not in spec["measures"]:
                    raise UnitCostError(f"{name}: {type_id}: 措置 '{m}' の単価がありません (missing)")
                e = spec["measures"][m]
                fixed, per = int(e.get("fixed_yen", 0)), int(e.get("per_unit_yen", 0))
                if fixed < 0 or per < 0:
                    raise UnitCostError(f"{name}: {type_id}.{m}: 単価は 0 以上にしてください (negative)")
                measures[m] = UnitCost(fixed, per, e.get("label_ja", ""))
            if spec["unit"] not in ("m2", "m", "each"):
                raise UnitCostError(f"{name}: {type_id}: 単位 '{spec['unit']}' は使えません (m2, m, each)")
            types[type_id] = TypeCosts(spec["unit"], spec.get("size_field"),
                                       float(spec.get("default_size", 1)), measures,
                                       _service_life(spec.get("service_life_years"), f"{name}: {type_id}"))
        if "other" not in types:
            raise UnitCostError(f"{name}: 'other' の単価がありません (needed as the fallback)")
    except (KeyError, TypeError, json.JSONDecodeError) as exc:
        raise UnitCostError(f"{name}: 単価表を読めません (cannot read unit costs): {exc}") from exc
    return UnitCostTable(types, bool(raw.get("is_default", False)), raw.get("about", ""))


def _service_life(raw: object, where: str) -> dict[str, int]:
    """The optional {"reactive": years, "preventive": years} of a type, checked."""
    if raw is None:
        return {}
    if not isinstance(raw, dict) or set(raw) != set(LIFE_POLICIES):
        raise UnitCostError(f"{where}.service_life_years: reactive と preventive の年数を書いてください "
                            "(give both 'reactive' and 'preventive' years)")
    out = {}
    for policy in LIFE_POLICIES:
        years = raw[policy]
        if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 300:
            raise UnitCostError(f"{where}.service_life_years.{policy}: 1〜300 の整数にしてください "
                                f"(a whole number of years, 1-300; got {years!r})")
        out[policy] = years
    return out


def read_unit_costs(path: Path | str) -> UnitCostTable:
    """A town's own table from a file (a copy of the default with its prices)."""
    p = Path(path)
    return load_unit_costs(p.read_text("utf-8"), name=str(p))


@cache
def default_unit_costs() -> UnitCostTable:
    """The shipped DEFAULT table (judgements; see the file's 'about')."""
    text = resources.files("gunmane_desktop.core").joinpath("data/unit_costs.json").read_text("utf-8")
    return load_unit_costs(text)
