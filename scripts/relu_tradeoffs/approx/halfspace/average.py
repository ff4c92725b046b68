"""Averaging: w proportional to E[label * x] (Servedio 2001; the warm start of ABL14).

Under N(0, I) marginals E[label x] = E[label z] w* for any label that depends on x only through
w*.x, so the direction is consistent, but adversarial label noise moves it by O(noise) and
can cancel E[label z] altogether.
"""

from relu_tradeoffs.approx.halfspace.common import average_direction


def fit(X, labels, rng):
    return average_direction(X, labels)
