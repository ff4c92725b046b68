"""Verdicts on the time/accuracy tradeoff (Theorems 3-4), from the tradeoff tables.

Theorem 3 is a lower bound for every algorithm (under the sparse-parity assumption); what these
tables measure is one algorithm's cost (the brute-force d^k scan, an upper bound) and the
budgets of learners Theorem 3 says nothing about. So every row here is "beyond the paper": it
reports what was measured, exponents read through their intervals, never as Theorem 3 holding.
"""

import numpy as np

from relu_tradeoffs.pipeline.verdicts import BEYOND, absent, fmt, row


def _k_name(k, padded):
    return f"k = {k} (padded to {k + 1})" if padded else f"k = {k}"


def _interval(x, lo, hi):
    if not np.isfinite(lo):
        return fmt(x)
    return f"{fmt(x)} [{fmt(lo)}, {fmt(hi)}]"


def _separated(per_k):
    """Whether each larger effective k's interval of slope_d lies wholly above the smaller one's."""
    by_k = per_k.groupby("k_effective").agg({"slope_d_lo": "min", "slope_d_hi": "max"})
    return bool((by_k.slope_d_lo.to_numpy()[1:] > by_k.slope_d_hi.to_numpy()[:-1]).all())


def scaling(table):
    """The brute-force scan's exponent of time in d per k, and slope_d against log(1/eps_k)."""
    says = "agnostic ReLU learning needs d^{Omega(log 1/eps)} time (Thm 3); brute force is d^k"
    criterion = (
        "(beyond: one algorithm's cost, an upper bound) slope_d's 95% intervals increase with "
        "k_effective; slope_d = c log(1/eps_k) + b across k"
    )
    per_k = table.groupby("k").first().reset_index()
    per_k = per_k[np.isfinite(per_k.slope_d)]
    if per_k.k_effective.nunique() < 2:
        return absent("Tradeoff (time vs d)", says, criterion, "fewer than two k with a fit")
    measured = ", ".join(
        f"{_k_name(r.k, r.padded)}: d^{_interval(r.slope_d, r.slope_d_lo, r.slope_d_hi)}"
        for r in per_k.itertuples()
    )
    first = per_k.iloc[0]
    if np.isfinite(first.c_cross):
        measured += f"; c = {_interval(first.c_cross, first.c_cross_lo, first.c_cross_hi)}"
    reason = (
        "the intervals grow with k_effective"
        if _separated(per_k)
        else "some intervals of successive k_effective overlap"
    )
    reason += "; the d^k scan's cost, not Theorem 3's lower bound"
    return row("Tradeoff (time vs d)", says, measured, criterion, BEYOND, reason)


def pareto(table):
    """Per learner: does a larger budget buy a smaller excess error (tradeoff/pareto.csv)?"""
    says = "time buys accuracy: eps falls only as the time grows like d^{log 1/eps} (Thm 3)"
    criterion = (
        "(beyond: budgets of single learners) excess error at the largest budget < at the "
        "smallest, by 2 s.e."
    )
    out = []
    for (learner, k, d), t in table.groupby(["learner", "k", "d"], sort=True):
        t = t.sort_values("work")  # the budget labels ("steps=1000") do not sort as numbers
        first, last = t.iloc[0], t.iloc[-1]
        padded = bool(t.padded.astype(bool).any())
        claim = f"Tradeoff (budget vs error): {learner}, {_k_name(k, padded)}, d = {d}"
        measured = f"excess error {fmt(first.excess_err)} -> {fmt(last.excess_err)}"
        se = 2 * (first.excess_err_se**2 + last.excess_err_se**2) ** 0.5
        gain = (
            "more budget, less error"
            if last.excess_err < first.excess_err - se
            else ("no significant gain from budget")
        )
        if (t.excess_err < 0).any():
            gain += "; a negative excess: the learner beats Claim 4's witness (not opt_j)"
        out.append(row(claim, says, measured, criterion, BEYOND, gain))
    return out
