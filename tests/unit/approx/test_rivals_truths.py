"""The reference fit against a loop over its starts, and the rivals against their definitions."""

import numpy as np
import pytest
from relu_tradeoffs.approx import noise, reference, rivals
from relu_tradeoffs.approx.regimes import project

REGIMES = ["paper", "scaled"]


@pytest.fixture(scope="module")
def data():
    inst = noise.make_instance(np.random.default_rng(0), 5, 0.35, 3, 0.1, 0.2)
    X, y = noise.sample(np.random.default_rng(1), 3000, inst, "leak", 0.3)
    return inst, X, y


def _loss(X, y, w):
    return float(np.mean((np.maximum(X @ w, 0) - y) ** 2))


def _to_class(regime, w):
    """The unit sphere (paper) or the unit ball (scaled), written out; zero stays zero."""
    norm = np.linalg.norm(w)
    if norm == 0:
        return w
    return w / norm if regime == "paper" else w / max(1.0, norm)


def _gd(X, y, w, regime, steps, step_size, slope_at_zero):
    """Projected gradient descent on the mean square loss, with ReLU'(0) = slope_at_zero."""
    for _ in range(steps):
        p = X @ w
        slope = np.where(p > 0, 1.0, np.where(p == 0, slope_at_zero, 0.0))
        w = _to_class(regime, w - step_size * 2 * ((np.maximum(p, 0) - y) * slope) @ X / len(y))
    return w


@pytest.mark.parametrize("regime", REGIMES)
def test_reference_keeps_the_start_of_least_training_loss(data, regime):
    """Starts: -u* (a dead ReLU on the planted half) and 0.5 u*; 3 random points of the class.
    The reference must return the lowest-loss of the 5 runs, here not the first one. With
    grad_tol 0 no start stops early, so each run is 4 plain projected steps."""
    inst, X, y = data
    starts = [-inst.u_star, 0.5 * inst.u_star]
    got, _ = reference.fit(
        X, y, starts, np.random.default_rng(9), regime, restarts=3, steps=4, step_size=0.5,
        grad_tol=0.0,
    )  # fmt: skip
    rng = np.random.default_rng(9)
    g = rng.standard_normal((3, 5))
    g /= np.linalg.norm(g, axis=1, keepdims=True)
    randoms = g if regime == "paper" else g * rng.random(3)[:, None] ** (1 / 5)
    inits = [_to_class(regime, np.asarray(w0, float)) for w0 in starts + list(randoms)]
    fits = [_gd(X, y, w0, regime, 4, 0.5, 0.0) for w0 in inits]
    losses = [_loss(X, y, w) for w in fits]
    assert max(losses) - min(losses) > 1e-3  # the runs end apart: the worst one is detectable
    assert int(np.argmin(losses)) != 0
    # The reference rounds its starts to 9 decimals to drop duplicates, so it ends within
    # 1.4e-10 (paper) and 2.8e-11 (scaled) of the loop's best fit; the other runs end >= 0.12 away.
    np.testing.assert_allclose(got, fits[int(np.argmin(losses))], rtol=0, atol=5e-10)


@pytest.mark.parametrize("regime", REGIMES)
def test_gd_is_projected_gradient_descent_from_a_random_point_of_the_class(data, regime):
    """gd starts where the reference's random start lands (ReLU'(0) = 0 makes w = 0 a
    stationary point: from there gd would not move) and takes plain projected steps."""
    _, X, y = data
    got = rivals.gd(X, y, np.random.default_rng(4), regime, steps=25, step_size=0.4)
    start = reference.random_starts(np.random.default_rng(4), regime, 1, 5)[0]
    expected = _gd(X, y, start, regime, 25, 0.4, 0.0)
    np.testing.assert_allclose(got, expected, rtol=0, atol=1e-12)
    assert _loss(X, y, got) < _loss(X, y, start) - 0.01
    np.testing.assert_array_equal(_gd(X, y, np.zeros(5), regime, 25, 0.4, 0.0), np.zeros(5))


@pytest.mark.parametrize("regime", REGIMES)
def test_glmtron_is_its_update_from_zero(data, regime):
    _, X, y = data
    w = np.zeros(5)
    for _ in range(12):
        w = _to_class(regime, w + 0.8 * (y - np.maximum(X @ w, 0)) @ X / len(y))
    got = rivals.glmtron(X, y, None, regime, steps=12, step_size=0.8)
    np.testing.assert_allclose(got, w, rtol=0, atol=1e-12)


@pytest.mark.parametrize("regime", REGIMES)
def test_ols_relu_and_surrogate_are_their_closed_forms(data, regime):
    _, X, y = data
    ols = np.linalg.solve(X.T @ X, X.T @ y)
    np.testing.assert_allclose(
        rivals.ols_relu(X, y, None, regime), _to_class(regime, ols), atol=1e-12
    )
    sur = 2 * X.T @ y / len(y)
    np.testing.assert_allclose(
        rivals.surrogate(X, y, None, regime), _to_class(regime, sur), atol=1e-14
    )


def test_project_takes_each_row_to_its_own_nearest_point_of_the_class():
    """Rows are projected one by one (not by the matrix's norm); a zero row has no direction
    and stays zero on the sphere and in the ball (no 0/0). The 2x2 cases of a single row are
    in test_reference.py."""
    W = np.array([[3.0, 4.0], [0.0, 0.0], [0.3, 0.4], [0.0, -2.0]])
    np.testing.assert_allclose(
        project("paper", W), [[0.6, 0.8], [0.0, 0.0], [0.6, 0.8], [0.0, -1.0]], atol=1e-15
    )
    np.testing.assert_allclose(
        project("scaled", W), [[0.6, 0.8], [0.0, 0.0], [0.3, 0.4], [0.0, -1.0]], atol=1e-15
    )
    np.testing.assert_array_equal(project("scaled", np.array([0.3, 0.4])), [[0.3, 0.4]])


@pytest.mark.parametrize("regime", REGIMES)
@pytest.mark.parametrize(("batch", "per_epoch"), [(700, 4), (2000, 1)])
def test_surrogate_sgd_is_averaged_projected_sgd_on_the_surrogate(data, batch, per_epoch, regime):
    """Minibatches of a fresh permutation per epoch (the last partial batch dropped, at least one
    batch), step step_size / sqrt(1 + t / steps_per_epoch), running average of the iterates.
    The iterates stay in the ball in both regimes; the average is projected on the class."""
    _, X, y = data
    got = rivals.surrogate_sgd(
        X, y, np.random.default_rng(5), regime, epochs=2, batch_size=batch, step_size=0.3
    )
    rng = np.random.default_rng(5)
    w, avg, t = np.zeros(5), np.zeros(5), 0
    for _ in range(2):
        order = rng.permutation(3000)
        for j in range(per_epoch):  # 3000 // batch full batches
            idx = order[j * batch : (j + 1) * batch]
            grad = (np.maximum(X[idx] @ w, 0) - y[idx]) @ X[idx] / len(idx)
            w = w - 0.3 / np.sqrt(1 + t / per_epoch) * grad
            w = w / max(1.0, np.linalg.norm(w))
            t += 1
            avg = avg + (w - avg) / t
    np.testing.assert_allclose(got, _to_class(regime, avg), rtol=0, atol=1e-14)  # achieved 0
