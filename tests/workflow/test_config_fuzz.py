"""Config fuzzer: generated valid configs across every section validate, plan and run.

(a) Hundreds of configs (grids of 1-3 values per axis, learner/method/noise subsets, odd and
even k) pass validation and a dry run of `all`, whose job count equals the cost estimate's.
The dry runs use Snakemake's API in this process: a subprocess per config would spend most of
its time importing Snakemake. (b) A few tiny ones run `all` for real, every figure present.
A shrunk failing example goes into fuzz_regressions.yaml, which is replayed first.
"""

import copy
import os
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, copy_project, run_snakemake, small_config

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from relu_tradeoffs.approx.config import ALG2_LEARNERS, METHODS, NOISE_MODELS  # noqa: E402
from relu_tradeoffs.hardness.learners import REGISTRY  # noqa: E402
from relu_tradeoffs.pipeline import cost  # noqa: E402
from relu_tradeoffs.pipeline.config import ConfigError, load_merged  # noqa: E402
from relu_tradeoffs.validation import validate  # noqa: E402

pytestmark = pytest.mark.fuzz
BASE = small_config()
REGRESSIONS = yaml.safe_load((Path(__file__).parent / "fuzz_regressions.yaml").read_text())
# Generated configs planned per run (FUZZ_EXAMPLES=20 for a quick look while editing).
FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
# Jobs outside the three sections: report_summary and the `all` target itself.
EXTRA_JOBS = 2
FIGURES = {
    "theory_correlation", "theory_claims", "hardness_errors", "hardness_recovery",
    "approx_err_vs_opt", "approx_alpha", "approx_ratio", "approx_theorem5_chain",
    "tradeoff_wall", "tradeoff", "tradeoff_sq_wall", "tradeoff_gd",
}  # fmt: skip


def values(elements, max_size=3):
    return st.lists(elements, min_size=1, max_size=max_size, unique=True)


@st.composite
def theory(draw, tiny):
    claims_d = draw(st.integers(3, 8))
    return {
        "k_max": draw(st.integers(1, 8)),
        "mc_samples": 2000 if tiny else draw(st.sampled_from([2000, 20000])),
        "mc_chunk": 1000,
        "series_n_max": 200 if tiny else draw(st.sampled_from([200, 600])),
        "claims": {
            "d": claims_d,
            "k": draw(values(st.integers(1, claims_d - 1))),
            "eta": draw(values(st.sampled_from([0.0, 0.1, 0.25, 0.4]))),
            "norms": draw(values(st.sampled_from([0.0, 0.3989422804014327, 0.7, 1.0]))),
            "samples": 2000 if tiny else draw(st.sampled_from([2000, 10000])),
        },
        "biased": {
            "beta": draw(values(st.sampled_from([-1.0, 0.0, 0.5]))),
            "mc_samples": 2000,
            "tail_n_max": 2000,
            "gap": {
                "k_max": draw(st.integers(1, 3)),
                "eta": [0.0],
                "beta_range": [-2.0, 2.0],
                "beta_points": 5,
                "max_norm": 1.0,
                "general_k_max": draw(st.integers(0, 2)),
                "general_starts": 0,
                "general_evaluations": 20,
            },  # fmt: skip
        },
    }


@st.composite
def hardness(draw, tiny):
    # At most 2 values on each axis but k: a few hundred jobs at most, so a dry run is quick.
    d = draw(values(st.integers(3, 7 if tiny else 10), max_size=2))
    m_train = draw(st.sampled_from([300, 1000] if tiny else [300, 1000, 3000]))
    return {
        "grid": {
            "d": d,
            "k": draw(values(st.integers(1, min(d) - 1))),
            "eta": draw(values(st.sampled_from([0.0, 0.1, 0.2, 0.3]), max_size=2)),
            "seeds": draw(values(st.integers(0, 9), max_size=2)),
        },
        "m_train": m_train,
        "m_train_sweep": draw(st.lists(st.sampled_from([100, 200]), max_size=2, unique=True)),
        "m_val": draw(st.sampled_from(["auto", 500])),
        "m_val_max": 2000 if tiny else draw(st.sampled_from([2000, 20000])),
        "eps": draw(st.sampled_from(["auto", 0.1])),
        "learners": draw(values(st.sampled_from(sorted(REGISTRY)), max_size=len(REGISTRY))),
        "coords_per_job": draw(st.integers(3, 16)),
        "candidate_shards": draw(st.integers(1, 3)),
        "odd_k": draw(st.sampled_from(["pad", "skip"])),
        "figure_instance": "auto",
        "figure_preferred": {"d": draw(st.integers(2, 20)), "k": draw(st.integers(1, 8))},
    }


@st.composite
def approx(draw, tiny):
    noise = draw(values(st.sampled_from(NOISE_MODELS), max_size=3))
    alg2 = draw(values(st.sampled_from(sorted(ALG2_LEARNERS)), max_size=2))
    others = draw(st.lists(st.sampled_from(METHODS), max_size=3, unique=True))
    return {
        "regimes": draw(values(st.sampled_from(["paper", "scaled"]), max_size=2)),
        "d": draw(values(st.sampled_from([4, 5, 8, 12]), max_size=2)),
        "noise": noise,
        "opt": draw(values(st.sampled_from([0.001, 0.01, 0.05, 0.1]), max_size=2)),
        "paper_opt": draw(values(st.sampled_from([0.08, 0.1, 0.2]), max_size=2)),
        "seeds": draw(values(st.integers(0, 9), max_size=2)),
        "m_train": 2000 if tiny else draw(st.sampled_from([2000, 5000])),
        "m_test": 1000 if tiny else draw(st.sampled_from([1000, 3000])),
        "n_calibration": 5000,
        "methods": sorted(set(alg2) | set(others)),
    }


@st.composite
def tradeoff(draw, tiny):
    d = draw(values(st.integers(4, 7), max_size=2))
    k = draw(values(st.integers(1, 3), max_size=2))
    scaling = copy.deepcopy(BASE["tradeoff"]["scaling"]) | {"grid": [{"k": k, "d": d}]}
    scaling["d_eps"] = draw(st.sampled_from(d))  # the right panel's d must be in the grid
    pareto = copy.deepcopy(BASE["tradeoff"]["pareto"])
    pareto["learners"] = draw(values(st.sampled_from(sorted(pareto["budgets"])), max_size=3))
    gd = copy.deepcopy(BASE["tradeoff"]["gd"]) | {"d": draw(values(st.integers(4, 8), max_size=2))}
    return {"scaling": scaling, "pareto": pareto, "gd": gd}


def merged(overlay):
    """The .test config with ``overlay``'s sections merged in (what Snakemake does)."""
    config = copy.deepcopy(BASE)
    for section, keys in overlay.items():
        config[section].update(keys)
    return config


def consistent(overlay):
    """Cross-section rules a generator of one section cannot see: odd k >= 3 in the tradeoff
    scaling grid needs hardness.odd_k: pad."""
    if overlay["hardness"]["odd_k"] == "skip":
        for group in overlay["tradeoff"]["scaling"]["grid"]:
            group["k"] = [k for k in group["k"] if k < 3 or k % 2 == 0] or [2]
    return overlay


def configs(tiny=False):
    return st.builds(
        consistent,
        st.fixed_dictionaries(
            {
                "theory": theory(tiny),
                "hardness": hardness(tiny),
                "approx": approx(tiny),
                "tradeoff": tradeoff(tiny),
            }
        ),
    )


@pytest.fixture(scope="module")
def dry_project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("fuzz") / "project")


def dry_run_jobs(project, config):
    """Jobs of a dry run of `all` on ``config``, with Snakemake's API in this process."""
    from snakemake.api import SnakemakeApi
    from snakemake.settings.types import (
        ConfigSettings,
        DAGSettings,
        OutputSettings,
        Quietness,
        ResourceSettings,
    )

    path = project / "fuzz.yaml"
    path.write_text(yaml.safe_dump(config))
    with SnakemakeApi(OutputSettings(quiet={Quietness.ALL})) as api:
        workflow = api.workflow(
            resource_settings=ResourceSettings(cores=1),
            config_settings=ConfigSettings(configfiles=[path]),
            snakefile=project / "Snakefile",
            workdir=project,
        )
        dag = workflow.dag(dag_settings=DAGSettings(targets={"all"}))
        dag.execute_workflow(executor="dryrun")
        return len(list(workflow._workflow.dag.jobs))


def check_plans(project, overlay):
    config = merged(overlay)
    validate(config, project / "workflow" / "schemas")
    expected = sum(r["jobs"] for r in cost.estimate(config)) + EXTRA_JOBS
    assert dry_run_jobs(project, config) == expected, overlay


@pytest.mark.parametrize("overlay", REGRESSIONS, ids=range(len(REGRESSIONS)))
def test_regressions_plan(dry_project, overlay):
    check_plans(dry_project, overlay)


@settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=True,  # the same configs in every CI run; a failure shrinks to a regression
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(overlay=configs())
def test_generated_configs_validate_and_plan(dry_project, overlay):
    check_plans(dry_project, overlay)


@settings(
    # Each runs `all` end to end (about 80 s on 2 cores): two keep CI within its time budget;
    # FUZZ_TINY_EXAMPLES=10 for a wider look.
    max_examples=int(os.environ.get("FUZZ_TINY_EXAMPLES", "2")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(overlay=configs(tiny=True))
def test_tiny_generated_configs_run_green(tmp_path_factory, overlay):
    project = copy_project(tmp_path_factory.mktemp("fuzz_run") / "project")
    (project / "fuzz.yaml").write_text(yaml.safe_dump(merged(overlay)))
    run_snakemake(project, "--cores", "2", "all", "--configfile", "fuzz.yaml")
    figures = project / "results" / "figures"
    assert {p.stem for p in figures.glob("*.pdf")} >= FIGURES, overlay
    assert {p.stem for p in figures.glob("*.png")} >= FIGURES, overlay
    assert (project / "results" / "summary.md").is_file()


def default_numbers(node, path=()):
    """Dotted paths of the default config's numeric leaves (what a new user edits first)."""
    for key, value in node.items():
        if isinstance(value, dict):
            yield from default_numbers(value, (*path, key))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield (*path, key)


DEFAULT = load_merged(ROOT / "config.yaml")
DEFAULT_NUMBERS = sorted(default_numbers(DEFAULT))


@settings(
    max_examples=int(os.environ.get("FUZZ_ONE_KEY_EXAMPLES", "5")),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.sampled_from(DEFAULT_NUMBERS), factor=st.sampled_from([0.2, 0.5, 2.0]))
def test_one_key_changed_from_the_default_validates_and_plans(dry_project, path, factor):
    """A new user's first edit: one number of the default config. It plans with the estimated
    job count, or every message names that key or the default it clashes with."""
    edited, user = copy.deepcopy(DEFAULT), {}
    node, mine = edited, user
    for part in path[:-1]:
        node, mine = node[part], mine.setdefault(part, {})
    value = node[path[-1]]
    node[path[-1]] = mine[path[-1]] = type(value)(value * factor)
    key = ".".join(path)
    try:
        validate(edited, dry_project / "workflow" / "schemas", user=user)
    except ConfigError as err:
        for line in str(err).splitlines()[1:]:
            assert line.startswith(f"  - config key '{key}") or "is a default" in line, line
        return
    expected = sum(r["jobs"] for r in cost.estimate(edited)) + EXTRA_JOBS
    assert dry_run_jobs(dry_project, edited) == expected, (key, node[path[-1]])
