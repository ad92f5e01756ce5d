"""The asset register of one owner: bridges and the other structures, as row tuples.

Mixes that the demo must show exactly (bridge lengths, unknown construction years) are
dealt from exact quotas and shuffled, so even a town of 120 bridges shows the published
shares; everything else is drawn. Each asset's inspection history is made right after it
(history.py), because a completed removal changes the asset's own status.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from typing import Any

from ..core import versions
from ..core.wareki import ERAS, format_year, parse_year
from . import names
from .history import Batch, HistoryMaker
from .recipe import Area, OwnerPlan, allocate

CHUNK = 2000  # assets between flushes, progress reports and cancel checks

ASSET_TYPES = ("bridge", "tunnel", "footbridge", "sign_gantry", "shed_culvert", "pavement",
               "sewer", "park", "river")

# 橋種/形式: structure text, material word, form, deterioration class, member family.
BRIDGE_TYPES: dict[str, tuple[str, str, str, str, str]] = {
    "culvert": ("RC橋・ボックスカルバート", "RC", "ボックスカルバート", "culvert", "culvert"),
    "rc_slab": ("RC橋・床版橋", "RC", "床版橋", "rc", "concrete"),
    "rc_t": ("RC橋・T桁橋", "RC", "T桁橋", "rc", "concrete"),
    "rc_arch": ("RC橋・アーチ橋", "RC", "アーチ橋", "rc", "concrete"),
    "pc_slab": ("PC橋・プレテンション床版橋", "PC", "プレテンション床版橋", "pc", "concrete"),
    "pc_hollow": ("PC橋・中空床版橋", "PC", "中空床版橋", "pc", "concrete"),
    "pc_pre_t": ("PC橋・プレテンションT桁橋", "PC", "プレテンションT桁橋", "pc", "concrete"),
    "pc_post_t": ("PC橋・ポストテンションT桁橋", "PC", "ポストテンションT桁橋", "pc", "concrete"),
    "pc_box": ("PC橋・箱桁橋", "PC", "箱桁橋", "pc", "concrete"),
    "steel_h": ("鋼橋・H形鋼橋", "鋼", "H形鋼橋", "steel", "steel"),
    "steel_i": ("鋼橋・鈑桁橋", "鋼", "鈑桁橋", "steel", "steel"),
    "steel_cont": ("鋼橋・連続鈑桁橋", "鋼", "連続鈑桁橋", "steel", "steel"),
    "steel_truss": ("鋼橋・トラス橋", "鋼", "トラス橋", "steel", "steel"),
}

_ENCODE = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode  # as storage.rowmap writes


def year_spellings() -> dict[str, tuple[str, ...]]:
    """Ledger spellings of each year (S45, 昭和45年, 1970, 1970年), checked by parse_year."""
    table: dict[str, list[str]] = {"letter": [], "era": [], "western": [], "western_nen": []}
    for year in range(1900, 2031):
        era = next(e for e in reversed(ERAS) if e.start.year <= year)
        spelled = {"letter": f"{era.letter}{year - era.offset}", "era": format_year(year),
                   "western": str(year), "western_nen": f"{year}年"}
        for style, text in spelled.items():
            if parse_year(text).year != year:
                raise RuntimeError(f"year spelling {text!r} does not read back as {year}")
            table[style].append(text)
    return {k: tuple(v) for k, v in table.items()}


def quota(rng: random.Random, n: int, weights: list[float]) -> list[int]:
    """Category indices with exact shares (largest remainder), in random order."""
    counts = allocate(n, {f"{i:04d}": w for i, w in enumerate(weights)})
    out = [i for i in range(len(weights)) for _ in range(counts[f"{i:04d}"])]
    rng.shuffle(out)
    return out


def _bins_cum(bins: list[list[int]]) -> tuple[list[tuple[int, int]], list[float]]:
    total = sum(b[2] for b in bins)
    acc, cum = 0.0, []
    for b in bins:
        acc += b[2] / total
        cum.append(acc)
    cum[-1] = 2.0
    return [(b[0], b[1]) for b in bins], cum


class _AreaWords:
    """Districts, routes, rivers and parks of one area, drawn once per owner."""

    def __init__(self, rng: random.Random, area: Area, road_prefix: str, n_assets: int) -> None:
        self.area = area
        self.districts = names.distinct_places(rng, 14)
        self.routes = names.routes(rng, road_prefix, self.districts, max(6, n_assets // 10))
        self.rivers = [p.kanji + "川" for p in names.distinct_places(rng, 8)]
        self.parks = [p.kanji + ("公園" if i % 3 else "児童遊園")
                      for i, p in enumerate(names.distinct_places(rng, max(3, n_assets // 40)))]
        self.prefix = area.town if area.town.endswith("市") else area.town + "大字"


class OwnerStock:
    """Makes one owner's assets and, through HistoryMaker, their histories."""

    def __init__(self, owner: OwnerPlan, recipe: dict[str, Any], clock: Any, batch: Batch,
                 history: HistoryMaker, rng: random.Random, spellings: dict[str, tuple[str, ...]]
                 ) -> None:
        self.owner = owner
        self.code = owner.code
        self.vv = versions.dumps({owner.code: 1})
        self.by = f"{owner.code}:demo"
        self.clock = clock
        self.batch = batch
        self.history = history
        self.rng = rng
        self.bridge = recipe["bridge"]
        self.known_bins = _bins_cum(self.bridge["known_year_bins"])
        self.latent_bins = _bins_cum(self.bridge["unknown_latent_year_bins"])
        styles = self.bridge["year_spellings"]
        self.spell_styles = [spellings[s] for s, _ in styles]
        self.spell_cum = _bins_cum([[0, 0, w] for _, w in styles])[1]
        self.areas = [_AreaWords(rng, a, owner.road_prefix, owner.total // len(owner.areas) + 1)
                      for a in owner.areas]
        self.serial = 0

    # -- shared pieces ------------------------------------------------------------------
    def _year(self, bins: tuple[list[tuple[int, int]], list[float]]) -> int:
        spans, cum = bins
        u = self.rng.random()
        i = 0
        while u >= cum[i]:
            i += 1
        lo, hi = spans[i]
        return lo + int(self.rng.random() * (hi - lo + 1))

    def _year_text(self, year: int) -> str:
        u = self.rng.random()
        i = 0
        while u >= self.spell_cum[i]:
            i += 1
        return self.spell_styles[i][year - 1900]

    def _where(self) -> tuple[_AreaWords, float, float, str, str]:
        """Area, lat, lon, coordinate text as written, address."""
        rng = self.rng
        w = self.areas[int(rng.random() * len(self.areas))] if len(self.areas) > 1 else self.areas[0]
        a = w.area
        lat = round(a.lat + rng.gauss(0.0, a.spread_deg), 6)
        lon = round(a.lon + rng.gauss(0.0, a.spread_deg * 1.2), 6)
        u = rng.random()
        if u < 0.7:
            coord = ""
        elif u < 0.9:
            coord = f"{lat:.6f},{lon:.6f}"
        else:
            # Older ledgers hold degrees-minutes-seconds (and sometimes the Tokyo datum).
            coord = f"{names.dms(lat, 'N', 'S')} {names.dms(lon, 'E', 'W')}"
        district = w.districts[int(rng.random() * len(w.districts))]
        address = f"{w.prefix}{district.kanji}{1 + int(rng.random() * 2500)}番地"
        return w, lat, lon, coord, address

    def _row(self, aid: str, hlc: str, mat: str, type_id: str, name: str, kana: str, route: str,
             address: str, external: str, lat: float, lon: float, coord: str, year: int | None,
             year_text: str, length: float | None, width: float | None, area: float | None,
             structure: str, emergency: int, railway: int, road: int, status: str,
             attributes: dict[str, Any], notes: str = "") -> None:
        self.batch.assets.append((
            aid, self.code, self.vv, hlc, 0, mat, self.by, type_id, name, kana, route, address,
            external, lat, lon, coord, year, year_text, length, width, area, structure, emergency,
            railway, road, status, _ENCODE(attributes), notes))

    def make(self, type_id: str, n: int) -> Iterator[int]:
        """Make ``n`` assets of a type; yields the count made every CHUNK assets."""
        maker = getattr(self, f"_{type_id}")
        done = 0
        for start in range(0, n, CHUNK):
            k = min(CHUNK, n - start)
            maker(k, start)
            done += k
            yield done

    # -- road structures ----------------------------------------------------------------
    def _bridge(self, n: int, start: int) -> None:
        rng = self.rng
        o = self.owner
        b = self.bridge
        mix = o.length_mix
        buckets = quota(rng, n, [m[2] for m in mix])
        unknown = quota(rng, n, [o.unknown_year_share, 1.0 - o.unknown_year_share])
        type_tables = [_bins_cum([[t, 0, w] for t, w in row]) for row in b["types_by_length"]]
        widths = b["width_by_length"]
        emergency_p, rail_p, road_p = (o.emergency_route_share, b["over_railway_share"],
                                       b["over_road_share"])
        stamp = self.clock.stamp
        make_history = self.history.make
        for i in range(n):
            aid, hlc, mat = stamp(self.code)
            self.serial += 1
            serial = self.serial
            k = buckets[i]
            lo, hi, _ = mix[k]
            u = rng.random()
            # Long bridges thin out quickly: skew the draw towards the short end.
            length = round(lo * (hi / lo) ** (u ** 1.6) if lo >= 30 else lo + (hi - lo) * u, 1)
            wlo, whi = widths[k]
            width = round(wlo + (whi - wlo) * rng.random(), 1)
            spans_t, cum = type_tables[k]
            j = 0
            u = rng.random()
            while u >= cum[j]:
                j += 1
            structure, material_ja, form, material, member_family = BRIDGE_TYPES[spans_t[j][0]]
            if unknown[i] == 0:
                built = self._year(self.latent_bins)
                year, year_text = None, "不明"
            else:
                built = year = self._year(self.known_bins)
                year_text = self._year_text(year)
            w, lat, lon, coord, address = self._where()
            place = names.place(rng)
            u = rng.random()
            if u < 0.72:
                name, kana = place.kanji + "橋", place.kana + "はし"
            elif u < 0.84:
                pre, pre_kana = ("新", "しん") if u < 0.78 else ("第二", "だいに")
                name, kana = pre + place.kanji + "橋", pre_kana + place.kana + "はし"
            else:
                d = w.districts[int(rng.random() * len(w.districts))]
                num = 1 + int(rng.random() * 30)
                name, kana = f"{d.kanji}{num}号橋", f"{d.kana}{num}ごうはし"
            railway = 1 if rng.random() < rail_p else 0
            road = 1 if not railway and rng.random() < road_p else 0
            if railway:
                crossing = "みどり鉄道本線"
            elif road:
                crossing = w.routes[int(rng.random() * len(w.routes))]
            elif material == "culvert" or length < 5:
                crossing = ("用水路", "排水路", place.kanji + "沢")[int(rng.random() * 3)]
            else:
                crossing = w.rivers[int(rng.random() * len(w.rivers))]
            spans = 1 if length < 20 else 1 + int(length / (18 + rng.random() * 22))
            route = w.routes[int(rng.random() * len(w.routes))]
            status = make_history(aid, "bridge", built, material, member_family, length * width)
            self._row(aid, hlc, mat, "bridge", name, kana, route, address,
                      f"BR0-{self.code}-{serial:05d}", lat, lon, coord, year, year_text, length,
                      width, round(length * width, 1), structure,
                      1 if rng.random() < emergency_p else 0, railway, road, status,
                      {"crossing": crossing, "form": form, "ledger_no": serial,
                       "material": material_ja, "spans": spans})

    def _simple_year(self, lo: int, hi: int, unknown_p: float) -> tuple[int, int | None, str]:
        """Latent year, stored year and its text for structures other than bridges."""
        rng = self.rng
        built = lo + int(rng.random() * (hi - lo + 1))
        if rng.random() < unknown_p:
            return built, None, "不明"
        return built, built, self._year_text(built)

    def _tunnel(self, n: int, start: int) -> None:
        rng = self.rng
        for _ in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1955, 2008, 0.1)
            w, lat, lon, coord, address = self._where()
            place = names.place(rng)
            old = built < 1975
            if old and rng.random() < 0.4:
                name, kana = place.kanji + "隧道", place.kana + "ずいどう"
            else:
                name, kana = place.kanji + "トンネル", place.kana + "とんねる"
            length = round(40 * (900 / 40) ** (rng.random() ** 1.5), 1)
            width = round(5.5 + rng.random() * 3.0, 1)
            method = "矢板工法" if old else "NATM"
            status = self.history.make(aid, "tunnel", built, "rc", "tunnel", length)
            self._row(aid, hlc, mat, "tunnel", name, kana, w.routes[0], address, "", lat, lon,
                      coord, year, text, length, width, None, f"{method}・無筋コンクリート覆工",
                      1 if rng.random() < 0.3 else 0, 0, 0, status,
                      {"construction_method": method, "ledger_no": self.serial,
                       "lighting": rng.random() < 0.7})

    def _footbridge(self, n: int, start: int) -> None:
        rng = self.rng
        for _ in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1966, 1992, 0.15)
            w, lat, lon, coord, address = self._where()
            place = names.place(rng)
            length = round(15 + rng.random() * 30, 1)
            width = round(1.5 + rng.random() * 1.5, 1)
            route = w.routes[int(rng.random() * len(w.routes))]
            status = self.history.make(aid, "footbridge", built, "steel", "footbridge", length)
            self._row(aid, hlc, mat, "footbridge", place.kanji + "歩道橋",
                      place.kana + "ほどうきょう", route, address, "", lat, lon, coord, year, text,
                      length, width, round(length * width, 1), "鋼橋・横断歩道橋", 0, 0, 1, status,
                      {"crossing": route, "ledger_no": self.serial,
                       "stairs": "階段式" if rng.random() < 0.8 else "斜路付"})

    def _sign_gantry(self, n: int, start: int) -> None:
        rng = self.rng
        for i in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1975, 2005, 0.2)
            w, lat, lon, coord, address = self._where()
            route = w.routes[int(rng.random() * len(w.routes))]
            span = round(10 + rng.random() * 15, 1)
            status = self.history.make(aid, "sign_gantry", built, "steel", "sign_gantry", span)
            self._row(aid, hlc, mat, "sign_gantry", f"{route} 門型標識 No.{start + i + 1}",
                      "もんがたひょうしき", route, address, "", lat, lon, coord, year, text, span,
                      None, None, "鋼製門型標識 (オーバーヘッド式)", 1, 0, 1, status,
                      {"ledger_no": self.serial, "sign": "案内標識"})

    def _shed_culvert(self, n: int, start: int) -> None:
        rng = self.rng
        snowy = self.owner.profile == "snowy"
        for _ in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1965, 2000, 0.15)
            w, lat, lon, coord, address = self._where()
            place = names.place(rng)
            u = rng.random()
            if snowy and u < 0.6:
                suffix, kana, structure = "スノーシェッド", "すのーしぇっど", "PC製スノーシェッド"
            elif u < 0.75:
                suffix, kana, structure = "ロックシェッド", "ろっくしぇっど", "RC製ロックシェッド"
            else:
                suffix, kana, structure = "カルバート", "かるばーと", "RC大型カルバート"
            length = round(30 + rng.random() * 220, 1)
            width = round(6 + rng.random() * 3, 1)
            status = self.history.make(aid, "shed_culvert", built, "rc", "shed_culvert", length)
            self._row(aid, hlc, mat, "shed_culvert", place.kanji + suffix, place.kana + kana,
                      w.routes[0], address, "", lat, lon, coord, year, text, length, width,
                      round(length * width, 1), structure, 0, 0, 0, status,
                      {"ledger_no": self.serial})

    # -- other sectors ------------------------------------------------------------------
    def _pavement(self, n: int, start: int) -> None:
        rng = self.rng
        for i in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            laid = 1985 + int(rng.random() * 32)  # surface last laid: the age that counts
            w, lat, lon, coord, address = self._where()
            route = w.routes[int(rng.random() * len(w.routes))]
            length = round(200 + rng.random() * 1300, 0)
            width = round(5 + rng.random() * 4, 1)
            u = rng.random()
            surface = "密粒度アスファルト" if u < 0.85 else ("排水性舗装" if u < 0.95 else "コンクリート舗装")
            area = round(length * width, 1)
            status = self.history.make(aid, "pavement", laid, "", "", area)
            self._row(aid, hlc, mat, "pavement", f"{route} 第{start + i + 1}工区", "", route,
                      address, "", lat, lon, coord, laid, str(laid), length, width, area,
                      f"アスファルト舗装 ({surface})" if u < 0.95 else surface, 0, 0, 0, status,
                      {"laid_fy": laid, "section_no": start + i + 1, "surface": surface,
                       "traffic_class": ("N3", "N4", "N5")[int(rng.random() * 3)]})

    def _sewer(self, n: int, start: int) -> None:
        rng = self.rng
        for i in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1978, 2010, 0.05)
            w, lat, lon, coord, address = self._where()
            u = rng.random()
            if built < 1986 and u < 0.5:
                pipe, material = "ヒューム管", "concrete_pipe"
            elif built < 1986 and u < 0.65:
                pipe, material = "陶管", "concrete_pipe"
            else:
                pipe, material = "硬質塩化ビニル管 (VU)", "vu"
            diameter = (200, 200, 200, 250, 300, 350, 450, 600)[int(rng.random() * 8)]
            length = round(20 + rng.random() * 40, 1)
            mh = start + i + 1
            status = self.history.make(aid, "sewer", built, material, "", length)
            self._row(aid, hlc, mat, "sewer", f"汚水管渠 No.{mh}-No.{mh + 1}", "",
                      w.routes[int(rng.random() * len(w.routes))], address, "", lat, lon, coord,
                      year, text, length, None, None, f"{pipe} φ{diameter}", 0, 0, 0, status,
                      {"depth_m": round(1.2 + rng.random() * 2.8, 1), "diameter_mm": diameter,
                       "downstream_mh": f"No.{mh + 1}", "material": pipe, "system": "汚水",
                       "upstream_mh": f"No.{mh}"})

    _PARK_FACILITIES = (("遊具", "ブランコ", "鋼製"), ("遊具", "すべり台", "鋼製"),
                        ("遊具", "鉄棒", "鋼製"), ("遊具", "砂場", "RC造"),
                        ("遊具", "複合遊具", "FRP製"), ("遊具", "ジャングルジム", "鋼製"),
                        ("休養施設", "ベンチ", "木製"), ("休養施設", "四阿", "木製"),
                        ("便益施設", "便所", "RC造"), ("管理施設", "照明灯", "鋼製"),
                        ("管理施設", "フェンス", "鋼製"), ("管理施設", "水飲み", "RC造"))

    def _park(self, n: int, start: int) -> None:
        rng = self.rng
        facilities = self._PARK_FACILITIES
        for _ in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1975, 2018, 0.1)
            w, lat, lon, coord, address = self._where()
            park = w.parks[int(rng.random() * len(w.parks))]
            category, facility, material = facilities[int(rng.random() * len(facilities))]
            status = self.history.make(aid, "park", built, "", "", 0.0)
            self._row(aid, hlc, mat, "park", f"{park} {facility}", "", "", address, "", lat,
                      lon, coord, year, text, None, None, None, f"{facility} ({material})", 0, 0,
                      0, status, {"category": category, "facility": facility,
                                  "material": material, "park": park})

    _RIVER_FACILITIES = (("護岸", "ブロック積護岸"), ("護岸", "コンクリート護岸"),
                         ("樋門", "RC樋門"), ("床止工", "床止工 (コンクリート)"),
                         ("堰", "固定堰"))

    def _river(self, n: int, start: int) -> None:
        rng = self.rng
        for i in range(n):
            aid, hlc, mat = self.clock.stamp(self.code)
            self.serial += 1
            built, year, text = self._simple_year(1960, 2010, 0.2)
            w, lat, lon, coord, address = self._where()
            river = w.rivers[int(rng.random() * len(w.rivers))]
            kind, structure = self._RIVER_FACILITIES[int(rng.random() * len(self._RIVER_FACILITIES))]
            bank = "左岸" if rng.random() < 0.5 else "右岸"
            length = round(50 + rng.random() * 350, 0) if kind == "護岸" else None
            name = (f"{river} {bank}護岸 No.{start + i + 1}" if kind == "護岸"
                    else f"{river} 第{start + i + 1}{kind}")
            status = self.history.make(aid, "river", built, "", "", length or 0.0)
            self._row(aid, hlc, mat, "river", name, "", "", address, "", lat, lon, coord, year,
                      text, length, None, None, structure, 0, 0, 0, status,
                      {"bank": bank, "facility": kind, "river": river,
                       "river_class": "準用河川" if rng.random() < 0.4 else "普通河川"})
