"""Theorem 5's chain row, value by value: every key against a hand computation or a slow loop
written from the module docstring's definitions, the flags at their boundaries, and the helpers
(sign(0) = -1, unit vectors, the alpha grid)."""

import math
import statistics

import numpy as np
import pytest
from relu_tradeoffs.approx import theorem5

KEYS = {
    "opt", "alpha", "p_far", "markov_bound", "slab_mass", "err01_wstar", "err01_bound",
    "err01_bound_paper", "err01_w", "dist_w_wstar", "dist_unit", "angle_bound", "test_err",
    "err_bound", *theorem5.HOLDS,
}  # fmt: skip

# A vector whose unit vector has a dot product with itself of 1 + 2^-52 in floating point (and
# with its opposite of -1 - 2^-52): arccos must be fed a clipped cosine.
ROUNDS_PAST_ONE = np.array([1.304, 0.947, -0.704])


def slow_chain(X, y, w_star, opt, alpha, w):
    """The docstring's definitions, one example at a time, with math and statistics."""
    m = len(y)

    def sgn(v):
        return 1.0 if v > 0 else -1.0

    def dot(a, b):
        return sum(float(ai) * float(bi) for ai, bi in zip(a, b, strict=True))

    def norm(a):
        return math.sqrt(dot(a, a))

    p_star = [dot(x, w_star) for x in X]
    p_w = [dot(x, w) for x in X]
    labels = [sgn(float(yi) - alpha) for yi in y]
    n_star = norm(w_star)
    slab = 0.5 * math.erf(2 * alpha / n_star / math.sqrt(2))  # Phi(2 alpha / ||w*||) - 1/2
    e_star = sum(sgn(p) != lab for p, lab in zip(p_star, labels, strict=True)) / m
    e_w = sum(sgn(p) != lab for p, lab in zip(p_w, labels, strict=True)) / m
    delta = [a - b for a, b in zip(w, w_star, strict=True)]
    u = [a / norm(w) for a in w]
    u_star = [a / n_star for a in w_star]
    dist_unit = norm([a - b for a, b in zip(u, u_star, strict=True)])
    disagree = math.acos(max(-1.0, min(1.0, dot(u, u_star)))) / math.pi
    sq = [dot(delta, x) ** 2 for x in X]
    row = {
        "opt": opt,
        "alpha": alpha,
        "p_far": sum(abs(yi - max(p, 0.0)) >= alpha for yi, p in zip(y, p_star, strict=True)) / m,
        "markov_bound": opt / (alpha * alpha),
        "slab_mass": slab,
        "err01_wstar": e_star,
        "err01_bound": opt / (alpha * alpha) + slab,
        "err01_bound_paper": opt / (alpha * alpha) + 2 * alpha / n_star,
        "err01_w": e_w,
        "dist_w_wstar": norm(delta),
        "dist_unit": dist_unit,
        "angle_bound": math.pi * (e_w + e_star),
        "test_err": sum((max(p, 0.0) - yi) ** 2 for p, yi in zip(p_w, y, strict=True)) / m,
        "err_bound": 2 * opt + 2 * norm(delta) ** 2,
    }
    z = 3.0
    se_slab = math.sqrt(slab * (1 - slab) / m)
    se_disagree = math.sqrt(disagree * (1 - disagree) / m)
    se_proj = statistics.stdev(sq) / math.sqrt(m)
    row |= {
        "holds_markov": row["p_far"] <= row["markov_bound"] * (1 + 1e-12),
        "holds_err01_wstar": e_star <= row["err01_bound"] + z * se_slab,
        "holds_err01_paper": row["err01_bound"] <= row["err01_bound_paper"],
        "holds_angle": dist_unit <= math.pi * (e_w + e_star + z * se_disagree) + 1e-12,
        "holds_err_bound": row["test_err"] <= row["err_bound"] + 2 * z * se_proj,
    }
    return row


def test_sign_is_algorithm_2s_with_sign_of_zero_minus_one():
    got = theorem5._sign(np.array([-2.0, -0.0, 0.0, 1e-300, 3.0]))
    assert got.dtype == float
    np.testing.assert_array_equal(got, [-1.0, -1.0, -1.0, 1.0, 1.0])


def test_unit_is_the_direction():
    np.testing.assert_allclose(theorem5.unit(np.array([3.0, -4.0])), [0.6, -0.8], rtol=1e-15)
    assert np.linalg.norm(theorem5.unit(ROUNDS_PAST_ONE)) == pytest.approx(1.0, abs=1e-15)


def test_alpha_grid_scales_the_cube_root_of_opt():
    """opt = 0.008: opt^(1/3) = 0.2, so factors 0.5, 1, 2.5 give 0.1, 0.2, 0.5 (Python floats)."""
    grid = theorem5.alpha_grid(0.008, [0.5, 1.0, 2.5])
    assert grid == pytest.approx([0.1, 0.2, 0.5], rel=1e-14)
    assert all(type(a) is float for a in grid)


# Four hand-made points with every tie the definitions must settle: y1 = alpha and
# w*.x2 = 0 (sign(0) = -1 on both sides), and three residuals |y - ReLU_w*(x)| exactly alpha.
X4 = np.array([[1.0, 1.0], [2.0, -2.0], [-1.0, 0.0], [1.0, 0.5]])
Y4 = np.array([0.5, 0.5, 0.0, 1.25])
W_STAR4 = np.array([0.5, 0.5])  # w*.x = 1, 0, -0.5, 0.75
W4 = np.array([1.0, -0.5])  # w.x = 0.5, 3, -1, 0.75
OPT4 = 0.1875  # w*'s error: (0.25 + 0.25 + 0 + 0.25) / 4


def test_every_key_of_a_hand_computed_row():
    row = theorem5.chain(X4, Y4, W_STAR4, OPT4, 0.5, W4)
    assert set(row) == KEYS
    u, u_star = W4 / math.sqrt(1.25), W_STAR4 / math.sqrt(0.5)
    hand = {
        "opt": 0.1875,
        "alpha": 0.5,
        "p_far": 0.75,  # residuals 0.5, 0.5, 0, 0.5: three reach alpha
        "markov_bound": 0.75,  # 0.1875 / 0.25: Markov is tight on this sample
        "slab_mass": 0.5 * math.erf(1.0),  # Phi(2 * 0.5 / sqrt(0.5)) - 1/2 = Phi(sqrt 2) - 1/2
        "err01_wstar": 0.25,  # labels -1, -1, -1, +1; signs of w*.x +1, -1, -1, +1
        "err01_bound": 0.75 + 0.5 * math.erf(1.0),
        "err01_bound_paper": 0.75 + 1.0 / math.sqrt(0.5),
        "err01_w": 0.5,  # signs of w.x +1, +1, -1, +1
        "dist_w_wstar": math.sqrt(1.25),  # w - w* = (0.5, -1)
        "dist_unit": math.hypot(*(u - u_star)),
        "angle_bound": math.pi * 0.75,
        "test_err": (0.0 + 2.5**2 + 0.0 + 0.5**2) / 4,
        "err_bound": 2 * 0.1875 + 2 * 1.25,
    }
    for key, value in hand.items():
        assert row[key] == pytest.approx(value, rel=1e-14, abs=1e-15), key
    assert all(row[flag] for flag in theorem5.HOLDS)  # Markov with equality still holds
    assert row == pytest.approx(slow_chain(X4, Y4, W_STAR4, OPT4, 0.5, W4), rel=1e-13)


def test_markov_flag_fails_once_opt_is_understated_by_half():
    """Same sample, opt halved: Pr[|residual| >= alpha] = 0.75 is twice the claimed bound."""
    row = theorem5.chain(X4, Y4, W_STAR4, OPT4 / 2, 0.5, W4)
    assert row["markov_bound"] == 0.375 and not row["holds_markov"]


def test_err01_flag_holds_exactly_at_its_bound():
    """||w*|| = 2^60 puts the slab mass at 0 (Phi(2^-60) = 1/2 in floating point), so the
    link is err01(w*) <= opt / alpha^2 with no sampling slack: 1/4 <= 0.0625 / 0.25 holds,
    and it fails for a hair smaller opt."""
    X = np.array([[1.0, 0.0], [-1.0, 1.0], [1.0, -1.0], [1.0, 2.0]])
    y = np.array([1.0, 0.0, 0.0, 1.0])  # labels +1, -1, -1, +1; signs of w*.x +1, -1, +1, +1
    w_star = np.array([2.0**60, 0.0])
    row = theorem5.chain(X, y, w_star, 0.0625, 0.5, w_star)
    assert row["slab_mass"] == 0.0 and row["err01_wstar"] == 0.25 == row["err01_bound"]
    assert row["holds_err01_wstar"]
    assert not theorem5.chain(X, y, w_star, 0.0625 * (1 - 1e-15), 0.5, w_star)["holds_err01_wstar"]


def test_err_bound_flag_holds_exactly_at_its_bound():
    """w* = e1, w - w* = e2 / 2 and points (0, +-2): (w - w*).x = +-1 on every point (no
    sampling spread), test error 1/2 = 2 opt + 2 ||w - w*||^2 with opt = 0: the bound holds
    with equality; with half as many negative points the error is 2/3 and it fails."""
    w_star, w = np.array([1.0, 0.0]), np.array([1.0, 0.5])
    X = np.array([[0.0, 2.0], [0.0, -2.0]] * 3)
    row = theorem5.chain(X, np.zeros(6), w_star, 0.0, 0.5, w)
    assert row["test_err"] == 0.5 == row["err_bound"] and row["holds_err_bound"]
    X = np.array([[0.0, 2.0], [0.0, 2.0], [0.0, -2.0]] * 2)
    row = theorem5.chain(X, np.zeros(6), w_star, 0.0, 0.5, w)
    assert row["test_err"] == pytest.approx(2 / 3) and not row["holds_err_bound"]


def test_err_bound_slack_is_six_standard_errors_with_the_n_minus_1_deviation():
    """Three points (0, t), t = 2, 2, 2.25, w - w* = e2 / 2, opt = 0: ((w - w*).x)^2 = 1, 1,
    1.265625 (sample sd 0.1531 with n - 1, s.e. 0.0884), test error 1.0885 against the bound
    2 ||w - w*||^2 = 0.5: 6.6 s.e. above it, so the flag (6 s.e. of slack) fails."""
    X = np.array([[0.0, 2.0], [0.0, 2.0], [0.0, 2.25]])
    w_star, w = np.array([1.0, 0.0]), np.array([1.0, 0.5])
    row = theorem5.chain(X, np.zeros(3), w_star, 0.0, 0.5, w)
    sq = [1.0, 1.0, 1.265625]
    se = statistics.stdev(sq) / math.sqrt(3)
    assert row["test_err"] == pytest.approx(statistics.fmean(sq), rel=1e-15)
    assert (row["test_err"] - row["err_bound"]) / se == pytest.approx(6.6, abs=0.05)
    assert not row["holds_err_bound"]


def test_paper_slab_bound_holds_for_every_alpha():
    """Phi(t) - 1/2 <= t phi(0) < t: the exact Gaussian slab never exceeds the paper's
    2 alpha / ||w*||, down to alphas where the two bounds are equal in floating point."""
    X, y = X4, Y4
    for alpha in [2.0**-60, 1e-12, 1e-6, 1e-3, 0.1, 0.5, 1.0, 3.0, 10.0]:
        row = theorem5.chain(X, y, W_STAR4, alpha * alpha, alpha, W4)  # opt / alpha^2 = 1
        assert row["err01_bound"] <= row["err01_bound_paper"], alpha
        assert row["holds_err01_paper"], alpha


def separable(m, alpha=0.5):
    """m points on which w* = e1 and w = e2 (90 degrees apart) both agree with every label:
    alternately (1, 1) with y = 1 and (-1, -1) with y = 0, so y = ReLU_w*(x)."""
    X = np.array([[1.0, 1.0], [-1.0, -1.0]] * (m // 2))
    y = np.maximum(X[:, 0], 0.0)
    return X, y


def test_angle_flag_allows_three_standard_errors_of_the_disagreement():
    """Both directions classify the sample perfectly, yet ||u - u*|| = sqrt 2 and the angle is
    pi/2, i.e. Pr[sign(u.x) != sign(u*.x)] = 1/2 with s.e. sqrt(1/4 / m). On m = 4 points
    3 s.e. (0.75) cover it: pi * 0.75 >= sqrt 2; on m = 20 they do not (pi * 0.335 < sqrt 2)."""
    w_star, w = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    for m, holds in [(4, True), (20, False), (100, False)]:
        X, y = separable(m)
        row = theorem5.chain(X, y, w_star, 0.0, 0.5, w)
        assert row["err01_w"] == row["err01_wstar"] == 0.0
        assert row["dist_unit"] == pytest.approx(math.sqrt(2), rel=1e-15)
        rhs = math.pi * 3 * math.sqrt(0.25 / m)
        assert (math.sqrt(2) <= rhs) is holds
        assert row["holds_angle"] == holds, m


def clean_sample(w_star, alpha):
    """Gaussian points at least 0.1 from w*'s boundary and from alpha, y = ReLU_w*(x): w*
    itself makes no Boolean error."""
    X = np.random.default_rng(5).standard_normal((400, len(w_star)))
    p = X @ w_star
    X = X[(np.abs(p) > 0.1) & (np.abs(p - alpha) > 0.1)]
    return X, np.maximum(X @ w_star, 0.0)


def test_angle_link_for_w_parallel_and_opposite_to_w_star():
    """w = w*: distance 0 and no Boolean error, the link holds with nothing to spare (even
    though u.u* rounds to 1 + 2^-52). w = -w*: distance 2, and every point is a Boolean error
    of exactly one of the two, so pi * (err01(w) + err01(w*)) = pi >= 2."""
    w_star = ROUNDS_PAST_ONE
    X, y = clean_sample(w_star, 0.05)
    same = theorem5.chain(X, y, w_star, 0.0, 0.05, w_star.copy())
    assert same["dist_unit"] == 0.0 and same["err01_w"] == same["err01_wstar"] == 0.0
    assert same["holds_angle"]
    opposite = theorem5.chain(X, y, w_star, 0.0, 0.05, -w_star)
    assert opposite["dist_unit"] == pytest.approx(2.0, rel=1e-15)
    assert opposite["err01_w"] + opposite["err01_wstar"] == pytest.approx(1.0, rel=1e-15)
    assert opposite["holds_angle"]


def random_case(rng):
    """A small noisy instance whose opt is understated or overstated at random, so that every
    flag but the paper-slab one lands on both sides of its bound across cases."""
    d, m = int(rng.integers(2, 4)), int(rng.integers(5, 200))
    X = rng.standard_normal((m, d))
    w_star = rng.standard_normal(d)
    w_star *= rng.uniform(0.3, 1.5) / np.linalg.norm(w_star)
    y = np.maximum(X @ w_star, 0.0) + rng.uniform(0.0, 1.0) * rng.standard_normal(m)
    err_star = float(np.mean((np.maximum(X @ w_star, 0.0) - y) ** 2))
    opt = err_star * rng.choice([1.0, 10 ** rng.uniform(-4, 0.2)])
    delta = rng.standard_normal(d)
    w = w_star + delta * rng.uniform(0.0, 1.0) / np.linalg.norm(delta)
    return X, y, w_star, opt, float(rng.uniform(0.05, 1.0)), w


def test_chain_matches_the_definitions_on_random_small_samples():
    rng = np.random.default_rng(2024)
    seen = {flag: set() for flag in theorem5.HOLDS}
    for _ in range(1500):
        case = random_case(rng)
        row, slow = theorem5.chain(*case), slow_chain(*case)
        assert set(row) == KEYS
        for key in KEYS - set(theorem5.HOLDS):
            assert row[key] == pytest.approx(slow[key], rel=1e-12, abs=1e-14), key
        for flag in theorem5.HOLDS:
            assert row[flag] == slow[flag], (flag, case)
            seen[flag].add(bool(row[flag]))
    for flag in ("holds_markov", "holds_err01_wstar", "holds_err_bound"):
        assert seen[flag] == {True, False}, flag
    assert seen["holds_err01_paper"] == {True}  # a theorem, not a sample statement
