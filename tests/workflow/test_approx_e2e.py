"""The approx target end to end on .test/config.yaml in a throw-away copy of the project."""

import json

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import ROOT, copy_project, run_snakemake

pytestmark = pytest.mark.e2e

CONTRACT = [
    "noise",
    "d",
    "opt_target",
    "opt",
    "method",
    "alpha",
    "seed",
    "test_err",
    "dist_to_wstar",
    "seconds",
]
SMALL = yaml.safe_load((ROOT / ".test/config.yaml").read_text())["approx"]


@pytest.fixture(scope="module")
def approx_run(test_config_run):
    return test_config_run


def test_errors_table(approx_run):
    t = pd.read_csv(approx_run / "results/approx/errors.csv")
    assert list(t.columns[: len(CONTRACT)]) == CONTRACT
    assert {"opt_reference", "opt_calibration", "level"} <= set(t.columns)
    instances = sum(1 if n == "none" else len(SMALL["opt"]) for n in SMALL["noise"])
    assert len(t) == instances * len(SMALL["d"]) * len(SMALL["seeds"]) * len(SMALL["methods"])
    assert set(t.method) == set(SMALL["methods"])
    # alpha: empty for the rivals, opt_calibration^(1/3) for the paper's choice, on the grid else.
    assert t[~t.method.str.startswith("alg2")].alpha.isna().all()
    paper = t[t.method.str.endswith("_paper_alpha")]
    np.testing.assert_allclose(paper.alpha, paper.opt_calibration ** (1 / 3), rtol=1e-12)
    validated = t[t.method.isin(["alg2_abl14", "alg2_average"])]
    assert validated.alpha.isin(SMALL["alpha"]["grid"]).all()
    noisy = t[t.noise != "none"]
    assert ((noisy.opt - noisy.opt_target).abs() <= 0.3 * noisy.opt_target).all()
    assert (t[t.noise == "none"].opt < 1e-3).all() and (t[t.noise == "none"].opt_target == 0).all()
    assert (t.test_err > 0).all() and (t.seconds >= 0).all() and (t.dist_to_wstar >= 0).all()
    # Every method is within a small factor of opt on these benign instances (d = 10).
    surrogate = noisy[noisy.method == "surrogate"]
    assert (surrogate.test_err <= 20 * surrogate.opt).all()
    alg2 = noisy[noisy.method == "alg2_abl14"]
    assert (alg2.test_err <= 10 * alg2.opt ** (2 / 3)).all()


def test_alpha_curve_and_summary(approx_run):
    c = pd.read_csv(approx_run / "results/approx/alpha_curve.csv")
    e = pd.read_csv(approx_run / "results/approx/errors.csv")
    assert sorted(c.alpha.unique()) == sorted(SMALL["alpha"]["grid"])
    chosen = c[c.selected].merge(e, on=["noise", "d", "opt_target", "seed", "method"])
    np.testing.assert_allclose(chosen.alpha_x, chosen.alpha_y)
    s = pd.read_csv(approx_run / "results/approx/summary.csv")
    assert {"ratio", "paper_bound", "linear_bound", "within_paper_bound"} <= set(s.columns)
    cal = pd.read_csv(approx_run / "results/approx/calibration.csv")
    assert set(cal.noise) == set(SMALL["noise"])


def test_figures_and_provenance(approx_run):
    for name in ("approx_err_vs_opt", "approx_alpha", "approx_ratio"):
        for ext in ("pdf", "png"):
            assert (approx_run / f"results/figures/{name}.{ext}").stat().st_size > 10_000
    prov = json.loads((approx_run / "results/approx/provenance.json").read_text())
    assert prov["config"]["approx"]["m_train"] == SMALL["m_train"]


def test_unreachable_target_stops_with_a_named_error(tmp_path):
    """A target below the clipping error (4e-5) is out of every model's range: the calibration
    job fails and its log names the model and the target."""
    project = copy_project(tmp_path / "project")
    config = yaml.safe_load((project / ".test/config.yaml").read_text())
    config["approx"].update(noise=["flip"], opt=[1e-5])
    (project / "bad.yaml").write_text(yaml.safe_dump(config))
    proc = run_snakemake(
        project,
        "results/approx/calibration/flip_opt1e-05.json",
        "--cores",
        "1",
        "--configfile",
        "bad.yaml",
        "--retries",
        "0",
        check=False,
    )
    assert proc.returncode != 0
    log = (project / "results/logs/approx_calibrate/flip_opt1e-05.log").read_text()
    assert "noise model 'flip' cannot reach opt target 1e-05" in log
