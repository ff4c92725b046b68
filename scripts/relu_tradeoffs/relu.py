"""ReLU hypotheses, batched square losses and the analytic errors of Claims 3 and 4."""

import numpy as np

INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)
CLAIM3_FLOOR = 0.5 - 1.0 / (4.0 * np.pi)


def relu(a):
    return np.maximum(a, 0.0)


def predict(X, W):
    """ReLU_w(x) for every row x of X and every row w of W: shape (m, n_hyp)."""
    return relu(X @ np.atleast_2d(W).T)


def affine_inputs(X):
    """[x, 1] for every row x of X (X's float dtype): a biased ReLU's row [w, b] evaluated on it
    by :func:`predict` is ReLU(w.x + b)."""
    X = np.asarray(X)
    return np.hstack([X, np.ones((len(X), 1), dtype=X.dtype if X.dtype.kind == "f" else float)])


def square_loss(X, y, W):
    """Mean square loss of every hypothesis (row of W) on (X, y): shape (n_hyp,)."""
    residual = predict(X, W) - np.asarray(y, dtype=float)[:, None]
    return np.einsum("ij,ij->j", residual, residual) / X.shape[0]


def claim3_error(norm):
    """err(ReLU_w) when the labels are independent of x with mean 1/2 (j in S): any w of that norm."""
    r = np.asarray(norm, dtype=float)
    return r**2 / 2 - r * INV_SQRT_2PI + 0.5


def claim4_error(norm, c_k, eta):
    """err(ReLU_w) of w = r sum_{i in S} e_i / sqrt(k) on the lifted k-SLPN (j not in S)."""
    r = np.asarray(norm, dtype=float)
    return r**2 / 2 - r * (INV_SQRT_2PI + (1 - 2 * eta) * c_k) + 0.5


def claim4_gap(c_k, eta):
    """How far the best witness of norm 1/sqrt(2 pi) lies below the Claim 3 floor."""
    return (1 - 2 * eta) * abs(c_k) * INV_SQRT_2PI
