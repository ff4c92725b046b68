"""One ReLU regression: the square loss of ReLU_w and its gradient, the projection on the class,
and the one projected iteration that fits it, batched over a stack of weight vectors.

In the spirit of scikit-learn's ``LinearModelLoss`` (one loss and gradient, many optimisers):
the hardness learners (one row per dropped coordinate and restart), the approx rivals (one row)
and the honest-opt reference (one row per start) all call :func:`projected_descent`.

Convention: ReLU'(0) = 0, so the gradient of L(w) = E[(ReLU(w.x) - y)^2] is
2 E[(ReLU(w.x) - y) 1[w.x > 0] x]. Why 0: for w != 0 under Gaussian marginals w.x = 0 has
probability zero, so the convention only decides what happens at w = 0 (and on hand-made
points); 0 is the derivative the autodiff libraries use and makes every returned gradient the
gradient of the loss wherever it is differentiable. Its price: at w = 0 the gradient vanishes,
so plain GD must not start at the origin (callers start at random points of the class). Any
other value would turn GD's first step from 0 into a disguised GLMtron step.

Bias (``bias=True``; the biased case, beyond the paper): each row of W holds [w, b] (d + 1
entries) for the hypothesis ReLU(w.x + b), the loss and direction are those of [w, b] on [x, 1]
(the bias's entry of the gradient is 2 E[(ReLU(w.x + b) - y) 1[w.x + b > 0]]), and the
projection constrains w only (||w|| <= 1 as in the paper's class, the bias free, as in
relu_tradeoffs.theory.biased_gap's witnesses). Without it every number is as before, bit for bit.

Memory: X stays in the dtype it comes in (a float32 memory map is never copied); every pass runs
over row tiles of TILE_ROWS rows cast to float64, so beyond X it holds O(TILE_ROWS x rows of W)
and the arithmetic is float64 whatever X's dtype.
"""

from collections import namedtuple

import numpy as np

CONSTRAINTS = ("ball", "sphere")
RULES = ("gd", "glmtron")

# Rows per tile: the tile's float64 copy of X and its (rows, n) residual stay in cache. Fixed, so
# the order of the sums (hence every bit of the result) never depends on how X was chunked.
TILE_ROWS = 2048

Descent = namedtuple("Descent", "W losses mapping path")
Descent.__doc__ = """Final weights (n, d), their losses (n,), the length of each row's last
projected step (n,): ||w - P(w - s g)|| / s, the gradient mapping for rule gd, and the traced
iterates (T, n, d)."""


def project(W, constraint, bias=False):
    """Every row of W projected on the unit ball or the unit sphere (a new float array); with
    ``bias`` the last column (the bias) is left free and only the weights are projected.

    A zero row has no direction: on the sphere it stays zero (callers never start there).
    """
    if constraint not in CONSTRAINTS:
        raise ValueError(f"constraint must be one of {CONSTRAINTS}, got {constraint!r}")
    if bias:
        W = np.array(W, dtype=float)
        W[..., :-1] = project(W[..., :-1], constraint)
        return W
    W = np.array(W, dtype=float)
    norms = np.linalg.norm(W, axis=-1, keepdims=True)
    positive = norms > 0
    if constraint == "sphere":
        scale = np.divide(1.0, norms, out=np.zeros_like(norms), where=positive)
    else:
        scale = np.divide(1.0, np.maximum(norms, 1.0), out=np.ones_like(norms), where=positive)
    return W * scale


def matmul(A, B):
    """A @ B, always through BLAS gemm.

    numpy sends a product with a single row or column to gemv, whose rounding differs from
    gemm's in the last bit; padding to two keeps a row's numbers identical whether it is fitted
    alone or in a stack (hardness results must not depend on coords_per_job).
    """
    if A.shape[0] == 1:
        return (np.vstack([A, np.zeros_like(A)]) @ B)[:1]
    if B.shape[1] == 1:
        return (A @ np.hstack([B, np.zeros_like(B)]))[:, :1]
    return A @ B


def loss_and_direction(X, y, W, rule="gd", bias=False):
    """Mean square loss of every row w of W on (X, y), and each row's descent direction.

    rule ``gd``: the gradient 2 E[(ReLU(w.x) - y) 1[w.x > 0] x] (ReLU'(0) = 0);
    rule ``glmtron``: E[(ReLU(w.x) - y) x], the gradient without the ReLU's derivative (GLMtron's
    update, and the gradient of the convex surrogate of Diakonikolas et al. 2020).
    One fused pass over row tiles: per tile P = X W^T, ReLU in place, the loss, the mask, R^T X.
    With ``bias`` the rows are [w, b] and the last entry of each direction is the bias's.
    Returns losses (n,) and directions (n, d) ((n, d + 1) with ``bias``).
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}")
    W = np.atleast_2d(np.asarray(W, dtype=float))
    m = X.shape[0]
    losses, direction = np.zeros(len(W)), np.zeros_like(W)
    for start in range(0, m, TILE_ROWS):
        Xt = np.asarray(X[start : start + TILE_ROWS], dtype=float)
        if bias:
            Xt = np.hstack([Xt, np.ones((len(Xt), 1))])  # [x, 1]: the tile only, never X
        R = matmul(Xt, W.T)
        np.maximum(R, 0.0, out=R)
        active = R > 0  # ReLU(p) > 0 exactly where p > 0
        R -= np.asarray(y[start : start + TILE_ROWS], dtype=float)[:, None]
        losses += np.einsum("ij,ij->j", R, R)
        if rule == "gd":
            R *= active
        direction += matmul(R.T, Xt)
    return losses / m, direction * ((2.0 if rule == "gd" else 1.0) / m)


def projected_descent(
    X,
    y,
    W,
    *,
    steps,
    step_size,
    constraint,
    rule="gd",
    mask=None,
    grad_tol=0.0,
    trace_at=(),
    bias=False,
):
    """Projected iteration w <- P(w - step_size * direction(w)) of every row of W at once.

    ``rule`` picks the direction (:func:`loss_and_direction`): ``gd`` is projected gradient
    descent, ``glmtron`` is GLMtron (Kakade, Kanade, Shamir, Kalai 2011). ``mask`` (n, d)
    multiplies each row's direction (a hardness learner's dropped coordinate stays zero). A row
    stops once its step ||w - w_next|| / step_size is at most ``grad_tol``; at 0 only a row at
    an exact fixed point stops, where continuing would change nothing. ``trace_at`` lists the
    iteration counts in [0, steps] whose iterates are returned. With ``bias`` the rows are
    [w, b] (the module's docstring). Returns a :class:`Descent`.
    """
    W = project(np.atleast_2d(W), constraint, bias)
    mask = np.ones_like(W) if mask is None else np.asarray(mask, dtype=float)
    trace_at, path = set(int(t) for t in trace_at), []
    moving = np.ones(len(W), dtype=bool)
    for t in range(steps):
        if t in trace_at:
            path.append(W.copy())
        if not moving.any():
            break
        _, direction = loss_and_direction(X, y, W[moving], rule, bias)
        W[moving], step = _projected_step(
            W[moving], direction * mask[moving], step_size, constraint, bias
        )
        moving[moving] = step > grad_tol
    path += [W.copy() for _ in range(len(trace_at) - len(path))]
    losses, direction = loss_and_direction(X, y, W, rule, bias)
    _, mapping = _projected_step(W, direction * mask, step_size, constraint, bias)
    return Descent(W, losses, mapping, np.array(path).reshape(len(path), *W.shape))


def _projected_step(W, direction, step_size, constraint, bias=False):
    """P(W - step_size * direction) and each row's step length divided by step_size."""
    W_next = project(W - step_size * direction, constraint, bias)
    return W_next, np.linalg.norm(W - W_next, axis=1) / step_size
