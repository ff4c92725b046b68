import os
import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))
import shutil  # noqa: E402

from relu_tradeoffs.config import ConfigError, validate_config  # noqa: E402
from relu_tradeoffs.deps import kernel_files  # noqa: E402
from relu_tradeoffs.pipeline import cost  # noqa: E402
from relu_tradeoffs.provenance import config_hash  # noqa: E402

try:
    validate_config(config, Path(workflow.basedir) / "workflow" / "schemas")
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
# side. A multi-threaded BLAS in each job oversubscribes the cores: measured on 2 cores, batched
# gradient descent ran 7.5x slower with OpenBLAS's default threads than with one.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
KERNEL_DIR = "scripts/relu_tradeoffs"


def kernel(*modules):
    """Source files of the kernel modules a rule imports (and all they import), as inputs.

    Snakemake tracks only the rule's script; declaring these makes editing a kernel rerun
    exactly the rules that use it. io is imported by every rule script.
    """
    return kernel_files(KERNEL_DIR, ["io", *modules])


def section_config(section):
    """The part of the config a results folder depends on (figures depend on all of it)."""
    if section == "figures":
        return config
    return {"seed": config["seed"], section: config[section]}


def figure(name):
    return multiext(f"results/figures/{name}", ".pdf", ".png")
