"""Verdict rules of the claims summary, on synthetic tables: each can hold and each can fail."""

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.pipeline.verdicts import row
from relu_tradeoffs.summary import build, markdown
from summary_tables import approx_summary, correlation, hermite, recovery


def test_build_uses_optional_tables_only_when_given():
    tables = {
        "hermite": hermite(1e-15),
        "correlation": correlation([1, 2, 3], [0.4, 0.165, 0.0]),
        "claims": pd.DataFrame(
            {"claim": [3, 4], "k": 2, "norm": 0.4, "analytic_err": 0.4, "empirical_err": 0.4}
            | {"empirical_se": 1e-3}
        ),
        "recovery": recovery([True] * 3),
        "approx_summary": approx_summary(),
    }
    base = build(tables, 1e-10)
    assert not base.claim.str.startswith("Tradeoff").any()
    tables["scaling"] = pd.DataFrame(
        {"k": [2, 4], "k_effective": [2, 4], "padded": False, "eps": [0.07, 0.008]}
        | {"slope_d": [2.0, 4.0], "slope_d_lo": [1.9, 3.9], "slope_d_hi": [2.1, 4.1]}
        | {"c_cross": 1.0, "c_cross_lo": np.nan, "c_cross_hi": np.nan}
    )
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
        with pytest.raises(ValueError, match="beyond-the-paper evidence cannot make"):
            v.row("c", "s", "m", "k", verdict, "r", evidence=v.BEYOND_EVIDENCE)
    with pytest.raises(ValueError, match="unknown evidence 'proof'"):
        v.row("c", "s", "m", "k", v.HOLDS, "r", evidence="proof")
    assert list(v.row("c", "s", "m", "k", v.VACUOUS, "r")) == list(v.COLUMNS)
