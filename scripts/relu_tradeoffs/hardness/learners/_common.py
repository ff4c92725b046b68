"""Shared pieces of the batched ReLU learners: dropping masks, initialisation, traces, restarts.

A shard's problems S_j (the training set with coordinate j dropped) share one X. Dropping j is
a zero in column j of W, kept by zeroing that entry of every gradient and iterate; X itself is
never copied per coordinate. The loss, its gradient and the projection are the core's
(:mod:`relu_tradeoffs.regression`).
"""

import numpy as np


def drop_mask(d: int, drop) -> np.ndarray:
    """(n, d) float mask, 0 at (i, drop[i]) and 1 elsewhere."""
    drop = np.asarray(drop)
    if drop.ndim != 1 or np.any((drop < 0) | (drop >= d)):
        raise ValueError(f"drop must be a 1-d array of coordinates in [0, {d}), got {drop!r}")
    mask = np.ones((drop.size, d))
    mask[np.arange(drop.size), drop] = 0.0
    return mask


def random_init(rng, d: int, drop, restarts: int, norm: float) -> np.ndarray:
    """(restarts, n, d) starting points of norm ``norm`` with the dropped coordinate zero.

    One direction is drawn for every (restart, coordinate) of all d coordinates and the rows of
    ``drop`` are picked afterwards, so coordinate j starts at the same point whichever shard it
    is in (results do not depend on ``coords_per_job``).
    """
    G = rng.standard_normal((restarts, d, d))
    G[:, np.arange(d), np.arange(d)] = 0.0
    G = G[:, np.asarray(drop)]
    return norm * G / np.linalg.norm(G, axis=-1, keepdims=True)


def checkpoints(steps: int, points: int) -> np.ndarray:
    """``points`` roughly log-spaced step counts in [0, steps] (0 and the end included)."""
    if points <= 0:
        return np.zeros(0, dtype=int)
    grid = np.unique(np.round(np.geomspace(1, steps + 1, points)).astype(int) - 1)
    return np.union1d(grid, [0, steps])


def best_restart(W, losses, path, restarts: int):
    """Per coordinate, the restart of least training loss: its weights (n, d) and path (T, n, d).

    W (restarts * n, d), losses (restarts * n,) and path (T, restarts * n, d) hold restart r of
    coordinate i in row r * n + i.
    """
    n, d = len(W) // restarts, W.shape[1]
    pick, columns = np.argmin(losses.reshape(restarts, n), axis=0), np.arange(n)
    traced = path.reshape(len(path), restarts, n, d)[:, pick, columns]
    return W.reshape(restarts, n, d)[pick, columns], traced


def biased_start(W0, mask):
    """Starting points and masks of the biased learners: a bias column appended to each, the
    bias starting at 0 (so the random weights are those of the unbiased learner) and free."""
    column = np.ones((len(W0), 1))
    return np.hstack([W0, 0.0 * column]), np.hstack([mask, column])
