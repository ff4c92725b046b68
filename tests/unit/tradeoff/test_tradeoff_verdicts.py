"""Tradeoff verdicts: always beyond the paper (one algorithm's cost, single learners' budgets),
with exponents read through their intervals and reasons computed from the numbers."""

import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.verdicts import ABSENT, BEYOND, BEYOND_EVIDENCE
from relu_tradeoffs.tradeoff import verdicts


def scaling(slopes, lo, hi, k=(1, 2, 3), padded=(False, False, True), c=(1.2, 0.9, 1.5)):
    k_eff = [kk + p for kk, p in zip(k, padded, strict=True)]
    return pd.DataFrame(
        {"k": k, "k_effective": k_eff, "padded": padded, "eps": [0.16, 0.066, 0.0084],
         "slope_d": slopes, "slope_d_lo": lo, "slope_d_hi": hi,
         "c_cross": c[0], "c_cross_lo": c[1], "c_cross_hi": c[2]}
    )  # fmt: skip


def test_scaling_is_beyond_the_paper_and_reads_the_intervals():
    apart = verdicts.scaling(scaling([1.0, 2.1, 4.8], [0.9, 2.0, 4.5], [1.1, 2.2, 5.1]))
    assert apart["verdict"] == BEYOND and apart["evidence"] == BEYOND_EVIDENCE
    assert "k = 3 (padded to 4): d^4.8 [4.5, 5.1]" in apart["measured"]
    assert "c = 1.2 [0.9, 1.5]" in apart["measured"]
    assert apart["reason"].startswith("the intervals grow with k_effective")
    overlap = verdicts.scaling(scaling([1.0, 2.1, 4.8], [0.9, 2.0, 1.5], [1.1, 2.2, 5.1]))
    assert overlap["verdict"] == BEYOND and "overlap" in overlap["reason"]
    # A point estimate that grows but an interval that does not is not read as growth.
    shrinks = verdicts.scaling(scaling([1.0, 2.1, 1.5], [0.9, 2.0, 1.4], [1.1, 2.2, 1.6]))
    assert "overlap" in shrinks["reason"]
    no_cross = verdicts.scaling(scaling([1.0, 2.1, 4.8], [0.9, 2.0, 4.5], [1.1, 2.2, 5.1],
                                        c=(np.nan, np.nan, np.nan)))  # fmt: skip
    assert "c = " not in no_cross["measured"]
    one = scaling([1.0, np.nan, np.nan], [0.9, np.nan, np.nan], [1.1, np.nan, np.nan])
    assert verdicts.scaling(one)["verdict"] == ABSENT


def pareto(excess, se=0.001, learner="gd"):
    return pd.DataFrame(
        {"learner": learner, "budget": ["steps=1000", "steps=30", "steps=300"],
         "work": [1000, 30, 300], "k": 4, "d": 12, "padded": False, "excess_err": excess,
         "excess_err_se": se}
    )  # fmt: skip


def test_pareto_rows_are_beyond_with_the_gain_read_in_budget_order():
    # Ordered by work: 30 -> 300 -> 1000, i.e. excess 0.05 -> 0.01 (not label order).
    (gain,) = verdicts.pareto(pareto([0.01, 0.05, 0.02]))
    assert gain["verdict"] == BEYOND and gain["reason"] == "more budget, less error"
    assert gain["measured"] == "excess error 0.05 -> 0.01"
    assert gain["claim"] == "Tradeoff (budget vs error): gd, k = 4, d = 12"
    (flat,) = verdicts.pareto(pareto([0.0495, 0.05, 0.05]))
    assert flat["reason"] == "no significant gain from budget"
    (negative,) = verdicts.pareto(pareto([-0.01, 0.05, 0.0], learner="lowdeg"))
    assert "beats Claim 4's witness" in negative["reason"]


def test_rows_read_with_their_claim_criterion_and_reason():
    rows = [verdicts.scaling(scaling([1.0, 2.1, 4.8], [0.9, 2.0, 4.5], [1.1, 2.2, 5.1]))]
    rows += verdicts.pareto(pareto([0.01, 0.05, 0.02]))
    for row in rows:
        for key in ("paper_says", "criterion", "reason", "measured"):
            assert row[key] and "XX" not in row[key] and row[key] != row[key].upper(), key
    scale, gain = rows
    assert scale["claim"] == "Tradeoff (time vs d)" and "Omega(log 1/eps)" in scale["paper_says"]
    assert scale["reason"].endswith("; the d^k scan's cost, not Theorem 3's lower bound")
    assert "k_effective" in scale["criterion"] and "2 s.e." in gain["criterion"]
    assert "d^{log 1/eps}" in gain["paper_says"]
    assert scale["measured"].startswith("k = 1: d^1 [0.9, 1.1], k = 2: d^2.1 [2, 2.2]")
