"""The reduction's gap with biased ReLUs: how much a biased ReLU on S beats every hypothesis
that ignores a coordinate of S, under the paper's {0, 1} labels and under {-1, +1} labels.

Beyond the paper. A witness f = r ReLU(u.z + beta) (unit u on S, ||w|| = r <= max_norm, bias
b = r beta) with C = E[ReLU(u.z + beta) chi_S], m1, m2 the first two moments of ReLU(s + beta):
- ``01`` (y = (1 + chi_S)/2 flipped w.p. eta): the best hypothesis ignoring S is the constant
  1/2 = ReLU(0.x + 1/2), loss 1/4; gain = r (1 - 2 eta) C - r^2 m2 + r m1 - 1/4, best at
  r = ((1 - 2 eta) C + m1) / (2 m2).
- ``pm1`` (E[y | x] = (1 - 2 eta) chi_S): the best hypothesis ignoring S is 0, loss 1;
  gain = 2 r (1 - 2 eta) C - r^2 m2, best at r = (1 - 2 eta) C / m2.
The symmetric witness (u = (1, .., 1)/sqrt k, one sign flipped when c_k(beta) < 0) is searched
over beta; for small k a general search runs over every unit u on S and beta (Nelder-Mead from
the symmetric optimum and random starts). The unbiased gap beside it is the paper's Claim 4 gap
(1 - 2 eta)|c_k|/sqrt(2 pi) under ``01``, and the best unbiased witness's 2 (1 - 2 eta)^2 c_k^2
under ``pm1``.
"""

from functools import cache

import numpy as np
import pandas as pd
from scipy.optimize import minimize, minimize_scalar

from relu_tradeoffs.parity import LABELS  # the encodings of parity.encode_labels, one definition
from relu_tradeoffs.relu import INV_SQRT_2PI
from relu_tradeoffs.theory.biased import dawson_correlation, relu_moments, symmetric_direction
from relu_tradeoffs.theory.correlation import c_k


def best_norm_and_gain(labels: str, eta: float, corr, beta, max_norm: float):
    """The best r in [0, max_norm] for a witness of correlation ``corr`` and its gain."""
    m1, m2 = relu_moments(beta)
    signal = (1.0 - 2.0 * eta) * np.asarray(corr)
    if labels == "01":
        r = np.clip((signal + m1) / (2.0 * m2), 0.0, max_norm)
        return r, r * signal - r**2 * m2 + r * m1 - 0.25
    if labels == "pm1":
        r = np.clip(signal / m2, 0.0, max_norm)
        return r, 2.0 * r * signal - r**2 * m2
    raise ValueError(f"unknown label encoding {labels!r} (known: {', '.join(LABELS)})")


def gain_sensitivity(labels: str, eta: float, r):
    """d gain / d C at the optimum (envelope theorem): the gain's error per unit error of C."""
    return (1.0 - 2.0 * eta) * np.asarray(r) * (1.0 if labels == "01" else 2.0)


def unbiased_gap(labels: str, eta: float, k: int) -> float:
    """The gap without bias: Claim 4's under ``01``, the best unbiased witness's under ``pm1``."""
    if labels == "01":
        return (1.0 - 2.0 * eta) * abs(c_k(k)) * INV_SQRT_2PI
    return 2.0 * (1.0 - 2.0 * eta) ** 2 * c_k(k) ** 2


@cache  # the same beta grid serves every (eta, labels)
def _symmetric_corr(k, beta):
    """|c_k(beta)| (a flipped sign of u when negative) and its quadrature error."""
    value, error = dawson_correlation(symmetric_direction(k), beta)
    return abs(value), error


def symmetric_witness(labels, eta, k, beta_grid, max_norm):
    """The best symmetric witness: grid over beta, then a bounded refinement around the best."""
    gains = [best_norm_and_gain(labels, eta, _symmetric_corr(k, b)[0], b, max_norm)[1]
             for b in beta_grid]  # fmt: skip
    i = int(np.argmax(gains))
    lo, hi = beta_grid[max(i - 1, 0)], beta_grid[min(i + 1, len(beta_grid) - 1)]
    best_beta = beta_grid[i]
    if hi > lo:
        found = minimize_scalar(
            lambda b: -best_norm_and_gain(labels, eta, _symmetric_corr(k, b)[0], b, max_norm)[1],
            bounds=(lo, hi),
            method="bounded",
            options={"xatol": 1e-7},
        )
        if -found.fun >= gains[i]:
            best_beta = found.x
    corr, error = _symmetric_corr(k, best_beta)
    r, gain = best_norm_and_gain(labels, eta, corr, best_beta, max_norm)
    direction = symmetric_direction(k)
    if dawson_correlation(direction, best_beta)[0] < 0:
        direction[0] = -direction[0]
    return _result(labels, eta, "symmetric", best_beta, r, gain, corr, error, direction)


def _result(labels, eta, witness, beta, r, gain, corr, corr_error, direction):
    return {
        "witness": witness,
        "gain": float(gain),
        "gain_error": float(gain_sensitivity(labels, eta, r) * corr_error),
        "beta": float(beta),
        "r": float(r),
        "bias": float(r * beta),
        "correlation": float(corr),
        "direction": ";".join(f"{x:.6f}" for x in direction),
    }


def _general_objective(labels, eta, max_norm, beta_range):
    def negative_gain(params):
        v, beta = params[:-1], np.clip(params[-1], *beta_range)
        norm = np.linalg.norm(v)
        if norm == 0:
            return 0.25 if labels == "01" else 0.0  # the zero function
        corr, _ = dawson_correlation(v / norm, beta)
        return -best_norm_and_gain(labels, eta, corr, beta, max_norm)[1]

    return negative_gain


def general_witness(rng, labels, eta, k, start, search):
    """The best witness over every unit u on S and beta: Nelder-Mead from ``start`` (a
    direction and beta, the symmetric optimum) and ``search['general_starts']`` random starts,
    each with at most ``search['general_evaluations']`` evaluations."""
    beta_range, max_norm = search["beta_range"], search["max_norm"]
    objective = _general_objective(labels, eta, max_norm, beta_range)
    points = [np.append(start[0], start[1])]
    for _ in range(search["general_starts"]):
        points.append(np.append(rng.standard_normal(k), rng.uniform(*beta_range)))
    best = None
    for point in points:
        found = minimize(objective, point, method="Nelder-Mead",
                         options={"xatol": 1e-6, "fatol": 1e-12,
                                  "maxfev": search["general_evaluations"]})  # fmt: skip
        if best is None or found.fun < best.fun:
            best = found
    v, beta = best.x[:-1], float(np.clip(best.x[-1], *beta_range))
    u = v / np.linalg.norm(v)
    corr, error = dawson_correlation(u, beta)
    r, gain = best_norm_and_gain(labels, eta, corr, beta, max_norm)
    return _result(labels, eta, "general", beta, r, gain, corr, error, u)


def rows_for(rng, k, eta, labels, search):
    """The gap rows of one (k, eta, labels): the symmetric witness, and the general one for
    k <= search['general_k_max']."""
    grid = np.linspace(*search["beta_range"], search["beta_points"])
    symmetric = symmetric_witness(labels, eta, k, grid, search["max_norm"])
    found = [symmetric]
    if k <= search["general_k_max"]:
        start = (np.array([float(x) for x in symmetric["direction"].split(";")]), symmetric["beta"])
        found.append(general_witness(rng, labels, eta, k, start, search))
    base = {"k": k, "eta": eta, "labels": labels, "unbiased_gap": unbiased_gap(labels, eta, k)}
    return mark_bound([base | result for result in found], search["beta_range"])


def table(rows) -> pd.DataFrame:
    """biased_gap.csv from the rows of every (k, eta, labels), with the gain's resolution."""
    t = pd.DataFrame(rows)
    t["gain_positive"] = t.gain > t.gain_error
    return t


def mark_bound(rows, beta_range):
    """Flag rows whose best beta lies on an end of the search range (the optimum may be beyond)."""
    for row in rows:
        row["beta_at_bound"] = bool(np.isclose(row["beta"], beta_range, atol=1e-6).any())
    return rows
