"""Algorithm 1 with biased ReLUs and {-1, +1} labels: the plan's gap and floor against the
theory's witness, the config rules, the biased control, the recovery rows and their verdicts."""

import copy

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs.hardness import algorithm1, control, verdicts
from relu_tradeoffs.hardness import config as hardness_config
from relu_tradeoffs.hardness.tables import CONTRACT, instance_tables
from relu_tradeoffs.pipeline.cost import _learner_work
from relu_tradeoffs.pipeline.verdicts import BEYOND, FAILS, UNINFORMATIVE
from relu_tradeoffs.relu import CLAIM3_FLOOR, affine_inputs, predict
from relu_tradeoffs.theory import biased_gap
from relu_tradeoffs.theory.correlation import c_k

CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text())
SEARCH = {"beta_range": [-4.0, 4.0], "beta_points": 33, "max_norm": 1.0}


def plan(k, eta, relu, labels, odd_k="direct", **kw):
    args = {"eps": "auto", "m_val": "auto", "m_val_max": 10**9, "m_train_factor": 0.3}
    args |= {"learners": ["exhaustive", "gd"], "params": {"lowdeg": {"degree": 2}}}
    return algorithm1.plan(
        k, eta, **args | kw, odd_k=odd_k, relu=relu, labels=labels, witness_search=SEARCH
    )


def test_the_pm1_plan_takes_the_theorys_biased_witness_and_floor_one():
    p = plan(3, 0.1, "biased", "pm1")
    grid = np.linspace(-4.0, 4.0, 33)
    witness = biased_gap.symmetric_witness("pm1", 0.1, 3, grid, 1.0)
    assert p["relu_gap"] == p["eps"] == witness["gain"] > 0
    assert p["witness"] == {key: witness[key] for key in ("beta", "r", "bias")}
    entry = p["learners"]["exhaustive"]
    assert entry["floor"] == 1.0 and entry["has_gap"]
    assert entry["threshold"] == pytest.approx(1.0 - witness["gain"] / 4, abs=1e-15)
    assert p["m_val"] == int(np.ceil(100 / witness["gain"] ** 2))
    assert not p["padded"] and p["k_effective"] == 3
    assert p["learners"][algorithm1.CONTROL] == entry


def test_the_01_plan_with_biased_relus_has_no_gap_and_the_constants_floor():
    p = plan(3, 0.0, "biased", "01")
    assert p["relu_gap"] < 0 and p["eps"] == 0.0  # the constant 1/2 beats every witness
    entry = p["learners"]["exhaustive"]
    assert entry == {"gap": p["relu_gap"], "threshold": 0.25, "floor": 0.25, "has_gap": False}
    assert any("ignores S" in text for _, text in algorithm1.plan_notes(p))


def test_unbiased_pm1_plan_and_the_papers_plan():
    p = plan(2, 0.1, "unbiased", "pm1", odd_k="pad")
    assert p["relu_gap"] == pytest.approx(2 * 0.8**2 * c_k(2) ** 2, rel=1e-12)
    assert p["learners"]["gd"]["floor"] == 1.0 and p["witness"] is None
    paper = plan(2, 0.1, "unbiased", "01", odd_k="pad")
    assert paper["relu_gap"] == algorithm1.relu_gap(2, 0.1)
    assert paper["learners"]["gd"]["floor"] == CLAIM3_FLOOR


def test_lowdeg_under_pm1_has_four_times_the_gap_and_floor():
    kw = {"learners": ["lowdeg"]}
    pm1 = plan(2, 0.1, "unbiased", "pm1", odd_k="pad", **kw)["learners"]["lowdeg"]
    paper = plan(2, 0.1, "unbiased", "01", odd_k="pad", **kw)["learners"]["lowdeg"]
    assert pm1["gap"] == pytest.approx(4 * paper["gap"]) and pm1["floor"] == 1.0
    assert pm1["threshold"] == pytest.approx(4 * paper["threshold"])


def test_direct_runs_odd_k_unpadded_and_the_planned_m_train_counts_the_biases():
    assert not algorithm1.padded(3, "direct") and algorithm1.effective_k(5, "direct") == 5
    one = algorithm1.training_size(0.1, 10, 3, 1000, 0.3)
    eight = algorithm1.training_size(0.1, 10, 3, 1000, 0.3, biases=8)
    assert one["m_train_target"] == int(np.ceil(0.3 * np.log(2 * 120) / 0.01))
    assert eight["m_train_target"] == int(np.ceil(0.3 * np.log(2 * 8 * 120) / 0.01))


def _hardness(**changes):
    section = copy.deepcopy(CONFIG["hardness"])
    section.update(changes)
    return section


@pytest.mark.parametrize(
    ("changes", "key", "words"),
    [
        ({"odd_k": "direct"}, "hardness.odd_k", "set hardness.relu: biased"),
        ({"beta": [-1.0]}, "hardness.beta", "for hardness.relu: biased only"),
        ({"relu": "biased", "learners": ["exhaustive"]}, "hardness.beta", "missing"),
        ({"relu": "biased", "beta": [-1.0]}, "hardness.learners[3]", "glmtron does not fit"),
        (
            {"relu": "biased", "beta": [-1.0], "learners": ["gd", "lowdeg"]},
            "hardness.learners[1]",
            "lowdeg does not fit biased ReLUs",
        ),
    ],
)
def test_the_biased_rules_name_the_key(changes, key, words):
    problems = hardness_config.check(_hardness(**changes))
    assert len(problems) == 1 and f"config key '{key}'" in problems[0] and words in problems[0]


def test_a_biased_config_with_fitting_learners_passes():
    section = _hardness(relu="biased", beta=[-1.0, 0.0], odd_k="direct", labels="pm1")
    section["learners"] = ["exhaustive", "gd", "sgd"]
    assert hardness_config.check(section) == []
    assert hardness_config.bias_grid(section) == [-1.0, 0.0]
    assert hardness_config.bias_grid(_hardness()) is None
    assert hardness_config.witness_search(_hardness(), CONFIG["theory"]) is None
    search = hardness_config.witness_search(section, CONFIG["theory"])
    assert set(search) == set(hardness_config.WITNESS_SEARCH_KEYS)


def test_the_biased_control_is_a_random_subset_at_the_witness():
    rng = np.random.default_rng(0)
    witness = {"r": 0.6, "bias": -0.75, "beta": -1.25}
    W = control.fit(np.empty((0, 7)), None, np.arange(6), rng, k=3, witness=witness)
    assert W.shape == (6, 8)
    np.testing.assert_allclose(W[:, 7], -0.75)
    np.testing.assert_allclose(np.linalg.norm(W[:, :7], axis=1), 0.6)
    assert np.all(W[np.arange(6), np.arange(6)] == 0) and np.all((W[:, :7] != 0).sum(1) == 3)
    X = np.random.default_rng(1).standard_normal((50, 7))
    want = np.maximum(X @ W[:, :7].T - 0.75, 0.0)
    np.testing.assert_allclose(predict(affine_inputs(X), W), want)


def _score(errs):
    learner = {"m_train": [100], "seconds": [0.5], "val_err": [errs]}
    learner |= {"path_iterations": [], "path_val_err": []}
    return {"d": 5, "k": 2, "eta": 0.0, "m_val": 50, "seed": 1, "support": [1, 3]}, learner


def test_recovery_rows_carry_relu_and_labels_in_the_contract_order():
    p = plan(2, 0.0, "biased", "pm1")
    threshold = p["learners"]["gd"]["threshold"]
    instance, learner = _score([0.98, 1.0, 0.98, 1.0, 0.98])
    rows = algorithm1.recover_instance({**instance, "learners": {"gd": learner}}, p)
    assert rows["recovery"][0]["exact"] and threshold < 1.0
    assert {(r["relu"], r["labels"]) for r in rows["coordinates"]} == {("biased", "pm1")}
    tables = instance_tables([rows], 100)
    for name in ("coordinates", "recovery"):
        assert list(tables[name].columns[: len(CONTRACT[name])]) == CONTRACT[name]
        assert CONTRACT[name][-2:] == ["relu", "labels"]


def recovery(exact, learner="exhaustive", has_gap=True, labels="pm1", relu="biased"):
    return pd.DataFrame(
        {"learner": learner, "k": 3, "eta": 0.0, "padded": False, "exact": exact,
         "has_gap": has_gap, "m_train_reached": True, "m_val_reached": True, "eps": 0.0166,
         "relu": relu, "labels": labels}
    )  # fmt: skip


def with_control(table, exact=(False,) * 3):
    control_rows = recovery(list(exact), algorithm1.CONTROL, labels=table.labels.iloc[0])
    return pd.concat([table, control_rows.assign(relu=table.relu.iloc[0])])


def test_a_biased_recovery_is_beyond_the_paper_criterion_met_control_rejected():
    (result,) = verdicts.recovery_rows(with_control(recovery([True] * 4)))
    assert result["verdict"] == BEYOND and result["evidence"] == "beyond"
    assert "criterion met, control rejected" in result["reason"]
    assert "biased ReLUs, labels pm1" in result["claim"] and "section 6" in result["claim"]
    assert result["control"] == "exact 0/3 (0%)" and "4/4" in result["measured"]


def test_a_missed_biased_recovery_is_not_reproduced_and_a_passing_control_uninformative():
    (missed,) = verdicts.recovery_rows(with_control(recovery([True, False, False, False])))
    assert missed["verdict"] == FAILS and missed["evidence"] == "beyond"
    (both,) = verdicts.recovery_rows(with_control(recovery([True] * 4), (True,) * 3))
    assert both["verdict"] == UNINFORMATIVE and both["evidence"] == "beyond"


def test_01_labels_with_biased_relus_report_no_gap_and_pm1_with_unbiased_is_beyond_too():
    (none,) = verdicts.recovery_rows(with_control(recovery([False] * 4, has_gap=False, labels=1)))
    assert none["verdict"] == BEYOND and "does not apply" in none["reason"]
    assert "labels 01" in none["claim"]
    (gd,) = verdicts.recovery_rows(with_control(recovery([True] * 4, learner="gd")))
    assert gd["verdict"] == BEYOND and "recovered in every run" in gd["reason"]
    (plain,) = verdicts.recovery_rows(with_control(recovery([True] * 4, relu="unbiased")))
    assert plain["verdict"] == BEYOND and "unbiased ReLUs, labels pm1" in plain["claim"]


def test_the_cost_preview_counts_the_bias_grid():
    section = {"m_train": 10, "params": {}, "relu": "biased", "beta": [-1.0, 0.0, 1.0]}
    paper = {**section, "relu": "unbiased"}
    assert _learner_work(section, "exhaustive", 5, 2) == 3 * _learner_work(
        paper, "exhaustive", 5, 2
    )
    assert _learner_work(paper, "exhaustive", 5, 2) == 10 * 2 * 2 * 10
