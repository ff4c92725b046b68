"""Improper low-degree L2 regression on Hermite features (a polynomial, not a ReLU).

Features are the normalized multivariate Hermite polynomials prod_i He_{a_i}(x_i)/sqrt(a_i!)
of total degree |a| <= ``degree``: C(d + degree, degree) of them, orthonormal under N(0, I).
Dropping coordinate j removes every feature with a_j > 0, which is the same regression as on
S_j. So the Gram matrix Phi^T Phi / m and Phi^T y / m are formed once per dataset and each dropped
coordinate solves its own sub-system (ridge ``ridge`` on the diagonal); the returned coefficient
matrix B (n, F) has B[i, f] == 0 exactly for every feature f touching drop[i].

Hypotheses are polynomials, so this learner has its own separate path: ``predict`` evaluates
them, and its threshold is not the ReLU one (see relu_tradeoffs.hardness.lowdeg_gap): for j in S
the best predictor is the constant 1/2 with loss 1/4.
"""

from itertools import combinations_with_replacement
from math import factorial

import numpy as np


def multi_indices(d: int, degree: int) -> np.ndarray:
    """Every a in N^d with |a| <= degree, by degree then lexicographically: (F, d)."""
    rows = [np.zeros(d, dtype=int)]
    for total in range(1, degree + 1):
        for combo in combinations_with_replacement(range(d), total):
            rows.append(np.bincount(combo, minlength=d))
    return np.array(rows)


def _factor_rows(d: int, degree: int) -> np.ndarray:
    """(F, degree) rows of the stacked table [He_0; He_1; ...; He_degree] (each d high) whose
    product is each feature: one row per non-zero a_i, padded with He_0 = 1."""
    A = multi_indices(d, degree)
    rows = np.zeros((len(A), degree), dtype=np.intp)  # row 0 is He_0(x_0) = 1
    for f, a in enumerate(A):
        nonzero = np.flatnonzero(a)
        rows[f, : nonzero.size] = a[nonzero] * d + nonzero
    return rows


def features_t(X, degree: int) -> np.ndarray:
    """Phi^T (F, m): the normalized Hermite features of every row of X, in X's float dtype.

    Built feature-major (each feature a contiguous row) so that the per-feature products are
    row gathers, not strided column gathers.
    """
    XT = np.ascontiguousarray(np.asarray(X).T)
    if XT.dtype.kind != "f":
        XT = XT.astype(float)
    d = XT.shape[0]
    # He_n(x) / sqrt(n!) by the recurrence He_{n+1} = x He_n - n He_{n-1}.
    he = [np.ones_like(XT), XT]
    for n in range(1, degree):
        he.append(XT * he[n] - n * he[n - 1])
    table = np.vstack([he[n] / np.sqrt(factorial(n)) for n in range(degree + 1)])
    rows = _factor_rows(d, degree)
    Phi_t = table[rows[:, 0]]
    for slot in range(1, degree):
        Phi_t *= table[rows[:, slot]]
    return Phi_t


def fit(X, y, drop, rng, *, degree, ridge):
    """Coefficients B (n, F) of the least-squares polynomial on S_j for every j in ``drop``."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    m, d = X.shape
    Phi_t = features_t(X, degree)
    gram = Phi_t @ Phi_t.T / m
    rhs = Phi_t @ y / m
    A = multi_indices(d, degree)
    B = np.zeros((len(drop), len(A)))
    for i, j in enumerate(np.asarray(drop)):
        keep = np.flatnonzero(A[:, j] == 0)
        sub = gram[np.ix_(keep, keep)] + ridge * np.eye(keep.size)
        B[i, keep] = np.linalg.solve(sub, rhs[keep])
    return B


def predict(X, B, *, degree, **_):
    """Predictions (m, n) of every polynomial (row of B)."""
    return (np.atleast_2d(B) @ features_t(X, degree)).T
