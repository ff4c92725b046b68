"""Projected full-batch gradient descent on the empirical square loss over the unit ball.

All coordinates of a shard and all restarts descend together: one row of W each, one call of the
core's :func:`relu_tradeoffs.regression.projected_descent` (its fused pass over row tiles keeps X
in the float32 it is stored in). The dropped coordinate's entry of every gradient is masked to
zero. Each coordinate keeps the restart with the lowest final training loss. With ``bias`` (the
biased case) the rows are [w, b], the bias starting at 0 and left free by the projection
(:mod:`relu_tradeoffs.regression`); W then has d + 1 columns.
"""

import numpy as np

from relu_tradeoffs.hardness.learners._common import (
    best_restart,
    biased_start,
    checkpoints,
    drop_mask,
    random_init,
)
from relu_tradeoffs.regression import projected_descent


def fit_path(X, y, drop, rng, *, steps, step_size, restarts, init_norm, trace_points=0, bias=False):
    """Weights W (n, d), the traced iteration counts (T,) and the iterates there (T, n, d)
    (d + 1 columns with ``bias``)."""
    d = X.shape[1]
    W0 = random_init(rng, d, drop, restarts, init_norm).reshape(restarts * len(drop), d)
    mask = np.tile(drop_mask(d, drop), (restarts, 1))
    if bias:
        W0, mask = biased_start(W0, mask)
    trace_at = checkpoints(steps, trace_points)
    fit = projected_descent(
        X, y, W0, steps=steps, step_size=step_size, constraint="ball",
        mask=mask, trace_at=trace_at, bias=bias,
    )  # fmt: skip
    W, path = best_restart(fit.W, fit.losses, fit.path, restarts)
    return W, trace_at, path


def fit(X, y, drop, rng, **params):
    return fit_path(X, y, drop, rng, **params)[0]
