# Validation, shared helpers and wildcard constraints: everything the wings' rule files use.
import os
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

SCRIPTS_DIR = Path(workflow.basedir) / "scripts"
sys.path.insert(0, str(SCRIPTS_DIR))
# Rule scripts live in scripts/<wing>/ and import the kernel package from scripts/ (this
# workflow's own copy, whatever else is installed); jobs inherit the environment.
os.environ.update(PYTHONPATH=str(SCRIPTS_DIR))
from relu_tradeoffs.pipeline.config import ConfigError  # noqa: E402
from relu_tradeoffs.pipeline.deps import script_kernel_files  # noqa: E402
from relu_tradeoffs.pipeline.provenance import config_hash  # noqa: E402
from relu_tradeoffs.approx.noise import MODELS as NOISE_MODELS  # noqa: E402
from relu_tradeoffs.approx.regimes import REGIMES  # noqa: E402
from relu_tradeoffs.approx.config import opt_targets as approx_opt_targets  # noqa: E402
from relu_tradeoffs.hardness.learners import REGISTRY as HARDNESS_LEARNERS  # noqa: E402
from relu_tradeoffs.validation import validate  # noqa: E402

try:
    validate(config, Path(workflow.basedir) / "workflow" / "schemas")
except ConfigError as err:
    raise WorkflowError(str(err)) from None

CONDA_ENV = "../../envs/relu-tradeoffs.yaml"

# Every job is single-threaded (threads: 1) and parallelism comes from running jobs side by
# side. A multi-threaded BLAS in each job oversubscribes the cores: measured on 2 cores, batched
# gradient descent ran 7.5x slower with OpenBLAS's default threads than with one.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
KERNEL_DIR = "scripts/relu_tradeoffs"


wildcard_constraints:
    d=r"\d+",
    k=r"\d+",
    seed=r"\d+",
    shard=r"\d+",
    part=r"\d+",
    eta=r"0(\.\d+)?",
    opt=r"\d+(\.\d+)?(e-\d+)?",
    learner="|".join(HARDNESS_LEARNERS),
    noise="|".join(NOISE_MODELS),
    regime="|".join(REGIMES),
    section="theory|hardness|approx|tradeoff|figures",


def script_code(script):
    """Kernel source files the rule script ``scripts/<script>`` imports, transitively.

    Snakemake tracks a rule's script but not the modules it imports; declaring these as inputs
    makes an edit of any kernel module rerun exactly the rules whose scripts use it.
    """
    return script_kernel_files(SCRIPTS_DIR / script, KERNEL_DIR)


def section_config(section):
    """The part of the config a results folder depends on (figures depend on all of it)."""
    if section == "figures":
        return config
    return {"seed": config["seed"], section: config[section]}


def figure(name):
    return multiext(f"results/figures/{name}", ".pdf", ".png")


# Algorithm 1 (hardness.smk): paths, grid expansion and input functions.
HC = config["hardness"]
HARDNESS_INSTANCE = "d{d}_k{k}_eta{eta}_seed{seed}"
HARDNESS_DATA = f"results/hardness/data/{HARDNESS_INSTANCE}"
HARDNESS_FITS = f"results/hardness/fits/{HARDNESS_INSTANCE}"
# Training sizes: prefixes of one draw of m_train examples, so the sweep adds no data jobs.
HARDNESS_M_TRAIN = sorted(set(HC["m_train_sweep"]) | {HC["m_train"]})


def hardness_shards(d):
    return range(-(-int(d) // HC["coords_per_job"]))


# The exhaustive learner's candidate space is searched in candidate_shards rank ranges
# (rule hardness_search) and merged per coordinate shard (rule hardness_merge); the other
# learners fit in hardness_learn.
HARDNESS_SEARCHED = ["exhaustive"]
HARDNESS_FITTED = [name for name in HARDNESS_LEARNERS if name not in HARDNESS_SEARCHED]


def hardness_search_parts(wildcards):
    """The candidate shards' search results of one instance's exhaustive learner."""
    folder = HARDNESS_FITS.format(**wildcards)
    return {
        f"{part}_{kind}": f"{folder}/exhaustive_search{part}{suffix}"
        for part in range(HC["candidate_shards"])
        for kind, suffix in (("best", ".npy"), ("meta", ".json"))
    }


def hardness_instances():
    grid = HC["grid"]
    return expand(
        HARDNESS_INSTANCE, d=grid["d"], k=grid["k"], eta=grid["eta"], seed=grid["seeds"]
    )


def hardness_plans():
    grid = HC["grid"]
    return expand(
        "results/hardness/plan/k{k}_eta{eta}.json", k=grid["k"], eta=grid["eta"]
    )


def hardness_fits(wildcards):
    """Every learner's fitted weights, traced iterates and metadata for one instance."""
    folder = HARDNESS_FITS.format(**wildcards)
    return {
        f"{name}_{shard}_{part}": f"{folder}/{name}_shard{shard}{suffix}"
        for name in HC["learners"]
        for shard in hardness_shards(wildcards.d)
        for part, suffix in (("W", ".npy"), ("path", "_path.npy"), ("meta", ".json"))
    }


def hardness_data_mb(wildcards, bytes_per_entry):
    """MB of an instance's m_train x d training array at ``bytes_per_entry`` (a memory bound)."""
    return HC["m_train"] * int(wildcards.d) * bytes_per_entry / 1e6


def hardness_learner_params(learner):
    return HC["params"][learner]


# The tradeoff wing (tradeoff.smk): its section and the (k, d) points of the scaling grid.
TC = config["tradeoff"]


def tradeoff_scaling_points():
    return [
        f"results/tradeoff/scaling/k{k}_d{d}.json"
        for group in TC["scaling"]["grid"]
        for k in group["k"]
        for d in group["d"]
    ]


# Algorithm 2 (approx.smk): jobs, calibrations and run files.
APPROX = config["approx"]
# One fit job per (regime, noise, d, seed) runs every opt target of that noise model (`none`
# has the single target 0, approx.config.opt_targets); each instance keeps its own streams.
APPROX_JOB = "{regime}_{noise}_d{d}_seed{seed}"
APPROX_JOBS = [
    {"regime": regime, "noise": noise, "d": d, "seed": seed}
    for regime in APPROX["regimes"]
    for noise in APPROX["noise"]
    for d in APPROX["d"]
    for seed in APPROX["seeds"]
]


def calibration_paths(regime, noise):
    """The calibration files of one (regime, noise): one per opt target."""
    return [
        f"results/approx/calibration/{regime}_{noise}_opt{opt:g}.json"
        for opt in approx_opt_targets(APPROX, regime, noise)
    ]


def approx_calibrations(wildcards):
    return calibration_paths(wildcards.regime, wildcards.noise)


APPROX_RUNS = {
    kind: [
        f"results/approx/runs/{kind}/{APPROX_JOB.format(**job)}.csv"
        for job in APPROX_JOBS
    ]
    for kind in ("errors", "alpha", "theorem5")
}
APPROX_CALIBRATIONS = sorted(
    {
        path
        for job in APPROX_JOBS
        for path in calibration_paths(job["regime"], job["noise"])
    }
)
