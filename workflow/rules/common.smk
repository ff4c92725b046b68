# Validation, shared helpers and wildcard constraints: everything the wings' rule files use.
import glob
import os
import shutil
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
from relu_tradeoffs.approx.config import fit_section as approx_fit_section  # noqa: E402
from relu_tradeoffs.approx.config import opt_targets as approx_opt_targets  # noqa: E402
from relu_tradeoffs.hardness.config import figure_instance  # noqa: E402
from relu_tradeoffs.hardness.config import train_sizes as hardness_train_sizes  # noqa: E402
from relu_tradeoffs.hardness.learners import REGISTRY as HARDNESS_LEARNERS  # noqa: E402
from relu_tradeoffs.pipeline import cost  # noqa: E402
from relu_tradeoffs.validation import validate  # noqa: E402

try:
    # What the user's --configfile files and --config set: a clash with a default names it.
    validate(
        config,
        Path(workflow.basedir) / "workflow" / "schemas",
        user=workflow.config_settings.overwrite_config,
    )
except ConfigError as err:
    raise WorkflowError(str(err)) from None

# Cost preview and guard, before the DAG is built (docs/config.md). Jobs started by a cluster
# executor re-read the Snakefile: only the main process previews and guards.
if workflow.is_main_process:
    COST = cost.estimate(config)
    print(cost.table(COST), file=sys.stderr)
    _mem = workflow.global_resources.get("mem_mb")
    COST_PROBLEMS = cost.problems(
        COST,
        **cost.limits(
            config["guard"],
            machine_mb=os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1e6,
            resources_mb=getattr(_mem, "value", _mem),
            free_disk_mb=shutil.disk_usage(".").free
            / 1e6,  # results go under the workdir
        ),
    )
    if COST_PROBLEMS and not config["guard"]["override"]:
        raise WorkflowError(
            "the config would not fit (set guard.override: true to run anyway):\n  - "
            + "\n  - ".join(COST_PROBLEMS)
        )

CONDA_ENV = "../../envs/relu-tradeoffs.yaml"

# Every job is single-threaded (threads: 1) and parallelism comes from running jobs side by
# side. A multi-threaded BLAS in each job oversubscribes the cores and slows batched gradient
# descent several-fold against one thread per job.
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


def mem_mb(rule):
    """A rule's memory from the cost model (the same number the cost preview uses), per attempt."""
    return lambda wc, attempt: cost.rule_mb(rule, config, wc.get("d")) * attempt


def section_config(section):
    """The part of the config a results folder depends on (figures depend on all of it)."""
    if section == "figures":
        return config
    return {"seed": config["seed"], section: config[section]}


def table(path, category):
    """A main table, attached to the HTML report with its caption (report/table_<name>.rst)."""
    name = "_".join(Path(path).with_suffix("").parts[1:])  # results/a/b.csv -> a_b
    return report(
        path,
        caption=f"../report/table_{name}.rst",
        category=category,
        labels={"table": name},
    )


def figure(name):
    return multiext(f"results/figures/{name}", ".pdf", ".png")


# Algorithm 1 (hardness.smk): paths, grid expansion and input functions.
HARDNESS = config["hardness"]
HARDNESS_INSTANCE = "d{d}_k{k}_eta{eta}_seed{seed}"
HARDNESS_DATA = f"results/hardness/data/{HARDNESS_INSTANCE}"
HARDNESS_FITS = f"results/hardness/fits/{HARDNESS_INSTANCE}"
# Training sizes: prefixes of one draw of m_train examples, so the sweep adds no data jobs.
HARDNESS_M_TRAIN = hardness_train_sizes(HARDNESS)
HARDNESS_FIGURE_INSTANCE = figure_instance(HARDNESS)


def hardness_shards(d):
    return range(cost.coordinate_shards(HARDNESS, d))


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
        for part in range(HARDNESS["candidate_shards"])
        for kind, suffix in (("best", ".npy"), ("meta", ".json"))
    }


def hardness_instances():
    grid = HARDNESS["grid"]
    return expand(
        HARDNESS_INSTANCE, d=grid["d"], k=grid["k"], eta=grid["eta"], seed=grid["seeds"]
    )


def hardness_plans():
    grid = HARDNESS["grid"]
    return expand(
        "results/hardness/plan/k{k}_eta{eta}.json", k=grid["k"], eta=grid["eta"]
    )


def hardness_fits(wildcards):
    """Per learner (one named input each): its shards' weights, traced iterates and metadata."""
    folder = HARDNESS_FITS.format(**wildcards)
    return {
        name: [
            f"{folder}/{name}_shard{shard}{suffix}"
            for shard in hardness_shards(wildcards.d)
            for suffix in (".npy", "_path.npy", ".json")
        ]
        for name in HARDNESS["learners"]
    }


def hardness_learner_params(learner):
    return HARDNESS["params"][learner]


# The tradeoff wing (tradeoff.smk): its section and the (k, d) points of the scaling grid.
TRADEOFF = config["tradeoff"]


def tradeoff_scaling_points():
    return [
        f"results/tradeoff/scaling/k{k}_d{d}.json"
        for group in TRADEOFF["scaling"]["grid"]
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
