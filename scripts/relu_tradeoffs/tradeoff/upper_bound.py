"""The upper side of the tradeoff: the degree polynomial regression needs to reach opt + eps.

The ReLU's normalized Hermite coefficients a_n (theory.hermite, exact) give the error of the
best degree-l polynomial approximation of a unit-norm ReLU,

    tail(l) = sum_{n > l} a_n^2 = 1/2 - sum_{n <= l} a_n^2,

and a_n^2 ~ TAIL_CONSTANT n^(-5/2) for even n (zero for odd n >= 3), so tail(l) ~
(TAIL_CONSTANT / 3) l^(-3/2). For labels y with opt = E[(ReLU_w*(x) - y)^2] (||w*|| <= 1), the
degree-l projection p of ReLU_w* has ||p - y|| <= sqrt(opt) + sqrt(tail(l)) (triangle
inequality in L2(N(0, I))), so the best degree-l polynomial errs by at most

    bound(l) = (sqrt(opt) + sqrt(tail(l)))^2        (= tail(l) in the realizable case opt = 0),

and l(eps) is the least l with bound(l) <= opt + eps: tail(l) <= t(eps) = (sqrt(opt + eps) -
sqrt(opt))^2. Hence l(eps) ~ t(eps)^(-2/3): eps^(-2/3) at opt = 0 and (4 opt / eps^2)^(2/3), an
exponent 4/3 in 1/eps, once eps << opt. This is the L2 argument; the L1-regression analyses in
the literature are sharper and are cited in the docs, not used here.

The cost of the regression is counted in features, C(d + l, l): the orthonormal Hermite
monomials of degree <= l in d variables, i.e. the correlation queries that estimate its
coefficients (each to tolerance tau adds tau^2 per feature to the error, so examples add a
polynomial 1/eps factor, not a power of d).
"""

import math

import numpy as np
from numpy.polynomial import hermite_e, legendre
from scipy import stats
from scipy.special import gammaln

from relu_tradeoffs.theory.hermite import QUAD_UPPER, relu_coefficients

# a_n^2 ~ TAIL_CONSTANT n^(-5/2) for even n: ((n-3)!!)^2 / (2 pi n!) with Stirling's formula.
TAIL_CONSTANT = 1.0 / (math.sqrt(2.0) * math.pi**1.5)
# Terms summed explicitly (at least MIN_TERMS, and TERMS_FACTOR x the largest degree asked for);
# the rest is the leading-order remainder (TAIL_CONSTANT / 3) N^(-3/2), about 4e-11 at N = 1e6,
# whose relative error O(1/N) puts it below double rounding of tails near 1.
MIN_TERMS = 1_000_000
TERMS_FACTOR = 4


def tails(degree_max: int) -> np.ndarray:
    """tail(l) for l = 0..degree_max, summed from the smallest terms up (no cancellation)."""
    n_terms = max(TERMS_FACTOR * degree_max, MIN_TERMS)
    n_terms += n_terms % 2  # an even last index: the remainder starts at an even n
    squares = relu_coefficients(n_terms) ** 2
    beyond = np.cumsum(squares[::-1])[::-1]  # beyond[l] = sum_{l <= n <= N} a_n^2
    remainder = TAIL_CONSTANT / 3.0 * n_terms**-1.5
    return np.append(beyond[1:], 0.0)[: degree_max + 1] + remainder


def tail_quadrature(degree: int, nodes: int = 400) -> float:
    """E[(ReLU(z) - P_l ReLU(z))^2] by Gauss-Legendre on each half line (the kink at 0 is a node
    boundary, so each piece is smooth): an independent check of ``tails``."""
    t, w = legendre.leggauss(nodes)
    z = 0.5 * QUAD_UPPER * (t + 1.0)
    w = 0.5 * QUAD_UPPER * w * np.exp(-0.5 * z**2) / np.sqrt(2.0 * np.pi)
    n = np.arange(degree + 1)
    norm = np.exp(0.5 * gammaln(n + 1.0))
    coef = relu_coefficients(degree)
    positive = hermite_e.hermevander(z, degree) / norm @ coef
    negative = hermite_e.hermevander(-z, degree) / norm @ coef
    return float(w @ (z - positive) ** 2 + w @ negative**2)


def bound(tail, opt: float):
    """(sqrt(opt) + sqrt(tail))^2: the best degree-l polynomial's error bound."""
    return (np.sqrt(opt) + np.sqrt(tail)) ** 2


def tail_needed(eps, opt: float):
    """t(eps) = (sqrt(opt + eps) - sqrt(opt))^2: the tail at which bound = opt + eps."""
    eps = np.asarray(eps, dtype=float)
    return (np.sqrt(opt + eps) - np.sqrt(opt)) ** 2


def degree_needed(tail: np.ndarray, eps: float, opt: float) -> int | None:
    """The least l with bound(l) <= opt + eps; None if no l <= len(tail) - 1 qualifies."""
    ok = np.flatnonzero(bound(tail, opt) <= opt + eps)
    return int(ok[0]) if ok.size else None


def log10_features(d: int, degree: int) -> float:
    """log10 C(d + l, l), finite where the count itself overflows a float."""
    return float((gammaln(d + degree + 1) - gammaln(d + 1) - gammaln(degree + 1)) / math.log(10))


def features(d: int, degree: int) -> float:
    """C(d + l, l) as a float (inf beyond the float range)."""
    count = math.comb(d + degree, degree)
    return float(count) if count.bit_length() < 1024 else math.inf


def upper_table(eps_grid, opt_grid, d_grid, degree_max: int) -> list[dict]:
    """One row per (opt, eps, d): l(eps), its tail and bound, and the feature count at d."""
    tail = tails(degree_max)
    rows = []
    for opt in opt_grid:
        for eps in eps_grid:
            degree = degree_needed(tail, eps, opt)
            for d in d_grid:
                row = {"eps": eps, "opt": opt, "degree": degree, "d": d}
                if degree is None:
                    nan = math.nan
                    row |= {"tail": nan, "bound": nan, "features": nan, "cost_upper": nan}
                    row |= {"log10_cost_upper": nan, "degree_capped": True}
                else:
                    count = features(d, degree)
                    row |= {"tail": float(tail[degree]), "bound": float(bound(tail[degree], opt))}
                    row |= {"features": count, "cost_upper": count}
                    row |= {"log10_cost_upper": log10_features(d, degree), "degree_capped": False}
                row["tail_needed"] = float(tail_needed(eps, opt))
                rows.append(row)
    return rows


def derived_exponent(eps, opt: float, decay: float = 2.5) -> float:
    """The exponent of l(eps) in 1/eps that a_n^2 ~ n^(-decay) predicts on this eps grid.

    tail(l) ~ l^(1 - decay), so l(eps) ~ t(eps)^(-1/(decay - 1)): the least-squares slope of
    log(1/t(eps)) / (decay - 1) against log(1/eps). With decay 5/2 this is 2/3 at opt = 0 and
    tends to 4/3 as eps/opt -> 0 (it is below 4/3 at finite eps/opt).
    """
    x = np.log(1.0 / np.asarray(eps, dtype=float))
    if np.unique(x).size < 2:
        return math.nan
    y = -np.log(tail_needed(eps, opt)) / (decay - 1.0)
    return float(np.polyfit(x, y, 1)[0])


def fit_points(rows, min_degree: int, eps_fraction: float):
    """The (eps, degree) of rows in the asymptotic regime: l >= min_degree and, for opt > 0,
    eps <= eps_fraction * opt. ``rows`` are one opt level's rows at one d."""
    eps, degree = [], []
    for row in rows:
        if row["degree"] is None or row["degree"] < min_degree:
            continue
        if row["opt"] > 0 and row["eps"] > eps_fraction * row["opt"]:
            continue
        eps.append(row["eps"])
        degree.append(row["degree"])
    return np.array(eps, dtype=float), np.array(degree, dtype=float)


def exponent_fit(eps, degree, level: float = 0.95) -> tuple[float, float, float]:
    """Least-squares slope of log l against log(1/eps) and its t interval (NaN with < 3 points:
    two points give a slope but no interval)."""
    if np.unique(eps).size < 2:
        return math.nan, math.nan, math.nan
    fit = stats.linregress(np.log(1.0 / eps), np.log(degree))
    if eps.size < 3:
        return float(fit.slope), math.nan, math.nan
    half = stats.t.ppf((1 + level) / 2, eps.size - 2) * fit.stderr
    return float(fit.slope), float(fit.slope - half), float(fit.slope + half)


def with_exponents(rows, min_degree: int, eps_fraction: float) -> list[dict]:
    """The rows with, per opt level, the fitted exponent (``slope``, ``slope_lo``, ``slope_hi``,
    ``fit_points``) and the derived one on the same eps (``slope_derived``); l(eps) does not
    depend on d, so the fit uses one d's rows."""
    out = []
    for opt in sorted({row["opt"] for row in rows}):
        group = [row for row in rows if row["opt"] == opt]
        first_d = group[0]["d"]
        eps, degree = fit_points([r for r in group if r["d"] == first_d], min_degree, eps_fraction)
        slope, lo, hi = exponent_fit(eps, degree)
        extra = {
            "slope": slope,
            "slope_lo": lo,
            "slope_hi": hi,
            "slope_derived": derived_exponent(eps, opt) if eps.size else math.nan,
            "slope_control": derived_exponent(eps, opt, decay=1.5) if eps.size else math.nan,
            "fit_points": int(eps.size),
        }
        out += [{**row, **extra} for row in group]
    return out
