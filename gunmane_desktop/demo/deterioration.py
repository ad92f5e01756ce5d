"""Grade models of the demo: first-inspection mixes by age and transition matrices.

Grades are handled as indices in severity order (Ⅰ..Ⅳ, A..D, none..Ⅰ for sewers), turned
into the catalogue's codes only when a row is written. An owner's character (snow, salt)
and a structure's material scale the bad shares and the off-diagonal rates; the adjusted
tables are cached because a region has only a handful of distinct factors.
"""

from __future__ import annotations

from typing import Any

from ..core.catalogue import default_catalogue

# Past this share the scaled tables would lose all their good grades.
_MAX_BAD = 0.9


def band(age: int) -> str:
    """Age band of a structure when inspected: the first-inspection mix depends on it."""
    if age < 30:
        return "young"
    return "mid" if age < 50 else "old"


def _cumulative(probs: list[float]) -> tuple[float, ...]:
    out, acc = [], 0.0
    for p in probs[:-1]:
        acc += p
        out.append(acc)
    # The last threshold is out of reach so a draw of 0.999999 still lands in a grade.
    out.append(2.0)
    return tuple(out)


def pick(cum: tuple[float, ...], u: float) -> int:
    """Index of the category a uniform draw ``u`` falls in."""
    i = 0
    while u >= cum[i]:
        i += 1
    return i


class GradeModel:
    """One family's grade model (bridge, tunnel, pavement ...) read from the recipe."""

    def __init__(self, spec: dict[str, Any]) -> None:
        scale = default_catalogue().scale(spec["scale"])
        ordered = sorted(scale.grades, key=lambda g: g.severity)
        self.scale_id = scale.id
        self.codes: tuple[str, ...] = tuple(g.code for g in ordered)
        self.action: tuple[bool, ...] = tuple(g.action_required for g in ordered)
        self.first_action = self.action.index(True)
        self._initial = {k: tuple(v) for k, v in spec["initial"].items()}
        self._matrix = tuple(tuple(r) for r in spec["matrix"])
        self.reset_cum = _cumulative(list(spec["reset"]))
        self.material_factor: dict[str, float] = spec.get("material_factor", {})
        self.old_factor = float(spec.get("old_factor", 1.0))
        self._initial_cache: dict[tuple[str, float], tuple[float, ...]] = {}
        self._matrix_cache: dict[float, tuple[tuple[float, ...], ...]] = {}

    def initial_cum(self, age_band: str, factor: float) -> tuple[float, ...]:
        """First-inspection mix with the bad shares scaled by ``factor``."""
        key = (age_band, factor)
        cached = self._initial_cache.get(key)
        if cached is None:
            cached = self._initial_cache[key] = self._scaled_initial(age_band, factor)
        return cached

    def _scaled_initial(self, age_band: str, factor: float) -> tuple[float, ...]:
        p = list(self._initial[age_band])
        bad = [x * factor for x in p[2:]]
        total_bad = sum(bad)
        if total_bad > _MAX_BAD:
            bad = [x * _MAX_BAD / total_bad for x in bad]
            total_bad = _MAX_BAD
        good = p[0] + p[1]
        scale = (1.0 - total_bad) / good if good else 0.0
        return _cumulative([p[0] * scale, p[1] * scale, *bad])

    def matrix_cum(self, factor: float) -> tuple[tuple[float, ...], ...]:
        """Transition matrix with every move to a worse grade scaled by ``factor``."""
        cached = self._matrix_cache.get(factor)
        if cached is None:
            cached = self._matrix_cache[factor] = self._scaled_matrix(factor)
        return cached

    def _scaled_matrix(self, factor: float) -> tuple[tuple[float, ...], ...]:
        rows = []
        for i, row in enumerate(self._matrix):
            # Salt, snow and steel hasten the onset of damage (moves up to the first grade
            # needing action); how fast a structure then reaches the worst grade depends on
            # the measure programme, so those moves keep the base rates.
            f = factor if i < self.first_action else 1.0
            worse = [x * (f if j <= self.first_action else 1.0)
                     for j, x in enumerate(row[i + 1:], start=i + 1)]
            total = sum(worse)
            if total > _MAX_BAD:
                worse = [x * _MAX_BAD / total for x in worse]
                total = _MAX_BAD
            rows.append(_cumulative([*([0.0] * i), 1.0 - total, *worse]))
        return tuple(rows)


def load_models(recipe: dict[str, Any]) -> dict[str, GradeModel]:
    return {k: GradeModel(v) for k, v in recipe["models"].items() if isinstance(v, dict)}
