"""tools/biased_vs_padded.py: each route's plan and measurements read from its run, side by side."""

import importlib.util
import json
from itertools import combinations, product

import pandas as pd
import pytest
from conftest import ROOT

spec = importlib.util.spec_from_file_location(
    "biased_vs_padded", ROOT / "tools" / "biased_vs_padded.py"
)
biased_vs_padded = importlib.util.module_from_spec(spec)
spec.loader.exec_module(biased_vs_padded)


def fake_run(root, *, padded, relu, labels, biases, eps, m_train, exact, seconds, signs="parity"):
    """A finished hardness wing at d = 10, k = 3: the files the tool reads, nothing else."""
    hardness = root / "results" / "hardness"
    (hardness / "plan").mkdir(parents=True)
    recovery = pd.DataFrame(
        {
            "learner": ["exhaustive"] * len(exact) + ["gd"],
            "d": 10,
            "k": 3,
            "eta": 0.0,
            "m_train": m_train,
            "m_train_target": 1234 if padded else 567,
            "exact": [*exact, False],
            "seconds": [*seconds, 99.0],
        }
    )
    recovery.to_csv(hardness / "recovery.csv", index=False)
    plan = {
        "padded": padded,
        "relu": relu,
        "labels": labels,
        "k_effective": 4 if padded else 3,
        "eps": eps,
        "m_val": int(100 / eps**2),
        "m_val_target": int(100 / eps**2),
        "biases": biases,
    }
    (hardness / "plan" / "k3_eta0.0.json").write_text(json.dumps(plan))
    config = {"hardness": {"params": {"exhaustive": {"signs": signs}}}}
    (hardness / "provenance.json").write_text(json.dumps({"config": config}))
    return root


def enumerated_candidates(columns, k, patterns, biases, constant):
    """Candidates counted one by one: every subset, sign pattern and bias, and the constant."""
    count = sum(1 for _ in product(combinations(range(columns), k), range(patterns), range(biases)))
    return count + constant


@pytest.fixture
def runs(tmp_path):
    direct = fake_run(
        tmp_path / "direct",
        padded=False,
        relu="biased",
        labels="pm1",
        biases=10,
        eps=0.02,
        m_train=200,
        exact=[True, True, False],
        seconds=[1.0, 2.0, 6.0],
    )
    padded = fake_run(
        tmp_path / "padded",
        padded=True,
        relu="unbiased",
        labels="01",
        biases=1,
        eps=0.01,
        m_train=50,
        exact=[True, True, True],
        seconds=[0.5, 0.5, 2.0],
    )
    return direct, padded


def test_each_route_is_read_from_its_own_run(runs):
    table = biased_vs_padded.comparison(*runs, k=3)
    direct, padded = (row for _, row in table.iterrows())
    assert list(table.columns) == biased_vs_padded.COLUMNS
    assert (direct.route, direct.relu, direct.labels) == ("direct", "biased", "pm1")
    assert (padded.route, padded.relu, padded.labels) == ("padded", "unbiased", "01")
    assert (direct.k_effective, padded.k_effective) == (3, 4)
    assert (direct.m_val, padded.m_val) == (250000, 1000000)
    assert (direct.m_train_target, padded.m_train_target) == (567, 1234)
    assert (direct.m_train, padded.m_train) == (200, 50)
    # the other learner's rows (gd, 99 s, not exact) stay out
    assert (direct.seeds, direct.exact, padded.exact) == (3, 2, 3)
    assert (direct.seconds_mean, direct.seconds_max) == (3.0, 6.0)
    assert (padded.seconds_mean, padded.seconds_max) == (1.0, 2.0)
    # candidates: 2 patterns x 10 biases x C(10, 3) + the constant; 2 x C(11, 4) padded
    assert direct.candidates == enumerated_candidates(10, 3, 2, 10, 1) == 2401
    assert padded.candidates == enumerated_candidates(11, 4, 2, 1, 0) == 660
    assert direct.ns_per_candidate_example == pytest.approx(3.0e9 / (2401 * 200))
    assert padded.ns_per_candidate_example == pytest.approx(1.0e9 / (660 * 50))


def test_all_sign_patterns_are_counted():
    assert biased_vs_padded.candidates(10, 4, True, 1, "unbiased", "all") == (
        enumerated_candidates(11, 4, 16, 1, 0)
    )


def test_page_says_how_it_was_made_and_the_ratios(runs, tmp_path):
    out = tmp_path / "biased.md"
    biased_vs_padded.main([str(runs[0]), str(runs[1]), "--out", str(out)])
    text = out.read_text()
    assert "do not edit by hand" in text
    assert "`python tools/biased_vs_padded.py <direct run> <padded run> --k 3`" in text
    assert "direct `config/biased.yaml`" in text and "padded `config/odd_k.yaml`" in text
    assert "| direct | biased | pm1 | 10 | 3 | 3 | 0.02 | 250000 |" in text
    assert "| padded | unbiased | 01 | 10 | 3 | 4 | 0.01 | 1000000 |" in text
    ratios = "eps 0.5, m_val 4, planned m_train 2.18, candidates 0.275, mean seconds 0.333"
    assert f"{ratios}, ns per candidate-example {(1 / 660 / 50) / (3 / 2401 / 200):.3g}." in text


def test_two_runs_of_one_route_are_refused(runs):
    with pytest.raises(SystemExit, match="a direct and a padded run"):
        biased_vs_padded.comparison(runs[0], runs[0], k=3)
    with pytest.raises(SystemExit, match="no exhaustive rows at k = 5"):
        biased_vs_padded.comparison(*runs, k=5)
