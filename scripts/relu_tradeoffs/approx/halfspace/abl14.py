"""Homogeneous halfspaces by localization (Awasthi, Balcan, Long 2014, "The power of
localization for efficiently learning linear separators with noise", the Gaussian /
isotropic log-concave case with adversarial label noise).

The learner, as in ABL14's algorithm for adversarial noise:
- w_0: the averaging direction E[label x] (ABL14's warm start) on its own part of the sample.
- rounds k = 1..K, K = ceil(log2(1/eps)); round k uses a *fresh* part of the sample, keeps the
  band |w_{k-1}.x| <= b_k and minimises the hinge loss max(0, 1 - label (v.x) / tau_k) over the
  ball ||v - w_{k-1}|| <= r_k; then w_k = v_k / ||v_k||.
- schedules b_k = b1 2^-(k-1), r_k = r1 2^-(k-1), tau_k = tau_ratio b_k: ABL14 takes all three
  proportional to 2^-k with absolute constants from its analysis (not evaluated numerically
  there); ours are config values (docs/approx.md).
- fresh samples: ABL14 draws examples until n_k fall in the band. With a fixed sample we split it
  so that every round's band expects the same count: round k's share is proportional to
  1 / Pr[|z| <= b_k] (z ~ N(0, 1)), the warm start's to 1.
- the hinge problem is solved to a stated tolerance: accelerated projected gradient (FISTA) on
  the hinge smoothed over a width ``smoothing`` of the margin (smoothed <= hinge <= smoothed +
  smoothing / 2), stopped when the Frank-Wolfe gap over the ball (an upper bound on the
  suboptimality of a convex function) is at most ``tol``. So each round's hinge value is within
  tol + smoothing / 2 of the ball's minimum. Not converging in ``max_steps`` raises.
No bias anywhere: every halfspace is sign(w.x), with sign(0) = -1.
"""

from math import ceil, erf, log2, sqrt

import numpy as np

GAP_EVERY = 10


class NotConverged(RuntimeError):
    """The hinge problem of a round did not reach its tolerance in max_steps."""


def rounds(eps) -> int:
    return max(1, ceil(log2(1.0 / eps)))


def band_mass(b) -> float:
    """Pr[|z| <= b] for z ~ N(0, 1): the fraction of a fresh sample inside a band of half-width b."""
    return erf(b / sqrt(2.0))


def split_sizes(m, widths) -> list[int]:
    """Sizes of the warm-start part and of one fresh part per band, equal expected band counts."""
    weights = np.array([1.0] + [1.0 / band_mass(b) for b in widths])
    edges = np.round(np.cumsum(weights) / weights.sum() * m).astype(int)
    return list(np.diff(np.concatenate(([0], edges))))


def _smoothed_hinge(A, labels, v, tau, smoothing):
    """Mean smoothed hinge of the margins labels (A v) / tau, and its gradient in v."""
    slack = 1.0 - labels * (A @ v) / tau
    quad = np.clip(slack, 0.0, smoothing)
    value = np.mean(np.where(slack > smoothing, slack - smoothing / 2, quad**2 / (2 * smoothing)))
    grad = -(labels * quad / smoothing) @ A / (tau * A.shape[0])
    return float(value), grad


def hinge_in_ball(A, labels, center, radius, tau, smoothing, tol, max_steps):
    """argmin of the smoothed hinge over ||v - center|| <= radius, to Frank-Wolfe gap <= tol.

    FISTA with step 1/L and gradient-based adaptive restart (O'Donoghue, Candes 2015). The gap
    g.(v - center) + radius ||g|| >= f(v) - min f is checked every GAP_EVERY steps (it costs a
    gradient); checking less often only delays the stop, it never loosens the tolerance.
    """

    def project(v):
        step = v - center
        norm = np.linalg.norm(step)
        return v if norm <= radius else center + step * (radius / norm)

    lipschitz = np.linalg.norm(A, 2) ** 2 / (A.shape[0] * tau**2 * smoothing)
    v, z, t, gap = center.copy(), center.copy(), 1.0, np.inf
    for step in range(max_steps):
        if step % GAP_EVERY == 0:
            _, grad = _smoothed_hinge(A, labels, v, tau, smoothing)
            gap = grad @ (v - center) + radius * np.linalg.norm(grad)
            if gap <= tol:
                return v
        _, grad_z = _smoothed_hinge(A, labels, z, tau, smoothing)
        v_next = project(z - grad_z / lipschitz)
        if grad_z @ (v_next - v) > 0:  # momentum points uphill: restart it
            t = 1.0
        t_next = 0.5 * (1.0 + sqrt(1.0 + 4.0 * t * t))
        z = v_next + ((t - 1.0) / t_next) * (v_next - v)
        v, t = v_next, t_next
    raise NotConverged(
        f"hinge problem (band of {A.shape[0]} examples, radius {radius:g}, tau {tau:g}) not "
        f"within tol {tol:g} after {max_steps} steps (last gap {gap:.3g})"
    )


def fit(X, labels, rng, eps, b1, r1, tau_ratio, smoothing, tol, max_steps):
    """Unit w of the homogeneous halfspace sign(w.x); X is split into 1 + K fresh parts."""
    widths = [b1 * 2.0 ** -(k - 1) for k in range(1, rounds(eps) + 1)]
    parts = np.split(np.arange(X.shape[0]), np.cumsum(split_sizes(X.shape[0], widths))[:-1])
    w = labels[parts[0]] @ X[parts[0]]
    w /= np.linalg.norm(w)
    for k, (b, idx) in enumerate(zip(widths, parts[1:], strict=True), start=1):
        band = idx[np.abs(X[idx] @ w) <= b]
        if band.size == 0:
            raise NotConverged(f"round {k}: the band |w.x| <= {b:g} of the fresh part is empty")
        v = hinge_in_ball(
            X[band],
            labels[band],
            w,
            r1 * 2.0 ** -(k - 1),
            tau_ratio * b,
            smoothing,
            tol,
            max_steps,
        )
        w = v / np.linalg.norm(v)
    return w
