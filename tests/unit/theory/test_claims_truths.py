"""Claims 3 and 4's simulation: its directions and its rows against their definitions."""

import numpy as np
import pytest
from relu_tradeoffs import parity
from relu_tradeoffs.relu import claim3_error, claim4_error
from relu_tradeoffs.theory import claims


def test_claim_directions_are_the_rest_of_s_and_the_two_witnesses():
    dirs = claims.claim_directions(6, np.array([1, 4]))
    e = np.eye(6)
    np.testing.assert_array_equal(dirs[3, "rest_of_S"], e[4])
    np.testing.assert_allclose(dirs[4, "w_S"], (e[1] + e[4]) / np.sqrt(2), atol=1e-15)
    np.testing.assert_allclose(dirs[4, "w_S_flipped"], (e[4] - e[1]) / np.sqrt(2), atol=1e-15)
    # k = 1: nothing else in S, so Claim 3 uses every other coordinate.
    one = claims.claim_directions(4, np.array([2]))
    np.testing.assert_allclose(one[3, "rest_of_S"], np.array([1, 1, 0, 1]) / np.sqrt(3), atol=1e-15)
    np.testing.assert_array_equal(one[4, "w_S"], np.eye(4)[2])
    np.testing.assert_array_equal(one[4, "w_S_flipped"], -np.eye(4)[2])


def test_simulate_rows_are_the_losses_of_r_u_on_the_lifted_sample():
    ck, eta, norms, n = 0.165, 0.1, [0.0, 0.5, 1.0], 2000
    rows = claims.simulate(np.random.default_rng(3), 5, 2, eta, n, norms, ck)
    rng = np.random.default_rng(3)  # the same draws, in the same order
    support = parity.random_support(rng, 5, 2)
    X, y = parity.lift(rng, *parity.sample_slpn(rng, n, 5, support, eta))
    directions = claims.claim_directions(5, support)
    assert len(rows) == 3 * len(norms)
    for row in rows:
        u = directions[row["claim"], row["witness"]]
        losses = (row["norm"] * np.maximum(X @ u, 0) - y) ** 2
        assert row["empirical_err"] == pytest.approx(losses.mean(), rel=1e-12)
        assert row["empirical_se"] == pytest.approx(losses.std(ddof=1) / np.sqrt(n), rel=1e-9)
        sign = -1 if row["witness"] == "w_S_flipped" else 1
        analytic = (
            claim3_error(row["norm"])
            if row["claim"] == 3
            else claim4_error(row["norm"], sign * ck, eta)
        )
        assert row["analytic_err"] == pytest.approx(analytic, rel=1e-15)
        assert (row["k"], row["eta"]) == (2, eta)
    assert {r["witness"] for r in rows} == {"rest_of_S", "w_S", "w_S_flipped"}
    assert [r["norm"] for r in rows[:3]] == norms
