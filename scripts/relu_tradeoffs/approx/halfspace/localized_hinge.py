"""A localization-flavoured heuristic for *biased* halfspaces: hinge losses in shrinking bands.

Not Awasthi, Balcan, Long 2014 (that is :mod:`relu_tradeoffs.approx.halfspace.abl14`): one
sample is reused in every round, each round takes a fixed number of normalised subgradient
steps instead of solving its hinge problem, and the bands carry a bias. None of ABL14's
guarantees apply; it is kept as the learner of the extension ``alg2_biased_localized_hinge``.

Warm start: the averaging direction w_0 and the 0/1-best threshold t_0 along it. Round
k = 0, 1, ... keeps the examples in the band |w_k.x - t_k| <= b_k, b_k = b0 2^-k, and minimises
the hinge loss max(0, 1 - y (v.x - s) / tau_k), tau_k = tau_ratio * b_k, over (v, s) in the ball
of radius r_k = r0 2^-k around (w_k, t_k); then w_{k+1} = v / ||v||, t_{k+1} = s / ||v||.
Rounds stop early once the band holds fewer than ``min_band_per_dim * d`` examples, the
finite-sample version of ABL14's log(1/eps) rounds. The bias s is Algorithm 2's threshold
alpha/||w*|| (see the package docstring); it is localised together with the direction.
"""

import numpy as np

from relu_tradeoffs.approx.halfspace.common import average_direction, best_threshold, unit


def _hinge_in_ball(A, labels, theta0, radius, tau, steps):
    """Projected normalised subgradient descent on the mean hinge loss of y (A theta) / tau.

    A holds the examples with a -1 column for the bias. Returns the iterate of least loss.
    """
    theta, best, best_loss = theta0.copy(), theta0.copy(), np.inf
    for j in range(steps):
        margin = labels * (A @ theta) / tau
        active = margin < 1
        loss = float(np.maximum(1 - margin, 0).mean())
        if loss < best_loss:
            best, best_loss = theta.copy(), loss
        if not active.any():
            break
        grad = -(labels[active] @ A[active]) / (tau * A.shape[0])
        norm = np.linalg.norm(grad)
        if norm == 0:
            break
        theta = theta - (radius / np.sqrt(j + 1)) * grad / norm
        step = theta - theta0
        dist = np.linalg.norm(step)
        if dist > radius:
            theta = theta0 + step * (radius / dist)
    return best


def fit(X, labels, rng, rounds, b0, r0, tau_ratio, steps, min_band_per_dim):
    m, d = X.shape
    w = average_direction(X, labels)
    t = best_threshold(X @ w, labels)
    for k in range(rounds):
        b = b0 * 2.0**-k
        in_band = np.abs(X @ w - t) <= b
        if in_band.sum() < min_band_per_dim * d:
            break
        A = np.hstack([X[in_band], -np.ones((int(in_band.sum()), 1))])
        theta = _hinge_in_ball(
            A, labels[in_band], np.append(w, t), r0 * 2.0**-k, tau_ratio * b, steps
        )
        norm = np.linalg.norm(theta[:d])
        w, t = theta[:d] / norm, theta[d] / norm
    return unit(w)
