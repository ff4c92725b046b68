"""Verdicts on the time/accuracy tradeoff (Theorems 3-4), from the tradeoff tables."""

from relu_tradeoffs.pipeline.verdicts import FAILS, HOLDS, absent, fmt, row


def scaling(table):
    """Tradeoff: the fitted exponent of run time in d grows with k (tradeoff/scaling.csv)."""
    says = "agnostic ReLU learning needs d^{Omega(log 1/eps)} time; brute force is d^k (Thm 3)"
    criterion = "slope_d (time ~ d^slope_d) increases with k"
    slopes = table.groupby("k").slope_d.first().dropna()
    if len(slopes) < 2:
        return absent("Tradeoff (time vs d)", says, criterion, "fewer than two k with a fit")
    measured = ", ".join(f"k = {k}: d^{fmt(s)}" for k, s in slopes.items())
    increasing = bool((slopes.diff().dropna() > 0).all())
    verdict, reason = (
        (HOLDS, "steeper in d for larger k") if increasing else (FAILS, "not monotone")
    )
    return row("Tradeoff (time vs d)", says, measured, criterion, verdict, reason)


def pareto(table):
    """Tradeoff: a larger budget buys a smaller excess error, per learner (tradeoff/pareto.csv)."""
    says = "time buys accuracy: eps falls only as the time grows like d^{log 1/eps} (Thm 3)"
    criterion = "excess error at the largest budget < at the smallest, by 2 s.e."
    out = []
    for (learner, k, d), t in table.groupby(["learner", "k", "d"], sort=True):
        t = t.sort_values("budget")
        first, last = t.iloc[0], t.iloc[-1]
        claim = f"Tradeoff (budget vs error): {learner}, k = {k}, d = {d}"
        measured = f"excess error {fmt(first.excess_err)} -> {fmt(last.excess_err)}"
        se = 2 * (first.excess_err_se**2 + last.excess_err_se**2) ** 0.5
        better = last.excess_err < first.excess_err - se
        verdict = HOLDS if better else FAILS
        reason = "more budget, less error" if better else "no significant gain from budget"
        out.append(row(claim, says, measured, criterion, verdict, reason))
    return out
