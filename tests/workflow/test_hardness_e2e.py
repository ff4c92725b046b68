"""End to end: the hardness target on .test/config.yaml in a throw-away copy of the project."""

import json

import numpy as np
import pandas as pd
import pytest
from conftest import small_config
from relu_tradeoffs.hardness.algorithm1 import CONTROL
from relu_tradeoffs.hardness.config import train_sizes
from relu_tradeoffs.hardness.verdicts import recovery_rows
from relu_tradeoffs.pipeline.verdicts import HOLDS

KEYS = ["learner", "d", "k", "eta", "m_train", "m_val", "seed"]
COORDINATE_COLUMNS = [*KEYS, "coordinate", "in_support", "val_err", "threshold", "relevant"]
RECOVERY_COLUMNS = [*KEYS, "true_set", "recovered_set", "exact", "seconds", "m_train_reached"]
RECOVERY_COLUMNS += ["m_val_reached"]
FIGURES = ["hardness_errors", "hardness_recovery"]


@pytest.fixture(scope="module")
def hardness_run(test_config_run):
    return test_config_run


def test_tables_have_the_contract_columns(hardness_run):
    results = hardness_run / "results/hardness"
    coordinates = pd.read_csv(results / "coordinates.csv")
    recovery = pd.read_csv(results / "recovery.csv", dtype={"true_set": str, "recovered_set": str})
    assert list(coordinates.columns[: len(COORDINATE_COLUMNS)]) == COORDINATE_COLUMNS
    assert list(recovery.columns[: len(RECOVERY_COLUMNS)]) == RECOVERY_COLUMNS
    config = small_config(hardness_run)["hardness"]
    assert set(recovery.learner) == {*config["learners"], CONTROL}
    assert (recovery.m_train == config["m_train"]).all()
    assert sorted(set(pd.read_csv(results / "recovery_sweep.csv").m_train)) == train_sizes(config)
    d = config["grid"]["d"][0]
    assert len(coordinates) == d * (len(config["learners"]) + 1) * len(config["grid"]["seeds"])


def test_exhaustive_recovers_the_support_exactly_for_k_2(hardness_run):
    recovery = pd.read_csv(
        hardness_run / "results/hardness/recovery.csv",
        dtype={"true_set": str, "recovered_set": str},
    )
    ex = recovery[(recovery.learner == "exhaustive") & (recovery.k == 2)]
    assert len(ex) and ex.exact.all()
    assert (ex.true_set == ex.recovered_set).all()
    assert ex.m_val_reached.all() and ex.m_train_reached.all() and ex.has_gap.all()
    # The random-subset control misses S, so the exhaustive learner's recovery holds.
    assert not recovery[recovery.learner == CONTROL].exact.any()
    (row,) = [r for r in recovery_rows(recovery) if r["claim"].startswith("Theorem 3: exhaustive")]
    assert row["verdict"] == HOLDS and row["control"].startswith("exact 0/")


def test_support_is_stored_with_the_data_and_thresholds_are_consistent(hardness_run):
    results = hardness_run / "results/hardness"
    coordinates = pd.read_csv(results / "coordinates.csv")
    for meta_path in (results / "data").glob("*/support.json"):
        meta = json.loads(meta_path.read_text())
        rows = coordinates[(coordinates.seed == meta["seed"]) & (coordinates.d == meta["d"])]
        assert sorted(rows[rows.in_support].coordinate.unique()) == meta["support"]
    assert (coordinates.relevant == (coordinates.val_err >= coordinates.threshold)).all()
    paths = pd.read_csv(results / "paths.csv")
    assert set(paths.learner) == {"gd"} and np.isfinite(paths.val_err).all()


def test_figures_exist(hardness_run):
    for name in FIGURES:
        for ext in ("pdf", "png"):
            assert (hardness_run / f"results/figures/{name}.{ext}").stat().st_size > 1000
