"""The reference fit and the opt checks against independent computations (the square-loss
gradient with ReLU'(0) = 0 is the core's, tested in tests/unit/core): the random starts'
distributions, projected GD step by step with a per-row gradient-mapping stop, fit's
deduplicated starts, the paired gap on a hand-made sample, and the checks exactly at, just
inside and just outside their thresholds."""

import math
import re
import statistics

import numpy as np
import pytest
from relu_oracle import slow_loss_grad
from relu_tradeoffs.approx import reference


def phi_cdf(t):
    return 0.5 * math.erfc(-t / math.sqrt(2))


def slow_project(regime, w):
    n = math.sqrt(sum(float(a) ** 2 for a in w))
    return np.array(w) / (n if regime == "paper" else max(n, 1.0))


def slow_descend(X, y, start, regime, steps, eta, tol):
    """One row of projected GD; it stops once ||w - w_next|| / eta is at most tol."""
    w = slow_project(regime, start)
    for _ in range(steps):
        w_next = slow_project(regime, w - eta * slow_loss_grad(X, y, w)[1])
        mapping = math.dist(w, w_next) / eta
        w = w_next
        if mapping <= tol:
            break
    loss, g = slow_loss_grad(X, y, w)
    return w, loss, math.dist(w, slow_project(regime, w - eta * g)) / eta


@pytest.mark.parametrize("d", [2, 5])
def test_random_starts_are_uniform_directions_or_uniform_points_of_the_ball(d):
    """Paper: unit vectors with mean ~ 0. Scaled: inside the ball with Pr[||x|| <= r] = r^d
    (uniform in volume), checked at r = 0.5 and 0.9 within 4 standard errors."""
    n = 20_000
    S = reference.random_starts(np.random.default_rng(0), "paper", n, d)
    assert S.shape == (n, d)
    np.testing.assert_allclose(np.linalg.norm(S, axis=1), 1.0, rtol=1e-14)
    assert np.all(np.abs(S.mean(axis=0)) < 4 / math.sqrt(d * n))
    B = reference.random_starts(np.random.default_rng(0), "scaled", n, d)
    norms = np.linalg.norm(B, axis=1)
    assert B.shape == (n, d) and np.all(norms < 1.0)
    for r in (0.5, 0.9):
        p = r**d
        assert np.mean(norms <= r) == pytest.approx(p, abs=4 * math.sqrt(p * (1 - p) / n))


def gd_problem():
    rng = np.random.default_rng(3)
    X = rng.standard_normal((300, 3))
    w_star = np.array([0.3, -0.5, 0.4])
    y = np.clip(np.maximum(X @ w_star, 0) + 0.2 * rng.standard_normal(300), 0, 1)
    return X, y, w_star


@pytest.mark.parametrize("regime", ["paper", "scaled"])
def test_one_descend_step_is_one_projected_gradient_step(regime):
    """steps = 1, grad_tol = 0: w1 = P(P(s) - eta grad L(P(s))) from starts off the class
    (norms 2 and 0.5), its loss, and the gradient mapping ||w1 - P(w1 - eta grad L(w1))|| / eta."""
    X, y, _ = gd_problem()
    starts = np.array([[1.2, -1.6, 0.0], [0.0, 0.3, -0.4]])
    W, losses, mapping = reference.descend(X, y, starts.copy(), regime, 1, 0.5, 0.0)
    for i, s in enumerate(starts):
        w0 = slow_project(regime, s)
        w1 = slow_project(regime, w0 - 0.5 * slow_loss_grad(X, y, w0)[1])
        np.testing.assert_allclose(W[i], w1, rtol=1e-12)
        loss, g = slow_loss_grad(X, y, w1)
        assert losses[i] == pytest.approx(loss, rel=1e-12)
        expected = math.dist(w1, slow_project(regime, w1 - 0.5 * g)) / 0.5
        assert mapping[i] == pytest.approx(expected, rel=1e-9)


@pytest.mark.parametrize("regime", ["paper", "scaled"])
def test_each_row_stops_on_its_own_gradient_mapping(regime):
    """A start near the optimum and two far ones, grad_tol = 0.01: every row must end where a
    single-row run stops (its own step ||w - w_next|| / eta <= grad_tol), not when the others
    do, and report its own final gradient mapping."""
    X, y, w_star = gd_problem()
    w_star = slow_project(regime, w_star)
    starts = np.array([w_star + 0.01, -w_star + [0.2, 0.0, 0.0], [0.0, 0.9, 0.1]])
    W, losses, mapping = reference.descend(X, y, starts.copy(), regime, 200, 0.5, 0.01)
    stopped_early = 0
    for i, s in enumerate(starts):
        w, loss, grad_map = slow_descend(X, y, s, regime, 200, 0.5, 0.01)
        np.testing.assert_allclose(W[i], w, rtol=1e-9, atol=1e-12)
        assert losses[i] == pytest.approx(loss, rel=1e-9)
        assert mapping[i] == pytest.approx(grad_map, rel=1e-6, abs=1e-12)
        stopped_early += bool(grad_map > 1e-4)  # far from converged: the stop did matter
    assert stopped_early >= 2


def test_fit_descends_once_from_each_point_of_the_class_and_keeps_the_best(monkeypatch):
    """Paper regime: 0.3 u, 0.6 u and 2 u are the same point u of the sphere, and u + 3e-10 e1
    is within 1e-9 of it, so descend gets u once, plus v and 3 random unit starts; fit returns
    the descended row of least loss and its gradient mapping."""
    calls = []
    real = reference.descend

    def spy(X, y, starts, *args):
        out = real(X, y, starts, *args)
        calls.append((np.array(starts), out))
        return out

    monkeypatch.setattr(reference, "descend", spy)
    X, y, _ = gd_problem()
    u, v = np.array([0.6, 0.8, 0.0]), np.array([0.0, 0.0, -1.0])
    starts = [0.3 * u, 0.6 * u, 2 * u, u + [3e-10, 0, 0], v]
    w, mapping = reference.fit(X, y, starts, np.random.default_rng(0), "paper", 3, 50, 0.5, 1e-6)
    (S, (W, losses, maps)), = calls  # fmt: skip
    assert len(S) == 5
    np.testing.assert_allclose(np.linalg.norm(S, axis=1), 1.0, rtol=1e-8)
    assert sum(np.allclose(s, u, atol=1e-9) for s in S) == 1
    assert sum(np.allclose(s, v, atol=1e-9) for s in S) == 1
    best = int(np.argmin(losses))
    np.testing.assert_array_equal(w, W[best])
    assert mapping == maps[best] and type(mapping) is float


def test_fit_keeps_distinct_points_of_the_ball():
    """Scaled regime: 0.3 u and 0.6 u are different points of the ball (2 u projects to u):
    three starts, each descended; the best is no worse than any start's own loss."""
    X, y, _ = gd_problem()
    u = np.array([0.6, 0.8, 0.0])
    starts = np.array([0.3 * u, 0.6 * u, 2 * u])
    W, losses, _ = reference.descend(X, y, np.array([0.3 * u, 0.6 * u, u]), "scaled", 50, 0.5, 1e-6)
    w, _ = reference.fit(X, y, starts, np.random.default_rng(0), "scaled", 0, 50, 0.5, 1e-6)
    np.testing.assert_array_equal(w, W[np.argmin(losses)])


def test_paired_gap_on_a_hand_made_sample():
    """Per-example losses of w = (1, 1) and w_opt = (2, 0) on four points: w.x = 1, 1, 2, -1
    and w_opt.x = 2, 0, 2, -2 against y = 0.5, 0, 3, 0.25 give differences -2, 1, 0, 0:
    mean -1/4, standard error stdev / 2 = sqrt(19 / 12) / 2."""
    X = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.0]])
    y = np.array([0.5, 0.0, 3.0, 0.25])
    gap, se = reference.paired_gap(X, y, np.array([1.0, 1.0]), np.array([2.0, 0.0]))
    diff = [0.25 - 2.25, 1.0 - 0.0, 1.0 - 1.0, 0.0625 - 0.0625]
    assert gap == pytest.approx(statistics.fmean(diff), rel=1e-15) == -0.25
    assert se == pytest.approx(statistics.stdev(diff) / 2, rel=1e-14)
    assert se == pytest.approx(math.sqrt(19 / 12) / 2, rel=1e-14)
    assert type(gap) is float and type(se) is float


def row(**change):
    base = {
        "regime": "paper", "noise": "flip", "d": 10, "opt_target": 0.1, "seed": 3,
        "method": "gd", "test_err": 0.5, "opt": 0.5, "gap_se": 0.0625,
    }  # fmt: skip
    return base | change


def test_check_opt_summary_counts_rows_beyond_z_standard_errors():
    """z = 2 and se = 1/16: opt - z se = 0.375 exactly. A row exactly there is not below, one
    2^-20 lower is; neither reaches the Bonferroni threshold Phi^-1(1 - 0.01/3) = 2.71."""
    rows = [row(test_err=0.375), row(test_err=0.375 - 2.0**-20), row(test_err=0.5)]
    summary = reference.check_opt(rows, z=2.0, fwer=0.01)
    assert summary == {
        "rows": 3,
        "threshold": pytest.approx(2.7131, abs=5e-4),
        "below_z": 1,
        "chance_below_z": pytest.approx(3 * phi_cdf(-2.0), rel=1e-12),
    }


def test_check_opt_fails_only_strictly_beyond_its_threshold():
    """One row, fwer = 1/2: the threshold is z = 2 itself. test_err = opt - 2 se passes;
    2^-20 lower fails; two failing runs are both named, separated by '; '."""
    assert reference.check_opt([row(test_err=0.375)], z=2.0, fwer=0.5)["threshold"] == 2.0
    with pytest.raises(reference.NotOptimal, match="on 1 run"):
        reference.check_opt([row(test_err=0.375 - 2.0**-20)], z=2.0, fwer=0.5)
    bad = [row(seed=1, test_err=0.25), row(seed=2, method="glmtron", test_err=0.25)]
    with pytest.raises(reference.NotOptimal) as err:
        reference.check_opt(bad, z=2.0, fwer=0.5)
    named = str(err.value).split(": ", 1)[1]
    assert re.fullmatch(
        r"paper/flip/d10/opt0\.1/seed1: gd [^;]*; paper/flip/d10/opt0\.1/seed2: glmtron [^;]*",
        named,
    )


@pytest.mark.parametrize("rows", [0, 1])
def test_threshold_for_a_single_row_is_uncorrected(rows):
    """Bonferroni over one row (or none) is no correction: Phi^-1(1 - fwer) = 1.6449 at 0.05."""
    assert reference.check_threshold(rows, 0.0, 0.05) == pytest.approx(1.644854, abs=1e-6)


def test_check_floor_fails_only_strictly_beyond_its_threshold_and_names_every_instance():
    """Floor 1/4, se 1/16, threshold 2: opt = 1/8 exactly passes, 2^-20 lower fails; two
    instances below are both named, separated by '; ' (one instance once, whatever its rows)."""
    at = row(opt=0.125, opt_floor=0.25, opt_se=0.0625)
    reference.check_floor([at], 2.0)
    with pytest.raises(reference.BelowFloor):
        reference.check_floor([at | {"opt": 0.125 - 2.0**-20}], 2.0)
    far = [at | {"seed": 1, "opt": 0.0}, at | {"seed": 1, "opt": 0.0, "method": "x"}]
    far.append(at | {"seed": 2, "opt": 0.0})
    with pytest.raises(reference.BelowFloor) as err:
        reference.check_floor(far, 2.0)
    named = str(err.value).split(" on ", 1)[1]
    assert re.fullmatch(
        r"paper/flip/d10/opt0\.1/seed1: opt 0 [^;]*; paper/flip/d10/opt0\.1/seed2: opt 0 [^;]*",
        named,
    )
