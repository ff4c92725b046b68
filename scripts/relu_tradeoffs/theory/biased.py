"""The biased case: c_k(beta) = E[ReLU(sum_i z_i / sqrt k + beta) prod_i sign z_i], three ways.

Beyond the paper (its section 6 asks how hard the biased case is). With s = sum z_i / sqrt k:

1. The Hermite series (:func:`series_values`). The shifted ReLU has the normalized coefficients
     a_0 = E[ReLU(s + beta)], a_1 = Phi(beta), a_n = phi(beta) He_{n-2}(-beta) / sqrt(n!) (n >= 2)
   (Gaussian integration by parts: ReLU'' is a point mass at -beta), and the parity's side of
   Claim 2 is Lemma 1's: with n = k + 2J,
     c_k(beta) = sum_J phi(beta) (-1)^J Hbar_{n-2}(-beta) sqrt((n-2)!) k^(-n/2) (2/pi)^(k/2) P_J
   (plus Phi(beta) sqrt(2/pi) for k = 1, n = 1), P_J from :func:`log_power_coefficients`. At
   beta = 0 every term has one sign and this is Lemma 1's series, tail included. For beta != 0
   the factor Hbar_{n-2}(-beta) oscillates like cos(beta sqrt n), so the tail is not fitted as a
   whole: the smooth envelope sqrt((n-2)!) k^(-n/2) (2/pi)^(k/2) P_J is fitted beyond ``n_max``
   (a polynomial in 1/n times a power of n) and multiplied by the exact Hermite factor,
   computed by the normalized three-term recurrence up to ``tail_n_max``.
2. A one-dimensional integral (:func:`dawson_correlation`), for any unit direction u, from
   ReLU(x) = (x + |x|)/2, |x| = (2/pi) int_0^inf (1 - cos(w x))/w^2 dw and
   E[e^{i a z} sign z] = 2i D(a/sqrt 2)/sqrt(pi) (D: Dawson's function).
3. Monte Carlo (:func:`monte_carlo`), every k and beta from one stream of N(0, I_kmax) samples.
"""

import warnings

import numpy as np
import pandas as pd
from scipy.integrate import IntegrationWarning, quad
from scipy.special import dawsn, gammaln, ndtr

from relu_tradeoffs.relu import INV_SQRT_2PI
from relu_tradeoffs.theory import correlation
from relu_tradeoffs.theory.correlation import TAIL_FIT_TERMS, log_power_coefficients

_RECURRENCE_BLOCK = 4096  # Hermite rows held at once while summing the tail
_QUAD = {"epsabs": 1e-17, "epsrel": 1e-13, "limit": 400}
HEAD_MAX = 64.0  # the Dawson integral's plain head ends here at the latest (Fourier tail beyond)


def phi(x):
    return INV_SQRT_2PI * np.exp(-0.5 * np.square(x))


def relu_moments(beta):
    """E[ReLU(s + beta)] and E[ReLU(s + beta)^2] for s ~ N(0, 1)."""
    beta = np.asarray(beta, dtype=float)
    cdf, pdf = ndtr(beta), phi(beta)
    return pdf + beta * cdf, (1.0 + beta**2) * cdf + beta * pdf


def normalized_hermite(x, m_max):
    """Hbar_m(x) = He_m(x)/sqrt(m!) for m = 0..m_max, rows m, by the normalized recurrence."""
    x = np.atleast_1d(np.asarray(x, dtype=float))
    out = np.empty((m_max + 1, x.size))
    out[0] = 1.0
    if m_max >= 1:
        out[1] = x
    for m in range(1, m_max):
        out[m + 1] = (x * out[m] - np.sqrt(m) * out[m - 1]) / np.sqrt(m + 1.0)
    return out


def shifted_relu_coefficients(beta: float, n_max: int):
    """E[ReLU(s + beta) Hbar_n(s)] for n = 0..n_max (closed form)."""
    mean, _ = relu_moments(beta)
    coef = np.empty(n_max + 1)
    coef[0] = mean
    if n_max >= 1:
        coef[1] = ndtr(beta)
    if n_max >= 2:
        n = np.arange(2, n_max + 1)
        ratio = np.exp(0.5 * (gammaln(n - 1.0) - gammaln(n + 1.0)))  # sqrt((n-2)!/n!)
        coef[2:] = phi(beta) * normalized_hermite(-beta, n_max - 2)[:, 0] * ratio
    return coef


def log_envelope(k: int, n_max: int):
    """Degrees n = k, k+2, .. <= n_max (n >= 2) and log of sqrt((n-2)!) k^(-n/2) (2/pi)^(k/2) P_J."""
    j = np.arange((n_max - k) // 2 + 1)
    n = k + 2 * j
    log_env = (
        0.5 * gammaln(np.maximum(n - 1.0, 1.0))
        - 0.5 * n * np.log(k)
        + 0.5 * k * np.log(2.0 / np.pi)
        + log_power_coefficients(k, len(j))
    )
    keep = n >= 2  # k = 1, n = 1 is the linear term, handled apart
    return n[keep], j[keep], log_env[keep]


def series_terms(k: int, beta: float, n_max: int):
    """Degrees and terms of the c_k(beta) series up to n_max (the k = 1 linear term first)."""
    return _terms(k, beta, *log_envelope(k, n_max))


def _terms(k, beta, n, j, log_env):
    n_max = n[-1]
    hermite = normalized_hermite(-beta, max(n_max - 2, 0))[n - 2, 0]
    terms = phi(beta) * np.where(j % 2 == 0, 1.0, -1.0) * hermite * np.exp(log_env)
    if k == 1:
        n = np.concatenate(([1], n))
        terms = np.concatenate(([ndtr(beta) * np.sqrt(2.0 / np.pi)], terms))
    return n, terms


def _envelope_fit(n, log_env, order):
    """Coefficients of env(n) ~ n^-q (a_0 + a_1/n + ... ) over the last terms, and q."""
    window = min(TAIL_FIT_TERMS, len(n) // 4)
    n_fit, env = n[-window:], np.exp(log_env[-window:])
    q = -np.polyfit(np.log(n_fit), np.log(env), 1)[0]  # the envelope's power, measured
    basis = np.vander(1.0 / n_fit, order + 1, increasing=True)
    coef, *_ = np.linalg.lstsq(basis, env * n_fit**q, rcond=None)
    return coef, q


def _fitted_envelope(coef, q, n):
    return n**-q * np.polynomial.polynomial.polyval(1.0 / n, coef)


def _oscillating_tail(k, betas, n_last, tail_n_max, fits):
    """sum over n_last < n <= tail_n_max (n = k mod 2) of phi (-1)^J Hbar_{n-2}(-beta) env(n).

    One sum per fitted envelope in ``fits``; also the largest |Hbar| seen (for the rest beyond).
    """
    sums = np.zeros((len(fits), len(betas)))
    x = -np.asarray(betas, dtype=float)
    m_first = n_last  # Hbar_{n-2} for n = n_last + 2, ...
    prev, cur = normalized_hermite(x, 1)  # recurrence state at m = 0, 1
    m = 1
    largest = np.zeros(len(betas))
    while m < tail_n_max - 2:
        stop = min(m + _RECURRENCE_BLOCK, tail_n_max - 2)
        rows = np.empty((stop - m, len(betas)))
        for i in range(stop - m):
            prev, cur = cur, (x * cur - np.sqrt(m + i) * prev) / np.sqrt(m + i + 1.0)
            rows[i] = cur
        ms = np.arange(m + 1, stop + 1)
        wanted = (ms >= m_first) & ((ms - k) % 2 == 0)
        n = ms[wanted] + 2.0
        sign = np.where(((n - k) // 2) % 2 == 0, 1.0, -1.0)
        hermite = rows[wanted]
        if hermite.size:
            largest = np.maximum(largest, np.abs(hermite).max(axis=0))
        for f, (coef, q) in enumerate(fits):
            sums[f] += (sign * _fitted_envelope(coef, q, n)) @ hermite
        m = stop
    return sums * phi(np.asarray(betas)), largest


def series_values(k: int, betas, n_max: int, tail_n_max: int):
    """c_k(beta) by the Hermite series for each beta: (values, error estimates).

    beta = 0 is Lemma 1's series (its constant-sign tail summed in closed form); elsewhere the
    fitted envelope times the exact Hermite factor to ``tail_n_max``. The error adds the
    difference of two envelope fits, a bound on the terms beyond ``tail_n_max`` (no
    cancellation assumed) and rounding.
    """
    betas = np.asarray(betas, dtype=float)
    values, errors = np.empty(len(betas)), np.empty(len(betas))
    envelope = log_envelope(k, n_max)
    n, _, log_env = envelope
    fits = [_envelope_fit(n, log_env, order) for order in (2, 1)]
    shifted = betas != 0
    if shifted.any():
        tails, largest = _oscillating_tail(k, betas[shifted], n[-1], tail_n_max, fits)
    coef, q = fits[0]
    rest = _fitted_envelope(coef, q, float(tail_n_max)) * tail_n_max / (2.0 * max(q - 1.0, 0.5))
    for i, beta in enumerate(betas):
        if beta == 0:
            values[i], errors[i] = correlation.series(k, n_max)[:2]
            continue
        _, terms = _terms(k, beta, *envelope)
        t = np.flatnonzero(shifted[: i + 1]).size - 1
        rounding = 4 * np.finfo(float).eps * len(terms) * np.abs(terms).sum()
        values[i] = terms.sum() + tails[0, t]
        errors[i] = abs(tails[0, t] - tails[1, t]) + phi(beta) * largest[t] * rest + rounding
    return values, errors


def _correlation_integrand(u, beta):
    """The oscillating and the smooth factor of the Dawson integrand, for unit direction u."""
    u = np.asarray(u, dtype=float)
    k = len(u)
    # Re[e^{i a x} i^k R(x)] = sign * cos(a x) R (even k) or sign * sin(a x) R (odd k)
    sign = (-1.0) ** (k // 2) if k % 2 == 0 else -((-1.0) ** ((k - 1) // 2))

    def smooth(x):
        return sign * np.prod(2.0 * dawsn(x * u) / np.sqrt(np.pi)) / x**2

    return ("cos" if k % 2 == 0 else "sin"), np.sqrt(2.0) * beta, smooth


def dawson_correlation(u, beta: float):
    """E[ReLU(u.z + beta) prod_i sign z_i] for a unit u in R^k, by one integral: (value, error).

    = [k = 1] u_1/sqrt(2 pi) - 1/(pi sqrt 2) int_0^inf Re[e^{i sqrt2 beta x} prod_i 2i D(x u_i)
    / sqrt(pi)] / x^2 dx. The head is integrated plainly, the tail with quad's Fourier weight.
    """
    u = np.asarray(u, dtype=float)
    linear = u[0] * INV_SQRT_2PI if len(u) == 1 else 0.0
    if not np.all(u):
        return linear, 0.0  # a zero weight on a coordinate of S: the parity averages out
    weight, a, smooth = _correlation_integrand(u, beta)
    if a == 0 and weight == "sin":
        return linear, 0.0
    # Past every Dawson peak (D(t) peaks at t ~ 0.92), but never so far that the plain head
    # integral spans hundreds of oscillations: a nearly-zero u_i leaves its peak to the tail.
    split = min(4.0 / np.abs(u).min(), HEAD_MAX)

    def head_integrand(x):
        return smooth(x) * (np.cos(a * x) if weight == "cos" else np.sin(a * x))

    # quad warns when rounding stops it short of epsabs; its error estimate (reported) says so
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", IntegrationWarning)
        head, head_error = quad(head_integrand, 0.0, split, **_QUAD)
        if a == 0:
            tail, tail_error = quad(smooth, split, np.inf, **_QUAD)
        else:
            tail, tail_error = quad(smooth, split, np.inf, weight=weight, wvar=a, limlst=100)
    scale = 1.0 / (np.pi * np.sqrt(2.0))
    return linear - scale * (head + tail), scale * (head_error + tail_error)


def symmetric_direction(k: int):
    return np.full(k, 1.0 / np.sqrt(k))


def monte_carlo(rng, k_max: int, betas, samples: int, chunk: int):
    """Monte Carlo of c_k(beta), k = 1..k_max, all beta, one stream: (mean, se), shape (k, beta)."""
    ks = np.arange(1, k_max + 1)
    betas = np.asarray(betas, dtype=float)
    sums = np.zeros((k_max, len(betas)))
    squares = np.zeros((k_max, len(betas)))
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        z = rng.standard_normal((m, k_max))
        s = np.cumsum(z, axis=1) / np.sqrt(ks)
        parity = np.cumprod(np.sign(z), axis=1)
        for b, beta in enumerate(betas):
            values = np.maximum(s + beta, 0.0) * parity
            sums[:, b] += values.sum(axis=0)
            squares[:, b] += (values**2).sum(axis=0)
        done += m
    mean = sums / samples
    se = np.sqrt(np.maximum(squares / samples - mean**2, 0.0) / (samples - 1))
    return mean, se


def table(rng, k_max, betas, mc_samples, mc_chunk, n_max, tail_n_max):
    """biased.csv: one row per (k, beta): c_k(beta) by series, quadrature and Monte Carlo."""
    mc_mean, mc_se = monte_carlo(rng, k_max, betas, mc_samples, mc_chunk)
    rows = []
    for k in range(1, k_max + 1):
        values, errors = series_values(k, betas, n_max, tail_n_max)
        for b, beta in enumerate(betas):
            quad_value, quad_error = dawson_correlation(symmetric_direction(k), beta)
            mean, se = relu_moments(beta)
            rows.append(
                {
                    "k": k,
                    "beta": beta,
                    "c_k_beta": values[b],
                    "c_k_beta_error": errors[b],
                    "c_k_beta_quadrature": quad_value,
                    "c_k_beta_quadrature_error": quad_error,
                    "series_minus_quadrature": values[b] - quad_value,
                    "c_k_beta_mc": mc_mean[k - 1, b],
                    "c_k_beta_mc_se": mc_se[k - 1, b],
                    "mc_z_score": (mc_mean[k - 1, b] - values[b]) / mc_se[k - 1, b],
                    "relu_mean": mean,
                    "relu_second_moment": se,
                }
            )
    return pd.DataFrame(rows)
