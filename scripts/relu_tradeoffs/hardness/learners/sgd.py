"""Projected minibatch stochastic gradient descent on the square loss over the unit ball.

Every epoch visits the training set in a fresh random order, in minibatches of ``batch_size``;
the minibatch order is shared by all coordinates of a shard (one call of the core's
:func:`relu_tradeoffs.regression.loss_and_direction` per step, as in :mod:`gd`) and drawn after
the initial points, so it does not depend on the shard either. The step size decays as
step_size / sqrt(1 + t / steps_per_epoch). Each coordinate keeps the restart with the lowest
final training loss.
"""

import numpy as np

from relu_tradeoffs.hardness.learners._common import (
    best_restart,
    biased_start,
    checkpoints,
    drop_mask,
    random_init,
)
from relu_tradeoffs.regression import loss_and_direction, project


def fit_path(
    X,
    y,
    drop,
    rng,
    *,
    epochs,
    batch_size,
    step_size,
    restarts,
    init_norm,
    trace_points=0,
    bias=False,
):
    """Weights W (n, d), the traced step counts (T,) and the iterates there (T, n, d) (d + 1
    columns with ``bias``: rows [w, b], the bias starting at 0 and free, as in :mod:`gd`)."""
    m, d = X.shape
    mask = np.tile(drop_mask(d, drop), (restarts, 1))
    W = random_init(rng, d, drop, restarts, init_norm).reshape(len(mask), d)
    if bias:
        W, mask = biased_start(W, mask)
    W = project(W, "ball", bias)
    per_epoch = -(-m // batch_size)
    trace_at = checkpoints(epochs * per_epoch, trace_points)
    snapshots = []
    t = 0
    for _ in range(epochs):
        order = rng.permutation(m)
        for start in range(0, m, batch_size):
            if t in trace_at:
                snapshots.append(W.copy())
            rows = order[start : start + batch_size]
            _, G = loss_and_direction(X[rows], y[rows], W, bias=bias)
            W = project(W - step_size / np.sqrt(1.0 + t / per_epoch) * G * mask, "ball", bias)
            t += 1
    if t in trace_at:
        snapshots.append(W.copy())
    losses, _ = loss_and_direction(X, y, W, bias=bias)
    W, path = best_restart(W, losses, np.array(snapshots).reshape(-1, *W.shape), restarts)
    return W, trace_at, path


def fit(X, y, drop, rng, **params):
    return fit_path(X, y, drop, rng, **params)[0]
