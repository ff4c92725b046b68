"""Normalized Hermite coefficients of ReLU and sign: closed forms and an independent quadrature.

Normalized probabilists' Hermite polynomials Hbar_n = He_n / sqrt(n!) are orthonormal under
N(0, 1); the coefficient of f is E[f(z) Hbar_n(z)].
"""

import numpy as np
from numpy.polynomial import hermite_e, legendre
from scipy.special import gammaln

QUAD_UPPER = 16.0  # e^{-16^2/2} ~ 1e-56: the half-line integral is exact to double precision


def _log_abs_he_at_zero(n):
    """log |He_n(0)| for even n: (2m)!/(m! 2^m) with n = 2m."""
    m = np.asarray(n) // 2
    return gammaln(2 * m + 1) - gammaln(m + 1) - m * np.log(2.0)


def _parity_sign(n):
    """Sign of He_n(0) for even n: (-1)^(n/2)."""
    return np.where((np.asarray(n) // 2) % 2 == 0, 1.0, -1.0)


def he_at_zero(n):
    """He_n(0): zero for odd n, (-1)^m (2m)!/(m! 2^m) for n = 2m (exact in float up to n ~ 40)."""
    n = np.asarray(n)
    value = _parity_sign(n) * np.round(np.exp(_log_abs_he_at_zero(n)))
    return np.where(n % 2 == 1, 0.0, value)


def sign_coefficients(n_max):
    """sign_n = sqrt(2/(pi n!)) He_{n-1}(0) for n >= 1, sign_0 = 0 (Fact 2); log-space, any n."""
    n = np.arange(n_max + 1)
    prev = np.maximum(n - 1, 0)
    log_mag = 0.5 * np.log(2.0 / np.pi) + _log_abs_he_at_zero(prev) - 0.5 * gammaln(n + 1.0)
    coef = _parity_sign(prev) * np.exp(log_mag)
    return np.where((n % 2 == 1), coef, 0.0)


def relu_coefficients(n_max):
    """relu_0 = 1/sqrt(2 pi), relu_1 = 1/2, relu_n = (He_n(0) + n He_{n-2}(0))/sqrt(2 pi n!).

    For even n >= 2 the numerator is (-1)^(n/2+1) (n-3)!!, evaluated in log-space.
    """
    n = np.arange(n_max + 1)
    m = np.maximum(n - 2, 0) // 2  # (n-3)!! = (2m)!/(2^m m!) with n - 2 = 2m
    log_mag = gammaln(2 * m + 1) - m * np.log(2.0) - gammaln(m + 1) - 0.5 * gammaln(n + 1.0)
    coef = -_parity_sign(n) * np.exp(log_mag) / np.sqrt(2.0 * np.pi)
    coef = np.where((n % 2 == 0) & (n >= 2), coef, 0.0)
    coef = np.where(n == 0, 1.0 / np.sqrt(2.0 * np.pi), coef)
    return np.where(n == 1, 0.5, coef)


def _sqrt_factorial(n):
    return np.exp(0.5 * gammaln(np.asarray(n) + 1.0))


def _half_line_moments(n_max, weight, nodes=400):
    """E[weight(z) Hbar_n(z) 1{z > 0}] for n = 0..n_max by Gauss-Legendre on [0, QUAD_UPPER]."""
    t, w = legendre.leggauss(nodes)
    z = 0.5 * QUAD_UPPER * (t + 1.0)
    w = 0.5 * QUAD_UPPER * w * np.exp(-0.5 * z**2) / np.sqrt(2.0 * np.pi)
    values = weight(z) * w
    n = np.arange(n_max + 1)
    basis = hermite_e.hermevander(z, n_max) / _sqrt_factorial(n)  # (nodes, n_max + 1)
    return values @ basis


def relu_coefficients_quadrature(n_max, nodes=400):
    """The ReLU coefficients by numerical integration (independent of the closed form)."""
    return _half_line_moments(n_max, lambda z: z, nodes)


def sign_coefficients_quadrature(n_max, nodes=400):
    """sign is odd: E[sign(z) Hbar_n] = 2 E[Hbar_n 1{z>0}] for odd n, 0 for even n."""
    half = _half_line_moments(n_max, np.ones_like, nodes)
    n = np.arange(n_max + 1)
    return np.where(n % 2 == 1, 2.0 * half, 0.0)
