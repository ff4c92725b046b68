"""Algorithm 2 (Goel, Karmalkar, Klivans 2019): threshold the labels, learn a halfspace.

S' = {(x, sign(y - alpha))} with sign(0) = -1 (a label equal to alpha counts as negative), a
halfspace learner returns a unit direction u, and the output is
- ``paper`` regime: u itself, the unit vector Theorem 5 returns;
- ``scaled`` regime (this project's extension, planted ||w*|| < 1): ReLU_{s u} with the
  one-dimensional least-squares s = <y, ReLU(X u)> / ||ReLU(X u)||^2 clipped to [0, 1]. The
  proof's bound err <= 2 opt + 2 ||w - w*||^2 still applies to ReLU_{s u}, since
  err(ReLU_{s u}) <= err(ReLU_{||w*|| u}).
The literal algorithm uses a homogeneous learner (``halfspace.HOMOGENEOUS``); the biased
learners are this project's extensions.
"""

import numpy as np

from relu_tradeoffs.approx.halfspace import LEARNERS
from relu_tradeoffs.relu import relu


def boolean_labels(y, alpha):
    """sign(y - alpha) with sign(0) = -1."""
    return np.where(y > alpha, 1.0, -1.0)


def fit_norm(X, y, u):
    """ReLU_{s u} with the least-squares s in [0, 1] for the fixed direction u."""
    p = relu(X @ u)
    denom = p @ p
    s = 0.0 if denom == 0 else float(np.clip((y @ p) / denom, 0.0, 1.0))
    return s * u


def fit(X, y, alpha, learner, rng, params, regime):
    """Algorithm 2 at threshold alpha with the named halfspace learner: the weight vector w."""
    labels = boolean_labels(y, alpha)
    if np.all(labels == labels[0]):
        raise ValueError(f"alpha = {alpha:g} leaves only one Boolean class; nothing to learn")
    u = LEARNERS[learner](X, labels, rng, **params)
    return u if regime == "paper" else fit_norm(X, y, u)


def min_class_size(y, alpha) -> int:
    labels = boolean_labels(y, alpha)
    return int(min((labels > 0).sum(), (labels < 0).sum()))


def validation_curve(X, y, alphas, learner, rng, params, regime, val_fraction, min_class):
    """Fit on the first (1 - val_fraction) of the sample at every alpha, score on the rest.

    Alphas leaving fewer than ``min_class`` examples in a Boolean class of the fit part are
    skipped (val_err NaN, w None). Returns a list of dicts (alpha, val_err, w).
    """
    n_fit = int(round(X.shape[0] * (1.0 - val_fraction)))
    Xf, yf, Xv, yv = X[:n_fit], y[:n_fit], X[n_fit:], y[n_fit:]
    curve = []
    for alpha in alphas:
        if min_class_size(yf, alpha) < min_class:
            curve.append({"alpha": alpha, "val_err": np.nan, "w": None})
            continue
        w = fit(Xf, yf, alpha, learner, rng, params, regime)
        curve.append({"alpha": alpha, "val_err": float(np.mean((relu(Xv @ w) - yv) ** 2)), "w": w})
    return curve


def best_alpha(curve) -> float:
    """The alpha of least validation error."""
    scored = [c for c in curve if c["w"] is not None]
    if not scored:
        raise ValueError("no alpha of the grid leaves both Boolean classes populated")
    return min(scored, key=lambda c: c["val_err"])["alpha"]
