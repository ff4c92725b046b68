"""Shared pieces of the batched ReLU learners: dropping masks, the unit ball, initialisation.

A shard's problems S_j (the training set with coordinate j dropped) share one X. Dropping j is
a zero in column j of W, kept by zeroing that entry of every gradient and iterate; X itself is
never copied per coordinate.
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


def project_ball(W):
    """Euclidean projection of every row of W onto the unit ball (in place, returned)."""
    norms = np.linalg.norm(W, axis=-1, keepdims=True)
    W /= np.maximum(norms, 1.0)
    return W


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


def matmul(A, B):
    """A @ B, always through BLAS gemm.

    numpy sends a product with a single row or column to gemv, whose rounding differs from
    gemm's in the last bit; padding to two keeps a coordinate's numbers identical whether its
    shard holds one coordinate or many (results must not depend on coords_per_job).
    """
    if A.shape[0] == 1:
        return (np.vstack([A, np.zeros_like(A)]) @ B)[:1]
    if B.shape[1] == 1:
        return (A @ np.hstack([B, np.zeros_like(B)]))[:, :1]
    return A @ B


def relu_residual(X, y, W):
    """The residual ReLU(X W^T) - y and the ReLU's active set 1[X W^T > 0]: each (m, n)."""
    P = matmul(X, W.T)
    active = P > 0
    return np.where(active, P, 0.0) - y[:, None], active


def gradient_step(X, residual, scale):
    """scale * residual^T X, the (n, d) update direction of all coordinates at once."""
    return scale * matmul(residual.T, X)


def losses(residual) -> np.ndarray:
    return np.einsum("ij,ij->j", residual, residual) / residual.shape[0]


def checkpoints(steps: int, points: int) -> np.ndarray:
    """``points`` roughly log-spaced step counts in [0, steps] (0 and the end included)."""
    if points <= 0:
        return np.zeros(0, dtype=int)
    grid = np.unique(np.round(np.geomspace(1, steps + 1, points)).astype(int) - 1)
    return np.union1d(grid, [0, steps])


def best_restart(W_all, loss_all):
    """Per coordinate, the restart with the lowest training loss: W_all (R, n, d), loss (R, n)."""
    pick = np.argmin(loss_all, axis=0)
    return pick, W_all[pick, np.arange(W_all.shape[1])]
