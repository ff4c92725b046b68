"""Rivals of Algorithm 2 that fit ReLU_w to the real-valued labels directly.

Every function is ``fit(X, y, rng, regime, **params) -> w`` with w in the regime's class: the
unit sphere (``paper``) or the unit ball (``scaled``), see :mod:`relu_tradeoffs.approx.regimes`.
Iterative methods project on the class after every step (the core's
:func:`relu_tradeoffs.regression.projected_descent`); closed forms are projected once. The core's
convention ReLU'(0) = 0 makes w = 0 a stationary point of plain gradient descent, so ``gd``
starts at a random point of the class; GLMtron moves from 0 (its update has no ReLU').
"""

import numpy as np

from relu_tradeoffs.approx.reference import random_starts
from relu_tradeoffs.approx.regimes import CONSTRAINT, project
from relu_tradeoffs.regression import loss_and_direction, projected_descent


def to_class(regime, w):
    return project(regime, w)[0]


def gd(X, y, rng, regime, steps, step_size):
    """Projected full-batch gradient descent on mean (ReLU(w.x) - y)^2 (Frei, Cao, Gu 2020),
    from a uniform random point of the class (a direction in the paper regime, a point of the
    ball in the scaled one: the reference's random start)."""
    start = random_starts(rng, regime, 1, X.shape[1])
    return _descend(X, y, start, regime, steps, step_size, "gd")


def glmtron(X, y, rng, regime, steps, step_size):
    """GLMtron (Kakade, Kalai, Kanade, Shamir 2011): w += step E[(y - ReLU(w.x)) x], projected,
    from w = 0.

    Under N(0, I) its fixed point solves E[ReLU(w.x) x] = w/2 = E[y x]: the surrogate's minimiser.
    """
    return _descend(X, y, np.zeros((1, X.shape[1])), regime, steps, step_size, "glmtron")


def _descend(X, y, start, regime, steps, step_size, rule):
    fit = projected_descent(
        X, y, start, steps=steps, step_size=step_size, constraint=CONSTRAINT[regime], rule=rule
    )
    return fit.W[0]


def surrogate(X, y, rng, regime):
    """Minimiser of the convex surrogate of Diakonikolas, Goel, Karmalkar, Klivans,
    Soltanolkotabi (2020), L(w) = E[int_0^{w.x} (ReLU(s) - y) ds], over the class.

    Under N(0, I): L(w) = E[ReLU(w.x)^2]/2 - w.E[y x] = ||w||^2/4 - w.E[y x], an isotropic
    quadratic, so the constrained minimiser over the ball or the sphere is 2 E[y x] projected
    (closed form; the empirical mean stands in for E).
    """
    return to_class(regime, 2.0 * (y @ X) / X.shape[0])


def surrogate_sgd(X, y, rng, regime, epochs, batch_size, step_size):
    """The same surrogate minimised by projected minibatch SGD (gradient (ReLU(w.x) - y) x: the
    core's ``glmtron`` direction).

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
            _, grad = loss_and_direction(X[idx], y[idx], w, "glmtron")
            w = to_class("scaled", w - step_size / np.sqrt(1.0 + t / per_epoch) * grad[0])
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
