"""The biased case at its edges: the gain's sensitivity by finite differences, the bound flag and
the positivity test at their thresholds, the shortest coefficient and series-term arrays."""

import numpy as np
import pytest
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import biased, biased_gap
from scipy.special import ndtr


@pytest.mark.parametrize("labels", ["01", "pm1"])
@pytest.mark.parametrize("eta", [0.0, 0.15])
def test_gain_sensitivity_is_the_derivative_in_the_correlation(labels, eta):
    """Envelope theorem: at an interior optimum r*, d gain / d C = the partial derivative at r*,
    checked against a central difference of the optimized gain."""
    beta, corr, h = -0.8, 0.06, 1e-6
    r, _ = biased_gap.best_norm_and_gain(labels, eta, corr, beta, 1.0)
    assert 0 < r < 1  # interior: the envelope theorem applies
    up = biased_gap.best_norm_and_gain(labels, eta, corr + h, beta, 1.0)[1]
    down = biased_gap.best_norm_and_gain(labels, eta, corr - h, beta, 1.0)[1]
    derivative = (up - down) / (2 * h)
    assert biased_gap.gain_sensitivity(labels, eta, r) == pytest.approx(derivative, rel=1e-6)


def test_bound_flag_at_its_tolerance():
    rows = [{"beta": b} for b in (-4.0, 4.0 - 5e-7, 3.5, 5e-7, 0.0 + 2e-6, 1.0)]
    flags = [row["beta_at_bound"] for row in biased_gap.mark_bound(rows, [-4.0, 4.0])]
    assert flags == [True, True, False, False, False, False]
    near_zero = biased_gap.mark_bound([{"beta": 5e-7}, {"beta": 2e-6}], [0.0, 2.0])
    assert [row["beta_at_bound"] for row in near_zero] == [True, False]
    assert all(type(row["beta_at_bound"]) is bool for row in rows)


def test_a_gain_equal_to_its_error_is_not_positive():
    t = biased_gap.table([{"gain": 2e-9, "gain_error": 2e-9}, {"gain": 3e-9, "gain_error": 2e-9}])
    assert t.gain_positive.tolist() == [False, True]


@pytest.mark.parametrize("beta", [-0.9, 0.0, 1.4])
def test_the_shortest_coefficient_arrays(beta):
    """n_max = 0, 1, 2 are prefixes of the long array: E[ReLU(s + beta)], Phi(beta),
    phi(beta) He_0 / sqrt(2!)."""
    long = biased.shifted_relu_coefficients(beta, 6)
    mean = biased.relu_moments(beta)[0]
    np.testing.assert_allclose(long[:3], [mean, ndtr(beta), biased.phi(beta) / np.sqrt(2)])
    for n_max in (0, 1, 2):
        np.testing.assert_array_equal(
            biased.shifted_relu_coefficients(beta, n_max), long[: n_max + 1]
        )


@pytest.mark.parametrize("beta", [-1.1, 0.7])
def test_k1_series_terms_start_with_the_linear_term(beta):
    """k = 1: the degree-1 term Phi(beta) sqrt(2/pi) comes first, then n = 3, 5, ...; for k = 2
    no linear term (n starts at 2)."""
    n, terms = biased.series_terms(1, beta, 9)
    assert n.tolist() == [1, 3, 5, 7, 9]
    # a_1 = Phi(beta) times the parity's side E[z sign z] = sqrt(2/pi)
    assert terms[0] == pytest.approx(ndtr(beta) * np.sqrt(2 / np.pi), rel=1e-15)
    n2, _ = biased.series_terms(2, beta, 8)
    assert n2.tolist() == [2, 4, 6, 8]


def test_table_rows_are_the_three_computations_side_by_side():
    """Every column of biased.csv against the function that computes it, row by row."""
    betas, args = [-0.6, 0.9], (2000, 1000, 300, 3000)
    t = biased.table(rng_for(8, "test", "edges"), 3, betas, *args)
    assert t.columns.tolist() == [
        "k", "beta", "c_k_beta", "c_k_beta_error", "c_k_beta_quadrature",
        "c_k_beta_quadrature_error", "series_minus_quadrature", "c_k_beta_mc", "c_k_beta_mc_se",
        "mc_z_score", "relu_mean", "relu_second_moment",
    ]  # fmt: skip
    mc, se = biased.monte_carlo(rng_for(8, "test", "edges"), 3, betas, 2000, 1000)
    for (k, b), row in zip(
        [(k, b) for k in (1, 2, 3) for b in range(2)], t.itertuples(), strict=True
    ):
        assert (row.k, row.beta) == (k, betas[b])
        values, errors = biased.series_values(k, betas, 300, 3000)
        assert (row.c_k_beta, row.c_k_beta_error) == (values[b], errors[b])
        quad = biased.dawson_correlation(biased.symmetric_direction(k), betas[b])
        assert (row.c_k_beta_quadrature, row.c_k_beta_quadrature_error) == quad
        assert row.series_minus_quadrature == values[b] - quad[0]
        assert (row.c_k_beta_mc, row.c_k_beta_mc_se) == (mc[k - 1, b], se[k - 1, b])
        assert row.mc_z_score == (mc[k - 1, b] - values[b]) / se[k - 1, b]
        assert (row.relu_mean, row.relu_second_moment) == biased.relu_moments(betas[b])
