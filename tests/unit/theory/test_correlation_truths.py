"""The paper's leading-term estimate and the Monte Carlo chunking against their definitions."""

import math

import numpy as np
import pytest
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import correlation


@pytest.mark.parametrize("ell", [0, 1, 2, 5])
def test_paper_leading_term_is_the_papers_formula(ell):
    """(2/(e pi))^(2l+1) / sqrt(pi (4l+1)) for k = 4l + 2."""
    expected = (2 / (math.e * math.pi)) ** (2 * ell + 1) / math.sqrt(math.pi * (4 * ell + 1))
    assert correlation.paper_leading_term(4 * ell + 2) == pytest.approx(expected, rel=1e-13)


def test_monte_carlo_with_a_ragged_last_chunk_equals_one_chunk():
    """30 001 samples in chunks of 7 000 (the last one holds 2 001) give the unchunked numbers."""
    chunked = correlation.monte_carlo(rng_for(3, "x"), 4, 30_001, 7_000)
    whole = correlation.monte_carlo(rng_for(3, "x"), 4, 30_001, 30_001)
    for key in ("mean", "se", "flipped_mean", "flipped_se"):
        # Achieved: 1e-14 relative (summation order only).
        np.testing.assert_allclose(chunked[key], whole[key], rtol=1e-12, atol=0)


def test_monte_carlo_standard_error_is_the_sample_standard_error():
    """The reported se of k = 1 is std(values, ddof=1) / sqrt(n) of the witness values."""
    n = 5_001
    mc = correlation.monte_carlo(rng_for(4, "y"), 2, n, 2_000)
    z = rng_for(4, "y").standard_normal((n, 2))
    witness = np.maximum(z[:, 0], 0) * np.sign(z[:, 0])
    flipped = np.maximum(-z[:, 0], 0) * np.sign(z[:, 0])
    assert mc["mean"][0] == pytest.approx(witness.mean(), rel=1e-12)
    assert mc["se"][0] == pytest.approx(witness.std(ddof=1) / np.sqrt(n), rel=1e-9)
    assert mc["flipped_mean"][0] == pytest.approx(flipped.mean(), abs=1e-15)
    two = (z[:, 0] + z[:, 1]) / np.sqrt(2)
    parity = np.sign(z[:, 0]) * np.sign(z[:, 1])
    assert mc["mean"][1] == pytest.approx(np.mean(np.maximum(two, 0) * parity), rel=1e-12)


def test_table_columns_are_their_definitions():
    """correlation.csv's row for each k from the three methods it reports, recomputed here."""
    table = correlation.table(rng_for(5, "table"), 6, 4_000, 1_500, 400)
    mc = correlation.monte_carlo(rng_for(5, "table"), 6, 4_000, 1_500)
    assert list(table["k"]) == [1, 2, 3, 4, 5, 6]
    for _, row in table.iterrows():
        k = int(row["k"])
        value, error, partial, leading = correlation.series(k, 400)
        quad, quad_error = correlation.dawson_integral(k)
        assert (row["c_k"], row["c_k_error"], row["c_k_partial_sum"]) == (value, error, partial)
        assert row["leading_term"] == leading and row["c_k_flipped"] == -value
        assert (row["c_k_quadrature"], row["c_k_quadrature_error"]) == (quad, quad_error)
        assert row["series_minus_quadrature"] == value - quad
        assert row["corr_wS"] == pytest.approx(value / np.sqrt(2 * np.pi), rel=1e-15)
        assert row["best_corr"] == pytest.approx(abs(value) / np.sqrt(2 * np.pi), rel=1e-15)
        assert row["sign"] == {1: "positive", -1: "negative", 0: "zero"}[correlation.sign_of(k)]
        assert row["exact_zero"] == (k % 2 == 1 and k >= 3)
        assert (row["c_k_mc"], row["c_k_mc_se"]) == (mc["mean"][k - 1], mc["se"][k - 1])
        assert row["c_k_flipped_mc"] == mc["flipped_mean"][k - 1]
        assert row["c_k_flipped_mc_se"] == mc["flipped_se"][k - 1]
        assert row["mc_z_score"] == pytest.approx((row["c_k_mc"] - value) / row["c_k_mc_se"])
        if k % 4 == 2:
            assert row["paper_leading_term"] == correlation.paper_leading_term(k)
        else:
            assert np.isnan(row["paper_leading_term"])
