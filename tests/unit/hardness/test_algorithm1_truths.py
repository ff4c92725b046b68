"""Algorithm 1's recovery test and the Claim 4 witness optimum against their definitions."""

import numpy as np
import pytest
from relu_tradeoffs.hardness import algorithm1 as hardness
from relu_tradeoffs.relu import claim4_error


@pytest.mark.parametrize(("ck", "eta"), [(0.165, 0.0), (-0.021, 0.1), (0.05, 0.3)])
def test_claim4_witness_bound_is_the_minimum_of_the_claim_4_error_over_the_norm(ck, eta):
    r = np.linspace(0.0, 1.0, 200_001)
    brute = claim4_error(r, abs(ck), eta).min()
    # Achieved: 1e-11 (grid step 5e-6, error quadratic in it).
    assert hardness.claim4_witness_bound(ck, eta) == pytest.approx(brute, abs=1e-10)


def _score(val_err):
    return {
        "d": 5,
        "k": 2,
        "eta": 0.1,
        "seed": 3,
        "support": [1, 3],
        "m_val": 50,
        "learners": {
            "gd": {
                "m_train": [100],
                "seconds": [0.5],
                "val_err": [val_err],
                "path_iterations": [0, 7],
                "path_val_err": [[0.1, 0.2, 0.3, 0.4, 0.5], [0.5, 0.4, 0.3, 0.2, 0.1]],
            }
        },
    }


# The paper's hypothesis class and labels, as a plan records them.
PAPER_CLASS = {"relu": "unbiased", "labels": "01", "biases": 1}


def test_recover_instance_counts_false_positives_and_negatives_apart():
    """Threshold 0.4: coordinates 0 and 2 (not in S) test relevant, 1 (in S) does not, and 3
    sits exactly on the threshold (err >= threshold is relevant): 2 false positives, 1 false
    negative."""
    plan = {
        "eps": 0.05,
        "m_val_reached": False,
        "padded": False,
        "k_effective": 2,
        "m_train_factor": 0.3,
        **PAPER_CLASS,
        "learners": {"gd": {"threshold": 0.4, "has_gap": True}},
    }
    rows = hardness.recover_instance(_score([0.45, 0.3, 0.41, 0.4, 0.1]), plan)
    (recovery,) = rows["recovery"]
    assert recovery["recovered_set"] == "0;2;3" and recovery["true_set"] == "1;3"
    assert (recovery["false_positives"], recovery["false_negatives"]) == (2, 1)
    assert recovery["exact"] is False and recovery["m_val_reached"] is False
    coords = rows["coordinates"]
    assert [r["relevant"] for r in coords] == [True, False, True, True, False]
    assert [r["in_support"] for r in coords] == [False, True, False, True, False]
    assert [r["val_err"] for r in coords] == [0.45, 0.3, 0.41, 0.4, 0.1]
    paths = rows["paths"]
    assert [(r["iteration"], r["coordinate"]) for r in paths[4:6]] == [(0, 4), (7, 0)]
    assert paths[5]["val_err"] == 0.5 and paths[5]["m_train"] == 100
    assert all(r["learner"] == "gd" and r["eps"] == 0.05 and r["seed"] == 3 for r in coords)


COMMON = {"learner", "d", "k", "eta", "m_val", "seed", "eps", "has_gap", "m_val_reached", "padded"}
COMMON |= {"relu", "labels"}
COLUMNS = {
    "coordinates": COMMON
    | {"m_train", "coordinate", "in_support", "val_err", "threshold", "relevant"},
    "recovery": COMMON
    | {"m_train", "true_set", "recovered_set", "exact", "seconds", "false_positives"}
    | {"false_negatives", "m_train_target", "m_train_reached"},
    "paths": COMMON | {"m_train", "iteration", "coordinate", "in_support", "val_err"},
}


def test_recover_instance_rows_have_the_table_columns_and_values():
    plan = {
        "eps": 0.05,
        "m_val_reached": True,
        "padded": False,
        "k_effective": 2,
        "m_train_factor": 0.3,
        **PAPER_CLASS,
        "learners": {"gd": {"threshold": 0.4, "has_gap": False}},
    }
    rows = hardness.recover_instance(_score([0.1, 0.5, 0.2, 0.6, 0.3]), plan)
    for table, columns in COLUMNS.items():
        assert all(set(row) == columns for row in rows[table]), table
    first = rows["coordinates"][1]
    expected = {"learner": "gd", "d": 5, "k": 2, "eta": 0.1, "m_val": 50, "seed": 3}
    assert {key: first[key] for key in expected} == expected
    assert (first["eps"], first["has_gap"], first["m_val_reached"]) == (0.05, False, True)
    assert (first["m_train"], first["threshold"], first["in_support"]) == (100, 0.4, True)
    assert rows["recovery"][0]["seconds"] == 0.5
    assert [r["in_support"] for r in rows["paths"][:5]] == [False, True, False, True, False]


def test_recover_instance_rejects_ragged_records():
    plan = {
        "eps": 0.05,
        "m_val_reached": True,
        "padded": False,
        "k_effective": 2,
        "m_train_factor": 0.3,
        **PAPER_CLASS,
        "learners": {"gd": {"threshold": 0.4, "has_gap": True}},
    }
    score = _score([0.1, 0.5, 0.2, 0.6, 0.3])
    score["learners"]["gd"]["seconds"] = [0.5, 0.6]  # one more time than training sizes
    with pytest.raises(ValueError):
        hardness.recover_instance(score, plan)
    score = _score([0.1, 0.5, 0.2, 0.6, 0.3])
    score["learners"]["gd"]["path_iterations"] = [0]  # one trace fewer than iterations
    with pytest.raises(ValueError):
        hardness.recover_instance(score, plan)


def test_recover_instance_exact_recovery_has_no_errors():
    plan = {
        "eps": 0.05,
        "m_val_reached": True,
        "padded": False,
        "k_effective": 2,
        "m_train_factor": 0.3,
        **PAPER_CLASS,
        "learners": {"gd": {"threshold": 0.4, "has_gap": True}},
    }
    (recovery,) = hardness.recover_instance(_score([0.1, 0.5, 0.2, 0.6, 0.3]), plan)["recovery"]
    assert recovery["exact"] is True and recovery["recovered_set"] == "1;3"
    assert (recovery["false_positives"], recovery["false_negatives"]) == (0, 0)


def test_plan_records_the_gap_its_source_and_each_learners_floor():
    params = {"lowdeg": {"degree": 2, "ridge": 0.0}}
    p = hardness.plan(
        2,
        0.1,
        eps="auto",
        m_val="auto",
        m_val_max=10**9,
        m_train_factor=0.3,
        learners=["gd", "lowdeg"],
        params=params,
        odd_k="pad",
    )
    ck = hardness.c_k(2)
    assert (p["k"], p["eta"], p["c_k"]) == (2, 0.1, ck)
    assert p["relu_gap"] == pytest.approx(0.8 * abs(ck) / np.sqrt(2 * np.pi), rel=1e-12)
    assert p["eps"] == p["relu_gap"] and p["eps_source"] == "analytic"
    assert p["learners"]["gd"]["floor"] == 0.5 - 1 / (4 * np.pi)
    assert p["learners"]["lowdeg"]["floor"] == 0.25
    # Gaps far below 1 still count as gaps.
    assert p["learners"]["gd"]["has_gap"] is True and p["learners"]["lowdeg"]["has_gap"] is True
    assert 0 < p["learners"]["gd"]["gap"] < 1 and 0 < p["learners"]["lowdeg"]["gap"] < 1


def test_validation_size_at_exactly_the_cap_is_not_capped():
    size = hardness.validation_size(0.1, 10_000, 10_000)
    assert size == {
        "m_val": 10_000,
        "m_val_target": 10_000,
        "m_val_reached": True,
        "m_val_capped": False,
    }
    assert hardness.validation_size(0.1, "auto", 9_999)["m_val_capped"] is True
