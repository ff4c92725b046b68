"""The rivals' reference fit against a loop over its starts, and the rivals at their optimum."""

import numpy as np
import pytest
from relu_tradeoffs.approx import noise, rivals


@pytest.fixture(scope="module")
def data():
    inst = noise.make_instance(np.random.default_rng(0), 5, 0.35, 3, 0.1, 0.2)
    X, y = noise.sample(np.random.default_rng(1), 3000, inst, "leak", 0.3)
    return inst, X, y


def _loss(X, y, w):
    return float(np.mean((np.maximum(X @ w, 0) - y) ** 2))


def _gd(X, y, w, steps, lr):
    for _ in range(steps):
        p = X @ w
        slope = np.where(p > 0, 1.0, np.where(p == 0, 0.5, 0.0))
        w = w - lr * 2 * ((np.maximum(p, 0) - y) * slope) @ X / len(y)
        w = w / max(1.0, np.linalg.norm(w))
    return w


def test_reference_keeps_the_start_of_least_training_loss(data):
    """Starts: -w* (a dead ReLU on the planted half) and 0.5 w*; 3 random points of the ball.
    The reference must return the lowest-loss of the 5 runs, here not the first one."""
    inst, X, y = data
    starts = [-inst.w_star / 0.35, 0.5 * inst.w_star / 0.35]
    params = {"restarts": 3, "steps": 4, "lr": 0.5}
    got = rivals.reference(X, y, np.random.default_rng(9), starts, **params)
    rng = np.random.default_rng(9)
    g = rng.standard_normal((3, 5))
    radii = rng.random(3) ** (1 / 5)
    inits = starts + list(g / np.linalg.norm(g, axis=1, keepdims=True) * radii[:, None])
    fits = [_gd(X, y, np.asarray(w0, float), 4, 0.5) for w0 in inits]
    losses = [_loss(X, y, w) for w in fits]
    assert max(losses) - min(losses) > 1e-3  # the runs end apart: the worst one is detectable
    np.testing.assert_allclose(got, fits[int(np.argmin(losses))], rtol=0, atol=1e-12)


def test_gd_is_projected_gradient_descent_from_zero(data):
    """From w = 0 every ReLU'(0) = 1/2 convention matters for the first step."""
    _, X, y = data
    got = rivals.gd(X, y, None, steps=25, lr=0.4)
    np.testing.assert_allclose(got, _gd(X, y, np.zeros(5), 25, 0.4), rtol=0, atol=1e-12)
    assert np.linalg.norm(got) > 0.1


def test_glmtron_is_its_update_from_zero(data):
    _, X, y = data
    w = np.zeros(5)
    for _ in range(12):
        w = w + 0.8 * (y - np.maximum(X @ w, 0)) @ X / len(y)
        w = w / max(1.0, np.linalg.norm(w))
    np.testing.assert_allclose(rivals.glmtron(X, y, None, steps=12, lr=0.8), w, rtol=0, atol=1e-12)


def test_ols_relu_and_surrogate_are_their_closed_forms(data):
    _, X, y = data
    ols = np.linalg.solve(X.T @ X, X.T @ y)
    np.testing.assert_allclose(
        rivals.ols_relu(X, y, None), ols / max(1, np.linalg.norm(ols)), atol=1e-12
    )
    sur = 2 * X.T @ y / len(y)
    np.testing.assert_allclose(
        rivals.surrogate(X, y, None), sur / max(1, np.linalg.norm(sur)), atol=1e-14
    )


def test_project_ball_keeps_inside_and_scales_outside():
    np.testing.assert_array_equal(rivals.project_ball(np.array([0.3, 0.4])), [0.3, 0.4])
    np.testing.assert_allclose(rivals.project_ball(np.array([3.0, 4.0])), [0.6, 0.8], atol=1e-15)
    np.testing.assert_allclose(
        rivals.project_ball(np.array([3.0, 4.0]), 2.0), [1.2, 1.6], atol=1e-15
    )


@pytest.mark.parametrize(("batch", "per_epoch"), [(700, 4), (2000, 1)])
def test_surrogate_sgd_is_averaged_projected_sgd_on_the_surrogate(data, batch, per_epoch):
    """Minibatches of a fresh permutation per epoch (the last partial batch dropped, at least one
    batch), step lr / sqrt(1 + t / steps_per_epoch), running average of the iterates."""
    _, X, y = data
    got = rivals.surrogate_sgd(X, y, np.random.default_rng(5), epochs=2, batch=batch, lr=0.3)
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
    np.testing.assert_allclose(got, avg, rtol=0, atol=1e-14)  # achieved 0
