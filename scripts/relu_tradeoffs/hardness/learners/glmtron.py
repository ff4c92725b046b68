"""GLMtron (Kakade, Kanade, Shamir, Kalai 2011) for the ReLU, projected onto the unit ball.

w <- Proj(w + step_size * (1/m) sum_i (y_i - ReLU(w . x_i)) x_i), starting from w = 0: the
gradient of the square loss without the ReLU's derivative. Deterministic (``rng`` is unused).
All coordinates of a shard step together: P = X W^T, then G = (y - ReLU(P))^T X / m, masked.
"""

import numpy as np

from relu_tradeoffs.hardness.learners._common import (
    checkpoints,
    drop_mask,
    gradient_step,
    project_ball,
    relu_residual,
)


def fit_path(X, y, drop, rng, *, steps, step_size, trace_points=0):
    """Weights W (n, d), the traced iteration counts (T,) and the iterates there (T, n, d)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m, d = X.shape
    mask = drop_mask(d, drop)
    W = np.zeros_like(mask)
    trace_at = checkpoints(steps, trace_points)
    snapshots = []
    for t in range(steps + 1):
        if t in trace_at:
            snapshots.append(W.copy())
        if t == steps:
            break
        residual, _ = relu_residual(X, y, W)
        W = project_ball((W - gradient_step(X, residual, step_size / m)) * mask)
    return W, trace_at, np.array(snapshots).reshape(len(trace_at), *W.shape)


def fit(X, y, drop, rng, **params):
    return fit_path(X, y, drop, rng, **params)[0]
