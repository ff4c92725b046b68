"""Verdicts on the time/accuracy tradeoff (Theorems 3-4), from the tradeoff tables.

Theorem 3 is a lower bound for every algorithm (under the sparse-parity assumption); what these
tables measure is one algorithm's cost (the brute-force d^k scan, an upper bound) and the
budgets of learners Theorem 3 says nothing about. So every row here is "beyond the paper": it
reports what was measured, exponents read through their intervals, never as Theorem 3 holding.
"""

import numpy as np

from relu_tradeoffs.pipeline.verdicts import (
    BEYOND,
    BEYOND_EVIDENCE,
    FAILS,
    UNINFORMATIVE,
    absent,
    fmt,
    row,
)


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


UPPER = (
    "beyond the paper: polynomial regression reaches opt + eps at degree l(eps), the least l with "
    "(sqrt(opt) + sqrt(tail(l)))^2 <= opt + eps; a_n^2 ~ n^(-5/2) gives l ~ eps^(-2/3) (opt = 0), "
    "eps^(-4/3) (eps << opt)"
)


def upper_exponent(table):
    """The fitted exponent of l(eps) in 1/eps against the derived one, per opt level
    (tradeoff/upper_bound.csv); control: the rate of a tail one half-power slower."""
    criterion = (
        "derived exponent inside the fitted 95% interval, and the exponent a tail one half-power "
        "slower (a_n^2 ~ n^(-3/2), the sign function's) implies outside it"
    )
    out = []
    for opt, g in table.groupby("opt", sort=True):
        claim = f"Upper side: exponent of l(eps), opt = {opt:g}"
        r = g.iloc[0]
        if not np.isfinite(r.slope_lo):
            why = f"{int(r.fit_points)} eps in the fitted regime (need 3 for an interval)"
            out.append(absent(claim, UPPER, criterion, why))
            continue
        measured = (
            f"l ~ (1/eps)^{fmt(r.slope)} [{fmt(r.slope_lo)}, {fmt(r.slope_hi)}] over "
            f"{int(r.fit_points)} eps; derived {fmt(r.slope_derived)}"
        )
        inside = r.slope_lo <= r.slope_derived <= r.slope_hi
        control_in = r.slope_lo <= r.slope_control <= r.slope_hi
        control = f"slower tail's exponent {fmt(r.slope_control)}: {'inside' if control_in else 'outside'}"
        if inside and not control_in:
            verdict, reason = BEYOND, "met, control rejected: the Hermite tail sets the rate"
        elif inside:
            verdict, reason = UNINFORMATIVE, "the slower tail's rate fits as well"
        else:
            verdict, reason = FAILS, "the fitted exponent misses the derived rate"
        out.append(
            row(claim, UPPER, measured, criterion, verdict, reason, BEYOND_EVIDENCE, control)
        )
    return out


LOWDEG = (
    "beyond the paper: degree-l least squares errs by the population error theory gives "
    "(tail(l) for a planted unit ReLU; 1/4 - lowdeg_gap for a lifted k-parity), times the "
    "finite-sample factor (m - 1)/(m - F - 1)"
)


def _within(err, se, predicted, factor, tolerance):
    expected = predicted * factor
    return np.abs(err / expected - 1) <= tolerance + 3 * se / expected


def lowdeg_exact(table, tolerance):
    """Measured test error of least squares against its exact prediction, per data model with
    one (tradeoff/lowdeg.csv); control: the prediction of the next order that differs."""
    criterion = (
        f"|test_err / (predicted x factor) - 1| <= {tolerance:g} + 3 s.e. at every degree; the "
        "prediction one order off must miss at some degree"
    )
    out = []
    exact = table[table.predicted.notna()]
    for model, g in exact.groupby("model", sort=True):
        claim = f"Least squares vs the Hermite prediction: {model}, d = {g.d.iloc[0]}"
        f = g.finite_sample_factor
        ratio = g.test_err / (g.predicted * f)
        measured = ", ".join(
            f"l = {r.degree}: {fmt(q)}" for r, q in zip(g.itertuples(), ratio, strict=True)
        )
        measured = f"test_err / (predicted x factor): {measured}"
        ok = bool(_within(g.test_err, g.test_err_se, g.predicted, f, tolerance).all())
        off = g[g.predicted_next.notna()]
        control_ok = bool(
            _within(
                off.test_err,
                off.test_err_se,
                off.predicted_next,
                off.finite_sample_factor,
                tolerance,
            ).all()
        )
        control = (
            f"one order off: {'within at every degree' if control_ok else 'missed at some degree'}"
            if not off.empty
            else "-"
        )
        if ok and not control_ok:
            verdict, reason = (
                BEYOND,
                "met, control rejected: the tail predicts the error, degree by degree",
            )
        elif ok:
            verdict, reason = UNINFORMATIVE, "the prediction one order off fits as well"
        else:
            verdict, reason = FAILS, "a degree misses its prediction"
        out.append(
            row(claim, LOWDEG, measured, criterion, verdict, reason, BEYOND_EVIDENCE, control)
        )
    return out


def lowdeg_bound(table):
    """Least squares on the approx noise models against the bound (sqrt(opt) + r sqrt(tail))^2;
    control: the training mean (the constant) against the same bound at the largest degree."""
    criterion = (
        "test_err <= bound x factor + 3 s.e. at every degree; the constant predictor must exceed "
        "the bound of the largest degree"
    )
    out = []
    noisy = table[table.predicted.isna()]
    for model, g in noisy.groupby("model", sort=True):
        claim = f"Least squares under the tail bound: {model}, d = {g.d.iloc[0]}"
        limit = g.bound * g.finite_sample_factor + 3 * g.test_err_se
        ok = bool((g.test_err <= limit).all())
        last = g.loc[g.degree.idxmax()]
        last_limit = last.bound * last.finite_sample_factor + 3 * last.test_err_se
        control_ok = bool(last.constant_err <= last_limit)
        measured = ", ".join(
            f"l = {r.degree}: {fmt(r.test_err)} <= {fmt(b)}"
            for r, b in zip(g.itertuples(), limit, strict=True)
        )
        measured = f"opt {fmt(g.opt.iloc[0])}; {measured}"
        control = f"constant {fmt(last.constant_err)} vs {fmt(last_limit)}"
        if ok and not control_ok:
            verdict, reason = (
                BEYOND,
                "met, control rejected: under the bound, which the constant exceeds",
            )
        elif ok:
            verdict, reason = UNINFORMATIVE, "the bound is loose enough for the constant"
        else:
            verdict, reason = FAILS, "a degree exceeds the bound"
        out.append(
            row(claim, LOWDEG, measured, criterion, verdict, reason, BEYOND_EVIDENCE, control)
        )
    return out
