"""Polynomial regression measured: degree-l least squares on Hermite features (the ``lowdeg``
learner's features), its test error and CPU time per degree, next to what the Hermite tail
predicts.

Three kinds of data, each with what theory says about the best degree-l polynomial (the
population error of least squares as m -> infinity):
- ``planted``: y = ReLU(w*.x) with ||w*|| = 1, opt = 0: exactly tail(l) (upper_bound.tails).
- lifted k-SLPN (``slpn``): E[y' | x] = 1/2 + (1 - 2 eta) chi_S / 2 and E[y'^2] = 1/2, so exactly
  1/4 - lowdeg_gap(k, eta, l) (hardness.algorithm1): the constant 1/2 alone has loss 1/4, below
  every unbiased ReLU's for k >= 2 (opt there is Claim 4's witness optimum): the improper class
  then beats every ReLU at any degree.
- any labels with a ReLU of norm r and loss opt: at most (sqrt(opt) + r sqrt(tail(l)))^2.
With m examples and F features, least squares overfits: under a Gaussian design and noise
independent of x its test error is the population error times (m - 1)/(m - F - 1)
(``finite_sample_factor``); the residuals here depend on x, so this is the expected size of the
effect, not an identity.
"""

import math

import numpy as np

from relu_tradeoffs.hardness.learners import lowdeg
from relu_tradeoffs.relu import relu
from relu_tradeoffs.tradeoff.scaling import cpu_seconds

CHUNK_ROWS = 4096


def least_squares(X, y, degree: int, ridge: float) -> np.ndarray:
    """Coefficients of the least-squares polynomial of degree <= ``degree`` (ridge on the diagonal)."""
    X = np.asarray(X, dtype=float)
    Phi_t = lowdeg.features_t(X, degree)
    m = X.shape[0]
    gram = Phi_t @ Phi_t.T / m
    gram[np.diag_indices_from(gram)] += ridge
    return np.linalg.solve(gram, Phi_t @ np.asarray(y, dtype=float) / m)


def square_loss(X, y, coef, degree: int) -> tuple[float, float]:
    """Mean square loss of the polynomial on (X, y) and its standard error, in row chunks."""
    losses = []
    for start in range(0, X.shape[0], CHUNK_ROWS):
        rows = slice(start, start + CHUNK_ROWS)
        pred = lowdeg.predict(np.asarray(X[rows], dtype=float), coef, degree=degree)[:, 0]
        losses.append((pred - np.asarray(y[rows], dtype=float)) ** 2)
    losses = np.concatenate(losses)
    return float(losses.mean()), float(losses.std(ddof=1) / math.sqrt(losses.size))


def finite_sample_factor(m: int, n_features: int) -> float:
    """(m - 1) / (m - F - 1): least squares' test-error inflation (Gaussian design, independent
    noise); inf when F + 1 >= m."""
    return (m - 1) / (m - n_features - 1) if m > n_features + 1 else math.inf


def planted(rng, m: int, d: int):
    """m examples of the realizable unit-norm ReLU in a random direction."""
    u = rng.standard_normal(d)
    u /= np.linalg.norm(u)
    X = rng.standard_normal((m, d))
    return X, relu(X @ u)


def degree_rows(train, test, degrees, *, ridge, max_features, repeats):
    """Per degree with C(d + l, l) <= max_features: CPU seconds of the fit (min over repeats),
    test error and its s.e., and the test error of the training mean (the constant, degree 0:
    a negative control). Returns (rows, skipped degrees)."""
    (X, y), (X_test, y_test) = train, test
    m, d = X.shape
    constant = float(np.mean((np.asarray(y_test, float) - np.mean(np.asarray(y, float))) ** 2))
    rows, skipped = [], []
    for degree in degrees:
        n_features = math.comb(d + degree, degree)
        if n_features > max_features:
            skipped.append(degree)
            continue
        coef, times = cpu_seconds(lambda: least_squares(X, y, degree, ridge), repeats)  # noqa: B023
        err, se = square_loss(X_test, y_test, coef, degree)
        rows.append(
            {
                "degree": degree,
                "features": n_features,
                "m_train": m,
                "seconds": float(times.min()),
                "test_err": err,
                "test_err_se": se,
                "finite_sample_factor": finite_sample_factor(m, n_features),
                "constant_err": constant,
            }
        )
    return rows, skipped


# How far past a degree ``next_prediction`` looks for a different exact prediction.
LOOKAHEAD = 64


def next_prediction(exact, degree: int) -> float:
    """The exact population error of the next degree where it differs (odd Hermite orders of the
    ReLU, and orders of the wrong parity for a k-parity, add nothing): a prediction one order
    off, the negative control of the verdict on ``predicted``."""
    here = exact(degree)
    for later in range(degree + 1, degree + LOOKAHEAD):
        if not math.isclose(exact(later), here, rel_tol=1e-12, abs_tol=1e-15):
            return exact(later)
    return math.nan


def with_predictions(rows, tail, *, opt, norm, exact=None):
    """The rows with the ReLU reference ``opt``, ``excess_err`` = test_err - opt, the scaled tail
    norm^2 tail(l), the bound (sqrt(opt) + norm sqrt(tail(l)))^2 and, where theory gives it,
    the exact population error ``predicted`` (``exact(degree)``) and the next different one
    ``predicted_next`` (NaN otherwise). ``tail`` must reach LOOKAHEAD degrees past the last."""
    out = []
    for row in rows:
        scaled = norm**2 * float(tail[row["degree"]])
        predicted = exact(row["degree"]) if exact is not None else math.nan
        after = next_prediction(exact, row["degree"]) if exact is not None else math.nan
        extra = {
            "opt": opt,
            "excess_err": row["test_err"] - opt,
            "tail": scaled,
            "bound": (math.sqrt(opt) + math.sqrt(scaled)) ** 2,
            "predicted": predicted,
            "predicted_next": after,
        }
        out.append({**row, **extra})
    return out
