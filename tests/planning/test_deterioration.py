"""The Markov estimator: recovery of a known matrix, prior versus data, pooling, roots."""

import math
import random

import pytest

from gunmane_desktop.core.deterioration import (
    Prior,
    beta_quantile,
    default_priors,
    estimate,
    mat_pow,
    matrix_root,
    pooled,
    simulate_counts,
    step_distribution,
)

BRIDGE = ((0.80, 0.19, 0.01, 0.0), (0.0, 0.95, 0.049, 0.001), (0.0, 0.0, 0.97, 0.03),
          (0.0, 0.0, 0.0, 1.0))
# A deliberately wrong prior: every allowed move equally likely.
FLAT = ((0.25, 0.25, 0.25, 0.25), (0.0, 1 / 3, 1 / 3, 1 / 3), (0.0, 0.0, 0.5, 0.5), (0.0, 0.0, 0.0, 1.0))


def test_recovers_known_matrix_within_stated_tolerance():
    # Given 4,000 one-step pairs from each non-absorbing grade simulated with the bridge matrix
    n = 4000
    counts = simulate_counts(BRIDGE, [n, n, n, 0], random.Random(7))
    # When estimated from a wrong, weak prior (20 pseudo-observations per row)
    est = estimate(Prior(FLAT, 20.0, 5), counts)
    # Then every entry is within 4 binomial standard errors plus the prior's pull
    # (at most strength / (strength + n) = 0.5 percentage points) of the truth
    for i in range(3):
        for j in range(4):
            p = BRIDGE[i][j]
            tol = 4 * math.sqrt(p * (1 - p) / n) + 20 / (20 + n)
            assert abs(est.mean[i][j] - p) <= tol, (i, j, est.mean[i][j], p, tol)
    # and the 90% credible intervals cover the truth for the allowed moves
    covered = [est.interval(i, j)[0] <= BRIDGE[i][j] <= est.interval(i, j)[1]
               for i in range(3) for j in range(i, 4) if BRIDGE[i][j] > 0]
    assert sum(covered) >= len(covered) - 1


def test_prior_dominates_with_little_data_and_data_with_much():
    rng = random.Random(11)
    prior = Prior(FLAT, 20.0, 5)
    # Given 5 pairs per grade, the estimate stays near the prior
    few = estimate(prior, simulate_counts(BRIDGE, [5, 5, 5, 0], rng))
    assert all(w <= 0.2 + 1e-9 for w in few.data_weight[:3])
    assert abs(few.mean[0][0] - FLAT[0][0]) < abs(few.mean[0][0] - BRIDGE[0][0])
    # Given 100,000 pairs per grade, the data decide and the prior is negligible
    many = estimate(prior, simulate_counts(BRIDGE, [100_000] * 3 + [0], rng))
    assert all(w > 0.999 for w in many.data_weight[:3])
    assert max(abs(many.mean[i][j] - BRIDGE[i][j]) for i in range(3) for j in range(4)) < 0.006


def test_effective_sample_size_and_observations_are_reported():
    counts = [[30, 10, 0, 0], [0, 50, 5, 0], [0, 0, 7, 1], [0, 0, 0, 0]]
    est = estimate(Prior(BRIDGE, 20.0, 5), counts, excluded={"measure_between": 3})
    assert est.row_observations == (40, 55, 8, 0)
    assert est.effective_sample_size == pytest.approx((60, 75, 28, 20))
    assert est.observations == 103
    summary = est.summary()
    assert summary["excluded_pairs"] == {"measure_between": 3}
    assert summary["prior_strength"] == [20, 20, 20, 20]
    assert summary["effective_sample_size"] == pytest.approx([60, 75, 28, 20])
    # Intervals narrow as data grow
    wide = estimate(Prior(BRIDGE, 20.0, 5), [[0] * 4] * 4).interval(0, 1)
    narrow = estimate(Prior(BRIDGE, 20.0, 5), [[8000, 1900, 100, 0]] + [[0] * 4] * 3).interval(0, 1)
    assert narrow[1] - narrow[0] < (wide[1] - wide[0]) / 5


def test_improvement_counts_are_refused():
    with pytest.raises(ValueError):
        estimate(Prior(BRIDGE, 20.0, 5), [[1, 0, 0, 0], [1, 0, 0, 0], [0] * 4, [0] * 4])


def test_pooling_borrows_from_region_only_when_town_data_are_few():
    prior = Prior(FLAT, 20.0, 5)
    region = simulate_counts(BRIDGE, [20_000, 20_000, 20_000, 0], random.Random(3))
    town_truth = ((0.6, 0.35, 0.05, 0.0), (0.0, 0.9, 0.09, 0.01), (0.0, 0.0, 0.95, 0.05), (0, 0, 0, 1.0))
    empty = [[0] * 4 for _ in range(4)]
    borrowed = pooled(prior, region, empty, pool_strength=50)
    assert abs(borrowed.mean[0][0] - BRIDGE[0][0]) < 0.01  # the region's estimate, not the flat prior
    own = pooled(prior, region, simulate_counts(town_truth, [20_000] * 3 + [0], random.Random(4)),
                 pool_strength=50)
    assert abs(own.mean[0][0] - town_truth[0][0]) < 0.015


def test_matrix_root_reproduces_step_matrix():
    # Matrices with every forward move possible have an exact stochastic root; one with a
    # zero I->IV entry (bridges, tunnels) does not, and clipping the root's small negative
    # entries costs at most 0.3 percentage points after five years.
    for group, tol in (("pavement", 1e-9), ("sewer", 1e-9), ("bridge", 3e-4), ("tunnel", 3e-3)):
        m = default_priors().for_group(group).matrix
        annual = matrix_root(m, 5)
        assert all(abs(sum(r) - 1) < 1e-9 for r in annual)
        assert all(x >= 0 for r in annual for x in r)
        back = mat_pow(annual, 5)
        assert max(abs(back[i][j] - m[i][j]) for i in range(4) for j in range(4)) < tol, group


def test_beta_quantiles():
    assert beta_quantile(0.3, 1, 1) == pytest.approx(0.3, abs=1e-9)
    assert beta_quantile(0.5, 2, 2) == pytest.approx(0.5, abs=1e-9)
    assert beta_quantile(0.05, 2, 8) == pytest.approx(0.041023, abs=1e-5)  # checked by numeric integration


def test_default_priors_match_the_published_calibration_points():
    # Domain notes s.3: of I/II left unrepaired, ~3% of bridges, ~22% of tunnels and ~6%
    # of ancillary structures were III/IV five years later (MLIT Chubu). A typical I/II mix.
    priors = default_priors()
    for group, mix, target, tol in (("bridge", (0.58, 0.42), 0.03, 0.01),
                                    ("tunnel", (0.2, 0.8), 0.22, 0.03),
                                    ("footbridge", (0.5, 0.5), 0.06, 0.01)):
        dist = step_distribution((*mix, 0.0, 0.0), priors.for_group(group).matrix)
        assert abs(dist[2] + dist[3] - target) <= tol, group
    assert priors.for_group("bridge:rc") is priors.for_group("bridge")
