"""The hardness learners behind one interface, and their registry.

Every learner fits many coordinate-dropped problems S_j at once:
``fit(X, y, drop, rng, **params) -> W`` with W[i] the hypothesis for dropping drop[i], exactly
zero on that coordinate. Proper learners return ReLU weight vectors (||W[i]|| <= 1) evaluated by
relu_tradeoffs.relu.predict; the improper ``lowdeg`` returns polynomial coefficients evaluated by
its own ``predict``. Iterative learners also have ``fit_path`` (same arguments) returning
(W, traced iteration counts, iterates there) so their loss trajectory can be scored.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from relu_tradeoffs.hardness.learners import exhaustive, gd, glmtron, lowdeg, sgd
from relu_tradeoffs.relu import predict as relu_predict


@dataclass(frozen=True)
class Learner:
    name: str
    fit: Callable
    predict: Callable  # predict(X, W, **params) -> (m, n) predictions
    proper: bool  # True: W holds ReLU weight vectors in the unit ball
    needs_k: bool = False  # fit also takes the sparsity k of the instance
    fit_path: Callable | None = None

    def losses(self, X, y, W, params, chunk_rows=8192):
        """Mean square loss of every hypothesis (rows of W, any leading shape) on (X, y).

        Rows are taken in chunks, so a memory-mapped validation set of millions of examples is
        never held in memory at once. Each chunk is evaluated in float32 (rounding ~1e-7, far
        below any gap eps/4 the test resolves, at half the memory traffic) and the chunk sums
        are accumulated in float64. Identical rows of W are scored once.
        """
        W = np.asarray(W, dtype=float)
        unique, inverse = np.unique(W.reshape(-1, W.shape[-1]), axis=0, return_inverse=True)
        W32 = unique.astype(np.float32)
        total = np.zeros(len(unique))
        for start in range(0, X.shape[0], chunk_rows):
            rows = slice(start, start + chunk_rows)
            residual = self.predict(np.asarray(X[rows], dtype=np.float32), W32, **params)
            residual -= np.asarray(y[rows], dtype=np.float32)[:, None]
            total += np.einsum("ij,ij->j", residual, residual)
        return (total / X.shape[0])[inverse.ravel()].reshape(W.shape[:-1])


def _relu_predict(X, W, **_):
    return relu_predict(X, W)


REGISTRY = {
    "exhaustive": Learner("exhaustive", exhaustive.fit, _relu_predict, proper=True, needs_k=True),
    "gd": Learner("gd", gd.fit, _relu_predict, proper=True, fit_path=gd.fit_path),
    "sgd": Learner("sgd", sgd.fit, _relu_predict, proper=True, fit_path=sgd.fit_path),
    "glmtron": Learner(
        "glmtron", glmtron.fit, _relu_predict, proper=True, fit_path=glmtron.fit_path
    ),
    "lowdeg": Learner("lowdeg", lowdeg.fit, lowdeg.predict, proper=False),
}


def get(name: str) -> Learner:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown learner {name!r} (known: {', '.join(REGISTRY)})") from None
