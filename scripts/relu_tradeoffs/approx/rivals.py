"""Rivals of Algorithm 2 that fit ReLU_w (||w|| <= 1) to the real-valued labels directly.

Every function is ``fit(X, y, rng, **params) -> w`` with ||w|| <= 1. Gradients use the
convention ReLU'(0) = 1/2, so plain gradient descent can leave w = 0.
"""

import numpy as np

from relu_tradeoffs.relu import relu


def project_ball(w, radius=1.0):
    norm = np.linalg.norm(w)
    return w if norm <= radius else w * (radius / norm)


def _relu_grad_mask(p):
    """ReLU'(p) with ReLU'(0) = 1/2."""
    return np.where(p > 0, 1.0, np.where(p == 0, 0.5, 0.0))


def square_loss_gd(X, y, w0, steps, lr):
    """Projected full-batch gradient descent on mean (ReLU(w.x) - y)^2 from w0."""
    w = w0.copy()
    m = X.shape[0]
    for _ in range(steps):
        p = X @ w
        grad = 2.0 * ((relu(p) - y) * _relu_grad_mask(p)) @ X / m
        w = project_ball(w - lr * grad)
    return w


def gd(X, y, rng, steps, lr):
    """Gradient descent on the square loss from w = 0 (Frei, Cao, Gu 2020)."""
    return square_loss_gd(X, y, np.zeros(X.shape[1]), steps, lr)


def glmtron(X, y, rng, steps, lr):
    """GLMtron (Kakade, Kalai, Kanade, Shamir 2011): w += lr E[(y - ReLU(w.x)) x], projected.

    Under N(0, I) its fixed point solves E[ReLU(w.x) x] = w/2 = E[y x]: the surrogate's minimiser.
    """
    w = np.zeros(X.shape[1])
    m = X.shape[0]
    for _ in range(steps):
        w = project_ball(w + lr * ((y - relu(X @ w)) @ X) / m)
    return w


def surrogate(X, y, rng):
    """Minimiser of the convex surrogate of Diakonikolas, Goel, Karmalkar, Klivans,
    Soltanolkotabi (2020), L(w) = E[int_0^{w.x} (ReLU(s) - y) ds], over the unit ball.

    Under N(0, I): L(w) = E[ReLU(w.x)^2]/2 - w.E[y x] = ||w||^2/4 - w.E[y x], an isotropic
    quadratic, so the constrained minimiser is 2 E[y x] projected on the ball (closed form;
    the empirical mean stands in for E).
    """
    return project_ball(2.0 * (y @ X) / X.shape[0])


def surrogate_sgd(X, y, rng, epochs, batch, lr):
    """The same surrogate minimised by projected minibatch SGD (gradient (ReLU(w.x) - y) x).

    Step lr / sqrt(1 + t / steps_per_epoch), averaged iterates. It does not use the Gaussian
    closed form, so it checks that form (and would work for any marginal).
    """
    m, d = X.shape
    per_epoch = max(m // batch, 1)
    w, avg = np.zeros(d), np.zeros(d)
    t = 0
    for _ in range(epochs):
        order = rng.permutation(m)
        for j in range(per_epoch):
            idx = order[j * batch : (j + 1) * batch]
            xb = X[idx]
            grad = (relu(xb @ w) - y[idx]) @ xb / idx.size
            w = project_ball(w - lr / np.sqrt(1.0 + t / per_epoch) * grad)
            t += 1
            avg += (w - avg) / t
    return avg


def ols_relu(X, y, rng):
    """Least squares w = argmin ||X w - y||^2 (no intercept), projected, then used as ReLU_w.

    A naive baseline: under N(0, I) it estimates E[y x], which is w*/2 for a clean ReLU
    (Stein's lemma), so it under-shoots the norm by half.
    """
    return project_ball(np.linalg.lstsq(X, y, rcond=None)[0])


def reference(X, y, rng, starts, restarts, steps, lr):
    """A strong reference fit: projected GD on the square loss from each start in ``starts``
    and from ``restarts`` random points of the unit ball; the w of least training loss."""
    d = X.shape[1]
    g = rng.standard_normal((restarts, d))
    radii = rng.random(restarts) ** (1.0 / d)
    inits = list(starts) + list(g / np.linalg.norm(g, axis=1, keepdims=True) * radii[:, None])
    fits = [square_loss_gd(X, y, np.asarray(w0, dtype=float), steps, lr) for w0 in inits]
    losses = [np.mean((relu(X @ w) - y) ** 2) for w in fits]
    return fits[int(np.argmin(losses))]


METHODS = {
    "gd": gd,
    "glmtron": glmtron,
    "surrogate": surrogate,
    "surrogate_sgd": surrogate_sgd,
    "ols_relu": ols_relu,
}
