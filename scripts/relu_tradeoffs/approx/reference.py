"""The honest opt: the best ReLU of the class found on a fresh reference sample, and the check
that no method beats it.

opt := min(planted error, reference error), both on the test set, is the only opt the approx
section uses. The reference is restarted projected gradient descent on the square loss over the
regime's class (sphere or ball, :mod:`relu_tradeoffs.approx.regimes`), run on a fresh sample at
least 10x the test set, from the planted w*, from every method's output and from random points.
A start stops when its gradient mapping ||w - P(w - s g)|| / s is at most ``grad_tol`` (the
first-order optimality condition over the class); the fit of least reference loss wins.
"""

from statistics import NormalDist

import numpy as np

from relu_tradeoffs.approx.regimes import CONSTRAINT, project
from relu_tradeoffs.regression import projected_descent
from relu_tradeoffs.relu import relu

INSTANCE = ("regime", "noise", "d", "opt_target", "seed")


def instance(row):
    """The instance's name in messages: <regime>/<noise>/d<d>/opt<target>/seed<seed>."""
    return "{}/{}/d{}/opt{:g}/seed{}".format(*(row[k] for k in INSTANCE))


class NotOptimal(RuntimeError):
    """A method's test error lies too many standard errors below opt: opt was not optimal."""


def random_starts(rng, regime, count, d):
    """Uniform directions (paper) or uniform points of the ball (scaled)."""
    g = rng.standard_normal((count, d))
    g /= np.linalg.norm(g, axis=1, keepdims=True)
    return g if regime == "paper" else g * (rng.random(count) ** (1.0 / d))[:, None]


def descend(X, y, starts, regime, steps, step_size, grad_tol):
    """Projected GD from every row of ``starts`` (the core's
    :func:`relu_tradeoffs.regression.projected_descent`, ReLU'(0) = 0); each row stops once its
    gradient mapping is at most grad_tol. Returns (W, losses, gradient-mapping norms)."""
    fit = projected_descent(
        X, y, starts, steps=steps, step_size=step_size, constraint=CONSTRAINT[regime],
        grad_tol=grad_tol,
    )  # fmt: skip
    return fit.W, fit.losses, fit.mapping


def fit(X, y, starts, rng, regime, restarts, steps, step_size, grad_tol):
    """The best ReLU found from ``starts`` plus ``restarts`` random starts.

    Returns (w, gradient-mapping norm at w). Near-duplicate starts (within 1e-9) run once.
    """
    starts = np.vstack([np.atleast_2d(starts), random_starts(rng, regime, restarts, X.shape[1])])
    starts = np.unique(np.round(project(regime, starts), 9), axis=0)
    W, losses, mapping = descend(X, y, starts, regime, steps, step_size, grad_tol)
    best = int(np.argmin(losses))
    return W[best], float(mapping[best])


def paired_gap(X, y, w, w_opt):
    """Mean and standard error of the per-example loss of w minus that of w_opt on (X, y)."""
    diff = (relu(X @ w) - y) ** 2 - (relu(X @ w_opt) - y) ** 2
    return float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(diff.size))


class BelowFloor(RuntimeError):
    """An opt lies too many standard errors below the class's floor: no ReLU of the class does
    better in population, so its ReLU is outside the class or its error is mismeasured."""


def check_threshold(rows, z, fwer):
    """How many standard errors below opt fail the check: ``z``, raised to the one-sided
    Bonferroni bound Phi^-1(1 - fwer / rows) over the rows checked.

    Each row is a test of "the method beats opt". With opt exactly optimal a row still falls
    below opt - 3 s.e. with probability 0.13% (the test set's noise), so a grid of thousands
    of near-optimal rows would fail by chance; the bound keeps the chance that a correct opt
    fails the run below ``fwer`` on any grid (z = 4.57 for 4,136 rows at fwer = 0.01).
    """
    return max(z, NormalDist().inv_cdf(1.0 - fwer / max(rows, 1)))


def check_opt(rows, z=3.0, fwer=0.01):
    """Raise :class:`NotOptimal` naming every (instance, method) whose test error lies more than
    :func:`check_threshold` standard errors (of the paired difference to the opt ReLU) below
    opt. Rows are dicts or a DataFrame's records with regime, noise, d, opt_target, seed,
    method, test_err, opt, gap_se.

    Returns {"rows", "threshold", "below_z", "chance_below_z"}: the threshold used, how many
    rows lie more than ``z`` s.e. below opt, and at most how many a correct opt puts there by
    chance (rows x Phi(-z)).
    """
    threshold = check_threshold(len(rows), z, fwer)
    bad = [r for r in rows if r["test_err"] < r["opt"] - threshold * r["gap_se"]]
    if bad:
        named = "; ".join(
            f"{instance(r)}: {r['method']} test_err {r['test_err']:.6g} < opt {r['opt']:.6g} - "
            f"{threshold:.3g} x {r['gap_se']:.3g}"
            for r in bad
        )
        raise NotOptimal(f"opt is not optimal on {len(bad)} run(s): {named}")
    return {
        "rows": len(rows),
        "threshold": threshold,
        "below_z": sum(r["test_err"] < r["opt"] - z * r["gap_se"] for r in rows),
        "chance_below_z": len(rows) * NormalDist().cdf(-z),
    }


def check_floor(rows, threshold):
    """Raise :class:`BelowFloor` naming every run whose opt lies more than ``threshold``
    standard errors (column opt_se) below its regime's floor (column opt_floor: 2Q(1) - phi(1)
    in the paper regime, 0 in the scaled one). Sampling alone puts a test-set opt a few
    standard errors either side of a population opt at the floor (the ``none`` model)."""
    bad = [r for r in rows if r["opt"] < r["opt_floor"] - threshold * r["opt_se"]]
    if bad:
        named = "; ".join(
            f"{instance(r)}: opt {r['opt']:.6g} < floor {r['opt_floor']:.6g} - {threshold:.3g} x {r['opt_se']:.3g}"
            for r in {instance(r): r for r in bad}.values()
        )
        raise BelowFloor(f"opt is below the class's floor on {named}")
