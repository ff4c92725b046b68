"""End to end: the tradeoff target on .test/config.yaml (part of the shared baseline run)."""

import math

import numpy as np
import pandas as pd
import pytest
from conftest import small_config

SCALING = ["k", "d", "eps", "seconds", "work", "success", "slope_d"]
PARETO = ["learner", "budget", "k", "d", "seconds", "excess_err", "excess_err_se"]
FIGURES = ["tradeoff_wall", "tradeoff", "tradeoff_sq_wall", "tradeoff_gd"]


@pytest.fixture(scope="module")
def run(test_config_run):
    config = small_config(test_config_run)["tradeoff"]
    return test_config_run / "results", config


def test_scaling_table(run):
    results, config = run
    scaling = pd.read_csv(results / "tradeoff/scaling.csv")
    assert list(scaling.columns[: len(SCALING)]) == SCALING
    grid = {(k, d) for group in config["scaling"]["grid"] for k in group["k"] for d in group["d"]}
    assert set(zip(scaling.k, scaling.d, strict=True)) == grid
    assert (scaling.work == scaling.candidates * scaling.m).all()
    assert (scaling.padded == ((scaling.k >= 3) & (scaling.k % 2 == 1))).all()
    assert scaling.success.dropna().astype(bool).all()  # small instances: the scan finds S
    assert np.isfinite(scaling.slope_d).all() and (scaling.slope_d_lo <= scaling.slope_d_hi).all()


def test_pareto_and_gd_tables(run):
    results, config = run
    pareto = pd.read_csv(results / "tradeoff/pareto.csv")
    assert list(pareto.columns[: len(PARETO)]) == PARETO
    assert set(pareto.learner) == set(config["pareto"]["learners"])
    assert pareto.front.any() and (pareto.excess_err_se > 0).all()
    full = pareto[(pareto.learner == "exhaustive") & (pareto.budget == "k=2")]
    assert (full.excess_err < full.eps).all()  # the d^k learner reaches opt + eps_k
    gd = pd.read_csv(results / "tradeoff/gd.csv")
    runs = config["gd"]
    n = [len(runs[key]) for key in ("k", "d", "seeds", "m_train", "steps")]
    assert len(gd) == math.prod(n) and gd.exact.dtype == bool


def test_sq_bound_table(run):
    results, config = run
    sq = pd.read_csv(results / "tradeoff/sq_bound.csv")
    assert len(sq) == math.prod(
        len(config["sq"][key]) for key in ("eps", "eta", "d", "tau_over_eps")
    )
    row = sq.dropna(subset=["k"]).iloc[0]
    assert row.parities == math.comb(int(row.d), int(row.k))
    assert row.cost_lower_bound == pytest.approx(
        2 * math.sqrt(row.parities - 1) / (1 - 2 * row.eta)
    )


def test_figures_exist(run):
    results, _ = run
    for name in FIGURES:
        for ext in ("pdf", "png"):
            assert (results / f"figures/{name}.{ext}").stat().st_size > 1000
