"""Shared fixtures: a throw-away copy of the project and a Snakemake runner."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from project_copy import copy_project as copy_tree

ROOT = Path(__file__).resolve().parents[1]
SNAKEMAKE = [sys.executable, "-m", "snakemake"]


def copy_project(dest: Path) -> Path:
    """A copy of the project's workflow files (`project_copy.PROJECT_ITEMS`)."""
    return copy_tree(ROOT, dest)


def run_snakemake(workdir: Path, *args, check=True, timeout=900) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    proc = subprocess.run(
        [*SNAKEMAKE, "--directory", str(workdir), "--snakefile", str(workdir / "Snakefile"), *args],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def pytest_collection_modifyitems(config, items):
    """Every test under tests/workflow/ runs Snakemake or its tools end to end: marked e2e."""
    workflow = ROOT / "tests" / "workflow"
    for item in items:
        if workflow in Path(item.fspath).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def project(tmp_path):
    """A fresh copy of the project in a temporary folder."""
    return copy_project(tmp_path / "project")


TEST_CONFIG = ("--configfile", ".test/config.yaml")
# Every table of a run and no figure: the targets of the runs that only compare tables with the
# baseline (figure jobs are a fifth of the small config's jobs and most of its one-core time).
# The summary needs every table but the two that only figures read; a new figure-only table
# shows up as a missing name in assert_same_tables.
TABLE_TARGETS = ("summary", "results/tradeoff/sides.csv", "results/tradeoff/sq_bound.csv")


def small_config(root: Path = ROOT) -> dict:
    """The config a run with TEST_CONFIG sees: .test/config.yaml merged over config.yaml."""
    from relu_tradeoffs.pipeline.config import load_merged

    return load_merged(root / "config.yaml", root / ".test" / "config.yaml")


# Columns that measure time, not results (`seconds`, `seconds_median`, ...).
TIMING_WORD = "seconds"
# Columns computed from measured times (fitted exponents, the Pareto front): dropped with them.
TIMING_DERIVED = {"slope_d", "slope_d_lo", "slope_d_hi", "slope_local", "c_eps", "front"}
TIMING_DERIVED |= {"c_cross", "c_cross_b", "c_cross_lo", "c_cross_hi"}
# Rows of the claims summary whose measurement is a run time (the fitted exponents of time in d).
TIMING_CLAIMS = ("Tradeoff (time",)


@pytest.fixture(scope="session")
def test_config_run(tmp_path_factory):
    """One full run of the small config, shared by the read-only end-to-end tests."""
    project = copy_project(tmp_path_factory.mktemp("baseline") / "project")
    run_snakemake(project, "--cores", "2", *TEST_CONFIG)
    return project


def clone_run(src: Path, dest: Path) -> Path:
    """A copy of a finished run (results and Snakemake's metadata, mtimes kept)."""
    shutil.copytree(src, dest, symlinks=True, copy_function=shutil.copy2)
    return dest


def planned_jobs(workdir: Path, *args) -> list[tuple[str, dict]]:
    """(rule, wildcards) of every job a dry run would execute."""
    import re

    out = run_snakemake(workdir, "--dry-run", "--cores", "1", *args).stdout
    jobs = []
    for match in re.finditer(r"^(?:local)?rule (\w+):\n((?:    .*\n?)*)", out, re.M):
        wildcards = {}
        found = re.search(r"^    wildcards: (.*)$", match.group(2), re.M)
        if found:
            for pair in found.group(1).split(", "):
                key, _, value = pair.partition("=")
                wildcards[key] = value
        jobs.append((match.group(1), wildcards))
    return jobs


def result_tables(workdir: Path) -> dict:
    """Every CSV under results/ (logs and benchmarks aside) as a DataFrame, timing columns dropped."""
    import pandas as pd

    tables = {}
    for path in sorted((workdir / "results").rglob("*.csv")):
        rel = path.relative_to(workdir / "results")
        if rel.parts[0] in {"logs", "benchmarks"}:
            continue
        frame = pd.read_csv(path)
        if "claim" in frame.columns:
            timed = frame.claim.astype(str).str.startswith(TIMING_CLAIMS)
            frame = frame[~timed].reset_index(drop=True)
        timing = [c for c in frame.columns if TIMING_WORD in c or c in TIMING_DERIVED]
        tables[str(rel)] = frame.drop(columns=timing)
    return tables


def assert_same_tables(a: dict, b: dict):
    import pandas as pd

    assert sorted(a) == sorted(b)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name], check_exact=True, obj=name)
