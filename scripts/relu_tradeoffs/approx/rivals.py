"""Rivals of Algorithm 2 that fit ReLU_w to the real-valued labels directly.

Every function is ``fit(X, y, rng, regime, **params) -> w`` with w in the regime's class: the
unit sphere (``paper``) or the unit ball (``scaled``), see :mod:`relu_tradeoffs.approx.regimes`.
Iterative methods project on the class after every step; closed forms are projected once.
Gradients use the convention ReLU'(0) = 1/2, so plain gradient descent can leave w = 0.
"""

import numpy as np

from relu_tradeoffs.approx.regimes import project
from relu_tradeoffs.relu import relu


def to_class(regime, w):
    return project(regime, w)[0]


def _relu_grad_mask(p):
    """ReLU'(p) with ReLU'(0) = 1/2."""
    return np.where(p > 0, 1.0, np.where(p == 0, 0.5, 0.0))


def gd(X, y, rng, regime, steps, step_size):
    """Projected full-batch gradient descent on mean (ReLU(w.x) - y)^2 from w = 0 (Frei, Cao,
    Gu 2020)."""
    w = np.zeros(X.shape[1])
    m = X.shape[0]
    for _ in range(steps):
        p = X @ w
        grad = 2.0 * ((relu(p) - y) * _relu_grad_mask(p)) @ X / m
        w = to_class(regime, w - step_size * grad)
    return w


def glmtron(X, y, rng, regime, steps, step_size):
    """GLMtron (Kakade, Kalai, Kanade, Shamir 2011): w += step E[(y - ReLU(w.x)) x], projected.

    Under N(0, I) its fixed point solves E[ReLU(w.x) x] = w/2 = E[y x]: the surrogate's minimiser.
    """
    w = np.zeros(X.shape[1])
    m = X.shape[0]
    for _ in range(steps):
        w = to_class(regime, w + step_size * ((y - relu(X @ w)) @ X) / m)
    return w


def surrogate(X, y, rng, regime):
    """Minimiser of the convex surrogate of Diakonikolas, Goel, Karmalkar, Klivans,
    Soltanolkotabi (2020), L(w) = E[int_0^{w.x} (ReLU(s) - y) ds], over the class.

    Under N(0, I): L(w) = E[ReLU(w.x)^2]/2 - w.E[y x] = ||w||^2/4 - w.E[y x], an isotropic
    quadratic, so the constrained minimiser over the ball or the sphere is 2 E[y x] projected
    (closed form; the empirical mean stands in for E).
    """
    return to_class(regime, 2.0 * (y @ X) / X.shape[0])


def surrogate_sgd(X, y, rng, regime, epochs, batch_size, step_size):
    """The same surrogate minimised by projected minibatch SGD (gradient (ReLU(w.x) - y) x).

    Step step_size / sqrt(1 + t / steps_per_epoch), averaged iterates (projected at the end).
    It does not use the Gaussian closed form, so it checks that form.
    """
    m, d = X.shape
    per_epoch = max(m // batch_size, 1)
    w, avg = np.zeros(d), np.zeros(d)
    t = 0
    for _ in range(epochs):
        order = rng.permutation(m)
        for j in range(per_epoch):
            idx = order[j * batch_size : (j + 1) * batch_size]
            xb = X[idx]
            grad = (relu(xb @ w) - y[idx]) @ xb / idx.size
            w = to_class("scaled", w - step_size / np.sqrt(1.0 + t / per_epoch) * grad)
            t += 1
            avg += (w - avg) / t
    return to_class(regime, avg)


def ols_relu(X, y, rng, regime):
    """Least squares w = argmin ||X w - y||^2 (no intercept), projected, then used as ReLU_w.

    A naive baseline: under N(0, I) it estimates E[y x], which is w*/2 for a clean ReLU
    (Stein's lemma), so in the scaled regime it under-shoots the norm by half.
    """
    return to_class(regime, np.linalg.lstsq(X, y, rcond=None)[0])


METHODS = {
    "gd": gd,
    "glmtron": glmtron,
    "surrogate": surrogate,
    "surrogate_sgd": surrogate_sgd,
    "ols_relu": ols_relu,
}
