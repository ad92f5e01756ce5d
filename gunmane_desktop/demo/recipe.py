"""The demo-region recipe (resources/demo/region.json) and the region plan made from it.

The recipe holds every number of the demo as data: towns and their character, asset
counts, length and type mixes, grade models, measure rates. ``plan_region`` turns it into a
``RegionPlan``: the organisations and, per owner, how many assets of each kind to make and
how they age. Scale mode replaces the recipe's towns by N invented ones of a fixed size.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..core.organisations import Organisation, OrgKind, corporate_check_digit, make_lg_code
from ..core.paths import resources_dir
from . import names

# Defaults when only one of the scale arguments is given.
DEFAULT_SCALE_TOWNS = 4
DEFAULT_SCALE_ASSETS_PER_TOWN = 500


def recipe_path() -> Path:
    return resources_dir() / "demo" / "region.json"


def load_recipe(path: Path | None = None) -> dict[str, Any]:
    """Read the recipe JSON; a missing or broken file is named in the message."""
    path = path or recipe_path()
    try:
        return json.loads(path.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise FileNotFoundError(f"デモ地域のレシピがありません: {path}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"デモ地域のレシピを読めません: {path}: {exc}") from exc


@dataclass(frozen=True, slots=True)
class Area:
    """Where an owner's assets lie: the municipality named in addresses and a centre."""

    town: str
    lat: float
    lon: float
    spread_deg: float


@dataclass(frozen=True, slots=True)
class OwnerPlan:
    """One asset owner (a town or the prefecture) and how its stock is made."""

    code: str
    name: str
    profile: str
    initial_factor: float  # multiplies the Ⅲ/Ⅳ shares of a first inspection
    markov_factor: float  # multiplies the deterioration rates between inspections
    season: tuple[int, int]  # first and last month of the inspection season
    inspectors: dict[int, tuple[tuple[str, float], ...]]  # cycle -> (org code, weight)
    road_prefix: str
    areas: tuple[Area, ...]
    counts: dict[str, int]
    unknown_year_share: float
    length_mix: tuple[tuple[float, float, float], ...]
    emergency_route_share: float

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class RegionPlan:
    region_name: str
    as_of: dt.date
    seed: int
    prefecture: str
    organisations: tuple[Organisation, ...]
    owners: tuple[OwnerPlan, ...]
    inspections_per_asset: int | None
    recipe: dict[str, Any]

    @property
    def total_assets(self) -> int:
        return sum(o.total for o in self.owners)


def allocate(total: int, weights: dict[str, float]) -> dict[str, int]:
    """Split ``total`` by weights with exact integer counts (largest remainder)."""
    s = sum(weights.values())
    raw = {k: total * w / s for k, w in weights.items()}
    counts = {k: int(v) for k, v in raw.items()}
    short = total - sum(counts.values())
    for k in sorted(raw, key=lambda k: (counts[k] - raw[k], k))[:short]:
        counts[k] += 1
    return counts


def _contractors(recipe: dict[str, Any], lead: str) -> tuple[list[Organisation], dict[str, str]]:
    orgs: list[Organisation] = []
    codes: dict[str, str] = {}
    for c in recipe["contractors"]:
        if c["kind"] == "company":
            code = str(corporate_check_digit(c["base12"])) + c["base12"]
            codes[c["key"]] = code
            orgs.append(Organisation(code, OrgKind.COMPANY, c["name"], c.get("name_en", ""), lead))
    for c in recipe["contractors"]:
        if c["kind"] == "jv":
            codes[c["key"]] = c["code"]
            orgs.append(Organisation(
                c["code"], OrgKind.JV, c["name"], c.get("name_en", ""), lead,
                members=tuple(codes[m] for m in c["members"]),
                representative=codes[c["representative"]]))
    return orgs, codes


def _owner(recipe: dict[str, Any], spec: dict[str, Any], code: str, name: str,
           areas: tuple[Area, ...], org_codes: dict[str, str]) -> OwnerPlan:
    profile = recipe["profiles"][spec["profile"]]
    inspectors = {
        int(cycle): tuple((code if who == "self" else org_codes[who], float(w)) for who, w in pairs)
        for cycle, pairs in profile["inspectors"].items()
    }
    bridge = recipe["bridge"]
    return OwnerPlan(
        code=code, name=name, profile=spec["profile"],
        initial_factor=float(profile["deterioration"]["initial"]),
        markov_factor=float(profile["deterioration"]["markov"]),
        season=(int(profile["season"][0]), int(profile["season"][1])),
        inspectors=inspectors, road_prefix=spec["road_prefix"], areas=areas,
        counts={k: int(v) for k, v in spec["counts"].items()},
        unknown_year_share=float(spec.get("unknown_year_share", 0.4)),
        length_mix=tuple((float(lo), float(hi), float(w))
                         for lo, hi, w in spec.get("length_mix", bridge["length_mix"])),
        emergency_route_share=float(spec.get("emergency_route_share",
                                             bridge["emergency_route_share"])),
    )


def _default_region(recipe: dict[str, Any]) -> tuple[list[Organisation], list[OwnerPlan]]:
    pref = recipe["prefecture"]
    lead = pref["code"]
    orgs = [Organisation(lead, OrgKind.PREFECTURE, pref["name"], pref.get("name_en", ""))]
    towns = [o for o in recipe["owners"] if "code5" in o]
    for t in towns:
        orgs.append(Organisation(make_lg_code(t["code5"]), OrgKind.MUNICIPALITY, t["name"],
                                 t.get("name_en", ""), lead))
    contractors, codes = _contractors(recipe, lead)
    orgs.extend(contractors)
    codes["prefecture"] = lead
    town_areas = {t["key"]: Area(t["name"], t["centre"][0], t["centre"][1], t["spread_deg"])
                  for t in towns}
    owners = []
    for spec in recipe["owners"]:
        if "code5" in spec:
            owners.append(_owner(recipe, spec, make_lg_code(spec["code5"]), spec["name"],
                                 (town_areas[spec["key"]],), codes))
        else:
            # Prefectural roads run through every town: the office's assets lie in all of them.
            areas = tuple(Area(a.town, a.lat, a.lon, spec["spread_deg"]) for a in town_areas.values())
            owners.append(_owner(recipe, spec, lead, pref["name"], areas, codes))
    return orgs, owners


def _scale_codes(recipe: dict[str, Any], n: int) -> list[str]:
    pref2 = recipe["prefecture"]["code"][:2]
    taken = {o["code5"] for o in recipe["owners"] if "code5" in o}
    first = int(recipe["scale"].get("first_code", 601))
    candidates = [f"{pref2}{k:03d}" for k in [*range(first, 1000), *range(201, first)]]
    candidates = [c for c in candidates if c not in taken]
    if n > len(candidates):
        raise ValueError(f"町村の数 {n} が多すぎます (最大 {len(candidates)})")
    return [make_lg_code(c) for c in candidates[:n]]


def _scale_region(recipe: dict[str, Any], towns: int, assets_per_town: int,
                  seed: int) -> tuple[list[Organisation], list[OwnerPlan]]:
    pref = recipe["prefecture"]
    lead = pref["code"]
    rng = random.Random(f"gunmane-demo-towns:{seed}")
    orgs = [Organisation(lead, OrgKind.PREFECTURE, pref["name"], pref.get("name_en", ""))]
    contractors, codes = _contractors(recipe, lead)
    codes["prefecture"] = lead
    scale = recipe["scale"]
    counts = allocate(assets_per_town, scale["mix"])
    places = names.distinct_places(rng, towns)
    while len(places) < towns:  # more towns than stem pairs: number the rest
        p = places[len(places) % max(1, len(places))]
        places.append(names.Place(f"{p.kanji}{len(places)}", p.kana, p.romaji))
    owners = []
    profiles = scale["profiles"]
    c_lat, c_lon = pref["centre"]
    for i, code in enumerate(_scale_codes(recipe, towns)):
        profile = profiles[i % len(profiles)]
        suffix = "市" if i == 0 else ("村" if profile == "snowy" else "町")
        name, _kana, name_en = names.town_name(places[i], suffix)
        orgs.append(Organisation(code, OrgKind.MUNICIPALITY, name, name_en, lead))
        # Towns on a loose ring around the prefecture's centre, about 10-60 km out.
        lat = c_lat + rng.uniform(-0.5, 0.5)
        lon = c_lon + rng.uniform(-0.6, 0.6)
        spec = {"profile": profile, "road_prefix": suffix + "道",
                "counts": counts, "unknown_year_share": scale["unknown_year_share"]}
        owners.append(_owner(recipe, spec, code, name, (Area(name, lat, lon, 0.05),), codes))
    orgs.extend(contractors)
    return orgs, owners


def plan_region(recipe: dict[str, Any], *, towns: int | None, assets_per_town: int | None,
                inspections_per_asset: int | None, seed: int) -> RegionPlan:
    """The organisations and owners to generate: the recipe's region, or scale mode."""
    for label, value in (("towns", towns), ("assets_per_town", assets_per_town),
                         ("inspections_per_asset", inspections_per_asset)):
        if value is not None and value < 0:
            raise ValueError(f"{label} は0以上で指定してください: {value}")
    if towns is not None or assets_per_town is not None:
        n_towns = DEFAULT_SCALE_TOWNS if towns is None else towns
        if n_towns < 1:
            raise ValueError("towns は1以上で指定してください")
        per_town = DEFAULT_SCALE_ASSETS_PER_TOWN if assets_per_town is None else assets_per_town
        orgs, owners = _scale_region(recipe, n_towns, per_town, seed)
        region_name = f"{recipe['prefecture']['name']} 規模試験地域 ({n_towns}団体)"
    else:
        orgs, owners = _default_region(recipe)
        region_name = recipe["region_name"]
    return RegionPlan(
        region_name=region_name, as_of=dt.date.fromisoformat(recipe["as_of"]), seed=seed,
        prefecture=recipe["prefecture"]["code"], organisations=tuple(orgs),
        owners=tuple(owners), inspections_per_asset=inspections_per_asset, recipe=recipe)
