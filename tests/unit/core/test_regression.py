"""The one ReLU-regression core against independent computations: the loss and its gradient
example by example (ReLU'(0) = 0) and by central differences, GLMtron's direction, the
projections against their closed-form distances, projected GD and GLMtron converging to w* on
realizable data, and the batch (rows, tiles, dtype of X, traces) changing nothing."""

import math

import numpy as np
import pytest
from relu_oracle import slow_loss_grad
from relu_tradeoffs import regression
from relu_tradeoffs.regression import loss_and_direction, project, projected_descent


def test_gradient_matches_a_loop_with_relu_prime_zero_at_zero():
    """w = (0, 1) puts the first point exactly on the kink: it adds nothing to the gradient
    (ReLU'(0) = 0), though its residual 0 - 1 does count in the loss."""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])
    y = np.array([1.0, 0.5, 0.25])
    losses, G = loss_and_direction(X, y, np.array([[0.0, 1.0], [1.0, 0.5]]))
    # w = (0, 1): w.x = 0, 1, -1; residuals -1, 0.5, -0.25; gradient 2 * 0.5 * (0, 1) / 3
    assert losses[0] == pytest.approx((1.0 + 0.25 + 0.0625) / 3, rel=1e-15)
    np.testing.assert_allclose(G[0], [0.0, 1.0 / 3.0], rtol=1e-15, atol=1e-17)
    assert not np.allclose(G[0], slow_loss_grad(X, y, [0.0, 1.0], slope_at_zero=0.5)[1])
    loss, grad = slow_loss_grad(X, y, np.array([1.0, 0.5]))
    assert losses[1] == pytest.approx(loss, rel=1e-14)
    np.testing.assert_allclose(G[1], grad, rtol=1e-14)


def test_gradient_at_zero_vanishes_and_glmtron_s_does_not():
    """At w = 0 every point is on the kink: the gradient is 0 (plain GD cannot leave the
    origin), GLMtron's direction is -E[y x]."""
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((40, 3)), rng.random(40)
    losses, G = loss_and_direction(X, y, np.zeros(3))
    np.testing.assert_array_equal(G, np.zeros((1, 3)))
    assert losses[0] == pytest.approx(np.mean(y**2), rel=1e-14)
    _, D = loss_and_direction(X, y, np.zeros(3), "glmtron")
    np.testing.assert_allclose(D[0], -(y @ X) / 40, rtol=1e-13)


def test_gradient_is_the_derivative_of_the_loss():
    """Away from the kinks the gradient is the loss's derivative: central differences."""
    rng = np.random.default_rng(1)
    X, w = rng.standard_normal((50, 3)), rng.standard_normal(3)
    y = np.maximum(X @ rng.standard_normal(3), 0) + 0.1 * rng.standard_normal(50)
    _, G = loss_and_direction(X, y, w)
    h = 1e-6
    for j in range(3):
        e = np.eye(3)[j] * h
        plus, minus = loss_and_direction(X, y, np.array([w + e, w - e]))[0]
        assert G[0, j] == pytest.approx((plus - minus) / (2 * h), rel=1e-6, abs=1e-9)


def test_glmtron_direction_is_the_gradient_without_the_relu_derivative():
    rng = np.random.default_rng(2)
    X, y, w = rng.standard_normal((60, 4)), rng.random(60), rng.standard_normal(4)
    losses, D = loss_and_direction(X, y, w, "glmtron")
    loss, direction = slow_loss_grad(X, y, w, derivative=False)
    assert losses[0] == pytest.approx(loss, rel=1e-14)
    np.testing.assert_allclose(D[0], direction, rtol=1e-13)


@pytest.mark.parametrize("constraint", ["ball", "sphere"])
def test_projection_is_the_nearest_point_at_its_closed_form_distance(constraint):
    """dist(w, ball) = max(||w|| - 1, 0), dist(w, sphere) = | ||w|| - 1 |, reached at P(w); no
    point of a 20,000-point sample of the class is nearer; P is idempotent; 0 stays 0."""
    rng = np.random.default_rng(3)
    W = rng.standard_normal((30, 3)) * rng.choice([0.2, 0.9, 3.0], size=(30, 1))
    P = project(W, constraint)
    norms = np.linalg.norm(W, axis=1)
    closed = np.maximum(norms - 1, 0) if constraint == "ball" else np.abs(norms - 1)
    np.testing.assert_allclose(np.linalg.norm(W - P, axis=1), closed, rtol=1e-12, atol=1e-15)
    sample = rng.standard_normal((20_000, 3))
    sample /= np.linalg.norm(sample, axis=1, keepdims=True)
    if constraint == "ball":
        sample *= rng.random((20_000, 1)) ** (1 / 3)
    nearest = np.min(np.linalg.norm(W[:, None] - sample[None], axis=2), axis=1)
    assert np.all(closed <= nearest + 1e-12)
    np.testing.assert_allclose(project(P, constraint), P, rtol=1e-15)
    np.testing.assert_array_equal(project(np.zeros((1, 3)), constraint), np.zeros((1, 3)))
    with pytest.raises(ValueError, match=r"^constraint must be one of \('ball', 'sphere'\), "):
        project(W, "cube")


def realizable(norm, m=3000, d=5, seed=4):
    rng = np.random.default_rng(seed)
    w_star = rng.standard_normal(d)
    w_star *= norm / np.linalg.norm(w_star)
    X = rng.standard_normal((m, d))
    return X, np.maximum(X @ w_star, 0), w_star


@pytest.mark.parametrize(("rule", "constraint", "norm"), [
    ("gd", "ball", 0.6), ("gd", "sphere", 1.0), ("glmtron", "ball", 0.6),
    ("glmtron", "sphere", 1.0),
])  # fmt: skip
def test_descent_reaches_w_star_on_realizable_data(rule, constraint, norm):
    """Clean labels ReLU(w*.x), w* in the class: w* is the unique minimiser (loss 0) and a
    fixed point of both rules. From random starts (three, and GLMtron also from 0) every row
    ends within 1e-6 of w* with loss below 1e-12 and a gradient mapping below 1e-6."""
    X, y, w_star = realizable(norm)
    starts = project(np.random.default_rng(5).standard_normal((3, 5)), constraint)
    if rule == "glmtron":
        starts = np.vstack([starts, np.zeros(5)])
    fit = projected_descent(
        X, y, starts, steps=400, step_size=0.8, constraint=constraint, rule=rule
    )
    np.testing.assert_allclose(fit.W, np.tile(w_star, (len(starts), 1)), atol=1e-6)
    assert np.all(fit.losses < 1e-12) and np.all(fit.mapping < 1e-6)
    assert np.all(loss_and_direction(X, y, starts)[0] > 0.05)  # the starts were far


def test_gd_is_one_projected_gradient_step_at_a_time():
    """steps = 2 from a start off the class: w1 = P(P(s) - eta g(P(s))), w2 likewise, the
    traced iterates at 0, 1, 2, the losses at w2 and the gradient mapping there."""
    X, y, _ = realizable(0.6, m=200, d=3)
    y = y + 0.1 * np.random.default_rng(6).standard_normal(200)
    s = np.array([1.2, -1.6, 0.3])
    w = [s / np.linalg.norm(s)]
    for _ in range(2):
        g = slow_loss_grad(X, y, w[-1])[1]
        v = w[-1] - 0.5 * g
        w.append(v / max(1.0, np.linalg.norm(v)))
    fit = projected_descent(X, y, s, steps=2, step_size=0.5, constraint="ball", trace_at=[0, 1, 2])
    np.testing.assert_allclose(fit.path[:, 0], w, rtol=1e-12)
    np.testing.assert_allclose(fit.W[0], w[2], rtol=1e-12)
    loss, g = slow_loss_grad(X, y, w[2])
    assert fit.losses[0] == pytest.approx(loss, rel=1e-12)
    v = w[2] - 0.5 * g
    assert fit.mapping[0] == pytest.approx(math.dist(w[2], v / max(1, np.linalg.norm(v))) / 0.5)


def test_a_stack_is_its_rows_one_by_one_and_the_mask_holds():
    """Five rows, two coordinates masked, grad_tol stopping rows at different steps: each row
    of the stack ends where it ends alone, its masked coordinate exactly zero."""
    X, y, _ = realizable(0.6, m=500, d=4)
    y = np.clip(y + 0.2 * np.random.default_rng(7).standard_normal(500), 0, 1)
    starts = project(np.random.default_rng(8).standard_normal((5, 4)), "ball")
    mask = np.ones((5, 4))
    mask[1, 2] = mask[3, 0] = 0.0
    starts *= mask
    kw = {"steps": 80, "step_size": 0.5, "constraint": "ball", "grad_tol": 1e-3}
    fit = projected_descent(X, y, starts, mask=mask, trace_at=[0, 40, 80], **kw)
    for i in range(5):
        alone = projected_descent(X, y, starts[i], mask=mask[i : i + 1], trace_at=[0, 40, 80], **kw)
        np.testing.assert_allclose(fit.W[i], alone.W[0], rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(fit.path[:, i], alone.path[:, 0], rtol=1e-13, atol=1e-15)
        assert fit.losses[i] == pytest.approx(alone.losses[0], rel=1e-13)
    assert fit.W[1, 2] == 0.0 and fit.W[3, 0] == 0.0
    assert len({round(float(x), 6) for x in fit.mapping}) > 1


def test_float32_x_and_its_tiles_change_nothing():
    """X held in float32 gives exactly the numbers of its float64 copy (tiles are cast, never
    X); a sample of 2.5 tiles matches one product over all rows to rounding."""
    rng = np.random.default_rng(9)
    m = int(2.5 * regression.TILE_ROWS)
    X32 = rng.standard_normal((m, 6)).astype(np.float32)
    y32 = rng.random(m).astype(np.float32)
    W = rng.standard_normal((4, 6)) * 0.3
    l32, g32 = loss_and_direction(X32, y32, W)
    l64, g64 = loss_and_direction(X32.astype(float), y32.astype(float), W)
    np.testing.assert_array_equal(l32, l64)
    np.testing.assert_array_equal(g32, g64)
    X, y = X32.astype(float), y32.astype(float)
    P = X @ W.T
    R = np.maximum(P, 0) - y[:, None]
    np.testing.assert_allclose(l64, np.mean(R**2, axis=0), rtol=1e-12)
    np.testing.assert_allclose(g64, 2 * (R * (P > 0)).T @ X / m, rtol=1e-11)


def test_an_unknown_rule_is_named():
    with pytest.raises(
        ValueError, match=r"^rule must be one of \('gd', 'glmtron'\), got 'newton'$"
    ):
        loss_and_direction(np.ones((2, 2)), np.ones(2), np.ones(2), "newton")


def test_every_relu_fitter_of_the_house_runs_on_the_core_s_one_pass(monkeypatch):
    """The hardness learners (gd, sgd, glmtron), the approx rivals (gd, glmtron, surrogate_sgd)
    and the honest-opt reference each compute their steps with the core's loss_and_direction:
    none keeps a gradient of its own."""
    from relu_tradeoffs.approx import reference, rivals
    from relu_tradeoffs.hardness.learners import get, sgd

    calls = []
    real = regression.loss_and_direction

    def spy(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    for module in (regression, sgd, rivals):
        monkeypatch.setattr(module, "loss_and_direction", spy)
    X, y, _ = realizable(0.6, m=300, d=4)
    rng = np.random.default_rng(0)
    settings = {
        "gd": {"steps": 2, "step_size": 0.5, "restarts": 1, "init_norm": 0.4},
        "sgd": {"epochs": 1, "batch_size": 150, "step_size": 0.5, "restarts": 1, "init_norm": 0.4},
        "glmtron": {"steps": 2, "step_size": 0.5},
    }
    fitters = [lambda n=n, p=p: get(n).fit(X, y, [0, 1], rng, **p) for n, p in settings.items()]
    fitters += [
        lambda: rivals.gd(X, y, rng, "scaled", steps=2, step_size=0.5),
        lambda: rivals.glmtron(X, y, rng, "paper", steps=2, step_size=0.5),
        lambda: rivals.surrogate_sgd(X, y, rng, "scaled", epochs=1, batch_size=150, step_size=0.5),
        lambda: reference.descend(X, y, np.eye(4)[:2], "paper", 2, 0.5, 0.0),
    ]
    for fit in fitters:
        calls.clear()
        fit()
        assert len(calls) >= 2
