"""Theory verdicts on synthetic tables: each holds, fails, and is uninformative when its negative
control passes the same criterion."""

import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.verdicts import (
    ABSENT,
    BEYOND,
    CAVEAT,
    FAILS,
    HOLDS,
    UNINFORMATIVE,
)
from relu_tradeoffs.relu import claim3_error, claim4_error
from relu_tradeoffs.theory import verdicts
from relu_tradeoffs.theory.hermite import relu_coefficients, relu_coefficients_quadrature

C_K = {1: 0.399, 2: 0.165, 3: 0.0, 4: -0.0211, 5: 0.0, 6: 0.00476, 8: -0.00127, 10: 3.7e-4}


def hermite(quadrature=None, n_max=12):
    closed = relu_coefficients(n_max)
    quad = relu_coefficients_quadrature(n_max) if quadrature is None else quadrature
    return pd.DataFrame(
        {
            "function": "relu",
            "n": np.arange(n_max + 1),
            "closed_form": closed,
            "quadrature": quad,
            "abs_error": np.abs(closed - quad),
        }
    )


def test_facts_hold_fail_and_are_uninformative_with_their_shifted_control():
    held = verdicts.hermite_fact(hermite(), "relu", 1e-10)
    assert held["verdict"] == HOLDS and "degree n + 2" in held["control"]
    # The quadrature off by 1e-6 at one degree: the fact fails.
    off = relu_coefficients_quadrature(12)
    off[4] += 1e-6
    assert verdicts.hermite_fact(hermite(off), "relu", 1e-10)["verdict"] == FAILS
    # A constant sequence: the shifted closed form matches too, so matching tells nothing.
    flat = hermite(n_max=12)
    flat["closed_form"] = flat["quadrature"] = 0.1
    flat["abs_error"] = 0.0
    assert verdicts.hermite_fact(flat, "relu", 1e-10)["verdict"] == UNINFORMATIVE
    assert verdicts.hermite_fact(flat, "sign", 1e-10)["verdict"] == ABSENT


def correlation(c=C_K, mc_se=2e-4, mc_shift=0.0):
    ks = np.array(list(c))
    values = np.array(list(c.values()))
    return pd.DataFrame(
        {
            "k": ks,
            "c_k": values,
            "c_k_error": 1e-12,
            "c_k_mc": values + mc_shift,
            "c_k_mc_se": mc_se,
            "exact_zero": values == 0,
        }
    )


def test_lemma1_sign_is_read_from_the_series_and_mc_only_where_it_resolves_c_k():
    held = verdicts.lemma1_sign(correlation())
    assert held["verdict"] == HOLDS and "MC resolves k = 2, 6" in held["measured"]
    assert held["control"] == "k = 0 mod 4 (4, 8): rejected"
    # A Monte Carlo 2e-3 off at every k: k = 2 and 6 resolve it and disagree.
    assert verdicts.lemma1_sign(correlation(mc_shift=2e-3))["verdict"] == FAILS
    # An MC that resolves nothing cannot disagree: the series decides.
    blind = verdicts.lemma1_sign(correlation(mc_se=1.0, mc_shift=0.3))
    assert blind["verdict"] == HOLDS and "MC resolves k = none" in blind["measured"]
    negative = verdicts.lemma1_sign(correlation({**C_K, 6: -0.00476}))
    assert negative["verdict"] == FAILS
    # Every k positive: the k = 0 mod 4 control passes the same test.
    positive = {k: abs(c) for k, c in C_K.items()}
    assert verdicts.lemma1_sign(correlation(positive))["verdict"] == UNINFORMATIVE
    assert verdicts.lemma1_sign(correlation({1: 0.4, 2: 0.165}))["verdict"] == CAVEAT
    assert verdicts.lemma1_sign(correlation({1: 0.4}))["verdict"] == ABSENT


def test_lemma1_rate_rejects_a_super_exponential_decay():
    held = verdicts.lemma1_rate(correlation())
    assert held["verdict"] == HOLDS and held["control"].endswith("rejected")
    ks = np.arange(2, 16, 2)
    exponential = {int(k): -(0.5 * 2.0 ** (-0.7 * k)) for k in ks}
    rate = verdicts.lemma1_rate(correlation(exponential))
    assert rate["verdict"] == HOLDS and "2^(-0.7 k)" in rate["measured"]
    flat = dict(zip(ks.tolist(), [0.1, 0.2, 0.05, 0.3, 0.1, 0.2, 0.1], strict=True))
    assert verdicts.lemma1_rate(correlation(flat))["verdict"] == FAILS
    gaussian = {int(k): float(np.exp(-(k**2) / 8)) for k in ks}  # 2^{-Theta(k^2)}
    assert verdicts.lemma1_rate(correlation(gaussian))["verdict"] == FAILS
    assert verdicts.lemma1_rate(correlation({2: 0.1, 4: 0.01}))["verdict"] == ABSENT


def test_zero_pattern_is_beyond_the_paper_or_broken():
    assert verdicts.lemma1_zero_pattern(correlation())["verdict"] == BEYOND
    broken = correlation({3: 0.01, 4: -0.04})
    broken["exact_zero"] = False
    assert verdicts.lemma1_zero_pattern(broken)["verdict"] == FAILS


def claims(number, k_c=((2, 0.165), (6, 0.00476)), se=1e-3, bias=0.0):
    """Simulated points exactly on the closed form (plus ``bias``), standard error ``se``."""
    norms = np.array([0.0, 0.4, 1.0])
    rows = []
    for k, c in k_c:
        analytic = claim3_error(norms) if number == 3 else claim4_error(norms, c, 0.0)
        rows += [
            {"claim": number, "k": k, "eta": 0.0, "norm": r, "analytic_err": a,
             "empirical_err": a + bias, "empirical_se": se}
            for r, a in zip(norms, analytic, strict=True)
        ]  # fmt: skip
    return pd.DataFrame(rows)


def test_claim3_holds_fails_and_is_uninformative_when_a_wrong_norm_fits_too():
    assert verdicts.claim(claims(3), 3)["verdict"] == HOLDS
    assert verdicts.claim(claims(3, bias=0.01), 3)["verdict"] == FAILS  # 10 s.e. off
    # Standard errors of 0.1: the formula at r + 0.1 fits as well.
    assert verdicts.claim(claims(3, se=0.1), 3)["verdict"] == UNINFORMATIVE
    assert verdicts.claim(claims(3), 4)["verdict"] == ABSENT


def test_claim4_control_drops_the_correlation_term_per_k():
    held = verdicts.claim(claims(4), 4)
    assert (
        held["verdict"] == HOLDS and held["control"] == "rejected at k = 2, 6; passes at k = none"
    )
    assert verdicts.claim(claims(4, bias=0.01), 4)["verdict"] == FAILS
    # s.e. 5e-3: c_6's term (<= 4.8e-3) is unresolved, c_2's is not.
    partial = verdicts.claim(claims(4, se=5e-3), 4)
    assert partial["verdict"] == CAVEAT and "k = 6" in partial["reason"]
    assert verdicts.claim(claims(4, se=0.1), 4)["verdict"] == UNINFORMATIVE
    # k = 3 (c_k = 0) has no term to test: no control there.
    odd = verdicts.claim(claims(4, k_c=((3, 0.0),)), 4)
    assert odd["verdict"] == UNINFORMATIVE and "none" not in odd["control"]
    assert odd["control"].startswith("no k with c_k != 0 (k = 3)")


def test_without_its_ratio_condition_the_rate_criterion_would_be_uninformative(monkeypatch):
    """log2|c_k| linear in k alone: 1/k! passes it over k <= 14, so the control catches a
    criterion too weak to tell 2^{-O(k)} from a super-exponential decay."""
    monkeypatch.setattr(verdicts, "RATE_RATIO_DROP", 0.0)
    ks = np.arange(2, 16, 2)
    exponential = {int(k): float(0.5 * 2.0 ** (-0.99 * k)) for k in ks}
    weak = verdicts.lemma1_rate(correlation(exponential))
    assert weak["verdict"] == UNINFORMATIVE and weak["control"].endswith("passes")


def readable(row, claim):
    """A summary row a reader can use: its claim, every text field present, in plain case."""
    assert row["claim"] == claim
    for key in ("paper_says", "criterion", "reason", "measured", "control"):
        text = row[key]
        assert isinstance(text, str) and text and "XX" not in text, (key, text)
    for key in ("paper_says", "criterion", "reason"):
        assert any(c.islower() for c in row[key]) and row[key] != row[key].upper(), key


def test_every_theory_row_reads_whatever_its_verdict():
    ks = np.arange(2, 16, 2)
    cases = [
        (verdicts.hermite_fact(hermite(), "relu", 1e-10), "Fact 1"),
        (verdicts.hermite_fact(hermite().assign(function="sign"), "sign", 1e-10), "Fact 2"),
        (verdicts.hermite_fact(hermite().assign(function="sign"), "relu", 1e-10), "Fact 1"),
        (verdicts.lemma1_sign(correlation()), "Lemma 1 (sign)"),
        (verdicts.lemma1_sign(correlation(mc_shift=2e-3)), "Lemma 1 (sign)"),
        (verdicts.lemma1_sign(correlation({k: abs(c) for k, c in C_K.items()})), "Lemma 1 (sign)"),
        (verdicts.lemma1_sign(correlation({1: 0.4, 2: 0.165})), "Lemma 1 (sign)"),
        (verdicts.lemma1_sign(correlation({1: 0.4})), "Lemma 1 (sign)"),
        (verdicts.lemma1_rate(correlation()), "Lemma 1 (rate)"),
        (verdicts.lemma1_rate(correlation({int(k): 0.1 + (k % 4) for k in ks})), "Lemma 1 (rate)"),
        (verdicts.lemma1_rate(correlation({2: 0.1})), "Lemma 1 (rate)"),
        (verdicts.lemma1_zero_pattern(correlation()), "Lemma 1 (zero pattern)"),
        (verdicts.lemma1_zero_pattern(correlation({2: 0.1})), "Lemma 1 (zero pattern)"),
        (verdicts.claim(claims(3), 3), "Claim 3"),
        (verdicts.claim(claims(3, bias=0.01), 3), "Claim 3"),
        (verdicts.claim(claims(3, se=0.1), 3), "Claim 3"),
        (verdicts.claim(claims(4), 4), "Claim 4"),
        (verdicts.claim(claims(4, se=5e-3), 4), "Claim 4"),
        (verdicts.claim(claims(4, se=0.1), 4), "Claim 4"),
        (verdicts.claim(claims(3), 4), "Claim 4"),
    ]
    for row, claim in cases:
        readable(row, claim)
    # The shown numbers are the table's.
    held = cases[3][0]
    assert held["measured"].startswith("c_2 = 0.165, c_6 = 0.00476, c_10 = 0.00037")
    assert verdicts.lemma1_zero_pattern(correlation())["measured"] == (
        "2 odd k exactly 0; k = 0 mod 4: c_4 = -0.0211, c_8 = -0.00127"
    )
    assert "Fact 2" in verdicts.rows(hermite(), correlation(), claims(3), 1e-10)[1]["claim"]


def test_claim_rows_say_what_the_control_gave_and_count_the_misses():
    assert verdicts.claim(claims(3), 3)["control"] == "rejected"
    assert verdicts.claim(claims(3, se=0.1), 3)["control"] == "passes"
    missed = verdicts.claim(claims(4, bias=0.01), 4)
    assert missed["reason"] == "6 misses" and missed["measured"] == "6 points, max |z| = 10.00"
    partial = verdicts.claim(claims(4, se=5e-3), 4)
    assert partial["control"] == "rejected at k = 2; passes at k = 6"
    assert partial["reason"] == (
        "closed form confirmed; at k = 6 the simulation cannot tell c_k from 0"
    )
    assert verdicts.claim(claims(3), 3)["reason"] == (
        "closed form confirmed; the control formula is rejected"
    )


# Rows read in full, and each criterion exactly at its boundary. --------------------------------


def _even(magnitudes, sign=1.0):
    """Even k = 2, 4, ... with these |c_k| (and k = 1 to show odd k are left out)."""
    return correlation({1: 0.4} | {2 * (i + 1): sign * m for i, m in enumerate(magnitudes)})


def test_lemma1_rate_row_reads_in_full():
    assert verdicts.lemma1_rate(correlation()) == {
        "claim": "Lemma 1 (rate)",
        "paper_says": "<ReLU_{w_S}, chi_S^gamma> >= 2^{-O(k)} (Lemma 1)",
        # |c_4 / c_2| = 0.0211 / 0.165 and |c_10 / c_8| = 3.7e-4 / 1.27e-3; polyfit's R^2
        "measured": "|c_k| ~ 0.542 * 2^(-1.08 k), R^2 = 0.9886; ratios 0.128 -> 0.291",
        "criterion": "log2|c_k| linear in k over even k >= 2 (R^2 >= 0.95, >= 3 points) and the "
        "ratio |c_(k+2)/c_k| never falls below 0.9 of the previous one; the control (1/k!, "
        "super-exponential, at the same k) must fail",
        "verdict": HOLDS,
        "reason": "exponential decay in k, no faster; 1/k! is rejected",
        "evidence": "paper",
        "control": "1/k!: ratios 0.0833 -> 0.0111, rejected",  # 2!/4! and 8!/10!
    }


def test_lemma1_rate_boundaries():
    # Three even k are enough, and k = 2 counts; a ratio exactly 0.9 of the previous is steady.
    three = verdicts.lemma1_rate(_even([1.0, 0.5, 0.225]))  # ratios 0.5, 0.45
    assert three["verdict"] == HOLDS and three["measured"].endswith("ratios 0.5 -> 0.45")
    # Each ratio is compared with the one before it, not with the first.
    assert verdicts.lemma1_rate(_even([1.0, 0.5, 0.4, 0.2, 0.1]))["verdict"] == FAILS
    # A growing |c_k| (slope > 0) is no decay, however linear.
    grows = verdicts.lemma1_rate(_even([2.0, 4.0, 8.0]))
    assert (grows["verdict"], grows["reason"]) == (FAILS, "not an exponential in k")
    assert grows["control"] == "1/k!: ratios 0.0833 -> 0.0333, rejected"


def test_lemma1_rate_uninformative_row_reads_in_full(monkeypatch):
    monkeypatch.setattr(verdicts, "RATE_RATIO_DROP", 0.0)  # a criterion 1/k! passes too
    row = verdicts.lemma1_rate(_even([0.5 * 2.0 ** (-0.99 * k) for k in range(2, 16, 2)]))
    assert (row["claim"], row["verdict"]) == ("Lemma 1 (rate)", UNINFORMATIVE)
    assert row["reason"] == "a super-exponential decay passes too"
    assert row["paper_says"] == "<ReLU_{w_S}, chi_S^gamma> >= 2^{-O(k)} (Lemma 1)"
    assert row["measured"].startswith("|c_k| ~ 0.5 * 2^(-0.99 k), R^2 = 1.0000")
    assert row["criterion"].startswith("log2|c_k| linear in k") and row["control"].endswith(
        "passes"
    )


def test_zero_pattern_rows_read_in_full_and_its_bound_is_strict():
    up_to_3 = correlation({1: 0.4, 2: 0.165, 3: 0.0})  # no k = 0 mod 4 yet
    assert verdicts.lemma1_zero_pattern(up_to_3) == {
        "claim": "Lemma 1 (zero pattern)",
        "paper_says": "(implicit) odd k >= 3: c_k = 0; k = 0 mod 4: c_k < 0 (one flipped sign "
        "fixes it)",
        "measured": "1 odd k exactly 0; k = 0 mod 4: none",
        "criterion": "exact zeros for odd k >= 3, c_k + c_k_error < 0 for k = 0 mod 4",
        "verdict": BEYOND,
        "reason": "pattern confirmed",
        "evidence": "beyond",
        "control": "-",
    }
    for c4, error in ((-1e-3, 2e-3), (-0.5, 0.5), (0.1, 0.0)):  # not below 0 by its error
        t = correlation({3: 0.0, 4: c4})
        t["c_k_error"] = error
        row = verdicts.lemma1_zero_pattern(t)
        assert (row["verdict"], row["reason"]) == (FAILS, "pattern broken"), c4


CLAIM_CRITERION = (
    "simulation within 4 s.e. of the closed form at every (k, eta, |w|); the control (the "
    "formula {}) must miss some point"
)


def test_claim_rows_read_in_full():
    assert verdicts.claim(claims(3), 3) == {
        "claim": "Claim 3",
        "paper_says": "j in S: err(ReLU_w) = |w|^2/2 - |w|/sqrt(2 pi) + 1/2 >= 1/2 - 1/(4 pi) "
        "(Claim 3)",
        "measured": "6 points, max |z| = 0.00",
        "criterion": CLAIM_CRITERION.format("at norm r + 0.1"),
        "verdict": HOLDS,
        "reason": "closed form confirmed; the control formula is rejected",
        "evidence": "paper",
        "control": "rejected",
    }
    # k out of order in the table: the control still names them in order.
    assert verdicts.claim(claims(4, k_c=((6, 0.00476), (2, 0.165))), 4) == {
        "claim": "Claim 4",
        "paper_says": "j not in S: err = r^2/2 - r (1/sqrt(2 pi) + (1 - 2 eta) c_k) + 1/2 "
        "(Claim 4)",
        "measured": "6 points, max |z| = 0.00",
        "criterion": CLAIM_CRITERION.format("without the c_k term, per k"),
        "verdict": HOLDS,
        "reason": "closed form confirmed; the control formula is rejected",
        "evidence": "paper",
        "control": "rejected at k = 2, 6; passes at k = none",
    }


def test_claim3_control_is_the_formula_at_a_larger_norm():
    """At |w| = 0 the formula at r + 0.1 is 0.035 lower, at r - 0.1 it is 0.045 higher: with
    s.e. 0.01 only the latter would be rejected."""
    t = claims(3, se=0.01)
    row = verdicts.claim(t[t.norm == 0], 3)
    assert (row["verdict"], row["control"]) == (UNINFORMATIVE, "passes")


def test_claim_z_of_exactly_four_is_within_and_misses_are_counted_past_it():
    t = claims(3)
    t = t[t.norm == 0].assign(empirical_se=0.25)  # the closed form is 0.5 exactly there
    t["empirical_err"] = [1.5, 0.5]  # z = 4 exactly, and 0
    assert verdicts.claim(t, 3)["verdict"] == HOLDS
    t["empirical_err"] = [1.5, 3.0]  # z = 4 and 10: one miss
    missed = verdicts.claim(t, 3)
    assert (missed["verdict"], missed["reason"]) == (FAILS, "1 misses")
    assert missed["control"] == "rejected"


def test_claim4_a_tiny_correlation_term_is_still_a_term():
    """c_k = 1e-9 changes the closed form by ~1e-9: not the c_k = 0 case (no term), only a term
    the simulation cannot resolve."""
    row = verdicts.claim(claims(4, k_c=((10, 1e-9),)), 4)
    assert row["control"] == "rejected at k = none; passes at k = 10"
    assert row["verdict"] == UNINFORMATIVE


FACT1 = "He_{2m+1}(0) = 0 and He_{2m}(0) = (-1)^m (2m)!/(m! 2^m) (Fact 1)"
FACT_CRITERION = (
    "max |closed form - quadrature| <= theory.hermite_tolerance = {:g}; the control (closed "
    "form of degree n + 2) must exceed it"
)


def _fact_row(verdict, reason, measured, control, tolerance=1e-10, claim="Fact 1", says=FACT1):
    return {"claim": claim, "paper_says": says, "measured": measured,
            "criterion": FACT_CRITERION.format(tolerance), "verdict": verdict, "reason": reason,
            "evidence": "paper", "control": control}  # fmt: skip


def test_fact_rows_read_in_full_whatever_the_verdict():
    off = relu_coefficients_quadrature(12)
    off[4] += 1e-6
    failed = verdicts.hermite_fact(hermite(off), "relu", 1e-10)
    assert failed == _fact_row(
        FAILS, "error 1e-06 above tolerance", "max error 1e-06 over n = 0..12",
        failed["control"],
    )  # fmt: skip
    assert failed["control"].startswith("degree n + 2: max error ")
    short = verdicts.hermite_fact(hermite(n_max=1), "relu", 1e-10)  # n = 0, 1: no n + 2
    assert short == _fact_row(
        CAVEAT, "closed form matches quadrature; too few degrees for the control",
        short["measured"], "-",
    )  # fmt: skip
    assert short["measured"].endswith("over n = 0..1")
    flat = hermite(n_max=4)
    flat["closed_form"] = flat["quadrature"] = 0.1
    flat["abs_error"] = 0.0
    # Tolerance 0: the error 0 is within it, and so is the shifted form's (<= is the test).
    assert verdicts.hermite_fact(flat, "relu", 0.0) == _fact_row(
        UNINFORMATIVE, "the shifted closed form matches the quadrature too",
        "max error 0 over n = 0..4", "degree n + 2: max error 0", tolerance=0.0,
    )  # fmt: skip
    sign = verdicts.hermite_fact(hermite().assign(function="sign"), "sign", 1e-10)
    assert (sign["claim"], sign["verdict"]) == ("Fact 2", HOLDS)
    assert sign["paper_says"] == (
        "sign's Hermite coefficients: 0, then sqrt(2/(pi i!)) He_{i-1}(0)"
    )


def test_fact_error_exactly_at_the_tolerance_is_within():
    t = hermite()
    t.loc[3, "abs_error"] = 1e-10
    held = verdicts.hermite_fact(t, "relu", 1e-10)
    assert held["verdict"] == HOLDS and held["paper_says"] == FACT1


def test_lemma1_sign_series_and_monte_carlo_boundaries():
    # |c_2| = 4 s.e. exactly: not resolved (strictly above is).
    edge = verdicts.lemma1_sign(correlation({2: 0.004, 4: -0.02}, mc_se=0.001))
    assert edge["measured"] == "c_2 = 0.004; MC resolves k = none"
    # MC off by exactly 4 s.e. (0.5 = 4 x 0.125) still agrees.
    mc_edge = correlation({2: 1.0, 4: -0.02}, mc_se=0.125)
    mc_edge.loc[mc_edge.k == 2, "c_k_mc"] = 1.5
    assert verdicts.lemma1_sign(mc_edge)["verdict"] == HOLDS
    # The series must clear its error bound: c_k - c_k_error > 0, strictly.
    for c, error, verdict in ((0.001, 0.002, FAILS), (0.001, 0.001, FAILS), (4.0, 3.0, HOLDS)):
        t = correlation({2: c, 4: -0.02}, mc_se=1.0)
        t["c_k_error"] = error
        assert verdicts.lemma1_sign(t)["verdict"] == verdict, (c, error)


def test_lemma1_sign_control_texts():
    assert verdicts.lemma1_sign(correlation({1: 0.4, 2: 0.165}))["control"] == "-"
    positive = {k: abs(c) for k, c in C_K.items()}
    assert verdicts.lemma1_sign(correlation(positive))["control"] == "k = 0 mod 4 (4, 8): passes"
    # c_4 = 0.001 below its error bound 0.0015: the control's positivity test rejects it.
    t = correlation({2: 0.165, 4: 0.001}, mc_se=1.0)
    t["c_k_error"] = 0.0015
    row = verdicts.lemma1_sign(t)
    assert (row["verdict"], row["control"]) == (HOLDS, "k = 0 mod 4 (4): rejected")


def test_rows_come_in_the_papers_order():
    rows = verdicts.rows(hermite(), correlation(), pd.concat([claims(3), claims(4)]), 1e-10)
    assert [r["claim"] for r in rows] == [
        "Fact 1", "Fact 2", "Lemma 1 (sign)", "Lemma 1 (rate)", "Lemma 1 (zero pattern)",
        "Claim 3", "Claim 4",
    ]  # fmt: skip
    assert [r["verdict"] for r in rows][5:] == [HOLDS, HOLDS]


def test_lemma1_sign_rows_keep_their_control_and_reasons_whatever_the_verdict():
    control = "k = 0 mod 4 (4, 8): rejected"
    failed = verdicts.lemma1_sign(correlation(mc_shift=2e-3))
    assert (failed["reason"], failed["control"]) == ("sign or MC disagrees", control)
    positive = verdicts.lemma1_sign(correlation({k: abs(c) for k, c in C_K.items()}))
    assert positive["control"] == "k = 0 mod 4 (4, 8): passes"
    assert positive["reason"] == "the k = 0 mod 4 values pass the positivity test too"
    assert verdicts.lemma1_sign(correlation())["reason"] == (
        "positive by the series, confirmed by Monte Carlo where it resolves c_k"
    )
    blind = verdicts.lemma1_sign(correlation(mc_se=1.0, mc_shift=0.3))
    assert blind["reason"] == "positive by the series; MC resolves no k"


def test_claim3_control_exactly_four_standard_errors_off_is_not_rejected():
    """|w| = 0.9: the control formula (at 1.0) lies exactly 4 s.e. (0.25) above a simulated
    point that is 3.1 s.e. from the closed form: the control must miss by more than 4."""
    control = float(claim3_error(1.0))
    t = pd.DataFrame(
        {"claim": [3], "k": [2], "eta": [0.0], "norm": [0.9], "analytic_err": [claim3_error(0.9)],
         "empirical_err": [control - 0.25], "empirical_se": [0.0625]}
    )  # fmt: skip
    row = verdicts.claim(t, 3)
    assert (row["verdict"], row["control"]) == (UNINFORMATIVE, "passes")


def test_lemma1_sign_row_states_the_claim_and_criterion_in_full():
    row = verdicts.lemma1_sign(correlation())
    assert row["paper_says"] == (
        "c_k = <ReLU_{w_S}, chi_S^gamma> sqrt(2 pi) > 0 for k = 4l + 2 (Lemma 1)"
    )
    assert row["criterion"] == (
        "series c_k - c_k_error > 0 for every k = 2 mod 4; Monte Carlo, where 4 s.e. resolve "
        "c_k, positive and within 4 s.e.; the control (same test on k = 0 mod 4) must fail"
    )
