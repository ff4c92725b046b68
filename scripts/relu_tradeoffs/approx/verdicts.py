"""Verdicts on Theorem 5 / Algorithm 2 and the O(opt) rivals, from the approx tables."""

from relu_tradeoffs.approx.config import ALG2_LEARNERS, PAPER_METHOD, PAPER_SUFFIX
from relu_tradeoffs.approx.config import RIVALS as RIVAL_METHODS
from relu_tradeoffs.pipeline.verdicts import BEYOND, CAVEAT, FAILS, HOLDS, absent, fmt, row

THEOREM5 = "Algorithm 2 returns w with err(ReLU_w) <= O(opt^{2/3}) + eps (Theorem 5)"
RIVALS = "open in the paper, since solved (DGKKS 2020): err <= O(opt) + eps in poly time"
# Fraction of (noise, d, opt) cells within the bound that still holds, with a caveat.
BOUND_CAVEAT = 0.9
# "O(opt)": test error at most this multiple of opt at every noise model and opt level.
RIVAL_RATIO = 10.0


def _bound_verdict(claim, says, inside, total, criterion):
    share = inside / total
    measured = f"within the bound in {inside}/{total} cells"
    if share == 1:
        return row(claim, says, measured, criterion, HOLDS, "every cell within the bound")
    if share >= BOUND_CAVEAT:
        return row(claim, says, measured, criterion, CAVEAT, f"{total - inside} cells above")
    return row(claim, says, measured, criterion, FAILS, f"{total - inside} cells above")


def is_alg2(method):
    """Algorithm 2: the paper's literal method or one of its labelled variants."""
    return method == PAPER_METHOD or method.removesuffix(PAPER_SUFFIX) in ALG2_LEARNERS


def summary_bound(summary):
    """Theorem 5 per Algorithm 2 variant, from approx/summary.csv's within_paper_bound."""
    criterion = (
        f"test_err <= paper_bound in every (noise, d, opt) cell ({BOUND_CAVEAT:.0%}: caveat)"
    )
    t = summary[summary.method.map(is_alg2) & (summary.opt_target > 0)]
    if t.empty:
        return [absent("Theorem 5", THEOREM5, criterion, "no Algorithm 2 run with opt > 0")]
    return [
        _bound_verdict(
            f"Theorem 5: {m}", THEOREM5, int(g.within_paper_bound.sum()), len(g), criterion
        )
        for m, g in t.groupby("method", sort=True)
    ]


def theorem5(table):
    """Theorem 5 per (regime, learner), from approx/theorem5.csv's holds_* flags (all must hold)."""
    flags = [c for c in table.columns if c.startswith("holds_")]
    criterion = f"every holds_* flag true ({', '.join(flags)}) in every run"
    out = []
    for (regime, learner), g in table.groupby(["regime", "learner"], sort=True):
        inside = int(g[flags].astype(bool).all(axis=1).sum())
        claim = f"Theorem 5 ({regime}): {learner}"
        out.append(_bound_verdict(claim, THEOREM5, inside, len(g), criterion))
    return out


def rivals(summary):
    """The O(opt) rivals: the largest test_err / opt over noise models and opt levels."""
    criterion = f"test_err / opt <= {RIVAL_RATIO:g} at every noise model and opt > 0"
    t = summary[
        summary.method.isin(RIVAL_METHODS) & (summary.opt_target > 0) & summary.ratio.notna()
    ]
    if t.empty:
        return [absent("O(opt) rivals", RIVALS, criterion, "no rival method with opt > 0")]
    out = []
    for method, g in t.groupby("method", sort=True):
        worst = g.loc[g.ratio.idxmax()]
        measured = (
            f"test_err / opt <= {fmt(worst.ratio)} (worst: {worst.noise}, opt {worst.opt_target:g})"
        )
        inside = bool((g.ratio <= RIVAL_RATIO).all())
        reason = "O(opt) here" if inside else f"not O(opt) under {worst.noise} noise"
        out.append(row(f"O(opt) rival: {method}", RIVALS, measured, criterion, BEYOND, reason))
    return out
