"""ReLU moments, batched losses and the analytic errors of Claims 3 and 4."""

import numpy as np
import pytest
from relu_tradeoffs import relu
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory.claims import simulate
from relu_tradeoffs.theory.correlation import c_k
from scipy.integrate import quad
from scipy.stats import norm


def test_relu_moments_by_quadrature():
    first, _ = quad(lambda z: max(z, 0) * norm.pdf(z), -np.inf, np.inf)
    second, _ = quad(lambda z: max(z, 0) ** 2 * norm.pdf(z), -np.inf, np.inf)
    assert first == pytest.approx(1 / np.sqrt(2 * np.pi), abs=1e-12)
    assert second == pytest.approx(0.5, abs=1e-12)
    assert relu.INV_SQRT_2PI == pytest.approx(first, abs=1e-15)


def test_square_loss_is_batched_and_matches_a_loop():
    rng = np.random.default_rng(0)
    X, y, W = rng.standard_normal((500, 5)), rng.random(500), rng.standard_normal((7, 5))
    batched = relu.square_loss(X, y, W)
    looped = [np.mean((np.maximum(X @ w, 0) - y) ** 2) for w in W]
    np.testing.assert_allclose(batched, looped, rtol=1e-12)


def test_claim3_minimum_is_the_floor():
    r = np.linspace(0, 1, 100_001)
    err = relu.claim3_error(r)
    assert err.min() == pytest.approx(relu.CLAIM3_FLOOR, abs=1e-10)
    assert r[err.argmin()] == pytest.approx(1 / np.sqrt(2 * np.pi), abs=1e-5)


def test_claim4_at_the_papers_norm_is_the_floor_minus_the_gap():
    for k, eta in ((2, 0.0), (4, 0.1), (6, 0.3)):
        ck = abs(c_k(k))
        err = relu.claim4_error(1 / np.sqrt(2 * np.pi), ck, eta)
        assert err == pytest.approx(relu.CLAIM3_FLOOR - relu.claim4_gap(ck, eta), abs=1e-15)


@pytest.mark.parametrize(("k", "eta"), [(1, 0.0), (2, 0.1), (3, 0.0), (4, 0.25)])
def test_simulated_errors_match_claims_3_and_4(k, eta):
    rows = simulate(rng_for(11, "claims", k, eta), 6, k, eta, 300_000, [0.0, 0.4, 1.0], c_k(k))
    for row in rows:
        assert abs(row["empirical_err"] - row["analytic_err"]) < 4 * row["empirical_se"]


def test_simulation_distinguishes_claim_4_from_claim_3():
    """A test that could fail: at k = 2 the Claim 3 formula is far outside the noise."""
    rows = simulate(rng_for(12, "claims"), 6, 2, 0.0, 300_000, [0.4], c_k(2))
    w_s = next(r for r in rows if r["witness"] == "w_S")
    assert w_s["analytic_err"] < relu.claim3_error(0.4) - 0.05
    assert abs(w_s["empirical_err"] - relu.claim3_error(0.4)) > 20 * w_s["empirical_se"]
