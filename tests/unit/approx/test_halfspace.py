"""Halfspace learners: recovery of a clean halfspace, and localization beating averaging."""

import numpy as np
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs.approx import noise
from relu_tradeoffs.approx.halfspace import LEARNERS
from relu_tradeoffs.approx.halfspace.common import best_threshold

# The default config's constants.
PARAMS = yaml.safe_load((ROOT / "config.yaml").read_text())["approx"]["params"]


def angle(a, b):
    cos = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    return float(np.arccos(np.clip(cos, -1.0, 1.0)))


@pytest.fixture(scope="module")
def clean_halfspace():
    rng = np.random.default_rng(2024)
    d, m = 10, 100_000
    u = rng.standard_normal(d)
    u /= np.linalg.norm(u)
    X = rng.standard_normal((m, d))
    return X, u


@pytest.mark.parametrize("name", sorted(LEARNERS))
@pytest.mark.parametrize("bias", [0.0, 0.8])
def test_recovers_clean_halfspace(clean_halfspace, name, bias):
    """10^5 clean examples at d = 10: angle below 0.05, with or without a bias."""
    X, u = clean_halfspace
    labels = np.where(X @ u > bias, 1.0, -1.0)
    w = LEARNERS[name](X, labels, np.random.default_rng(1), **PARAMS[name])
    assert np.linalg.norm(w) == pytest.approx(1.0)
    assert angle(w, u) < 0.05


def test_abl14_beats_average_under_flip():
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
        for name in ("abl14", "average")
    }
    assert angles["abl14"] < 0.5 * angles["average"], angles


def test_best_threshold_is_exact():
    """The sort-based threshold matches brute force over all cuts."""
    rng = np.random.default_rng(0)
    proj = rng.standard_normal(300)
    labels = np.where(proj + 0.3 * rng.standard_normal(300) > 0.4, 1.0, -1.0)
    t = best_threshold(proj, labels)
    cuts = np.concatenate(([proj.min() - 1], np.sort(proj) + 1e-12))
    brute = min(np.mean(np.where(proj > c, 1.0, -1.0) != labels) for c in cuts)
    assert np.mean(np.where(proj > t, 1.0, -1.0) != labels) == pytest.approx(brute)
