"""Projected minibatch stochastic gradient descent on the square loss over the unit ball.

Every epoch visits the training set in a fresh random order, in minibatches of ``batch_size``;
the minibatch order is shared by all coordinates of a shard (one matrix product per step, as in
:mod:`gd`) and drawn after the initial points, so it does not depend on the shard either. The
step size decays as step_size / sqrt(1 + t / steps_per_epoch). Each coordinate keeps the restart
with the lowest final training loss.
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


def fit_path(
    X, y, drop, rng, *, epochs, batch_size, step_size, restarts, init_norm, trace_points=0
):
    """Weights W (n, d), the traced step counts (T,) and the iterates there (T, n, d)."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m, d = X.shape
    n = len(drop)
    mask = np.tile(drop_mask(d, drop), (restarts, 1))
    W = random_init(rng, d, drop, restarts, init_norm).reshape(restarts * n, d)
    per_epoch = -(-m // batch_size)
    trace_at = checkpoints(epochs * per_epoch, trace_points)
    snapshots = []
    t = 0
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            if t in trace_at:
                snapshots.append(W.reshape(restarts, n, d).copy())
            rows = order[start : start + batch_size]
            residual, active = relu_residual(X[rows], y[rows], W)
            G = gradient_step(X[rows], residual * active, 2.0 / rows.size)
            W = project_ball((W - step_size / np.sqrt(1.0 + t / per_epoch) * G) * mask)
            t += 1
    if t in trace_at:
        snapshots.append(W.reshape(restarts, n, d).copy())
    residual, _ = relu_residual(X, y, W)
    pick, W_best = best_restart(W.reshape(restarts, n, d), losses(residual).reshape(restarts, n))
    path = np.array([s[pick, np.arange(n)] for s in snapshots]).reshape(len(trace_at), n, d)
    return W_best, trace_at, path


def fit(X, y, drop, rng, **params):
    return fit_path(X, y, drop, rng, **params)[0]
