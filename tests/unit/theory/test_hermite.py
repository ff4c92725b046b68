"""Hermite coefficients against closed forms, recurrences and quadrature."""

import numpy as np
from numpy.polynomial import hermite_e
from relu_tradeoffs.theory import hermite
from scipy.integrate import quad
from scipy.special import factorial


def test_he_at_zero_matches_numpy_evaluation():
    n = np.arange(31)
    direct = np.array([hermite_e.hermeval(0.0, np.eye(31)[i]) for i in n])
    np.testing.assert_allclose(hermite.he_at_zero(n), direct, rtol=1e-13)
    assert hermite.he_at_zero(np.array([0, 2, 4, 6]))[1:].tolist() == [-1.0, 3.0, -15.0]


def test_relu_coefficients_first_values_and_parseval():
    c = hermite.relu_coefficients(4000)
    assert np.isclose(c[0], 1 / np.sqrt(2 * np.pi), rtol=0, atol=1e-16)  # E[ReLU(z)]
    assert c[1] == 0.5  # E[ReLU(z) z] = 1/2
    assert np.isclose(c[2], 1 / (2 * np.sqrt(np.pi)), rtol=1e-15)
    assert np.all(c[3::2] == 0)
    # Parseval: sum of squares tends to E[ReLU(z)^2] = 1/2 (the tail decays like n^{-3/2}).
    assert 0.5 - 1e-5 < np.sum(c**2) <= 0.5


def test_sign_coefficients_closed_form_and_parseval():
    c = hermite.sign_coefficients(4001)
    assert c[0] == 0 and np.all(c[2::2] == 0)
    assert np.isclose(c[1], np.sqrt(2 / np.pi), rtol=1e-15)  # E[|z|]
    assert np.isclose(c[3], -np.sqrt(2 / np.pi) / np.sqrt(6), rtol=1e-15)
    assert 1 - 0.02 < np.sum(c**2) <= 1  # E[sign^2] = 1; tail ~ n^{-1/2}


def test_closed_forms_agree_with_quadrature_to_1e_10():
    for closed, quadrature in (
        (hermite.relu_coefficients, hermite.relu_coefficients_quadrature),
        (hermite.sign_coefficients, hermite.sign_coefficients_quadrature),
    ):
        assert np.max(np.abs(closed(30) - quadrature(30))) <= 1e-10


def test_gauss_legendre_against_adaptive_quadrature():
    """A third, adaptive method for a few degrees guards the quadrature itself."""
    for n in (2, 4, 10):

        def integrand(z, n=n):
            return z * hermite_e.hermeval(z, np.eye(n + 1)[n]) * np.exp(-z * z / 2)

        value, _ = quad(integrand, 0, np.inf, epsabs=1e-13)
        expected = value / np.sqrt(2 * np.pi * factorial(n))
        assert abs(hermite.relu_coefficients_quadrature(n)[n] - expected) < 1e-11
