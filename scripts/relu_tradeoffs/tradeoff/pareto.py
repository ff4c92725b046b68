"""Excess error against compute: every learner at every budget on the problems S_j with j not in S.

For j not in S the best unbiased ReLU on S_j is Claim 4's witness at its best norm
r = 1/sqrt(2 pi) + b, b = (1 - 2 eta)|c_k|, with error ``claim4_witness_bound(c_k, eta)`` = floor -
eps_k - b^2/2, where floor = 1/2 - 1/(4 pi) is Claim 3's bound for every ReLU that ignores S and
eps_k = b/sqrt(2 pi) is Algorithm 1's gap. A hypothesis h_j's excess error is err_V(h_j) minus
that optimum, averaged over j not in S: a learner reaching opt + eps_k has excess below eps_k,
which a ReLU ignoring S (excess >= eps_k + b^2/2, ``floor_excess``) never does. The improper
lowdeg polynomial has a constant term (the best constant 1/2 has loss 1/4 < floor), so it is
scored against the same ReLU optimum and its excess is negative whether or not it sees S.
"""

import math

import numpy as np

from relu_tradeoffs.hardness.algorithm1 import (
    CLAIM3_FLOOR,
    M_VAL_FACTOR,
    c_k,
    claim4_witness_bound,
    effective_k,
    relevant,
    relu_gap,
    relu_threshold,
)
from relu_tradeoffs.hardness.learners import get
from relu_tradeoffs.tradeoff.scaling import cpu_seconds, lifted_instance


def instance_data(rng, m_train: int, m_val: int, d: int, k: int, eta: float, odd_k: str) -> dict:
    """A lifted (padded) k-SLPN instance split into training and validation sets, with the
    numbers Algorithm 1 fixes for it: eps, the threshold and the witness optimum."""
    X, y, support = lifted_instance(rng, m_train + m_val, d, k, eta, odd_k)
    k_fit = effective_k(k, odd_k)
    eps = relu_gap(k_fit, eta)
    optimum = claim4_witness_bound(c_k(k_fit), eta)
    return {
        "X_train": X[:m_train],
        "y_train": y[:m_train],
        "X_val": X[m_train:],
        "y_val": y[m_train:],
        "support": support,
        "d": d,
        "k_effective": k_fit,
        "padded": k_fit != k,
        "eps": eps,
        "threshold": relu_threshold(eps),
        "optimum": optimum,
        "floor_excess": CLAIM3_FLOOR - optimum,
        "m_val": m_val,
        "m_val_reached": bool(m_val >= M_VAL_FACTOR / eps**2),
    }


def budgets(name: str, base: dict, knobs: dict, k_effective: int) -> list[tuple[str, dict]]:
    """(label, params) for every value of the learner's budget knob, e.g. ("steps=100", {...}).

    The exhaustive learner's knob is its subset size k, kept <= the instance's (padded) k.
    """
    ((knob, values),) = knobs.items()
    if name == "exhaustive":
        values = [v for v in values if v <= k_effective]
    return [(f"{knob}={v}", {**base, knob: v}) for v in values]


def validation_losses(learner, params, X, y, W, subset, chunk_rows=8192):
    """Mean validation loss of every hypothesis (row of W), and the standard error of the mean
    over the rows ``subset`` (per example, the loss averaged over those hypotheses; i.i.d.)."""
    total = np.zeros(W.shape[0])
    s1 = s2 = 0.0
    for start in range(0, X.shape[0], chunk_rows):
        rows = slice(start, start + chunk_rows)
        pred = learner.predict(np.asarray(X[rows], dtype=float), W, **params)
        loss = (pred - np.asarray(y[rows], dtype=float)[:, None]) ** 2
        total += loss.sum(axis=0)
        per_example = loss[:, subset].mean(axis=1)
        s1, s2 = s1 + per_example.sum(), s2 + (per_example**2).sum()
    n = X.shape[0]
    variance = (s2 - s1**2 / n) / (n - 1)
    return total / n, math.sqrt(max(variance, 0.0) / n)


def work(name: str, params: dict, m: int, problems: int, d: int) -> int:
    """Examples x hypotheses touched by the fit: candidates x m for the exhaustive scan, steps (or
    epochs) x restarts x m x problems for the iterative learners, features x m for lowdeg."""
    if name == "exhaustive":
        return 2 * math.comb(d, params["k"]) * m
    if name == "lowdeg":
        return math.comb(d + params["degree"], params["degree"]) * m
    passes = params.get("steps", params.get("iterations", params.get("epochs")))
    return passes * params.get("restarts", 1) * m * problems


def budget_point(data, name, params, make_rng, repeats):
    """Fit ``name`` on S_j for every j not in S; its CPU seconds, work and excess error.

    ``data`` holds X_train, y_train, X_val, y_val, support (original coordinates) and d.
    ``make_rng()`` gives the same fresh generator for every repeat, so every repeat fits the same W.
    """
    learner = get(name)
    drop = np.setdiff1d(np.arange(data["d"]), data["support"])
    X, y = data["X_train"], data["y_train"]
    W, times = cpu_seconds(lambda: learner.fit(X, y, drop, make_rng(), **params), repeats)
    predict_params = {} if learner.proper else params
    losses, se = validation_losses(
        learner, predict_params, data["X_val"], data["y_val"], W, np.arange(len(drop))
    )
    return {
        "seconds": float(times.min()),
        "work": work(name, params, X.shape[0], len(drop), X.shape[1]),
        "excess_err": float(losses.mean() - data["optimum"]),
        "excess_err_se": se,
    }


def recovery_point(data, params, make_rng):
    """Projected GD on S_j for every original coordinate j: Algorithm 1's test and excess error.

    Returns the recovered set's exactness, the false positives and negatives, the excess error
    over j not in S (with its standard error) and the CPU seconds of the fit.
    """
    learner = get("gd")
    d, support = data["d"], np.asarray(data["support"])
    X, y = data["X_train"], data["y_train"]
    W, times = cpu_seconds(lambda: learner.fit(X, y, np.arange(d), make_rng(), **params), 1)
    outside = np.setdiff1d(np.arange(d), support)
    losses, se = validation_losses(learner, {}, data["X_val"], data["y_val"], W, outside)
    rel = relevant(losses, data["threshold"])
    in_support = np.isin(np.arange(d), support)
    return {
        "exact": bool(np.array_equal(np.flatnonzero(rel), support)),
        "false_positives": int(np.sum(rel & ~in_support)),
        "false_negatives": int(np.sum(~rel & in_support)),
        "excess_err": float(losses[outside].mean() - data["optimum"]),
        "excess_err_se": se,
        "seconds": float(times.min()),
    }


def pareto_front(seconds, excess) -> np.ndarray:
    """True for the points no other point beats in both seconds and excess error (ties kept)."""
    seconds, excess = np.asarray(seconds, dtype=float), np.asarray(excess, dtype=float)
    better_or_equal = (seconds[None, :] <= seconds[:, None]) & (excess[None, :] <= excess[:, None])
    strictly = (seconds[None, :] < seconds[:, None]) | (excess[None, :] < excess[:, None])
    return ~np.any(better_or_equal & strictly, axis=1)


def proper_front(learners, seconds, excess) -> np.ndarray:
    """The Pareto front among the proper (ReLU) learners' points; improper points are never on it
    (lowdeg's constant term beats every unbiased ReLU without seeing S, see the module note)."""
    proper = np.array([get(name).proper for name in learners], dtype=bool)
    front = np.zeros(proper.size, dtype=bool)
    front[proper] = pareto_front(np.asarray(seconds)[proper], np.asarray(excess)[proper])
    return front


def with_front(rows: list[dict]) -> list[dict]:
    """The pareto rows with ``front``: on the proper learners' front of its (k, seed)."""
    out = []
    for key in sorted({(row["k"], row["seed"]) for row in rows}):
        group = [row for row in rows if (row["k"], row["seed"]) == key]
        columns = [[r[c] for r in group] for c in ("learner", "seconds", "excess_err")]
        front = proper_front(*columns)
        out += [{**row, "front": bool(f)} for row, f in zip(group, front, strict=True)]
    return out
