"""Verdict rules of the claims summary, on synthetic tables: each can hold and each can fail."""

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.hardness import verdicts as hardness_v
from relu_tradeoffs.pipeline.verdicts import ABSENT, BEYOND, CAVEAT, FAILS, HOLDS, row
from relu_tradeoffs.summary import build, markdown
from relu_tradeoffs.theory import verdicts as theory_v
from relu_tradeoffs.tradeoff import verdicts as tradeoff_v


def hermite(error):
    return pd.DataFrame(
        {
            "function": ["relu", "sign"] * 3,
            "n": [0, 0, 1, 1, 2, 2],
            "abs_error": [1e-15] * 5 + [error],
        }
    )


def correlation(ks, c, exact_zero=None, z=0.0):
    c = np.asarray(c, dtype=float)
    zero = exact_zero if exact_zero is not None else c == 0
    return pd.DataFrame(
        {"k": ks, "c_k": c, "c_k_error": 1e-12, "mc_z_score": z, "exact_zero": zero}
    )


def test_facts_hold_within_tolerance_and_fail_above_it():
    assert theory_v.hermite_fact(hermite(1e-15), "sign", 1e-10)["verdict"] == HOLDS
    failing = theory_v.hermite_fact(hermite(1e-6), "sign", 1e-10)
    assert failing["verdict"] == FAILS and "1e-06" in failing["measured"]


def test_lemma1_sign_fails_when_c2_is_negative():
    good = correlation([1, 2, 3], [0.4, 0.165, 0.0])
    assert theory_v.lemma1_sign(good)["verdict"] == HOLDS
    assert theory_v.lemma1_sign(correlation([1, 2], [0.4, -0.1]))["verdict"] == FAILS
    assert theory_v.lemma1_sign(correlation([2], [0.165], z=6.0))["verdict"] == FAILS
    assert theory_v.lemma1_sign(correlation([1], [0.4]))["verdict"] == ABSENT


def test_lemma1_rate_reads_the_exponent_and_rejects_a_non_exponential():
    ks = np.array([2, 4, 6, 8, 10])
    exponential = theory_v.lemma1_rate(correlation(ks, -(0.5 * 2.0 ** (-0.7 * ks))))
    assert exponential["verdict"] == HOLDS and "2^(-0.7 k)" in exponential["measured"]
    flat = theory_v.lemma1_rate(correlation(ks, [0.1, 0.2, 0.05, 0.3, 0.1]))
    assert flat["verdict"] == FAILS
    assert theory_v.lemma1_rate(correlation([2, 4], [0.1, 0.01]))["verdict"] == ABSENT


def test_zero_pattern_is_beyond_the_paper_or_broken():
    ok = correlation([2, 3, 4, 5], [0.16, 0.0, -0.04, 0.0])
    assert theory_v.lemma1_zero_pattern(ok)["verdict"] == BEYOND
    broken = correlation([3, 4], [0.01, -0.04], exact_zero=[False, False])
    assert theory_v.lemma1_zero_pattern(broken)["verdict"] == FAILS


def test_claims_fail_beyond_four_standard_errors():
    t = pd.DataFrame(
        {
            "claim": 3,
            "analytic_err": [0.42, 0.5],
            "empirical_err": [0.421, 0.5],
            "empirical_se": 1e-3,
        }
    )
    assert theory_v.claim(t, 3)["verdict"] == HOLDS
    t.loc[1, "empirical_err"] = 0.51  # 10 s.e. off
    assert theory_v.claim(t, 3)["verdict"] == FAILS
    assert theory_v.claim(t, 4)["verdict"] == ABSENT


def recovery(exact, learner="exhaustive", has_gap=True, reached=True):
    return pd.DataFrame(
        {
            "learner": learner,
            "k": 2,
            "eta": 0.0,
            "exact": exact,
            "has_gap": has_gap,
            "m_val_reached": reached,
        }
    )


@pytest.mark.parametrize(
    ("exact", "kwargs", "verdict"),
    [
        ([True] * 5, {}, HOLDS),
        ([True] * 4 + [False], {}, CAVEAT),
        ([True] + [False] * 4, {}, FAILS),
        ([True] * 5, {"reached": False}, CAVEAT),
        ([False] * 5, {"has_gap": False}, BEYOND),
        ([False] * 5, {"learner": "gd"}, BEYOND),
    ],
)
def test_recovery_verdicts(exact, kwargs, verdict):
    (result,) = hardness_v.recovery_rows(recovery(exact, **kwargs))
    assert result["verdict"] == verdict
    assert f"{sum(exact)}/{len(exact)}" in result["measured"]


def test_tradeoff_scaling_needs_exponents_growing_with_k():
    grows = pd.DataFrame({"k": [2, 2, 4, 4], "slope_d": [2.1, 2.1, 3.9, 3.9]})
    assert tradeoff_v.scaling(grows)["verdict"] == HOLDS
    shrinks = pd.DataFrame({"k": [2, 4], "slope_d": [3.0, 1.0]})
    assert tradeoff_v.scaling(shrinks)["verdict"] == FAILS
    assert tradeoff_v.scaling(pd.DataFrame({"k": [2], "slope_d": [2.0]}))["verdict"] == ABSENT


def test_tradeoff_pareto_needs_a_significant_gain():
    t = pd.DataFrame(
        {
            "learner": "gd",
            "budget": [1, 10],
            "k": 4,
            "d": 10,
            "excess_err": [0.05, 0.01],
            "excess_err_se": [0.001, 0.001],
        }
    )
    assert [r["verdict"] for r in tradeoff_v.pareto(t)] == [HOLDS]
    t["excess_err"] = [0.05, 0.0495]
    assert [r["verdict"] for r in tradeoff_v.pareto(t)] == [FAILS]


def approx_summary():
    """No Algorithm 2 or rival row: the approx verdicts (tests/unit/approx/test_verdicts.py)
    say "not measured"."""
    return pd.DataFrame(columns=["regime", "noise", "d", "opt_target", "opt", "method"])


def test_build_uses_optional_tables_only_when_given():
    tables = {
        "hermite": hermite(1e-15),
        "correlation": correlation([1, 2, 3], [0.4, 0.165, 0.0]),
        "claims": pd.DataFrame(
            {"claim": [3, 4], "analytic_err": 0.4, "empirical_err": 0.4, "empirical_se": 1e-3}
        ),
        "recovery": recovery([True] * 3),
        "approx_summary": approx_summary(),
    }
    base = build(tables, 1e-10)
    assert not base.claim.str.startswith("Tradeoff").any()
    tables["scaling"] = pd.DataFrame({"k": [2, 4], "slope_d": [2.0, 4.0]})
    tables["theorem5"] = pd.DataFrame(columns=["regime", "learner", "dist_unit"])
    extended = build(tables, 1e-10)
    assert "Tradeoff (time vs d)" in set(extended.claim)
    assert "Theorem 5 (ABL14 step)" in set(extended.claim)
    page = markdown(extended)
    assert page.count("\n| ") == len(extended) + 1  # header + one line per claim
    assert "\\|" in page  # |w| in a cell is escaped


def test_unknown_verdicts_are_refused():
    with pytest.raises(ValueError, match="unknown verdict"):
        row("c", "p", "m", "crit", "sort of", "r")


def test_a_capped_validation_set_says_the_failure_is_underpowered():
    (missed,) = hardness_v.recovery_rows(recovery([True, False, False], reached=False))
    assert missed["verdict"] == FAILS and "underpowered" in missed["reason"]
    (plain,) = hardness_v.recovery_rows(recovery([True, False, False], reached=True))
    assert plain["verdict"] == FAILS and "underpowered" not in plain["reason"]


def test_a_row_says_its_evidence_and_an_identity_never_holds():
    from relu_tradeoffs.pipeline import verdicts as v

    assert v.row("c", "s", "m", "k", v.HOLDS, "r")["evidence"] == v.PAPER
    assert v.row("c", "s", "m", "k", v.BEYOND, "r")["evidence"] == v.BEYOND_EVIDENCE
    assert v.row("c", "s", "m", "k", v.HOLDS, "r")["control"] == v.NO_CONTROL
    checked = v.row("c", "s", "m", "k", v.FAILS, "r", evidence=v.IDENTITY, control="w = 0: 1.2")
    assert (checked["evidence"], checked["control"]) == (v.IDENTITY, "w = 0: 1.2")
    for verdict in (v.HOLDS, v.CAVEAT):
        with pytest.raises(ValueError, match="an identity cannot make"):
            v.row("c", "s", "m", "k", verdict, "r", evidence=v.IDENTITY)
    with pytest.raises(ValueError, match="unknown evidence 'proof'"):
        v.row("c", "s", "m", "k", v.HOLDS, "r", evidence="proof")
    assert list(v.row("c", "s", "m", "k", v.VACUOUS, "r")) == list(v.COLUMNS)
