"""Agnostic ReLU data under Gaussian marginals: a planted ReLU plus one of six noise models.

Every instance has x ~ N(0, I_d), a planted w* of norm ``w_norm`` < 1 and labels in [0, 1].
Why ||w*|| < 1: a unit w* gives ReLU(w*.x) > 1 with probability 0.16, and any unit w has
err >= E[(z - 1)_+^2] = 0.075 against labels in [0, 1] -- small opt targets would be out of
reach. With ||w*|| = 0.35 the clean labels clip(ReLU(w*.x), 0, 1) differ from the ReLU only
when w*.x > 1 (z > 2.86), which costs 4e-5 of square loss; that clipping is part of opt.

Each noise model is one function ``(rng, X, inst, level) -> (X, y)`` whose scalar ``level`` is
calibrated (:func:`calibrate`) so that the planted ReLU's error E[(ReLU(w*.x) - y)^2] meets a
target opt. Each function draws all its random numbers before using ``level``, so with a
fresh generator of the same seed the error is a monotone function of ``level`` (common random
numbers) and a 1-D root find is deterministic.
"""

from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from relu_tradeoffs.parity import lift, sample_slpn
from relu_tradeoffs.relu import relu


@dataclass(frozen=True)
class Instance:
    """The hidden structure of one data set."""

    w_star: np.ndarray  # planted ReLU, norm w_norm
    v: np.ndarray  # unit vector orthogonal to w_star (leak direction, band side)
    support: np.ndarray  # k-subset of coordinates of the parity (model parity)
    band_center: float  # label value around which `band` reflects labels
    parity_eta: float  # label noise of the parity (model parity)

    @property
    def d(self) -> int:
        return self.w_star.size

    @property
    def u_star(self) -> np.ndarray:
        return self.w_star / np.linalg.norm(self.w_star)


def make_instance(rng, d, w_norm, parity_k, parity_eta, band_center) -> Instance:
    """Random planted direction, an orthogonal direction and a parity support."""
    g = rng.standard_normal((2, d))
    u = g[0] / np.linalg.norm(g[0])
    v = g[1] - (g[1] @ u) * u
    return Instance(
        w_star=w_norm * u,
        v=v / np.linalg.norm(v),
        support=np.sort(rng.choice(d, size=parity_k, replace=False)),
        band_center=float(band_center),
        parity_eta=float(parity_eta),
    )


def clean_labels(X, inst):
    return np.clip(relu(X @ inst.w_star), 0.0, 1.0)


def none(rng, X, inst, level):
    """Realizable up to the clipping at 1 (error 4e-5 at ||w*|| = 0.35); ``level`` is unused."""
    return X, clean_labels(X, inst)


def random(rng, X, inst, level):
    """Bounded zero-mean noise: y = clip(ReLU(w*.x) + xi), xi ~ U[-level, level]."""
    xi = rng.uniform(-1.0, 1.0, size=X.shape[0])
    return X, np.clip(relu(X @ inst.w_star) + level * xi, 0.0, 1.0)


def flip(rng, X, inst, level):
    """Adversarial replacement: the ``level`` fraction of points with the smallest w*.x get y = 1.

    Each replaced label costs 1 (the ReLU is 0 there) and pulls E[y x] against w*: at
    level ~0.1 the averaging direction E[y x] almost vanishes.
    """
    z = X @ inst.u_star
    y = clean_labels(X, inst)
    if level > 0:
        y = np.where(z < NormalDist().inv_cdf(min(level, 0.5)), 1.0, y)
    return X, y


def band(rng, X, inst, level):
    """Labels reflected around the threshold c, y -> 2c - y, in a band that tilts the boundary.

    c = ``inst.band_center`` = opt_target^(1/3), the paper's alpha. Reflected: the points with
    c < w*.x < c + level and v.x > 0 (pushed below c) and those with c - level < w*.x < c and
    v.x < 0 (pushed above c). The Boolean labels sign(y - c) then have their boundary at
    w*.x = c + level on one side of v and c - level on the other: the best halfspace is tilted
    by an angle ~ level while opt ~ level^3 -- the case behind Algorithm 2's opt^(2/3).
    """
    p = X @ inst.w_star
    c = inst.band_center
    side = X @ inst.v > 0
    y = clean_labels(X, inst)
    hit = np.where(side, (p > c) & (p < c + level), (p < c) & (p > c - level))
    return X, np.where(hit, np.clip(2 * c - y, 0.0, 1.0), y)


def leak(rng, X, inst, level):
    """A linear leak orthogonal to w*: y = clip(ReLU(w*.x) + level * v.x, 0, 1).

    E[y x] moves to w*/2 + level v (clipping aside), which misleads averaging and the
    surrogate; the best ReLU tilts towards v, so opt_reference < opt here.
    """
    return X, np.clip(relu(X @ inst.w_star) + level * (X @ inst.v), 0.0, 1.0)


def parity(rng, X, inst, level):
    """A ``level`` fraction of labels replaced by the lifted k-sparse noisy parity.

    x is drawn by the hardness branch's lift (x_j = g_j s_j, g half-normal, s uniform signs, so
    x ~ N(0, I) exactly) and the parity label is (chi_S(s) (flipped w.p. eta) + 1)/2 in {0, 1}.
    For odd k >= 3 no unbiased ReLU correlates with it beyond its mean.
    """
    signs, chi = sample_slpn(rng, X.shape[0], inst.d, inst.support, inst.parity_eta)
    X, y_parity = lift(rng, signs, chi)
    replaced = rng.random(X.shape[0]) < level
    return X, np.where(replaced, y_parity, clean_labels(X, inst))


MODELS = {f.__name__: f for f in (none, random, flip, band, leak, parity)}
# Level brackets for the root find: level 0 is the clean instance, the top the noisiest.
LEVEL_RANGE = {
    "random": (0.0, 2.0),
    "flip": (0.0, 0.5),
    "band": (0.0, 2.0),
    "leak": (0.0, 2.0),
    "parity": (0.0, 1.0),
}


def sample(rng, m, inst, noise, level):
    """m examples (X, y) of the instance under the noise model at the given level."""
    X = rng.standard_normal((m, inst.d))
    return MODELS[noise](rng, X, inst, level)


def planted_error(X, y, inst) -> float:
    """Square loss of the planted ReLU (not clipped) on (X, y)."""
    return float(np.mean((relu(X @ inst.w_star) - y) ** 2))


class UnreachableTarget(ValueError):
    """A noise model cannot reach the requested opt at this d."""


def canonical_instance(w_norm, parity_k, parity_eta, band_center) -> Instance:
    """w* = w_norm e_1, v = e_2, parity on coordinates 2..k+1, in dimension k + 2.

    Every model's planted error depends on x only through (w*.x, v.x) and, for the parity,
    through the lifted parity label, which no unbiased ReLU correlates with for odd k >= 3
    (approx_config checks k). So this small instance has the same error as any rotated,
    higher-dimensional one, and calibration in it holds for every d.
    """
    d = parity_k + 2
    eye = np.eye(d)
    return Instance(eye[0] * w_norm, eye[1], np.arange(2, d), float(band_center), parity_eta)


def calibrate(noise, target, inst, n, seed, xtol=1e-6):
    """The level at which the planted ReLU's error on a calibration sample equals ``target``.

    Bisection on ``level`` with common random numbers: X is drawn once and the noise model
    restarts the generator ``seed`` at each evaluation, so the result is deterministic.
    Returns (level, error at level). Raises :class:`UnreachableTarget` naming the model and
    the target if the target lies outside the model's range.
    """
    X = np.random.default_rng([seed, 0]).standard_normal((n, inst.d))

    def err(level):
        return planted_error(*MODELS[noise](np.random.default_rng([seed, 1]), X, inst, level), inst)

    if noise == "none":
        return 0.0, err(0.0)
    lo, hi = LEVEL_RANGE[noise]
    e_lo, e_hi = err(lo), err(hi)
    if not e_lo <= target <= e_hi:
        raise UnreachableTarget(
            f"noise model '{noise}' cannot reach opt target {target:g}: its planted error "
            f"ranges over [{e_lo:.3g}, {e_hi:.3g}] (||w*|| = {np.linalg.norm(inst.w_star):g})"
        )
    while hi - lo > xtol:
        mid = 0.5 * (lo + hi)
        if err(mid) < target:
            lo = mid
        else:
            hi = mid
    level = 0.5 * (lo + hi)
    return level, err(level)
