import sys
from pathlib import Path

from snakemake.exceptions import WorkflowError

sys.path.insert(0, str(Path(workflow.basedir) / "scripts"))
from relu_tradeoffs.config import ConfigError, validate_config  # noqa: E402
from relu_tradeoffs.provenance import config_hash  # noqa: E402

try:
    validate_config(config, Path(workflow.basedir) / "workflow" / "schemas")
except ConfigError as err:
    raise WorkflowError(str(err)) from None

CONDA_ENV = "../../envs/relu-tradeoffs.yaml"
KERNEL_DIR = "scripts/relu_tradeoffs"


wildcard_constraints:
    d=r"\d+",
    k=r"\d+",
    seed=r"\d+",
    eta=r"0(\.\d+)?",


def kernel(*modules):
    """Source files of the kernel modules a rule imports, declared as inputs so edits rerun it."""
    return [f"{KERNEL_DIR}/__init__.py", f"{KERNEL_DIR}/io.py"] + [
        f"{KERNEL_DIR}/{name}.py" for name in modules
    ]


def figure(name):
    return multiext(f"results/figures/{name}", ".pdf", ".png")
