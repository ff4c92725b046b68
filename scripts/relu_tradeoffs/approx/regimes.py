"""The two settings of the approx experiment: Theorem 5's own, and this project's rescaled one.

- ``paper``: Theorem 5 as stated. The class is {ReLU_w : ||w|| = 1}, the planted w* is a unit
  vector, labels are clipped to [0, 1] and opt := min over unit w. Against labels in [0, 1]
  every unit w pays where w.x > 1, so opt >= E[(z - 1)_+^2] = 2 Q(1) - phi(1) ~ 0.0753
  (:func:`paper_floor`): small opt is out of reach in this setting.
- ``scaled``: this project's extension. The class is {ReLU_w : ||w|| <= 1}, the planted w* has
  norm ``w_norm`` < 1, so labels clipped to [0, 1] cost almost nothing and opt can be small.
"""

from math import erfc, exp, pi, sqrt

import numpy as np

from relu_tradeoffs import regression

REGIMES = ("paper", "scaled")
CONSTRAINT = {"paper": "sphere", "scaled": "ball"}  # each regime's class, as the core names it


def paper_floor() -> float:
    """E[(z - 1)_+^2] for z ~ N(0, 1), in closed form: (1 + 1) Q(1) - phi(1) = 2 Q(1) - phi(1)."""
    q1 = 0.5 * erfc(1.0 / sqrt(2.0))
    phi1 = exp(-0.5) / sqrt(2.0 * pi)
    return 2.0 * q1 - phi1


def opt_floor(regime) -> float:
    """The least error any ReLU of the regime's class can have against labels in [0, 1]."""
    return paper_floor() if regime == "paper" else 0.0


def planted_norm(regime, w_norm) -> float:
    return 1.0 if regime == "paper" else float(w_norm)


def project(regime, W):
    """Rows of W projected on the class: the unit sphere (paper) or the unit ball (scaled), by
    the core's one projection (a zero row stays zero). Always 2-D: one vector is one row."""
    return regression.project(np.atleast_2d(W), CONSTRAINT[regime])
