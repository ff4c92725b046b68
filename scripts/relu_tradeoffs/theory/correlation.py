"""Lemma 1: c_k = E[ReLU(sum_i z_i / sqrt k) prod_i sign z_i], three independent ways.

1. The Hermite series of Claim 2 (:func:`series`), exact to degree ``n_max`` plus a fitted tail.
   For even k, with n = k + 2J, every term has the sign (-1)^(k/2+1) and magnitude
     (n-3)!!/sqrt(2 pi) * k^(-n/2) * (2/pi)^(k/2) * P_J,
   where P_J = [s^J] (sum_j s^j / (j! 2^j (2j+1)))^k is a power of a series with positive
   coefficients (the t^n coefficient of erf(t/sqrt 2)^k up to sign), computed by log-space
   convolution: no cancellation, no overflow. Odd k >= 3 has no non-zero term: c_k = 0 exactly.
   The terms decay like n^(-(k+3)/2); the tail beyond n_max is summed from a fit of
   n^((k+3)/2) * term to a polynomial in 1/n over the last terms (Hurwitz zeta sums).
2. A one-dimensional integral (:func:`dawson_integral`): for even k >= 2, writing
   ReLU(s) = (s + |s|)/2 and |s| = (2/pi) int_0^inf (1 - cos(w s))/w^2 dw,
     c_k = -(-1)^(k/2) / (pi sqrt(2k)) int_0^inf (2 D(x)/sqrt(pi))^k / x^2 dx,
   with D Dawson's function (E[e^{iaz} sign z] = 2i D(a/sqrt 2)/sqrt(pi)).
3. Monte Carlo (:func:`monte_carlo`), all k from one stream of N(0, I_kmax) samples.
"""

from functools import cache

import numpy as np
import pandas as pd
from scipy.integrate import quad
from scipy.special import dawsn, gammaln, logsumexp, zeta

from relu_tradeoffs.relu import INV_SQRT_2PI

TAIL_FIT_TERMS = 200  # at most this many last series terms fit the tail (and at most a quarter)
_BLOCK = 256


def sign_of(k: int) -> int:
    """Sign of c_k: + for k = 1 and k = 2 mod 4, - for k = 0 mod 4, 0 for odd k >= 3."""
    if k == 1:
        return 1
    if k % 2 == 1:
        return 0
    return 1 if k % 4 == 2 else -1


def _log_convolve(a, b):
    """log of the Cauchy product of two series given by the logs of their (positive) coefficients."""
    n = len(a)
    out = np.empty(n)
    j = np.arange(n)
    for start in range(0, n, _BLOCK):
        rows = np.arange(start, min(n, start + _BLOCK))[:, None]
        valid = j[None, :] <= rows
        terms = a[None, :] + np.where(valid, b[np.where(valid, rows - j[None, :], 0)], -np.inf)
        out[rows[:, 0]] = logsumexp(terms, axis=1)
    return out


def log_power_coefficients(k: int, count: int):
    """log P_J for J < count, P_J = [s^J] (sum_j s^j / (j! 2^j (2j+1)))^k (any k >= 1)."""
    j = np.arange(count)
    log_u = -gammaln(j + 1) - j * np.log(2.0) - np.log(2 * j + 1)
    log_p = log_u
    for _ in range(k - 1):
        log_p = _log_convolve(log_p, log_u)
    return log_p


def log_series_terms(k: int, n_max: int):
    """Degrees n = k, k+2, ..., <= n_max and log |T_n| of the Lemma 1 series, for even k >= 2."""
    if k < 2 or k % 2:
        raise ValueError(f"the series has non-zero terms only for even k >= 2, got k = {k}")
    j = np.arange((n_max - k) // 2 + 1)
    log_p = log_power_coefficients(k, len(j))
    n = 2 * j + k
    m = (n - 2) // 2
    log_double_factorial = gammaln(n - 1) - m * np.log(2.0) - gammaln(m + 1)  # (n-3)!!
    log_terms = (
        log_double_factorial
        - 0.5 * np.log(2.0 * np.pi)
        - 0.5 * n * np.log(k)
        + 0.5 * k * np.log(2.0 / np.pi)
        + log_p
    )
    return n, log_terms


def _tail(n, terms, p, order):
    """Sum over n' > n[-1] (same parity) of a fit terms ~ n^-p (a_0 + a_1/n + ... + a_order/n^order)."""
    window = min(TAIL_FIT_TERMS, len(n) // 4)
    n_fit, t_fit = n[-window:], terms[-window:]
    basis = np.vander(1.0 / n_fit, order + 1, increasing=True)
    coef, *_ = np.linalg.lstsq(basis, t_fit * n_fit**p, rcond=None)
    first = (n[-1] + 2) / 2.0  # n' = 2i, i = first, first + 1, ...
    return sum(a * 2.0 ** -(p + i) * zeta(p + i, first) for i, a in enumerate(coef))


def series(k: int, n_max: int = 4000):
    """c_k from the Hermite series: (value, error estimate, partial sum to n_max, leading term T_k)."""
    if k == 1:
        value = 0.5 * np.sqrt(2.0 / np.pi)  # relu_1 * sign_1; no other term
        return value, 0.0, value, value
    if k % 2:
        return 0.0, 0.0, 0.0, 0.0
    n, log_terms = log_series_terms(k, n_max)
    terms = np.exp(log_terms)
    partial = terms.sum()
    p = (k + 3) / 2.0
    tail = _tail(n, terms, p, order=2)
    tail_lower_order = _tail(n, terms, p, order=1)
    rounding = 4 * np.finfo(float).eps * len(terms) * partial
    error = abs(tail - tail_lower_order) + rounding
    sign = sign_of(k)
    return sign * (partial + tail), error, sign * partial, sign * terms[0]


def paper_leading_term(k: int) -> float:
    """The paper's estimate of T_k for k = 4l + 2: (2/(e pi))^(2l+1) / sqrt(pi (4l+1))."""
    return (2.0 / (np.e * np.pi)) ** (k / 2) / np.sqrt(np.pi * (k - 1))


def dawson_integral(k: int) -> tuple[float, float]:
    """c_k by one-dimensional quadrature (independent of the series): (value, quad's error)."""
    if k == 1:
        return INV_SQRT_2PI, 0.0
    if k % 2:
        return 0.0, 0.0
    scale = 1.0 / (np.pi * np.sqrt(2.0 * k))

    def integrand(x):
        return (2.0 * dawsn(x) / np.sqrt(np.pi)) ** k / x**2

    # The integrand is smooth with a peak near x ~ 1 and a x^-(k+2) tail: split there.
    head, err_head = quad(integrand, 0.0, 4.0, epsabs=1e-17, epsrel=1e-13, limit=200)
    tail, err_tail = quad(integrand, 4.0, np.inf, epsabs=1e-17, epsrel=1e-13, limit=200)
    return -((-1) ** (k // 2)) * scale * (head + tail), scale * (err_head + err_tail)


@cache
def c_k(k: int) -> float:
    """The best value of c_k (the series with its fitted tail), cached."""
    return series(k)[0]


def monte_carlo(rng, k_max: int, samples: int, chunk: int):
    """Monte Carlo of c_k and of the sign-flipped witness for k = 1..k_max, from one stream.

    Returns a dict of arrays (index k - 1): ``mean``, ``se``, ``flipped_mean``, ``flipped_se``.
    The flipped witness is ReLU((-z_1 + z_2 + ... + z_k)/sqrt k) against the same parity.
    """
    ks = np.arange(1, k_max + 1)
    sums = np.zeros((2, k_max))
    squares = np.zeros((2, k_max))
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        z = rng.standard_normal((m, k_max))
        partial_sums = np.cumsum(z, axis=1)
        parity = np.cumprod(np.sign(z), axis=1)
        witness = np.maximum(partial_sums, 0.0) / np.sqrt(ks) * parity
        flipped = np.maximum(partial_sums - 2.0 * z[:, :1], 0.0) / np.sqrt(ks) * parity
        for i, values in enumerate((witness, flipped)):
            sums[i] += values.sum(axis=0)
            squares[i] += (values**2).sum(axis=0)
        done += m
    mean = sums / samples
    se = np.sqrt(np.maximum(squares / samples - mean**2, 0.0) / (samples - 1))
    return {"mean": mean[0], "se": se[0], "flipped_mean": mean[1], "flipped_se": se[1]}


SIGN_NAMES = {1: "positive", -1: "negative", 0: "zero"}


def _row(k: int, n_max: int, mc: dict) -> dict:
    """One row of correlation.csv: c_k by series and by quadrature, against Monte Carlo."""
    value, error, partial, leading = series(k, n_max)
    quad_value, quad_error = dawson_integral(k)
    sign = sign_of(k)
    mean, se = mc["mean"][k - 1], mc["se"][k - 1]
    return {
        "k": k,
        "c_k": value,
        "c_k_error": error,
        "c_k_mc": mean,
        "c_k_mc_se": se,
        "leading_term": leading,
        "corr_wS": value / np.sqrt(2 * np.pi),
        "sign": SIGN_NAMES[sign],
        "exact_zero": sign == 0,
        "c_k_partial_sum": partial,
        "c_k_quadrature": quad_value,
        "c_k_quadrature_error": quad_error,
        "series_minus_quadrature": value - quad_value,
        "paper_leading_term": paper_leading_term(k) if k % 4 == 2 else np.nan,
        "c_k_flipped": -value,
        "c_k_flipped_mc": mc["flipped_mean"][k - 1],
        "c_k_flipped_mc_se": mc["flipped_se"][k - 1],
        "best_corr": abs(value) / np.sqrt(2 * np.pi),
        "mc_z_score": (mean - value) / se,
    }


def table(rng, k_max: int, mc_samples: int, mc_chunk: int, n_max: int) -> pd.DataFrame:
    """correlation.csv: Lemma 1's c_k for k = 1..k_max three independent ways, one row per k."""
    mc = monte_carlo(rng, k_max, mc_samples, mc_chunk)
    return pd.DataFrame([_row(k, n_max, mc) for k in range(1, k_max + 1)])
