"""GLMtron (Kakade, Kanade, Shamir, Kalai 2011) for the ReLU, projected onto the unit ball.

w <- Proj(w + step_size * (1/m) sum_i (y_i - ReLU(w . x_i)) x_i), starting from w = 0: the
gradient of the square loss without the ReLU's derivative. Deterministic (``rng`` is unused).
All coordinates of a shard step together in the core's
:func:`relu_tradeoffs.regression.projected_descent` (rule ``glmtron``), the dropped coordinate
masked.
"""

import numpy as np

from relu_tradeoffs.hardness.learners._common import checkpoints, drop_mask
from relu_tradeoffs.regression import projected_descent


def fit_path(X, y, drop, rng, *, steps, step_size, trace_points=0):
    """Weights W (n, d), the traced iteration counts (T,) and the iterates there (T, n, d)."""
    mask = drop_mask(X.shape[1], drop)
    trace_at = checkpoints(steps, trace_points)
    fit = projected_descent(
        X, y, np.zeros_like(mask), steps=steps, step_size=step_size, constraint="ball",
        rule="glmtron", mask=mask, trace_at=trace_at,
    )  # fmt: skip
    return fit.W, trace_at, fit.path


def fit(X, y, drop, rng, **params):
    return fit_path(X, y, drop, rng, **params)[0]
