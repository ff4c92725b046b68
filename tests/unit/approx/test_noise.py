"""Noise models: labels in [0, 1], calibration to the target opt, unreachable targets."""

import os
import subprocess
import sys

import numpy as np
import pytest
from conftest import ROOT
from relu_tradeoffs.approx import noise

W_NORM, K, ETA = 0.35, 3, 0.1


@pytest.mark.parametrize("model", sorted(set(noise.MODELS) - {"none"}))
@pytest.mark.parametrize("target", [1e-3, 1e-2, 1e-1])
def test_reaches_target_opt(model, target):
    """Calibrated in the canonical instance, the level gives the target (within 20%) on a
    fresh sample of a random instance in d = 12."""
    center = target ** (1 / 3)
    level, reached = noise.calibrate(
        model, target, noise.canonical_instance(W_NORM, K, ETA, center), 100_000, seed=11
    )
    assert reached == pytest.approx(target, rel=0.02)
    inst = noise.make_instance(np.random.default_rng(1), 12, W_NORM, K, ETA, center)
    X, y = noise.sample(np.random.default_rng(2), 100_000, inst, model, level)
    assert np.all((y >= 0) & (y <= 1))
    assert noise.planted_error(X, y, inst) == pytest.approx(target, rel=0.2)


def test_none_is_realizable_up_to_clipping():
    """Clipping at 1 costs ||w*||^2 E[(z - 1/||w*||)_+^2] = 4.3e-5 at ||w*|| = 0.35."""
    a = 1 / W_NORM
    z = np.linspace(a, 12, 200_001)
    clip_cost = W_NORM**2 * np.trapezoid((z - a) ** 2 * np.exp(-(z**2) / 2), z) / np.sqrt(2 * np.pi)
    inst = noise.make_instance(np.random.default_rng(3), 10, W_NORM, K, ETA, 0.1)
    X, y = noise.sample(np.random.default_rng(4), 1_000_000, inst, "none", 0.0)
    assert clip_cost == pytest.approx(4.3e-5, rel=0.05)
    assert noise.planted_error(X, y, inst) == pytest.approx(clip_cost, rel=0.15)


def test_unreachable_target_names_model_and_target():
    inst = noise.canonical_instance(W_NORM, K, ETA, 0.5)
    with pytest.raises(noise.UnreachableTarget, match=r"'flip' cannot reach opt target 0\.6"):
        noise.calibrate("flip", 0.6, inst, 20_000, seed=0)


def test_calibration_is_deterministic_across_processes():
    """Common random numbers: another interpreter (another hash seed) finds the same level."""
    call = f"calibrate('leak', 0.01, canonical_instance({W_NORM}, {K}, {ETA}, 0.2), 20_000, 5)"
    code = f"from relu_tradeoffs.approx.noise import *; print(repr({call}[0]))"
    env = dict(os.environ, PYTHONHASHSEED="7", PYTHONPATH=str(ROOT / "scripts"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    inst = noise.canonical_instance(W_NORM, K, ETA, 0.2)
    assert float(out.stdout) == noise.calibrate("leak", 0.01, inst, 20_000, 5)[0]


def test_parity_uses_the_lift():
    """Parity-replaced labels are (chi_S(sign x) + 1)/2 up to the parity's own label noise."""
    inst = noise.make_instance(np.random.default_rng(0), 8, W_NORM, K, 0.0, 0.2)
    X, y = noise.sample(np.random.default_rng(1), 50_000, inst, "parity", 1.0)
    chi = np.prod(np.sign(X[:, inst.support]), axis=1)
    np.testing.assert_array_equal(y, (chi + 1) / 2)
