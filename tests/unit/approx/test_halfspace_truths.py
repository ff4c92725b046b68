"""Clean-halfspace recovery at tolerances that tell localization from plain averaging."""

import numpy as np
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs.approx.halfspace import LEARNERS

PARAMS = yaml.safe_load((ROOT / "config.yaml").read_text())["approx"]["params"]
# Angle (rad) achieved on 10^5 clean examples in d = 10, without and with a bias of 0.8:
# abl14 1.8e-3 / -, localized_hinge 3.0e-4 / 4.6e-4, average 9.7e-3 / 1.8e-2, sigmoid_sgd
# 1.3e-2 / 9.5e-3. Bounds are ~3x. ABL14 learns homogeneous halfspaces only (Algorithm 2 as
# the paper states it): a biased target is outside its class (angle 0.074 at bias 0.8), so it
# has no biased case. Its bound still excludes plain averaging, its warm start.
BOUND = {
    ("abl14", 0.0): 5.4e-3,
    ("localized_hinge", 0.0): 1e-3,
    ("localized_hinge", 0.8): 1.5e-3,
    ("average", 0.0): 0.03,
    ("average", 0.8): 0.055,
    ("sigmoid_sgd", 0.0): 0.04,
    ("sigmoid_sgd", 0.8): 0.03,
}


@pytest.fixture(scope="module")
def clean():
    rng = np.random.default_rng(2024)
    u = rng.standard_normal(10)
    return rng.standard_normal((100_000, 10)), u / np.linalg.norm(u)


@pytest.mark.parametrize(("name", "bias"), sorted(BOUND))
def test_recovers_a_clean_halfspace_to_its_own_accuracy(clean, name, bias):
    X, u = clean
    labels = np.where(X @ u > bias, 1.0, -1.0)
    w = LEARNERS[name](X, labels, np.random.default_rng(1), **PARAMS[name])
    assert np.linalg.norm(w) == pytest.approx(1.0, abs=1e-12)
    assert np.arccos(np.clip(w @ u, -1.0, 1.0)) < BOUND[name, bias]
