"""End to end: Algorithm 1 with biased ReLUs and pm1 labels on a tiny odd-k instance, run
directly (odd_k: direct), in a throw-away copy of the project."""

import json

import numpy as np
import pandas as pd
import yaml
from conftest import TEST_CONFIG, run_snakemake
from relu_tradeoffs.hardness.algorithm1 import CONTROL

BIASED = {
    "hardness": {
        "grid": {"d": [6], "k": [3], "eta": [0.0], "seeds": [0]},
        "odd_k": "direct",
        "relu": "biased",
        "labels": "pm1",
        "beta": [-1.5, -1.25, -1.0, 0.0, 1.0],
        "m_train": 20000,
        "m_train_sweep": [],
        "m_val_max": 400000,
        "learners": ["exhaustive", "gd"],
        "params": {"gd": {"steps": 30, "restarts": 1, "trace_points": 0}},
        "figure_instance": "auto",
    },
    # The tradeoff wing borrows odd_k; its learners are unbiased, so its grid keeps even k.
    "tradeoff": {"scaling": {"grid": [{"k": [2], "d": [6, 8]}]}},
}


def test_a_biased_pm1_run_recovers_odd_k_directly(project):
    (project / "biased.yaml").write_text(yaml.safe_dump(BIASED))
    run_snakemake(
        project, "results/hardness/recovery.csv", "--cores", "2", *TEST_CONFIG, "biased.yaml"
    )
    results = project / "results/hardness"
    recovery = pd.read_csv(results / "recovery.csv", dtype={"true_set": str, "recovered_set": str})
    assert set(recovery.relu) == {"biased"} and set(recovery.labels) == {"pm1"}
    assert not recovery.padded.any()
    exhaustive = recovery[recovery.learner == "exhaustive"]
    assert exhaustive.exact.all() and exhaustive.has_gap.all()
    assert not recovery[recovery.learner == CONTROL].exact.any()
    plan = pd.read_csv(results / "plan.csv")
    assert (plan.floor == 1.0).all() and (plan.eps > 0.0165).all() and (plan.k_effective == 3).all()
    coordinates = pd.read_csv(results / "coordinates.csv")
    assert list(coordinates.columns[12:14]) == ["relu", "labels"]
    # The hypotheses carry their bias: d + 1 entries, negative bias for the pm1 k = 3 witness.
    (fits,) = list((results / "fits").glob("*"))
    shards = sorted(fits.glob("exhaustive_shard*[0-9].npy"))
    W = np.concatenate([np.load(f)[-1] for f in shards])  # shards hold coordinates in order
    coordinates = np.concatenate(
        [json.loads(f.with_suffix(".json").read_text())["coordinates"] for f in shards]
    )
    assert W.shape == (6, 7) and list(coordinates) == list(range(6))
    support = json.loads(next((results / "data").glob("*/support.json")).read_text())["support"]
    outside = [j for j in range(6) if j not in support]
    assert (W[outside, 6] < 0).all()
