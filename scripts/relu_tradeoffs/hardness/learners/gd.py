"""Projected full-batch gradient descent on the empirical square loss over the unit ball.

For all coordinates of a shard (and all restarts) one step is two matrix products:
P = X W^T, then G = (2/m) ((ReLU(P) - y) * 1[P > 0])^T X; the dropped coordinate's column of G
is masked to zero and every row is projected back onto the unit ball. Each coordinate keeps the
restart with the lowest final training loss.
"""

import numpy as np

from relu_tradeoffs.hardness.learners._common import (
    best_restart,
    checkpoints,
    drop_mask,
    gradient_step,
    losses,
    project_ball,
    random_init,
    relu_residual,
)


def fit_path(X, y, drop, rng, *, steps, step_size, restarts, init_norm, trace_points=0):
    """Weights W (n, d), the traced iteration counts (T,) and the iterates there (T, n, d)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m, d = X.shape
    n = len(drop)
    mask = np.tile(drop_mask(d, drop), (restarts, 1))
    W = random_init(rng, d, drop, restarts, init_norm).reshape(restarts * n, d)
    trace_at = checkpoints(steps, trace_points)
    snapshots = []
    for t in range(steps + 1):
        residual, active = relu_residual(X, y, W)
        if t in trace_at:
            snapshots.append(W.reshape(restarts, n, d).copy())
        if t == steps:
            break
        G = gradient_step(X, residual * active, 2.0 / m)
        W = project_ball((W - step_size * G) * mask)
    pick, W_best = best_restart(W.reshape(restarts, n, d), losses(residual).reshape(restarts, n))
    path = np.array([s[pick, np.arange(n)] for s in snapshots]).reshape(len(trace_at), n, d)
    return W_best, trace_at, path


def fit(X, y, drop, rng, **params):
    return fit_path(X, y, drop, rng, **params)[0]
