"""The fit job's additions: the negative controls, the sampling term of the Stein bound, the
fresh-sample opt behind the paper's alpha, the scaled regime's training size and ABL14's step."""

import numpy as np
import pytest
from relu_tradeoffs.approx import experiment, theorem5
from relu_tradeoffs.approx.config import CONTROL_RANDOM, CONTROL_ZERO, train_size
from relu_tradeoffs.relu import relu

KEY = ("approx", "scaled", "flip", "10", "0.001", "0")


def test_controls_are_zero_and_a_seeded_random_unit_vector():
    a, b = experiment.controls(7, KEY, 10), experiment.controls(7, KEY, 10)
    assert not a[CONTROL_ZERO].any() and a[CONTROL_ZERO].shape == (10,)
    assert np.linalg.norm(a[CONTROL_RANDOM]) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_array_equal(a[CONTROL_RANDOM], b[CONTROL_RANDOM])  # keyed, deterministic
    other = experiment.controls(7, (*KEY[:-1], "1"), 10)[CONTROL_RANDOM]
    assert np.abs(other - a[CONTROL_RANDOM]).max() > 1e-3  # another instance, another vector


def test_random_control_directions_are_uniform():
    """The mean of many random controls is near 0 (each coordinate has variance 1/d)."""
    d, n = 5, 4000
    mean = np.mean(
        [experiment.controls(0, (*KEY[:-1], str(i)), d)[CONTROL_RANDOM] for i in range(n)], axis=0
    )
    assert np.abs(mean).max() < 4 / np.sqrt(d * n)


def test_yx_se_is_the_standard_error_of_the_mean_of_y_x():
    """y = 0.5 on x ~ N(0, I_d): Var(y x_j) = 1/4, so the s.e. is 0.5 sqrt(d / m)."""
    rng = np.random.default_rng(0)
    m, d = 20000, 8
    X = rng.standard_normal((m, d))
    assert experiment.yx_se((X, np.full(m, 0.5))) == pytest.approx(0.5 * np.sqrt(d / m), rel=0.03)


def test_fresh_opt_is_the_better_of_planted_and_reference_on_the_fresh_sample():
    rng = np.random.default_rng(1)
    X = rng.standard_normal((5000, 4))
    w_star = np.array([0.35, 0, 0, 0])
    y = relu(X @ w_star) + 0.1 * rng.standard_normal(5000)

    class Inst:
        pass

    inst = Inst()
    inst.w_star = w_star
    far = np.array([0, 0.35, 0, 0])
    planted = float(np.mean((relu(X @ w_star) - y) ** 2))
    assert experiment.fresh_opt(inst, (X, y), far) == pytest.approx(planted, rel=1e-12)
    assert planted == pytest.approx(0.01, rel=0.05)


@pytest.mark.parametrize(
    ("regime", "d", "opt", "expected"),
    [
        ("paper", 50, 0.1, (1000, False)),  # the paper regime keeps m_train
        ("scaled", 10, 0.1, (1000, False)),  # 2 d / opt = 200: raised to m_train
        ("scaled", 10, 0.01, (2000, False)),  # 2 d / opt exactly
        ("scaled", 10, 0.001, (5000, True)),  # 20000 wanted, capped
        ("scaled", 10, 0.0, (5000, False)),  # `none` runs at the cap
    ],
)
def test_train_size(regime, d, opt, expected):
    section = {"m_train": 1000, "m_train_scaled": {"per_d_over_opt": 2.0, "cap": 5000}}
    assert train_size(section, regime, d, opt) == expected


@pytest.mark.parametrize(
    ("dist", "err01", "within", "needed"),
    [
        (0.3, 0.1, True, 2.0),
        (0.9, 0.1, False, 8.0),
        (0.05, 0.0, True, 0.0),
        (0.5, 0.0, False, np.inf),
    ],
)
def test_abl14_step_bound_and_the_smallest_covering_K(dist, err01, within, needed):
    row = {"dist_unit": dist, "err01_wstar": err01}
    out = theorem5.step(row, K=4.0, eps=0.1)
    assert out["step_bound"] == pytest.approx(4.0 * err01 + 0.1)
    assert out["within_step"] == within and out["step_K_needed"] == pytest.approx(needed)
    # the needed K is the boundary: at it the row is within, a hair below it is not
    if 0 < needed < np.inf:
        assert theorem5.step(row, K=needed * (1 + 1e-9), eps=0.1)["within_step"]
        assert not theorem5.step(row, K=needed * (1 - 1e-9), eps=0.1)["within_step"]
