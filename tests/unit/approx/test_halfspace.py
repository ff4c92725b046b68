"""Halfspace learners: recovery of a clean halfspace, ABL14 under adversarial noise, and the
biased heuristic beating averaging on Algorithm 2's labels."""

from statistics import NormalDist

import numpy as np
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs.approx import noise
from relu_tradeoffs.approx.halfspace import HOMOGENEOUS, LEARNERS, abl14
from relu_tradeoffs.approx.halfspace.common import best_threshold

# The default config's constants.
PARAMS = yaml.safe_load((ROOT / "config.yaml").read_text())["approx"]["params"]


def angle(a, b):
    cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.arccos(np.clip(cos, -1.0, 1.0)))


@pytest.fixture(scope="module")
def gaussian():
    rng = np.random.default_rng(2024)
    d, m = 10, 100_000
    return rng.standard_normal((m, d)), np.eye(d)[0], np.eye(d)[1]


# Homogeneous learners are only asked to learn homogeneous halfspaces (bias 0).
CASES = [(n, b) for n in sorted(LEARNERS) for b in (0.0, 0.8) if not (n in HOMOGENEOUS and b)]


@pytest.mark.parametrize(("name", "bias"), CASES)
def test_recovers_clean_halfspace(gaussian, name, bias):
    """10^5 clean examples at d = 10: angle below 0.05 (measured <= 0.02)."""
    X, u, _ = gaussian
    labels = np.where(X @ u > bias, 1.0, -1.0)
    w = LEARNERS[name](X, labels, np.random.default_rng(1), **PARAMS[name])
    assert np.linalg.norm(w) == pytest.approx(1.0)
    assert angle(w, u) < 0.05


def adversarial_labels(X, u, v, eta):
    """sign(u.x) with an eta fraction flipped where it hurts: half far from the boundary
    (u.x > 1, v.x large: it tilts E[label x] towards -v) and half in the wedge
    0 < u.x < tan(pi eta) v.x at the boundary (it tilts every halfspace fit by O(eta))."""
    z, s = X @ u, X @ v
    far = (z > 1) & (s > NormalDist().inv_cdf(1 - eta / 2 / NormalDist().cdf(-1)))
    wedge = (z > 0) & (z < np.tan(np.pi * eta) * s)
    return np.where(far | wedge, -1.0, np.where(z > 0, 1.0, -1.0))


def test_abl14_angle_shrinks_with_the_noise_and_beats_averaging(gaussian):
    """Measured angles: ABL14 0.083, 0.033, 0.009 and averaging 0.19, 0.079, 0.023 at
    eta = 0.05, 0.02, 0.005."""
    X, u, v = gaussian
    params = PARAMS["abl14"]
    angles = []
    for eta in (0.05, 0.02, 0.005):
        labels = adversarial_labels(X, u, v, eta)
        learned, averaged = abl14.fit(X, labels, None, **params), labels @ X
        angles.append(angle(learned, u))
        assert angles[-1] < 0.6 * angle(averaged, u), (eta, angles[-1], angle(averaged, u))
    assert angles[0] > angles[1] > angles[2]
    assert angles[2] < 0.03


def test_abl14_uses_a_fresh_part_per_round():
    """The split gives every band the same expected count and uses every example once."""
    widths = [1.0, 0.5, 0.25, 0.125]
    sizes = abl14.split_sizes(10_000, widths)
    assert sum(sizes) == 10_000 and len(sizes) == 5
    expected = [sizes[0]] + [n * abl14.band_mass(b) for n, b in zip(sizes[1:], widths, strict=True)]
    assert max(expected) - min(expected) < 3


def test_abl14_solver_meets_its_tolerance():
    """At the returned v the Frank-Wolfe gap (an upper bound on the suboptimality) is <= tol,
    and a brute-force check over random feasible points finds nothing better by more than
    tol + smoothing / 2 in the true hinge."""
    rng = np.random.default_rng(3)
    A = rng.standard_normal((400, 5))
    labels = np.where(A[:, 0] + 0.3 * rng.standard_normal(400) > 0, 1.0, -1.0)
    center, radius, tau, smoothing, tol = np.eye(5)[1], 0.5, 0.2, 0.01, 1e-3
    v = abl14.hinge_in_ball(A, labels, center, radius, tau, smoothing, tol, 20_000)
    assert np.linalg.norm(v - center) <= radius + 1e-12

    def hinge(w):
        return np.maximum(0, 1 - labels * (A @ w) / tau).mean()

    g = rng.standard_normal((2000, 5))
    points = center + g / np.linalg.norm(g, axis=1, keepdims=True) * radius * rng.random((2000, 1))
    assert hinge(v) <= min(hinge(p) for p in points) + tol + smoothing / 2
    with pytest.raises(abl14.NotConverged, match="not within tol"):
        abl14.hinge_in_ball(A, labels, center, radius, tau, smoothing, 1e-9, 20)


def test_localized_hinge_beats_average_under_flip():
    """d = 50, flip noise at opt 0.01, Algorithm 2's labels at alpha = opt^(1/3)."""
    target = 0.01
    cal = noise.canonical_instance(0.35, 3, 0.1, target ** (1 / 3))
    level, _ = noise.calibrate("flip", target, cal, 200_000, seed=3)
    inst = noise.make_instance(np.random.default_rng(5), 50, 0.35, 3, 0.1, target ** (1 / 3))
    X, y = noise.sample(np.random.default_rng(6), 20_000, inst, "flip", level)
    labels = np.where(y > target ** (1 / 3), 1.0, -1.0)
    angles = {
        name: angle(
            LEARNERS[name](X, labels, np.random.default_rng(7), **PARAMS[name]), inst.w_star
        )
        for name in ("localized_hinge", "average")
    }
    assert angles["localized_hinge"] < 0.5 * angles["average"], angles


def test_best_threshold_is_exact():
    """The sort-based threshold matches brute force over all cuts."""
    rng = np.random.default_rng(0)
    proj = rng.standard_normal(300)
    labels = np.where(proj + 0.3 * rng.standard_normal(300) > 0.4, 1.0, -1.0)
    t = best_threshold(proj, labels)
    cuts = np.concatenate(([proj.min() - 1], np.sort(proj) + 1e-12))
    brute = min(np.mean(np.where(proj > c, 1.0, -1.0) != labels) for c in cuts)
    assert np.mean(np.where(proj > t, 1.0, -1.0) != labels) == pytest.approx(brute)
