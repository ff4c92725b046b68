"""The upper side of the tradeoff: ReLU's Hermite tail, the degree l(eps) and its exponent."""

import math

import numpy as np
import pytest
from relu_tradeoffs.theory.hermite import relu_coefficients
from relu_tradeoffs.tradeoff import upper_bound as ub

EPS = [0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 5e-4, 2e-4, 1e-4, 5e-5, 2e-5, 1e-5]


def test_tail_matches_quadrature_of_relu_minus_its_projection():
    """Closed form (summed coefficients) against Gauss-Legendre of E[(ReLU - P_l ReLU)^2]; the
    two agree to ~2e-14, so 1e-10 has slack (the issue's tolerance)."""
    tail = ub.tails(40)
    quad = np.array([ub.tail_quadrature(degree) for degree in range(41)])
    np.testing.assert_allclose(tail, quad, rtol=0, atol=1e-10)


def test_tail_is_one_half_minus_the_partial_sum():
    """E[ReLU^2] = 1/2: the tail summed from the small end equals 1/2 - sum_{n <= l} a_n^2."""
    partial = [0.5 - math.fsum(relu_coefficients(degree) ** 2) for degree in range(41)]
    np.testing.assert_allclose(ub.tails(40), partial, rtol=0, atol=1e-14)


def test_first_tails_in_closed_form():
    """tail(0) = 1/2 - 1/(2 pi), tail(1) = 1/4 - 1/(2 pi), a_2^2 = 1/(4 pi), a_4^2 = 1/(48 pi);
    odd degrees >= 3 add nothing."""
    tail = ub.tails(5)
    expected = [
        0.5 - 1 / (2 * math.pi),
        0.25 - 1 / (2 * math.pi),
        0.25 - 1 / (2 * math.pi) - 1 / (4 * math.pi),
    ]
    np.testing.assert_allclose(tail[:3], expected, rtol=1e-13)
    assert tail[3] == tail[2] and tail[5] == tail[4]
    np.testing.assert_allclose(tail[2] - tail[4], 1 / (48 * math.pi), rtol=1e-12)


def test_tail_decays_like_l_to_the_minus_three_halves():
    """tail(l) l^(3/2) -> TAIL_CONSTANT / 3 (the derivation in docs/hardness.md)."""
    tail = ub.tails(20000)
    scaled = tail[[2000, 20000]] * np.array([2000, 20000]) ** 1.5
    np.testing.assert_allclose(scaled, ub.TAIL_CONSTANT / 3, rtol=2e-3)


def test_degree_needed_is_the_least_degree_within_eps():
    tail = ub.tails(20000)
    for opt in (0.0, 0.01, 0.1):
        for eps in (0.05, 0.003, 1e-4):
            degree = ub.degree_needed(tail, eps, opt)
            assert ub.bound(tail[degree], opt) <= opt + eps
            assert degree == 0 or ub.bound(tail[degree - 1], opt) > opt + eps
    assert ub.degree_needed(tail[:3], 1e-6, 0.0) is None  # beyond the table: capped


def test_realizable_degree_is_the_tail_itself():
    tail = ub.tails(100)
    assert ub.degree_needed(tail, tail[4], 0.0) == 4
    assert ub.degree_needed(tail, tail[4] * 0.999, 0.0) == 6


def test_feature_count_and_its_logarithm():
    assert ub.features(3, 2) == math.comb(5, 2)
    assert ub.features(10000, 300) == math.inf
    assert ub.log10_features(12, 4) == pytest.approx(math.log10(math.comb(16, 4)), rel=1e-12)
    assert ub.log10_features(10000, 300) > 308


def test_table_columns_and_capped_rows():
    rows = ub.upper_table([0.01, 1e-9], [0.0], [16, 100], degree_max=200)
    assert {"eps", "degree", "tail", "d", "features", "cost_upper"} <= set(rows[0])
    capped = [r for r in rows if r["eps"] == 1e-9]
    assert all(r["degree_capped"] and r["degree"] is None for r in capped)
    kept = [r for r in rows if r["eps"] == 0.01]
    assert [r["features"] for r in kept] == [math.comb(16 + 4, 4), math.comb(100 + 4, 4)]


@pytest.mark.parametrize("opt", [0.0, 0.01, 0.1])
def test_fitted_exponent_brackets_the_derived_one_and_not_a_slower_tail(opt):
    """The exponent of l(eps) fitted on the exact degrees contains the rate a_n^2 ~ n^(-5/2)
    implies (2/3 realizable, -> 4/3 agnostic), and excludes what a tail one half-power slower
    (the sign function's a_n^2 ~ n^(-3/2)) would give: the verdict's criterion and control."""
    rows = ub.with_exponents(ub.upper_table(EPS, [opt], [16], 500000), 8, 0.1)
    row = rows[0]
    assert row["fit_points"] >= 5
    assert row["slope_lo"] <= row["slope_derived"] <= row["slope_hi"]
    assert not row["slope_lo"] <= row["slope_control"] <= row["slope_hi"]
    if opt == 0:
        assert row["slope_derived"] == pytest.approx(2 / 3)
    else:
        assert 1.3 < row["slope_derived"] < 4 / 3


def test_exponent_fit_recovers_a_known_power_and_needs_points():
    eps = np.array(EPS)
    slope, lo, hi = ub.exponent_fit(eps, 3.0 * eps**-0.5)
    assert slope == pytest.approx(0.5) and lo - 1e-12 <= 0.5 <= hi + 1e-12
    assert all(math.isnan(v) for v in ub.exponent_fit(eps[:1], np.array([4.0])))
    assert math.isnan(ub.exponent_fit(eps[:2], np.array([4.0, 8.0]))[1])
