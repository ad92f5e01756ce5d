"""Inspection histories and measures of one asset, as rows ready for executemany.

For each asset: the fiscal years it was inspected in (its offset within each cycle, the
recipe's as-of date as the end of time), a grade chain (first-inspection mix by age, then
the transition matrix; a completed repair resets the next grade), member findings for bad
results, and the measures those results raised, with a fate (planned, started, completed)
drawn from rates per statutory cycle. Everything is tuples and ints: this runs millions of
times in the benchmark.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from typing import Any

from ..core import versions
from ..core.cycles import statutory_cycle_of
from . import findings as words
from .deterioration import GradeModel, band, pick
from .recipe import OwnerPlan, RegionPlan

OPEN = 10**9  # ordinal of a measure still open on the as-of date

# Which grade model each asset type uses.
FAMILY = {"bridge": "bridge", "tunnel": "tunnel", "footbridge": "ancillary",
          "sign_gantry": "ancillary", "shed_culvert": "ancillary", "pavement": "pavement",
          "sewer": "sewer", "park": "park", "river": "river"}
# Annual checks keep their own seasons: rivers before the flood season, parks in summer.
_SEASONS = {"park": (5, 9), "river": (4, 6)}
_CYCLE_OF = {fy: statutory_cycle_of(fy) or 0 for fy in range(1900, 2101)}
# Parks and rivers are looked at by town staff; the rest goes to whoever the owner hires.
_STAFF_CHECKED = frozenset({"park", "river"})
# Families whose worst grade means closing the structure to traffic or use.
_CLOSED_WHEN_URGENT = frozenset({"bridge", "tunnel", "ancillary", "park"})


def _cum(pairs: list[list[Any]] | tuple[tuple[Any, float], ...]) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    items = tuple(p[0] for p in pairs)
    total = sum(float(p[1]) for p in pairs)
    acc, cum = 0.0, []
    for p in pairs[:-1]:
        acc += float(p[1]) / total
        cum.append(acc)
    cum.append(2.0)
    return items, tuple(cum)


def _rates(spec: dict[str, float]) -> tuple[tuple[Any, ...], tuple[float, ...]]:
    return _cum([[k, spec.get(k, 0.0)] for k in ("completed", "started", "planned", "none")])


class Batch:
    """Rows made since the last flush to the database."""

    __slots__ = ("assets", "inspections", "measures", "members")

    def __init__(self) -> None:
        self.assets: list[tuple] = []
        self.inspections: list[tuple] = []
        self.members: list[tuple] = []
        self.measures: list[tuple] = []

    def clear(self) -> None:
        self.assets.clear()
        self.inspections.clear()
        self.members.clear()
        self.measures.clear()


class HistoryMaker:
    """Makes the inspection and measure rows of one owner's assets."""

    def __init__(self, plan: RegionPlan, owner: OwnerPlan, models: dict[str, GradeModel],
                 clock: Any, batch: Batch, staff: dict[str, tuple[str, ...]],
                 rng: random.Random) -> None:
        recipe = plan.recipe
        self.owner = owner.code
        self.vv = versions.dumps({owner.code: 1})
        self.by = f"{owner.code}:demo"
        self.clock = clock
        self.batch = batch
        self.rng = rng
        self.models = models
        self.staff = staff
        self.n = plan.inspections_per_asset
        self.as_of = plan.as_of.toordinal()
        self.as_of_fy = plan.as_of.year if plan.as_of.month >= 4 else plan.as_of.year - 1
        self.owner_season = owner.season
        self.markov_factor = owner.markov_factor
        self.initial_factor = owner.initial_factor
        self.schedules = {k: tuple(v) for k, v in recipe["schedules"].items() if isinstance(v, list)}
        self.inspectors = {c: _cum(pairs) for c, pairs in owner.inspectors.items()}
        methods = recipe["inspection_methods"]
        self.soundness_methods = {int(c): _cum(p) for c, p in methods["soundness"].items()}
        self.scale_methods = {k: _cum(v) for k, v in methods.items()
                              if k not in ("soundness", "pre_regime")}
        self.pre_regime_method = methods["pre_regime"]
        m = recipe["measures"]
        self.rates = {int(c): _rates(r) for c, r in m["rates_by_cycle"].items()}
        self.urgent_rates = _rates(m["urgent"])
        self.urgent_kinds = _cum(m["urgent_kinds"])
        self.early_kinds = _cum(m["early_kinds"])
        self.plan_years = int(m["plan_years"])
        self._days: dict[tuple[int, int, int], tuple[tuple[str, int], ...]] = {}
        self._fate_seq: dict[int, list[float]] = {}
        self._last_inspector_cycle = max(self.inspectors)
        self._last_method_cycle = max(self.soundness_methods)

    # -- schedule -----------------------------------------------------------------------
    def _season(self, fy: int, season: tuple[int, int]) -> tuple[tuple[str, int], ...]:
        key = (fy, *season)
        days = self._days.get(key)
        if days is None:
            first, last = season
            months = []
            m = first
            while True:
                months.append(m)
                if m == last:
                    break
                m = m % 12 + 1
            out = []
            for month in months:
                year = fy if month >= 4 else fy + 1
                day = dt.date(year, month, 1)
                while day.month == month:
                    out.append((day.isoformat(), day.toordinal()))
                    day += dt.timedelta(days=1)
            days = self._days[key] = tuple(out)
        return days

    def schedule(self, type_id: str, built: int) -> list[tuple[int, str, int, bool]]:
        """(fiscal year, date, ordinal, in the regime) of each inspection, oldest first."""
        cycle, first = self.schedules[type_id]
        rng = self.rng
        if cycle == 1:
            years = list(range(first, self.as_of_fy + 1))
        else:
            offset = int(rng.random() * cycle)
            years = list(range(first + offset, self.as_of_fy + 1, cycle))
        years = [y for y in years if y > built]
        extra: list[int] = []
        n = self.n
        if n is not None:
            if n <= len(years):
                years = years[len(years) - n:] if n else []
            else:
                # Asked for more than the regime holds: older inspections under earlier
                # rules, spaced back from the regime's start, never before the structure.
                want = n - len(years)
                end = (years[0] if years else self.as_of_fy + 1) - 1
                start = max(built + 1, 1960)
                if end >= start:
                    step = max(1, min(cycle, (end - start + 1) // want))
                    extra = [y for y in range(end, start - 1, -step)][:want][::-1]
        season = _SEASONS.get(type_id, self.owner_season)
        out = []
        for fy, regime in [*((y, False) for y in extra), *((y, True) for y in years)]:
            days = self._season(fy, season)
            iso, ordinal = days[int(rng.random() * len(days))]
            if ordinal <= self.as_of:
                out.append((fy, iso, ordinal, regime))
        return out

    # -- rows ---------------------------------------------------------------------------
    def _inspector(self, type_id: str, cycle: int) -> tuple[str, str]:
        rng = self.rng
        if cycle < 1 or type_id in _STAFF_CHECKED:
            org = self.owner
        else:
            codes, cum = self.inspectors[cycle if cycle <= self._last_inspector_cycle
                                         else self._last_inspector_cycle]
            org = codes[pick(cum, rng.random())]
        names = self.staff[org]
        return org, names[int(rng.random() * len(names))]

    def _method(self, scale_id: str, cycle: int) -> str:
        if scale_id == "soundness":
            last = self._last_method_cycle
            items, cum = self.soundness_methods[1 if cycle < 1 else cycle if cycle <= last else last]
        else:
            items, cum = self.scale_methods[scale_id]
        return items[pick(cum, self.rng.random())]

    def make(self, asset_id: str, type_id: str, built: int, material: str, members: str,
             size: float) -> str:
        """Append the asset's inspections, members and measures; return its final status."""
        family = FAMILY[type_id]
        model = self.models[family]
        rng = self.rng
        stamp = self.clock.stamp
        owner, vv, by = self.owner, self.vv, self.by
        inspections = self.batch.inspections
        scale_id = model.scale_id
        codes = model.codes
        first_action = model.first_action
        age_factor = model.old_factor if self.as_of_fy - built >= 50 else 1.0
        factor = round(self.markov_factor * model.material_factor.get(material, 1.0) * age_factor, 3)
        matrix = model.matrix_cum(factor)
        grade = -1
        reset_on = OPEN  # ordinal of a completed measure not yet seen by an inspection
        reset_cum = model.reset_cum
        open_until = -1  # a measure covers the asset until this ordinal
        work_from = OPEN  # ordinal the works of that measure started on
        removed_on = OPEN
        status = "in_service"
        for fy, iso, ordinal, regime in self.schedule(type_id, built):
            if ordinal > removed_on:
                break
            cycle = _CYCLE_OF.get(fy, 0)
            if not regime:
                g = pick(model.initial_cum(band(fy - built), self.initial_factor), rng.random())
                iid, hlc, mat = stamp(owner)
                org, name = self._inspector(type_id, 0)
                inspections.append((iid, owner, vv, hlc, 0, mat, by, asset_id, iso, fy, scale_id,
                                    codes[g], self.pre_regime_method, org, name,
                                    words.PRE_REGIME_FINDINGS, "{}", None))
                continue
            if reset_on < ordinal:
                g = pick(reset_cum, rng.random())
                reset_on = OPEN
            elif work_from < ordinal < open_until:
                g = grade  # works under way since the last result: the damage is held
            elif grade < 0:
                # Banded by today's age: the published contrast is between bridges that are
                # old now and the rest, not by their age at some past inspection.
                g = pick(model.initial_cum(band(self.as_of_fy - built), self.initial_factor),
                         rng.random())
            else:
                g = pick(matrix[grade], rng.random())
            previous, grade = grade, g
            iid, hlc, mat = stamp(owner)
            org, name = self._inspector(type_id, cycle)
            damage = ""
            measurements = "{}"
            if scale_id == "soundness":
                text, damage = self._members(iid, g, members, cycle)
            else:
                text = self._text(scale_id, g)
                if scale_id == "pavement":
                    measurements = self._pavement(g)
            inspections.append((iid, owner, vv, hlc, 0, mat, by, asset_id, iso, fy, scale_id,
                                codes[g], self._method(scale_id, cycle), org, name, text,
                                measurements, None))
            if g >= first_action and open_until < ordinal:
                open_until, work_from, done_on, kind = self._measure(
                    asset_id, iid, ordinal, fy, cycle, g, family, type_id, damage, size)
                if done_on is not None:
                    if kind in ("removal", "consolidation"):
                        removed_on = done_on
                        status = "removed" if kind == "removal" else "retired"
                    else:
                        reset_on = done_on
                        if kind == "replacement":
                            reset_cum = (2.0,)  # a new structure starts at the best grade
            elif g == 3 and previous < 3 and family in _CLOSED_WHEN_URGENT:
                # Worse while a measure is still open: the road is closed all the same.
                self._closure(asset_id, iid, ordinal, family, g, size,
                              None if open_until == OPEN else open_until)
        return status

    def _text(self, scale_id: str, g: int) -> str:
        options = words.FINDINGS[scale_id][g]
        return options[int(self.rng.random() * len(options))]

    def _members(self, iid: str, g: int, family: str, cycle: int) -> tuple[str, str]:
        """Member rows (様式1) for a soundness result; returns findings text and damage."""
        rng = self.rng
        table = words.MEMBERS[family]
        if g == 0:
            return words.SOUNDNESS_TEXT[0], ""
        member, damages = table[int(rng.random() * len(table))]
        damage = damages[int(rng.random() * len(damages))]
        if g == 1:
            # Since the R6 (2024) record format, Ⅱ results often carry a member row too.
            if cycle >= 3 and rng.random() < 0.3:
                self._member_row(iid, 0, member, damage, "c", "II", "B" if rng.random() < 0.6 else "M")
            return f"{member}に{damage}。{words.SOUNDNESS_TEXT[1]}", damage
        if g == 2:
            degree = "d" if rng.random() < 0.6 else "e"
            cm = "C1" if rng.random() < 0.5 else "C2"
            code = "III"
        else:
            degree, code = "e", "IV"
            cm = "E1" if rng.random() < 0.8 else "E2"
        self._member_row(iid, 0, member, damage, degree, code, cm)
        extra = 1 if rng.random() < 0.5 else 0
        extra += 1 if rng.random() < 0.2 else 0
        for position in range(1, extra + 1):
            m2, d2 = table[int(rng.random() * len(table))]
            self._member_row(iid, position, m2, d2[int(rng.random() * len(d2))],
                             "c" if rng.random() < 0.5 else "b", "II",
                             "B" if rng.random() < 0.6 else "M")
        return f"{member}に{damage} (損傷程度{degree})。{words.SOUNDNESS_TEXT[g]}", damage

    def _member_row(self, iid: str, position: int, member: str, damage: str, degree: str,
                    grade: str, countermeasure: str) -> None:
        mid, hlc, mat = self.clock.stamp(self.owner)
        self.batch.members.append((mid, self.owner, self.vv, hlc, 0, mat, self.by, iid, position,
                                   member, damage, degree, grade, countermeasure, ""))

    def _pavement(self, g: int) -> str:
        """Survey values that agree with the grade's thresholds (20/40 %, 20/40 mm, 3/8)."""
        u = self.rng.uniform
        crack, rut, iri = u(0, 12), u(0, 12), u(1.2, 2.9)
        if g >= 1:
            which = int(self.rng.random() * 3)
            high = g >= 2
            if which == 0:
                crack = u(40, 75) if high else u(20, 39.9)
            elif which == 1:
                rut = u(40, 60) if high else u(20, 39.9)
                crack = u(10, 19.9)
            else:
                iri = u(8, 12) if high else u(3, 7.9)
                crack = u(20, 35) if high else u(8, 19.9)
        sigma = iri / 1.2
        mci = 10 - 1.48 * crack ** 0.3 - 0.29 * rut ** 0.7 - 0.47 * sigma ** 0.2
        return json.dumps({"crack_pct": round(crack, 1), "rutting_mm": round(rut, 1),
                           "iri_mm_per_m": round(iri, 2), "mci": round(max(mci, 0.0), 1)},
                          sort_keys=True)

    # -- measures -----------------------------------------------------------------------
    def _spread(self, cohort: int) -> float:
        """A draw for the fate of a measure, evenly spread within its cohort.

        Councils watch the started/completed rates of each cohort, and a town has only a
        few dozen Ⅲ/Ⅳ results per cycle: independent draws would scatter the rates by ten
        points. A golden-ratio sequence from a random start keeps them close to the recipe.
        """
        state = self._fate_seq.get(cohort)
        if state is None:
            state = self._fate_seq[cohort] = [self.rng.random(), 0]
        state[1] += 1
        return (state[0] + state[1] * 0.6180339887498949) % 1.0

    def _kind_and_text(self, family: str, type_id: str, g: int, urgent: bool,
                       damage: str) -> tuple[str, str]:
        rng = self.rng
        texts = words.MEASURE_TEXT

        def one(key: str) -> str:
            options = texts[key]
            return options[int(rng.random() * len(options))]

        if family == "bridge":
            items, cum = self.urgent_kinds if urgent else self.early_kinds
            kind = items[pick(cum, rng.random())]
            if kind == "repair":
                text = words.REPAIR_FOR_DAMAGE.get(damage, "断面修復")
                if rng.random() < 0.25 and text != "橋面防水":
                    text += "・橋面防水"
                return kind, text
            return kind, one(kind)
        if family == "tunnel":
            if rng.random() < 0.15:
                return "reinforcement", one("tunnel_reinforcement")
            return "repair", words.TUNNEL_REPAIR.get(damage, "断面修復")
        if family == "ancillary":
            if type_id == "footbridge" and urgent and rng.random() < 0.5:
                return "removal", one("removal")
            return "repair", words.REPAIR_FOR_DAMAGE.get(damage) or one("ancillary_repair")
        if family == "pavement":
            return "repair", one("pavement_2" if g == 3 else "pavement_1")
        if family == "sewer":
            if urgent and rng.random() < 0.3:
                return "replacement", one("sewer_replacement")
            return "repair", one("sewer_repair")
        if family == "park":
            u = rng.random()
            if urgent:
                if u < 0.6:
                    return "replacement", one("park_replacement")
                return "removal", one("park_removal")
            if u < 0.75:
                return "repair", one("park_repair")
            return ("replacement", one("park_replacement")) if u < 0.92 else ("removal", one("park_removal"))
        return "repair", one("river_repair")

    def _cost(self, family: str, kind: str, g: int, size: float) -> int:
        """Planned cost in 円, rounded to 千円 as plans write it."""
        u = self.rng.uniform
        if kind == "closure":
            yen = u(3e5, 3e6)
        elif family == "bridge":
            if kind == "replacement":
                yen = min(max(1e8 + size * u(6e5, 1.6e6), 1e8), 5e8)
            elif kind in ("removal", "consolidation"):
                yen = min(max(1e7 + size * u(1e5, 3e5), 1e7), 6e7)
            else:
                yen = min(max(3e6 + size * u(3e4, 2.5e5), 3e6), 3e7)
                if kind == "reinforcement":
                    yen *= 1.4
        elif family == "tunnel":
            yen = min(max(1e7 + size * u(4e4, 1.5e5), 1e7), 8e7)
        elif family == "ancillary":
            yen = u(3e6, 2e7) if kind != "removal" else u(1e7, 3e7)
        elif family == "pavement":
            # Repairs cover the worst part of a section, not all of it.
            yen = size * u(0.2, 0.6) * (u(12000, 25000) if g == 3 else u(4000, 9000))
        elif family == "sewer":
            yen = size * (u(1.5e5, 3e5) if kind == "replacement" else u(8e4, 1.6e5))
        elif family == "park":
            yen = {"replacement": u(1e6, 8e6), "removal": u(2e5, 1e6)}.get(kind) or u(2e5, 2e6)
        else:
            yen = u(1e6, 2e7)
        return int(round(yen, -3))

    def _measure(self, asset_id: str, iid: str, ordinal: int, fy: int, cycle: int, g: int,
                 family: str, type_id: str, damage: str,
                 size: float) -> tuple[int, int, int | None, str]:
        """Add the measure an inspection raised: (open until, started on, done on, kind)."""
        rng = self.rng
        urgent = g == 3 and family != "pavement"
        cohort = 0 if urgent else min(max(cycle, 1), 3)
        items, cum = self.urgent_rates if urgent else self.rates[cohort]
        fate = items[pick(cum, self._spread(cohort))]
        as_of = self.as_of
        # Too little time left for the drawn fate: a measure cannot finish before it starts.
        if fate == "completed" and ordinal + (60 if urgent else 150) > as_of:
            fate = "started"
        if fate == "started" and ordinal + 20 > as_of:
            fate = "planned"
        if fate == "none":
            return -1, OPEN, None, ""
        kind, text = self._kind_and_text(family, type_id, g, urgent, damage)
        cost = self._cost(family, kind, g, size)
        start = done = None
        if fate == "completed":
            lead = int(rng.uniform(5, 60) if urgent else rng.uniform(60, 720))
            start = min(ordinal + lead, as_of - 40)
            done = min(start + int(rng.uniform(30, 400)), as_of)
            planned_fy = _fy(start)
        elif fate == "started":
            start = ordinal + int(rng.uniform(10 if urgent else 20, as_of - ordinal))
            planned_fy = _fy(start)
        else:
            if rng.random() < 0.12:
                planned_fy = fy + 1 + int(rng.random() * 2)  # planned earlier, slipped
            else:
                planned_fy = max(fy + 1 + int(rng.random() * 3), self.as_of_fy) + int(
                    rng.random() * 2)
            planned_fy = min(planned_fy, self.as_of_fy + self.plan_years)
        actual = int(round(cost * rng.uniform(0.85, 1.25), -3)) if done is not None else None
        self._measure_row(asset_id, iid, kind, fate, text, planned_fy, start, done, cost, actual)
        if urgent and family in _CLOSED_WHEN_URGENT:
            self._closure(asset_id, iid, ordinal, family, g, size, done)
        return (done if done is not None else OPEN), (OPEN if start is None else start), done, kind

    def _closure(self, asset_id: str, iid: str, ordinal: int, family: str, g: int, size: float,
                 done: int | None) -> None:
        """Ⅳ (and park D) closes the structure at once; it reopens when the measure ends."""
        rng = self.rng
        close = min(ordinal + 1 + int(rng.random() * 14), self.as_of)
        if done is not None and done < close:
            done = close
        text = "使用禁止" if family == "park" else words.MEASURE_TEXT["closure"][
            int(rng.random() * 3)]
        cost = self._cost(family, "closure", g, size)
        self._measure_row(asset_id, iid, "closure", "completed" if done else "started", text,
                          _fy(close), close, done, cost, cost if done is not None else None)

    def _measure_row(self, asset_id: str, iid: str, kind: str, status: str, text: str,
                     planned_fy: int, start: int | None, done: int | None, cost: int,
                     actual: int | None) -> None:
        mid, hlc, mat = self.clock.stamp(self.owner)
        self.batch.measures.append((
            mid, self.owner, self.vv, hlc, 0, mat, self.by, asset_id, iid, kind, status, text,
            planned_fy, _iso(start), _iso(done), cost, actual, None))


def _fy(ordinal: int) -> int:
    day = dt.date.fromordinal(ordinal)
    return day.year if day.month >= 4 else day.year - 1


def _iso(ordinal: int | None) -> str | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal).isoformat()
