"""Theorem 3's verdict on synthetic recovery tables: it holds, fails, is underpowered or
uninformative (the random-subset control passes too), and the paper's silence is reported."""

import pandas as pd
import pytest
from relu_tradeoffs.hardness import verdicts
from relu_tradeoffs.hardness.algorithm1 import CONTROL
from relu_tradeoffs.pipeline.verdicts import (
    BEYOND,
    CAVEAT,
    FAILS,
    HOLDS,
    UNDERPOWERED,
    UNINFORMATIVE,
)


def recovery(exact, learner="exhaustive", has_gap=True, m_train=True, m_val=True, k=2):
    return pd.DataFrame(
        {
            "learner": learner,
            "k": k,
            "eta": 0.0,
            "padded": k % 2 == 1,
            "exact": exact,
            "has_gap": has_gap,
            "m_train_reached": m_train,
            "m_val_reached": m_val,
        }
    )


def with_control(table, control_exact=(False,) * 3):
    return pd.concat([table, recovery(list(control_exact), CONTROL, k=table.k.iloc[0])])


@pytest.mark.parametrize(
    ("exact", "kwargs", "verdict", "words"),
    [
        ([True] * 5, {}, HOLDS, "planned sizes"),
        ([True] * 4 + [False], {}, CAVEAT, "missed in 20%"),
        ([True] + [False] * 4, {}, FAILS, "missed in 80%"),
        ([True] * 5, {"m_val": False}, CAVEAT, "m_val below its plan in 5/5"),
        ([True] + [False] * 4, {"m_train": False}, UNDERPOWERED, "m_train below its plan"),
        ([True] * 4 + [False], {"m_val": [True] * 4 + [False]}, UNDERPOWERED, "m_val below"),
        ([False] * 5, {"has_gap": False}, BEYOND, "no ReLU gap"),
    ],
)
def test_recovery_verdicts(exact, kwargs, verdict, words):
    (result,) = verdicts.recovery_rows(with_control(recovery(exact, **kwargs)))
    assert result["verdict"] == verdict and words in result["reason"]
    assert f"{sum(exact)}/{len(exact)}" in result["measured"]
    assert result["control"] == "exact 0/3 (0%)"


def test_a_control_that_also_recovers_s_makes_the_holds_uninformative():
    (result,) = verdicts.recovery_rows(with_control(recovery([True] * 5), (True,) * 3))
    assert result["verdict"] == UNINFORMATIVE and "control" in result["reason"]
    assert result["control"] == "exact 3/3 (100%)"
    (missing,) = verdicts.recovery_rows(recovery([True] * 5))
    assert missing["verdict"] == CAVEAT and "no negative control" in missing["reason"]
    assert missing["control"] == "-"


def test_learners_without_a_claim_are_beyond_the_paper_with_a_reason_from_the_data():
    (gd,) = verdicts.recovery_rows(with_control(recovery([True] * 2 + [False] * 2, "gd")))
    assert gd["verdict"] == BEYOND and gd["evidence"] == "beyond"
    assert "Corollary 1" in gd["reason"] and "missed in 50% of runs" in gd["reason"]
    (good,) = verdicts.recovery_rows(with_control(recovery([True] * 4, "sgd")))
    assert good["reason"] == (
        "stochastic gradient descent: no guarantee (Corollary 1 predicts failure as k grows); "
        "S recovered in every run"
    )


def test_claim_names_show_the_padded_sparsity_and_controls_get_no_row():
    rows = verdicts.recovery_rows(with_control(recovery([True] * 3, k=3)))
    assert [r["claim"] for r in rows] == ["Theorem 3: exhaustive, k = 3 (padded to k = 4), eta = 0"]
    (even,) = verdicts.recovery_rows(with_control(recovery([True] * 3)))
    assert even["claim"] == "Theorem 3: exhaustive, k = 2, eta = 0"
    assert verdicts.recovery_rows(recovery([], k=2).iloc[:0])[0]["verdict"] == "not measured"


def test_every_row_reads_and_names_its_criterion():
    tables = [
        with_control(recovery([True] * 5)),
        with_control(recovery([True] + [False] * 4)),
        with_control(recovery([True] + [False] * 4, m_train=False)),
        with_control(recovery([True] * 5), (True,) * 3),
        with_control(recovery([False] * 2, "glmtron")),
        with_control(recovery([False] * 2, has_gap=False)),
        recovery([True] * 5),
    ]
    for table in tables:
        (row,) = verdicts.recovery_rows(table)
        assert row["paper_says"] == verdicts.THEOREM3 and row["criterion"] == verdicts.CRITERION
        for key in ("reason", "measured"):
            assert row[key] and "XX" not in row[key] and row[key] != row[key].upper(), key
        assert row["control"] in ("-", "exact 0/3 (0%)", "exact 3/3 (100%)")
    assert "80%" in verdicts.CRITERION and "random k-subset" in verdicts.CRITERION
    (glm,) = verdicts.recovery_rows(tables[4])
    assert glm["reason"].startswith("glmtron is not an agnostic ReLU learner: no claim; S missed")


def test_reasons_give_the_share_missed_and_the_short_sizes():
    (short,) = verdicts.recovery_rows(
        with_control(recovery([True] + [False] * 4, m_train=False, m_val=[True] * 4 + [False]))
    )
    assert short["reason"] == (
        "S missed in 80% of runs with m_train below its plan in 5/5 runs; "
        "m_val below its plan in 1/5 runs"
    )
    (held,) = verdicts.recovery_rows(with_control(recovery([True] * 5)))
    assert held["reason"] == "S recovered in every run at the planned sizes; the control missed"
    (empty,) = verdicts.recovery_rows(recovery([True]).iloc[:0])
    assert (empty["claim"], empty["reason"]) == ("Theorem 3", "no recovery rows")
    assert empty["paper_says"] == verdicts.THEOREM3 and empty["criterion"] == verdicts.CRITERION


def test_each_cell_takes_the_control_of_its_own_k_and_eta_and_rows_come_sorted():
    cells = []
    for k, eta, control in ((2, 0.0, (True,) * 3), (2, 0.1, (False,) * 3), (4, 0.0, (False,) * 2)):
        table = with_control(recovery([True] * 3, k=k), control).assign(eta=eta)
        cells.append(table)
    # Learners and cells out of order: sgd first, then exhaustive.
    table = pd.concat([cells[2].assign(learner=lambda t: t.learner.replace("exhaustive", "sgd")),
                       *cells])  # fmt: skip
    rows = verdicts.recovery_rows(table)
    assert [(r["claim"], r["control"]) for r in rows] == [
        ("Theorem 3: exhaustive, k = 2, eta = 0", "exact 3/3 (100%)"),
        ("Theorem 3: exhaustive, k = 2, eta = 0.1", "exact 0/3 (0%)"),
        ("Theorem 3: exhaustive, k = 4, eta = 0", "exact 0/4 (0%)"),  # both copies
        ("Theorem 3: sgd, k = 4, eta = 0", "exact 0/4 (0%)"),
    ]
    assert rows[0]["reason"] == "the random-subset control recovers S too"


def test_rows_beyond_the_paper_keep_their_claim_and_control():
    (no_gap,) = verdicts.recovery_rows(with_control(recovery([False] * 2, has_gap=False, k=3)))
    assert no_gap["claim"] == "Theorem 3: exhaustive, k = 3 (padded to k = 4), eta = 0"
    assert no_gap["control"] == "exact 0/3 (0%)"
    assert no_gap["reason"] == "c_k = 0 for odd k >= 3: no ReLU gap, the reduction does not apply"
    (gd,) = verdicts.recovery_rows(with_control(recovery([True, False], "gd")))
    assert gd["claim"] == "Theorem 3: gd, k = 2, eta = 0" and gd["control"] == "exact 0/3 (0%)"
