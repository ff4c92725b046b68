"""The two regimes: the class's floor and planted norm per regime, and the projection on the
class (the closest point of the unit sphere or ball, idempotent, zero rows left at zero)."""

import warnings

import numpy as np
import pytest
from relu_tradeoffs.approx import regimes
from relu_tradeoffs.approx.regimes import project


def test_opt_floor_is_the_paper_floor_on_the_sphere_and_zero_in_the_ball():
    """On the sphere every ReLU pays E[(z - 1)_+^2] against labels in [0, 1]; in the ball
    w = 0 fits all-zero labels exactly, so no floor above 0 holds."""
    assert regimes.opt_floor("paper") == regimes.paper_floor() == pytest.approx(0.0753, abs=5e-5)
    assert regimes.opt_floor("scaled") == 0.0


def test_planted_norm_is_one_on_the_sphere_and_the_configured_norm_in_the_ball():
    assert regimes.planted_norm("paper", 0.35) == 1.0
    norm = regimes.planted_norm("scaled", np.float32(0.25))
    assert norm == 0.25 and type(norm) is float


@pytest.mark.parametrize("regime", regimes.REGIMES)
def test_project_is_the_closest_point_of_the_class(regime):
    """Rows of norm 0.05 to 20: the result lies in the class, at the closed-form distance
    | ||w|| - 1 | (sphere) or max(||w|| - 1, 0) (ball), no farther than 2,000 random points of
    the class, and projecting again changes nothing."""
    rng = np.random.default_rng(0)
    W = rng.standard_normal((40, 3))
    W *= np.geomspace(0.05, 20.0, 40)[:, None] / np.linalg.norm(W, axis=1, keepdims=True)
    P = project(regime, W)
    norms, out = np.linalg.norm(W, axis=1), np.linalg.norm(P, axis=1)
    dist = np.linalg.norm(P - W, axis=1)
    if regime == "paper":
        np.testing.assert_allclose(out, 1.0, rtol=1e-14)
        np.testing.assert_allclose(dist, np.abs(norms - 1), atol=1e-13)
    else:
        assert np.all(out <= 1 + 1e-14)
        np.testing.assert_allclose(dist, np.maximum(norms - 1, 0), atol=1e-13)
        np.testing.assert_array_equal(P[norms <= 1], W[norms <= 1])  # inside: untouched
    C = rng.standard_normal((2000, 3))
    C /= np.linalg.norm(C, axis=1, keepdims=True)
    if regime == "scaled":
        C *= rng.random((2000, 1)) ** (1 / 3)
    others = np.linalg.norm(W[:, None, :] - C[None, :, :], axis=2).min(axis=1)
    assert np.all(dist <= others + 1e-12)
    np.testing.assert_allclose(project(regime, P), P, rtol=1e-15, atol=0)


@pytest.mark.parametrize("regime", regimes.REGIMES)
def test_project_leaves_a_zero_row_at_zero_without_dividing_by_it(regime):
    """A zero row has no direction: it stays exactly zero, with no division by zero (no
    RuntimeWarning) and no uninitialized scale (no UserWarning from numpy)."""
    W = np.array([[0.0, 0.0], [3.0, 4.0], [0.3, 0.4]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        P = project(regime, W)
    expected = [[0.0, 0.0], [0.6, 0.8], [0.6, 0.8] if regime == "paper" else [0.3, 0.4]]
    np.testing.assert_allclose(P, expected, rtol=1e-15, atol=0)
    assert project(regime, [0.0, 0.0]).shape == (1, 2)  # one vector is one row
