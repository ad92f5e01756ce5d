"""Markov deterioration models: Bayesian estimation of grade transition matrices.

Grades are indices in severity order (0 = best, Ⅰ/A/a/劣化なし; 3 = worst). A model is a
transition matrix over one inspection step (5 years for road structures, 1 year for parks
and rivers) estimated from pairs of consecutive inspections of one asset with no measure in
between. Each row has a Dirichlet prior ``strength * prior_row``; adding the observed counts
gives the posterior, whose mean is the estimate and whose Beta marginals give credible
intervals. ``strength + n`` is the effective sample size of a row: a town with a handful of
pairs keeps the prior, one with thousands is driven by its data.

Pooling: a town's prior is the region's posterior (itself estimated from the national
default prior and every owner's pairs), capped at ``pool_strength`` pseudo-observations, so
small towns borrow from the bundle and large ones stand on their own data.

Deterioration cannot be undone without a measure, so improvements (a better grade at the
next inspection with no recorded measure) are not transitions of the model; they are counted
and reported, not silently used. Pure Python: plans need 4 x 4 matrices, not numpy.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

Matrix = tuple[tuple[float, ...], ...]
Counts = tuple[tuple[int, ...], ...]

N_GRADES = 4


# -- matrices ---------------------------------------------------------------------------
def check_matrix(m: Sequence[Sequence[float]], *, tol: float = 1e-6) -> Matrix:
    """Validate a square row-stochastic matrix and return it as tuples."""
    rows = tuple(tuple(float(x) for x in r) for r in m)
    k = len(rows)
    for i, r in enumerate(rows):
        if len(r) != k:
            raise ValueError(f"row {i}: expected {k} entries, got {len(r)}")
        if any(x < -tol for x in r):
            raise ValueError(f"row {i}: negative probability")
        if abs(sum(r) - 1.0) > tol:
            raise ValueError(f"row {i}: probabilities sum to {sum(r):.6f}, not 1")
    return rows


def mat_mul(a: Matrix, b: Matrix) -> Matrix:
    n = len(a)
    return tuple(tuple(sum(a[i][k] * b[k][j] for k in range(n)) for j in range(n)) for i in range(n))


def mat_pow(m: Matrix, power: int) -> Matrix:
    """``m`` to a non-negative integer power."""
    n = len(m)
    result: Matrix = tuple(tuple(1.0 if i == j else 0.0 for j in range(n)) for i in range(n))
    base = m
    while power:
        if power & 1:
            result = mat_mul(result, base)
        base = mat_mul(base, base)
        power >>= 1
    return result


def step_distribution(dist: Sequence[float], m: Matrix) -> tuple[float, ...]:
    """Grade distribution one step later."""
    n = len(m)
    return tuple(sum(dist[i] * m[i][j] for i in range(n)) for j in range(n))


def matrix_root(m: Matrix, steps: int) -> Matrix:
    """The ``steps``-th root of an upper-triangular transition matrix (e.g. 5-year -> 1-year).

    Uses Parlett's recurrence for a function of a triangular matrix (f(x) = x^(1/steps));
    equal diagonal entries are nudged apart by 1e-7 first. Tiny negative entries that the
    root can produce are clipped and rows renormalised, so the result is a valid matrix
    whose power reproduces ``m`` to about 1e-6.
    """
    if steps == 1:
        return m
    n = len(m)
    for i in range(n):
        for j in range(i):
            if m[i][j] > 1e-12:
                raise ValueError("matrix_root needs an upper-triangular matrix (no recovery)")
    t = [list(r) for r in m]
    # Distinct, positive diagonal entries keep the recurrence well defined.
    seen: list[float] = []
    for i in range(n):
        d = max(t[i][i], 1e-9)
        while any(abs(d - s) < 1e-7 for s in seen):
            d -= 2e-7
        t[i][i] = d
        seen.append(d)
    f = [[0.0] * n for _ in range(n)]
    for i in range(n):
        f[i][i] = t[i][i] ** (1.0 / steps)
    for gap in range(1, n):
        for i in range(n - gap):
            j = i + gap
            s = t[i][j] * (f[j][j] - f[i][i])
            for k in range(i + 1, j):
                s += t[i][k] * f[k][j] - f[i][k] * t[k][j]
            f[i][j] = s / (t[j][j] - t[i][i])
    out = []
    for i in range(n):
        row = [max(x, 0.0) if j >= i else 0.0 for j, x in enumerate(f[i])]
        total = sum(row)
        out.append(tuple(x / total for x in row))
    return tuple(out)


# -- Beta quantiles (credible intervals) ------------------------------------------------
def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c if abs(1.0 + aa / c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-12:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """Regularised incomplete beta I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x)
          + b * math.log1p(-x))
    front = math.exp(ln)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def beta_quantile(q: float, a: float, b: float) -> float:
    """Quantile of Beta(a, b) by bisection; degenerate cases return 0 or 1."""
    if a <= 0.0:
        return 0.0
    if b <= 0.0:
        return 1.0
    lo, hi = 0.0, 1.0
    for _ in range(80):
        mid = (lo + hi) / 2.0
        if beta_cdf(mid, a, b) < q:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


# -- estimation -------------------------------------------------------------------------
def empty_counts(k: int = N_GRADES) -> list[list[int]]:
    return [[0] * k for _ in range(k)]


@dataclass(frozen=True, slots=True)
class Prior:
    """A prior matrix and how many pseudo-observations per row it is worth."""

    matrix: Matrix
    strength: float
    step_years: int
    source: str = ""
    row_strength: tuple[float, ...] | None = None  # per-row strengths, when rows differ

    def strength_of(self, row: int) -> float:
        return self.row_strength[row] if self.row_strength is not None else self.strength


@dataclass(frozen=True, slots=True)
class Estimate:
    """A posterior transition matrix with the data behind it and its uncertainty."""

    mean: Matrix
    alpha: Matrix  # Dirichlet parameters of each row's posterior
    counts: Counts  # observed transitions used
    prior_strength: tuple[float, ...]  # pseudo-observations of the prior, per row
    step_years: int
    source: str = ""
    excluded: dict[str, int] = field(default_factory=dict)  # pairs not used, by reason

    @property
    def row_observations(self) -> tuple[int, ...]:
        return tuple(sum(r) for r in self.counts)

    @property
    def observations(self) -> int:
        return sum(self.row_observations)

    @property
    def effective_sample_size(self) -> tuple[float, ...]:
        """Per row: prior pseudo-observations plus observed transitions."""
        return tuple(sum(r) for r in self.alpha)

    @property
    def data_weight(self) -> tuple[float, ...]:
        """Per row: the share of the estimate that comes from data, n / (strength + n)."""
        return tuple(n / ess if ess else 0.0
                     for n, ess in zip(self.row_observations, self.effective_sample_size, strict=True))

    def interval(self, i: int, j: int, level: float = 0.9) -> tuple[float, float]:
        """Equal-tailed credible interval of P(i -> j) (a Beta marginal of the row's Dirichlet)."""
        a = self.alpha[i][j]
        total = sum(self.alpha[i])
        if a <= 0.0:
            return (0.0, 0.0)
        if total - a <= 0.0:
            return (1.0, 1.0)
        tail = (1.0 - level) / 2.0
        return (beta_quantile(tail, a, total - a), beta_quantile(1.0 - tail, a, total - a))

    def intervals(self, level: float = 0.9) -> tuple[tuple[tuple[float, float], ...], ...]:
        n = len(self.mean)
        return tuple(tuple(self.interval(i, j, level) for j in range(n)) for i in range(n))

    def sample(self, rng: random.Random) -> Matrix:
        """One matrix drawn from the posterior (row-wise Dirichlet via gamma draws)."""
        rows = []
        for i, row in enumerate(self.alpha):
            draws = [rng.gammavariate(a, 1.0) if a > 0 else 0.0 for a in row]
            total = sum(draws)
            rows.append(tuple(d / total for d in draws) if total > 0 else self.mean[i])
        return tuple(rows)

    def as_prior(self, cap: float) -> Prior:
        """This posterior as a prior worth at most ``cap`` pseudo-observations per row."""
        rows = tuple(min(cap, ess) for ess in self.effective_sample_size)
        return Prior(self.mean, max(rows), self.step_years, f"pooled: {self.source}", rows)

    def summary(self, level: float = 0.9) -> dict:
        """Plain data for reports and JSON: estimate, intervals, data behind each row."""
        return {
            "step_years": self.step_years,
            "source": self.source,
            "matrix": [list(r) for r in self.mean],
            "interval_level": level,
            "intervals": [[list(c) for c in row] for row in self.intervals(level)],
            "observations_per_row": list(self.row_observations),
            "prior_strength": list(self.prior_strength),
            "effective_sample_size": list(self.effective_sample_size),
            "data_weight": list(self.data_weight),
            "excluded_pairs": dict(self.excluded),
        }


def estimate(prior: Prior, counts: Sequence[Sequence[int]], *, excluded: dict[str, int] | None = None,
             source: str = "") -> Estimate:
    """Posterior of a transition matrix from a Dirichlet prior and observed transition counts.

    ``counts[i][j]`` is the number of observed moves from grade i to grade j over one step.
    Counts below the diagonal (improvement without a measure) must already be removed.
    """
    k = len(prior.matrix)
    alpha = []
    for i in range(k):
        if any(counts[i][j] for j in range(i)):
            raise ValueError(f"row {i}: counts of improvement are not transitions of the model")
        strength = prior.strength_of(i)
        alpha.append(tuple(strength * prior.matrix[i][j] + counts[i][j] for j in range(k)))
    mean = []
    for i, row in enumerate(alpha):
        total = sum(row)
        mean.append(tuple(a / total for a in row) if total > 0 else prior.matrix[i])
    return Estimate(mean=tuple(mean), alpha=tuple(alpha),
                    counts=tuple(tuple(int(x) for x in r) for r in counts),
                    prior_strength=tuple(prior.strength_of(i) for i in range(k)),
                    step_years=prior.step_years,
                    source=source or prior.source, excluded=dict(excluded or {}))


def pooled(prior: Prior, regional_counts: Sequence[Sequence[int]], local_counts: Sequence[Sequence[int]],
           *, pool_strength: float = 50.0, excluded: dict[str, int] | None = None,
           source: str = "") -> Estimate:
    """A town's estimate that borrows from the region: national prior -> region -> town.

    ``regional_counts`` are the other owners' transitions (leave the town's own out, or
    they count twice); the town's
    prior is the regional posterior, each row worth its effective sample size there but at
    most ``pool_strength`` observations (a row the region knows little about stays weak).
    """
    region = estimate(prior, regional_counts)
    return estimate(region.as_prior(pool_strength), local_counts, excluded=excluded,
                    source=source or f"region-pooled prior ({prior.source})")


# -- simulation (tests, demo checks) ----------------------------------------------------
def draw_next(row: Sequence[float], u: float) -> int:
    acc = 0.0
    for j, p in enumerate(row):
        acc += p
        if u < acc:
            return j
    return len(row) - 1


def simulate_counts(m: Matrix, starts: Sequence[int], rng: random.Random) -> list[list[int]]:
    """Transition counts from ``starts[i]`` assets starting in each grade i, one step each."""
    counts = empty_counts(len(m))
    for i, n in enumerate(starts):
        row = m[i]
        for _ in range(n):
            counts[i][draw_next(row, rng.random())] += 1
    return counts


# -- shipped priors -----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PriorTable:
    """The default prior per model group, with the judgement behind each."""

    priors: dict[str, Prior]
    note: str

    def for_group(self, group: str) -> Prior:
        """Prior of a group such as 'bridge:steel'; falls back to 'bridge', then raises."""
        if group in self.priors:
            return self.priors[group]
        base = group.split(":", 1)[0]
        if base in self.priors:
            return self.priors[base]
        raise KeyError(f"no deterioration prior for '{group}'")


def load_priors(text: str) -> PriorTable:
    raw = json.loads(text)
    priors = {}
    for group, spec in raw["groups"].items():
        priors[group] = Prior(check_matrix(spec["matrix"]), float(spec["strength"]),
                              int(spec["step_years"]), spec.get("source", ""))
    return PriorTable(priors, raw.get("about", ""))


@cache
def default_priors() -> PriorTable:
    """National-scale default priors shipped with the program (data/deterioration_priors.json)."""
    text = resources.files("gunmane_desktop.core").joinpath(
        "data/deterioration_priors.json").read_text("utf-8")
    return load_priors(text)
