"""The honest opt: the class's floor, the reference fit, and the check that no method beats opt."""

import numpy as np
import pytest
from relu_tradeoffs.approx import noise, reference
from relu_tradeoffs.approx.regimes import paper_floor, project


def test_paper_floor_matches_quadrature():
    """2 Q(1) - phi(1) against a fine trapezoid rule of (z - 1)^2 phi(z) on [1, 12]."""
    z = np.linspace(1.0, 12.0, 200_001)
    integrand = (z - 1) ** 2 * np.exp(-(z**2) / 2) / np.sqrt(2 * np.pi)
    quad = float(np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(z)))
    assert paper_floor() == pytest.approx(quad, rel=1e-8)
    assert paper_floor() == pytest.approx(0.0753, abs=5e-5)


def test_project_on_the_class():
    W = np.array([[3.0, 4.0], [0.3, 0.4]])
    np.testing.assert_allclose(project("paper", W), [[0.6, 0.8], [0.6, 0.8]])
    np.testing.assert_allclose(project("scaled", W), [[0.6, 0.8], [0.3, 0.4]])


@pytest.mark.parametrize(("regime", "w_norm"), [("paper", 1.0), ("scaled", 0.35)])
def test_reference_recovers_the_planted_relu_from_random_starts(regime, w_norm):
    """Clean labels (clipped at 1): from 4 random starts only, GD finds w* to within 0.02
    (measured 0.005) and stops with its gradient mapping below the tolerance."""
    inst = noise.make_instance(np.random.default_rng(0), 8, w_norm, 3, 0.1, 0.5)
    X, y = noise.sample(np.random.default_rng(1), 40_000, inst, "none", 0.0)
    w, mapping = reference.fit(
        X, y, np.empty((0, 8)), np.random.default_rng(2), regime, 4, 2000, 0.5, 1e-5
    )
    assert mapping <= 1e-5
    assert np.linalg.norm(w - inst.w_star) < 0.02


def test_reference_is_no_worse_than_its_starts():
    """Leak noise: the best ReLU tilts away from w*; starting at w* the reference ends lower."""
    inst = noise.make_instance(np.random.default_rng(0), 8, 0.35, 3, 0.1, 0.5)
    X, y = noise.sample(np.random.default_rng(1), 40_000, inst, "leak", 0.2)
    w, _ = reference.fit(X, y, [inst.w_star], np.random.default_rng(2), "scaled", 0, 500, 0.5, 1e-5)

    def loss(v):
        return np.mean((np.maximum(X @ v, 0) - y) ** 2)

    assert loss(w) < loss(inst.w_star) - 1e-3


def run(**change):
    base = {
        "regime": "paper", "noise": "flip", "d": 10, "opt_target": 0.1, "seed": 3,
        "method": "gd", "test_err": 0.100, "opt": 0.101, "gap_se": 0.001,
    }  # fmt: skip
    return base | change


def test_check_opt_passes_within_three_standard_errors():
    check = reference.check_opt([run(), run(method="surrogate", test_err=0.0985)])
    assert check["below_z"] == 0 and check["threshold"] == 3.0


@pytest.mark.parametrize(("rows", "z"), [(1, 3.0), (100, 3.719), (4000, 4.565), (10**5, 5.199)])
def test_threshold_is_bonferroni_over_the_rows_never_below_z(rows, z):
    """max(3, Phi^-1(1 - 0.01 / rows)): the closed form's values to 3 decimals."""
    assert reference.check_threshold(rows, 3.0, 0.01) == pytest.approx(z, abs=5e-4)


def test_a_correct_opt_fails_a_large_grid_rarely():
    """Rows whose gap to a truly optimal opt is pure test noise (N(0, se)): at 3 s.e. per row a
    grid of 4,000 fails almost surely; at the corrected threshold about 1% of grids fail."""
    rng = np.random.default_rng(0)
    gaps = rng.standard_normal((400, 4000))  # 400 grids of 4,000 rows, in units of se
    fails_per_row = (gaps < -3.0).any(axis=1).mean()
    fails_corrected = (gaps < -reference.check_threshold(4000, 3.0, 0.01)).any(axis=1).mean()
    assert fails_per_row > 0.98 and fails_corrected <= 0.03  # 1 - e^-5.4 = 0.995; 0.01


def test_check_opt_names_the_instance_when_opt_is_too_large():
    """An injected opt 5 s.e. above a method's error must fail, naming instance and method."""
    with pytest.raises(reference.NotOptimal, match="paper/flip/d10/opt0.1/seed3: gd test_err"):
        reference.check_opt([run(opt=0.105)])


def test_check_opt_still_fails_a_large_grid_when_opt_is_far_too_large():
    """4,000 clean rows and one 6 s.e. below opt: the corrected threshold (4.56) still names it."""
    clean = [run(seed=s, test_err=0.102) for s in range(4000)]
    with pytest.raises(reference.NotOptimal, match="on 1 run.*seed7: glmtron"):
        reference.check_opt([*clean, run(seed=7, method="glmtron", test_err=0.095)])


def test_floor_check_allows_sampling_and_names_an_opt_far_below_the_floor():
    floor = paper_floor()
    near = run(opt=floor - 2 * 0.005, opt_floor=floor, opt_se=0.005)  # 2 s.e.: sampling
    reference.check_floor([near, run(regime="scaled", opt=1e-4, opt_floor=0.0, opt_se=1e-5)], 3)
    far = run(seed=5, opt=floor - 4 * 0.005, opt_floor=floor, opt_se=0.005)
    with pytest.raises(reference.BelowFloor, match=r"on paper/flip/d10/opt0.1/seed5: opt 0.055"):
        reference.check_floor([near, far, far | {"method": "surrogate"}], 3)
