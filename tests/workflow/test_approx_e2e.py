"""The approx target end to end on .test/config.yaml in a throw-away copy of the project."""

import json

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import clone_run, copy_project, run_snakemake, small_config
from relu_tradeoffs.approx.regimes import paper_floor
from relu_tradeoffs.approx.tables import ERRORS_COLUMNS, THEOREM5_COLUMNS
from relu_tradeoffs.approx.theorem5 import HOLDS

SMALL = small_config()["approx"]


@pytest.fixture(scope="module")
def approx_run(test_config_run):
    return test_config_run


def test_errors_table(approx_run):
    t = pd.read_csv(approx_run / "results/approx/errors.csv")
    assert list(t.columns[: len(ERRORS_COLUMNS)]) == ERRORS_COLUMNS
    assert {"opt_planted", "opt_reference", "dist_to_wopt", "opt_floor"} <= set(t.columns)
    per_regime = {
        r: sum(
            1 if n == "none" else len(SMALL["paper_opt" if r == "paper" else "opt"])
            for n in SMALL["noise"]
        )
        for r in SMALL["regimes"]
    }
    runs = sum(per_regime.values()) * len(SMALL["d"]) * len(SMALL["seeds"])
    assert len(t) == runs * len(SMALL["methods"])
    assert set(t.regime) == set(SMALL["regimes"]) and set(t.method) == set(SMALL["methods"])
    # opt is min(planted, reference) and no method beats it by more than 3 s.e.
    np.testing.assert_allclose(t.opt, np.minimum(t.opt_planted, t.opt_reference))
    assert (t.test_err >= t.opt - 3 * t.gap_se).all()
    # The paper regime: unit w*, unit outputs, opt at or above the floor (within 3 s.e.).
    paper = t[t.regime == "paper"]
    np.testing.assert_allclose(paper.w_norm_fit, 1.0)
    np.testing.assert_allclose(paper.opt_floor, paper_floor())
    assert (paper.opt >= paper_floor() - 3 * paper.opt_se).all()
    # alpha: empty for the rivals, alpha_opt^(1/3) for the paper's choice, on the grid else.
    assert t[~t.method.str.startswith("alg2")].alpha.isna().all()
    lit = t[t.method.isin(["alg2_paper", "alg2_biased_localized_hinge_paper_alpha"])]
    np.testing.assert_allclose(lit.alpha, lit.alpha_opt ** (1 / 3), rtol=1e-12)
    validated = t[t.method == "alg2_biased_localized_hinge"]
    assert validated.alpha.isin(SMALL["alpha"]["grid"]).all()


def test_theorem5_table_every_link_holds(approx_run):
    """Every population inequality of the proof on every row, within 3 s.e. (holds_* flags)."""
    chain = pd.read_csv(approx_run / "results/approx/theorem5.csv")
    assert list(chain.columns[: len(THEOREM5_COLUMNS)]) == THEOREM5_COLUMNS
    assert set(chain.learner) == set(SMALL["theorem5"]["learners"])
    assert len(chain) > 0 and chain[list(HOLDS)].all().all(), chain[~chain[list(HOLDS)].all(axis=1)]
    np.testing.assert_allclose(chain.err_bound, 2 * chain.opt + 2 * chain.dist_w_wstar**2)


def test_slopes_and_figures(approx_run):
    slopes = pd.read_csv(approx_run / "results/approx/slopes.csv")
    pooled = slopes[slopes.noise == "all"]
    assert set(pooled.method) == set(SMALL["methods"])
    assert (pooled.slope_low <= pooled.slope).all() and (pooled.slope <= pooled.slope_high).all()
    for name in ("err_vs_opt", "alpha", "ratio", "theorem5_chain"):
        for ext in ("pdf", "png"):
            assert (approx_run / f"results/figures/approx_{name}.{ext}").stat().st_size > 10_000
    prov = json.loads((approx_run / "results/approx/provenance.json").read_text())
    assert prov["config"]["approx"]["m_train"] == SMALL["m_train"]


def test_too_large_opt_fails_the_collect_rule_naming_the_instance(approx_run, tmp_path):
    """Inflate opt in one run file by far more than 3 s.e.: approx_aggregate must fail and its log
    name the regime, noise, d, opt target, seed and method."""
    project = clone_run(approx_run, tmp_path / "project")
    run_file = project / "results/approx/runs/errors/scaled_flip_d10_seed0.csv"
    t = pd.read_csv(run_file)
    t.loc[t.method == "gd", "opt"] = t.loc[t.method == "gd", "test_err"] * 2
    t.to_csv(run_file, index=False)
    proc = run_snakemake(
        project, "results/approx/errors.csv", "--cores", "1", "--configfile",
        ".test/config.yaml", "--retries", "0", "--force", check=False,
    )  # fmt: skip
    assert proc.returncode != 0
    log = (project / "results/logs/approx_aggregate/approx_aggregate.log").read_text()
    assert "opt is not optimal" in log and "scaled/flip/d10/opt0.01/seed0: gd test_err" in log


@pytest.mark.parametrize(
    "shape",
    [{"noise": ["flip"], "methods": ["alg2_paper"], "seeds": [0], "regimes": ["paper"],
      "paper_opt": [0.1], "theorem5": {"learners": ["average"], "alpha_factors": [1.0]}},
     {"noise": ["none"], "methods": ["gd"], "seeds": [0], "regimes": ["scaled"], "w_norm": 0.2}],
)  # fmt: skip
def test_figures_render_whatever_the_grid(tmp_path, shape):
    """One noise model, one method, one seed, one regime (or only `none`): every figure renders.
    Only `none` at ||w*|| = 0.2 clips with probability 3e-7, so opt is 0 on every test set: no
    ratio, no slope, no Theorem 5 row, and the run still completes."""
    project = copy_project(tmp_path / "project")
    config = small_config(project)
    config["approx"].update(shape)
    (project / "tiny.yaml").write_text(yaml.safe_dump(config))
    run_snakemake(project, "approx", "--cores", "2", "--configfile", "tiny.yaml")
    for name in ("err_vs_opt", "alpha", "ratio", "theorem5_chain"):
        assert (project / f"results/figures/approx_{name}.png").stat().st_size > 5_000
    if shape.get("w_norm") == 0.2:
        assert (pd.read_csv(project / "results/approx/errors.csv").opt == 0).all()
        assert pd.read_csv(project / "results/approx/summary.csv").ratio.isna().all()
        assert pd.read_csv(project / "results/approx/theorem5.csv").empty


def test_unreachable_target_stops_with_a_named_error(tmp_path):
    """A target below the clipping error (4e-5) is out of every model's range: the calibration
    job fails and its log names the model and the target."""
    project = copy_project(tmp_path / "project")
    config = small_config(project)
    config["approx"].update(noise=["flip"], opt=[1e-5])
    (project / "bad.yaml").write_text(yaml.safe_dump(config))
    proc = run_snakemake(
        project,
        "results/approx/calibration/scaled_flip_opt1e-05.json",
        "--cores",
        "1",
        "--configfile",
        "bad.yaml",
        "--retries",
        "0",
        check=False,
    )
    assert proc.returncode != 0
    log = (project / "results/logs/approx_calibrate/scaled_flip_opt1e-05.log").read_text()
    assert "noise model 'flip' cannot reach opt target 1e-05" in log
