"""The symmetric biased witness against a brute-force search over beta, its sign flip against the
sign of c_k(beta), and the best norm's clipping at both ends of [0, max_norm]."""

import numpy as np
import pytest
from relu_tradeoffs.theory import biased, biased_gap, correlation
from scipy.optimize import minimize_scalar

GRID = np.linspace(-4.0, 4.0, 17)


def brute_force(labels, eta, k, max_norm):
    """The best beta by a fine grid and a tight bounded search around it (tolerance 1e-10)."""

    def gain(beta):
        corr = abs(biased.dawson_correlation(biased.symmetric_direction(k), beta)[0])
        return biased_gap.best_norm_and_gain(labels, eta, corr, beta, max_norm)[1]

    fine = np.linspace(-4.0, 4.0, 321)
    i = int(np.argmax([gain(b) for b in fine]))
    lo, hi = fine[max(i - 1, 0)], fine[min(i + 1, len(fine) - 1)]
    found = minimize_scalar(lambda b: -gain(b), bounds=(lo, hi), method="bounded",
                            options={"xatol": 1e-10})  # fmt: skip
    return (found.x, -found.fun) if -found.fun > gain(fine[i]) else (fine[i], gain(fine[i]))


@pytest.mark.parametrize(("k", "eta"), [(2, 0.0), (3, 0.1), (4, 0.0)])
def test_symmetric_witness_is_the_brute_force_optimum(k, eta):
    row = biased_gap.symmetric_witness("pm1", eta, k, GRID, 1.0)
    beta, gain = brute_force("pm1", eta, k, 1.0)
    assert row["beta"] == pytest.approx(beta, abs=2e-7)  # achieved: 6e-8 (xatol 1e-7)
    assert row["gain"] == pytest.approx(gain, rel=1e-9)
    assert row["gain"] >= gain - 1e-15


@pytest.mark.parametrize(("labels", "k"), [("pm1", 3), ("01", 3), ("01", 2)])
def test_the_witness_correlates_positively_one_sign_flipped_when_c_k_is_negative(labels, k):
    """Under 01 at k = 3 the best beta is the range end 4, where c_3(4) < 0: the first entry of
    u is flipped. Elsewhere c_k(beta) > 0 and u is all-positive."""
    row = biased_gap.symmetric_witness(labels, 0.0, k, GRID, 1.0)
    u = np.array([float(x) for x in row["direction"].split(";")])
    c_k = biased.dawson_correlation(biased.symmetric_direction(k), row["beta"])[0]
    expected = np.full(k, 1 / np.sqrt(k))
    expected[0] *= np.sign(c_k)
    np.testing.assert_allclose(u, expected, atol=1e-6)
    assert (c_k < 0) == ((labels, k) == ("01", 3))
    assert biased.dawson_correlation(u, row["beta"])[0] == pytest.approx(row["correlation"], 1e-5)
    assert row["correlation"] == pytest.approx(abs(c_k), rel=1e-12)


@pytest.mark.parametrize("labels", ["01", "pm1"])
def test_a_norm_cap_binds_in_the_symmetric_witness(labels):
    """r* is about 0.6 (pm1) or 0.12 (01); a cap of 0.05 binds and the gain is the capped one."""
    row = biased_gap.symmetric_witness(labels, 0.0, 2, GRID, 0.05)
    assert row["r"] == 0.05
    corr = row["correlation"]
    assert row["gain"] == pytest.approx(
        biased_gap.best_norm_and_gain(labels, 0.0, corr, row["beta"], 0.05)[1], rel=1e-12
    )
    sensitivity = 0.05 * (1.0 if labels == "01" else 2.0)
    error = biased.dawson_correlation(biased.symmetric_direction(2), row["beta"])[1]
    assert row["gain_error"] == pytest.approx(sensitivity * error, rel=1e-12)


def test_the_best_norm_is_clipped_to_zero_and_to_the_cap():
    # a negative correlation: no positive multiple helps, r = 0 (gain -1/4 under 01, 0 under pm1)
    assert biased_gap.best_norm_and_gain("pm1", 0.0, -0.3, 0.5, 1.0) == (0.0, 0.0)
    r, gain = biased_gap.best_norm_and_gain("01", 0.0, -3.0, 0.5, 1.0)
    assert (r, gain) == (0.0, -0.25)
    for labels in ("01", "pm1"):
        r, gain = biased_gap.best_norm_and_gain(labels, 0.0, 0.9, 0.0, 0.1)
        assert r == 0.1


def test_an_unknown_encoding_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown label encoding 'x' \(known: 01, pm1\)"):
        biased_gap.best_norm_and_gain("x", 0.0, 0.1, 0.0, 1.0)


@pytest.mark.parametrize("grid", [[-1.5, -1.0, 0.0, 1.0], [-3.0, -2.0, -1.5, -1.0]])
def test_the_refinement_brackets_the_grids_best_point_at_either_end(grid):
    """pm1, k = 3: the optimum (beta ~ -1.226) lies between the first two or the last two points
    of these grids; the bounded refinement around the grid's best point still finds it."""
    beta, gain = brute_force("pm1", 0.0, 3, 1.0)
    row = biased_gap.symmetric_witness("pm1", 0.0, 3, np.array(grid), 1.0)
    assert row["beta"] == pytest.approx(beta, abs=2e-7)
    assert row["gain"] == pytest.approx(gain, rel=1e-9)


@pytest.mark.parametrize("labels", ["01", "pm1"])
def test_a_capped_symmetric_witness_is_the_capped_optimum(labels):
    """With the cap binding, the best beta is the capped problem's, not the free one's."""
    row = biased_gap.symmetric_witness(labels, 0.0, 2, GRID, 0.05)
    _, gain = brute_force(labels, 0.0, 2, 0.05)
    assert row["gain"] == pytest.approx(gain, rel=1e-9, abs=1e-15)


@pytest.mark.parametrize("k", [2, 4])
def test_quadrature_at_beta_zero_is_lemma_1s_c_k(k):
    """beta = 0, even k: the plain (non-oscillating) tail integral; achieved 1e-16."""
    value, error = biased.dawson_correlation(biased.symmetric_direction(k), 0.0)
    assert value == pytest.approx(correlation.c_k(k), abs=1e-14)
    assert error < 1e-13


def test_a_zero_weight_on_S_gives_zero_correlation_exactly():
    assert biased.dawson_correlation(np.array([0.6, 0.0, 0.8]), 0.3) == (0.0, 0.0)
    assert biased.dawson_correlation(np.array([0.0]), 0.3) == (0.0, 0.0)


def test_odd_k_at_beta_zero_is_exactly_zero_without_error():
    assert biased.dawson_correlation(biased.symmetric_direction(3), 0.0) == (0.0, 0.0)
