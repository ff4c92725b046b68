"""A throw-away copy of the project's workflow files: one list of what a run needs.

The tests run Snakemake on such copies, and so do the workflow benchmarks in ``tools/``
(which import this file: the list lives once, beside the tests).
"""

import shutil
from pathlib import Path

PROJECT_ITEMS = (
    "Snakefile",
    "config.yaml",
    "workflow",
    "scripts",
    "envs",
    ".test",
    "profiles",
    "config",
)


def copy_project(root: Path, dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for item in PROJECT_ITEMS:
        src = root / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / item)
    return dest
