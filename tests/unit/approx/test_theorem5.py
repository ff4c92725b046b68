"""Theorem 5's proof chain: every population inequality holds on every row (3 s.e.), and the
flags do catch a violated link."""

import numpy as np
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs.approx import algorithm2, noise, theorem5

PARAMS = yaml.safe_load((ROOT / "config.yaml").read_text())["approx"]["params"]


def rows_for(noise_model, regime, target, seed):
    w_norm = 1.0 if regime == "paper" else 0.35
    cal = noise.canonical_instance(w_norm, 3, 0.1, target ** (1 / 3))
    level, _ = noise.calibrate(noise_model, target, cal, 100_000, seed=seed)
    inst = noise.make_instance(np.random.default_rng(seed), 10, w_norm, 3, 0.1, target ** (1 / 3))
    train = noise.sample(np.random.default_rng(seed + 1), 6000, inst, noise_model, level)
    X, y = noise.sample(np.random.default_rng(seed + 2), 6000, inst, noise_model, level)
    opt = float(np.mean((np.maximum(X @ inst.w_star, 0) - y) ** 2))
    rows = []
    for alpha in theorem5.alpha_grid(opt, [0.5, 1.0, 1.4]):
        for learner in ("abl14", "average"):
            w = algorithm2.fit(
                *train, alpha, learner, np.random.default_rng(0), PARAMS[learner], regime
            )
            rows.append(theorem5.chain(X, y, inst.w_star, opt, alpha, w))
    return rows


@pytest.mark.parametrize(
    ("noise_model", "regime", "target"),
    [("flip", "paper", 0.15), ("band", "paper", 0.1), ("flip", "scaled", 0.01),
     ("band", "scaled", 0.001), ("leak", "scaled", 0.01), ("random", "paper", 0.2)],
)  # fmt: skip
def test_every_link_holds(noise_model, regime, target):
    for row in rows_for(noise_model, regime, target, seed=11):
        assert all(row[flag] for flag in theorem5.HOLDS), row


def test_slab_bound_is_tight_for_a_clean_relu():
    """No noise, unit w*: the only Boolean errors of sign(w*.x) are the slab 0 < w*.x <= alpha
    (mass Phi(alpha) - 1/2), inside the proof's slab (0, 2 alpha)."""
    inst = noise.make_instance(np.random.default_rng(0), 6, 1.0, 3, 0.1, 0.5)
    X, y = noise.sample(np.random.default_rng(1), 200_000, inst, "none", 0.0)
    row = theorem5.chain(X, y, inst.w_star, 0.0753, 0.3, inst.w_star)
    assert row["err01_wstar"] == pytest.approx(0.1179, abs=0.004)  # Phi(0.3) - 1/2
    assert row["err01_wstar"] <= row["err01_bound"]


def test_flags_catch_a_broken_link():
    """Understate opt (1e-4 for a true ~0.04) and the Markov and slab links must fail: at
    alpha = 0.1 about 0.2 of the points are Boolean errors of w*, above the claimed
    1e-4 / 0.01 + Pr[0 < z < 0.2] = 0.09. The angle link holds trivially for w = w*."""
    inst = noise.make_instance(np.random.default_rng(0), 6, 1.0, 3, 0.1, 0.5)
    X, y = noise.sample(np.random.default_rng(1), 50_000, inst, "random", 0.5)
    row = theorem5.chain(X, y, inst.w_star, 1e-4, 0.1, -inst.w_star)
    assert not row["holds_markov"]
    assert not row["holds_err01_wstar"]
    row = theorem5.chain(X, y, inst.w_star, 1e-4, 0.1, inst.w_star * 1.0)
    assert row["holds_angle"]
