"""Tradeoff verdicts: always beyond the paper (one algorithm's cost, single learners' budgets),
with exponents read through their intervals and reasons computed from the numbers."""

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.pipeline.verdicts import ABSENT, BEYOND, BEYOND_EVIDENCE, FAILS, UNINFORMATIVE
from relu_tradeoffs.tradeoff import verdicts


def scaling(slopes, lo, hi, k=(1, 2, 3), padded=(False, False, True), c=(1.2, 0.9, 1.5)):
    k_eff = [kk + p for kk, p in zip(k, padded, strict=True)]
    return pd.DataFrame(
        {"k": k, "k_effective": k_eff, "padded": padded, "eps": [0.16, 0.066, 0.0084][: len(k)],
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


# Every field of a row, read in full, and each criterion exactly at its boundary. -------------


def test_scaling_reads_in_full_with_two_k_and_touching_intervals_count_as_overlap():
    two = scaling([2.1, 4.8], [2.0, 2.2], [2.2, 5.1], k=(2, 3), padded=(False, True))
    assert verdicts.scaling(two) == {
        "claim": "Tradeoff (time vs d)",
        "paper_says": "agnostic ReLU learning needs d^{Omega(log 1/eps)} time (Thm 3); "
        "brute force is d^k",
        "measured": "k = 2: d^2.1 [2, 2.2], k = 3 (padded to 4): d^4.8 [2.2, 5.1]; "
        "c = 1.2 [0.9, 1.5]",
        "criterion": "(beyond: one algorithm's cost, an upper bound) slope_d's 95% intervals "
        "increase with k_effective; slope_d = c log(1/eps_k) + b across k",
        "verdict": BEYOND,
        "reason": "some intervals of successive k_effective overlap; the d^k scan's cost, not "
        "Theorem 3's lower bound",
        "evidence": BEYOND_EVIDENCE,
        "control": "-",
    }  # the lower end 2.2 of k = 3 touches k = 2's upper end: not wholly above
    apart = scaling([2.1, 4.8], [2.0, 2.3], [2.2, 5.1], k=(2, 3), padded=(False, True))
    assert verdicts.scaling(apart)["reason"].startswith("the intervals grow with k_effective;")
    # Three k: the third must clear the second, not only the first.
    third = scaling([1.0, 2.1, 2.5], [0.9, 2.0, 1.5], [1.1, 3.0, 3.5])
    assert verdicts.scaling(third)["reason"].startswith("some intervals")


def test_scaling_with_one_fitted_k_is_not_measured_and_says_why():
    one = scaling([1.0, np.nan, np.nan], [0.9, np.nan, np.nan], [1.1, np.nan, np.nan])
    assert verdicts.scaling(one) == {
        "claim": "Tradeoff (time vs d)",
        "paper_says": "agnostic ReLU learning needs d^{Omega(log 1/eps)} time (Thm 3); "
        "brute force is d^k",
        "measured": "-",
        "criterion": "(beyond: one algorithm's cost, an upper bound) slope_d's 95% intervals "
        "increase with k_effective; slope_d = c log(1/eps_k) + b across k",
        "verdict": ABSENT,
        "reason": "fewer than two k with a fit",
        "evidence": "paper",
        "control": "-",
    }


def test_pareto_rows_read_in_full_in_sorted_order_with_padding_and_two_standard_errors():
    # se 0.01 and 0.02: two s.e. of the difference = 2 sqrt(0.0005) = 0.0447.
    t = pd.concat(
        [
            pareto([0.05, 0.1, 0.08], se=[0.02, 0.01, 0.015], learner="sgd"),  # gain 0.05
            pareto([0.058, 0.1, 0.08], se=[0.02, 0.01, 0.015], learner="gd"),  # gain 0.042
        ]
    )
    t.loc[(t.learner == "gd") & (t.work == 300), "padded"] = True  # one row says padded
    gd, sgd = verdicts.pareto(t)
    assert gd == {
        "claim": "Tradeoff (budget vs error): gd, k = 4 (padded to 5), d = 12",
        "paper_says": "time buys accuracy: eps falls only as the time grows like d^{log 1/eps} "
        "(Thm 3)",
        "measured": "excess error 0.1 -> 0.058",
        "criterion": "(beyond: budgets of single learners) excess error at the largest budget "
        "< at the smallest, by 2 s.e.",
        "verdict": BEYOND,
        "reason": "no significant gain from budget",
        "evidence": BEYOND_EVIDENCE,
        "control": "-",
    }
    assert sgd["claim"] == "Tradeoff (budget vs error): sgd, k = 4, d = 12"
    assert sgd["reason"] == "more budget, less error"  # 0.05 > 0.0447, < 3 s.e. = 0.067


def test_pareto_needs_a_strict_gain_and_a_strictly_negative_excess():
    (equal,) = verdicts.pareto(pareto([0.0, 0.0, 0.0], se=0.0))
    assert equal["reason"] == "no significant gain from budget"
    (negative,) = verdicts.pareto(pareto([-0.01, 0.05, 0.0], learner="lowdeg"))
    assert negative["reason"] == (
        "more budget, less error; a negative excess: the learner beats Claim 4's witness "
        "(not opt_j)"
    )


def upper(opt, slope_lo, slope_hi, derived, control, fit_points=5):
    return {"opt": opt, "slope": (slope_lo + slope_hi) / 2, "slope_lo": slope_lo,
            "slope_hi": slope_hi, "fit_points": fit_points, "slope_derived": derived,
            "slope_control": control}  # fmt: skip


UPPER_CRITERION = (
    "derived exponent inside the fitted 95% interval, and the exponent a tail one half-power "
    "slower (a_n^2 ~ n^(-3/2), the sign function's) implies outside it"
)


def test_upper_exponent_rows_read_in_full_and_the_interval_is_closed():
    t = pd.DataFrame(
        [
            upper(0.1, 1.2, 1.5, 4 / 3, 2.0),  # inside, control outside
            upper(0.0, 0.6, 0.7, 0.6, 0.7),  # both exactly at an end: both inside
            upper(0.05, 1.0, 1.2, 1.3, 2.0),  # derived outside
            upper(0.02, np.nan, np.nan, 4 / 3, 2.0, fit_points=2),  # not the last group
            upper(0.3, 0.6, 0.7, 0.7, 0.6),  # both exactly at the other ends
        ]
    )
    zero, few, small, met, ends = verdicts.upper_exponent(t)  # in the order of opt
    assert (ends["verdict"], ends["control"]) == (
        UNINFORMATIVE,
        "slower tail's exponent 0.6: inside",
    )
    assert met == {
        "claim": "Upper side: exponent of l(eps), opt = 0.1",
        "paper_says": verdicts.UPPER,
        "measured": "l ~ (1/eps)^1.35 [1.2, 1.5] over 5 eps; derived 1.33",
        "criterion": UPPER_CRITERION,
        "verdict": BEYOND,
        "reason": "met, control rejected: the Hermite tail sets the rate",
        "evidence": BEYOND_EVIDENCE,
        "control": "slower tail's exponent 2: outside",
    }
    assert (zero["verdict"], zero["reason"]) == (
        UNINFORMATIVE,
        "the slower tail's rate fits as well",
    )
    assert zero["control"] == "slower tail's exponent 0.7: inside"
    assert zero["evidence"] == BEYOND_EVIDENCE and zero["criterion"] == UPPER_CRITERION
    assert (small["verdict"], small["reason"]) == (
        FAILS,
        "the fitted exponent misses the derived rate",
    )
    assert small["evidence"] == BEYOND_EVIDENCE
    assert few == {
        "claim": "Upper side: exponent of l(eps), opt = 0.02",
        "paper_says": verdicts.UPPER,
        "measured": "-",
        "criterion": UPPER_CRITERION,
        "verdict": ABSENT,
        "reason": "2 eps in the fitted regime (need 3 for an interval)",
        "evidence": "paper",
        "control": "-",
    }


def lowdeg(model, d, errors, predicted, predicted_next, factor=1.25, se=0.0, **columns):
    n = len(errors)
    return pd.DataFrame(
        {"model": model, "d": d, "degree": range(1, n + 1), "test_err": errors,
         "test_err_se": se, "predicted": predicted, "predicted_next": predicted_next,
         "finite_sample_factor": factor, "bound": np.nan, "opt": 0.0, "constant_err": 0.3}
        | columns
    )  # fmt: skip


LOWDEG_CRITERION = (
    "|test_err / (predicted x factor) - 1| <= 0.1 + 3 s.e. at every degree; the prediction one "
    "order off must miss at some degree"
)


def test_lowdeg_exact_rows_read_in_full_per_model_in_order():
    # Ratios 1.1 and 1 to predicted x factor (factor 1.25), none near the next order's.
    planted = lowdeg("planted", 12, [0.1375, 0.025], [0.1, 0.02], [0.02, 0.01], se=1e-4)
    lifted = lowdeg("lifted", 8, [0.25], [0.25], [np.nan], factor=1.0)  # a single degree
    rows = verdicts.lowdeg_exact(pd.concat([planted, lifted]), 0.1)
    assert rows == [
        {
            "claim": "Least squares vs the Hermite prediction: lifted, d = 8",
            "paper_says": verdicts.LOWDEG,
            "measured": "test_err / (predicted x factor): l = 1: 1",
            "criterion": LOWDEG_CRITERION,
            "verdict": UNINFORMATIVE,  # no next order to tell from: nothing rejected
            "reason": "the prediction one order off fits as well",
            "evidence": BEYOND_EVIDENCE,
            "control": "-",
        },
        {
            "claim": "Least squares vs the Hermite prediction: planted, d = 12",
            "paper_says": verdicts.LOWDEG,
            "measured": "test_err / (predicted x factor): l = 1: 1.1, l = 2: 1",
            "criterion": LOWDEG_CRITERION,
            "verdict": BEYOND,
            "reason": "met, control rejected: the tail predicts the error, degree by degree",
            "evidence": BEYOND_EVIDENCE,
            "control": "one order off: missed at some degree",
        },
    ]
    # Divided by the factor instead, degree 1 would be off by 72%.
    (failed,) = verdicts.lowdeg_exact(lowdeg("planted", 12, [0.2, 0.025], [0.1, 0.02],
                                             [0.02, 0.01]), 0.1)  # fmt: skip
    assert (failed["verdict"], failed["reason"]) == (FAILS, "a degree misses its prediction")
    assert failed["evidence"] == BEYOND_EVIDENCE and failed["criterion"] == LOWDEG_CRITERION
    assert failed["control"] == "one order off: missed at some degree"
    loose = lowdeg("planted", 12, [0.125, 0.025], [0.1, 0.02], [0.1, 0.02])
    assert verdicts.lowdeg_exact(loose, 0.1)[0]["control"] == (
        "one order off: within at every degree"
    )


@pytest.mark.parametrize(
    ("ratio", "se", "verdict"),
    [
        (1.5, 0.0, BEYOND),  # exactly at the tolerance 0.5: within
        (1.75, 0.05, BEYOND),  # 0.75 <= 0.5 + 3 x 0.05 / 0.5 = 0.8
        (1.85, 0.05, FAILS),  # 0.85 > 0.8 (4 s.e. would allow 0.9)
        (1.4, 0.1, BEYOND),  # the standard error divides by expected = 0.5, not multiplies
    ],
)
def test_lowdeg_exact_tolerance_is_closed_and_widened_by_three_standard_errors(ratio, se, verdict):
    table = lowdeg("planted", 12, [0.5 * ratio], [0.5], [50.0], factor=1.0, se=se)
    assert verdicts.lowdeg_exact(table, 0.5)[0]["verdict"] == verdict


BOUND_CRITERION = (
    "test_err <= bound x factor + 3 s.e. at every degree; the constant predictor must exceed the "
    "bound of the largest degree"
)


def bounded(errors, degrees=(2, 1), constant=0.9, se=0.01, model="random", d=12):
    """Bound 0.5 x factor 1.5 + 3 s.e.: limit 0.78 at se 0.01; degrees out of order."""
    t = lowdeg(model, d, errors, np.nan, np.nan, factor=1.5, se=se, bound=0.5, opt=0.01,
               constant_err=constant)  # fmt: skip
    return t.assign(degree=list(degrees))


def test_lowdeg_bound_rows_read_in_full_per_model_in_order():
    t = pd.concat(
        [bounded([0.77, 0.2], model="random", d=12), bounded([0.1], (1,), model="flip", d=9)]
    )
    flip, random = verdicts.lowdeg_bound(t)
    assert random == {
        "claim": "Least squares under the tail bound: random, d = 12",
        "paper_says": verdicts.LOWDEG,
        "measured": "opt 0.01; l = 2: 0.77 <= 0.78, l = 1: 0.2 <= 0.78",
        "criterion": BOUND_CRITERION,
        "verdict": BEYOND,
        "reason": "met, control rejected: under the bound, which the constant exceeds",
        "evidence": BEYOND_EVIDENCE,
        "control": "constant 0.9 vs 0.78",
    }
    assert flip["claim"] == "Least squares under the tail bound: flip, d = 9"
    assert flip["measured"] == "opt 0.01; l = 1: 0.1 <= 0.78"


@pytest.mark.parametrize(
    ("errors", "constant", "se", "verdict", "reason"),
    [
        ([0.75, 0.1], 0.76, 0.0, BEYOND, "met"),  # at the limit 0.75 exactly: under it
        ([0.785, 0.1], 0.9, 0.01, FAILS, "a degree exceeds the bound"),  # above 0.78 (4 s.e.: 0.79)
        ([0.77, 0.1], 0.77, 0.01, UNINFORMATIVE, "the bound is loose enough for the constant"),
        ([0.1, 0.1], 0.75, 0.0, UNINFORMATIVE, "the bound is loose"),  # the constant at the limit
        ([0.1, 0.1], 0.785, 0.01, BEYOND, "met"),  # the constant above 0.78
    ],
)
def test_lowdeg_bound_limits_are_closed_and_widened_by_three_standard_errors(
    errors, constant, se, verdict, reason
):
    (result,) = verdicts.lowdeg_bound(bounded(errors, constant=constant, se=se))
    assert result["verdict"] == verdict and result["reason"].startswith(reason)
    assert result["evidence"] == BEYOND_EVIDENCE


def test_lowdeg_bound_control_is_the_largest_degree_not_the_last_row():
    # Degree 2 (the first row) has the tight bound; the last row's would let the constant pass.
    t = bounded([0.1, 0.1], constant=0.5).assign(bound=[0.2, 0.5])
    (result,) = verdicts.lowdeg_bound(t)
    assert result["verdict"] == BEYOND and result["control"] == "constant 0.5 vs 0.33"
