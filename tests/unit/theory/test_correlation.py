"""Lemma 1's c_k: the series, an independent 1-d integral and Monte Carlo must agree."""

import numpy as np
import pytest
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import correlation


@pytest.mark.parametrize("k", [2, 4, 6, 8, 10, 12, 14])
def test_series_matches_dawson_integral_to_1e_9(k):
    value, error, partial, _ = correlation.series(k, 4000)
    exact, quad_error = correlation.dawson_integral(k)
    assert quad_error < 1e-12
    assert abs(value - exact) < 1e-9
    assert error < 1e-9
    # The fitted tail matters: without it, k = 2 is ~5e-7 short (MATH.md: ~2e-5 at n = 400).
    if k == 2:
        assert abs(partial - exact) > 1e-7


def test_series_with_few_terms_is_still_within_1e_6_thanks_to_the_tail():
    value, error, partial, _ = correlation.series(2, 400)
    exact, _ = correlation.dawson_integral(2)
    assert abs(partial - exact) > 1e-5
    assert abs(value - exact) < 1e-8
    assert abs(value - exact) <= 10 * error + 1e-12


def test_small_k_closed_forms():
    assert correlation.series(1)[0] == pytest.approx(1 / np.sqrt(2 * np.pi), abs=1e-16)
    for k in (3, 5, 7, 9):
        assert correlation.series(k)[:2] == (0.0, 0.0)
        assert correlation.sign_of(k) == 0


def test_signs_follow_k_mod_4_by_the_independent_integral():
    """The series takes its sign from sign_of; the Dawson integral has its own."""
    for k in range(2, 15, 2):
        assert np.sign(correlation.dawson_integral(k)[0]) == correlation.sign_of(k)
        assert correlation.sign_of(k) == (1 if k % 4 == 2 else -1)


def test_every_term_has_the_same_sign_and_decays_like_a_power():
    n, log_terms = correlation.log_series_terms(6, 3000)
    slope = -(log_terms[-1] - log_terms[-101]) / (np.log(n[-1]) - np.log(n[-101]))
    assert slope == pytest.approx((6 + 3) / 2, abs=0.02)


def test_log_convolution_equals_direct_convolution():
    rng = np.random.default_rng(0)
    a, b = rng.random(300), rng.random(300)
    direct = np.convolve(a, b)[:300]
    np.testing.assert_allclose(
        np.exp(correlation._log_convolve(np.log(a), np.log(b))), direct, rtol=1e-12
    )


def test_monte_carlo_agrees_with_series_within_4_standard_errors():
    mc = correlation.monte_carlo(rng_for(1, "test", "mc"), 6, 400_000, 100_000)
    for k in range(1, 7):
        exact = correlation.c_k(k)
        assert abs(mc["mean"][k - 1] - exact) < 4 * mc["se"][k - 1]
        assert abs(mc["flipped_mean"][k - 1] + exact) < 4 * mc["flipped_se"][k - 1]
    # k = 2 is resolved: the correlation is real, not noise.
    assert mc["mean"][1] > 20 * mc["se"][1]
