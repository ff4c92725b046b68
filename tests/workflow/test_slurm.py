"""The whole workflow through the SLURM profile gives the same tables as a local run.

Needs the single-node cluster of `.ci/slurm-up.sh` (skipped otherwise). Runs every table of the
small config (figures aside: they read the same tables) with `--profile profiles/slurm` in a
throw-away copy of the project and compares every CSV under results/ cell by cell with the
local baseline run (timing columns excluded).
The number of SLURM jobs and the wall times go to `slurm_report.txt` in the test's tmp dir.
"""

import os
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from conftest import SNAKEMAKE, TABLE_TARGETS, assert_same_tables, copy_project, result_tables

pytestmark = pytest.mark.slurm

CONFIG = ["--configfile", ".test/config.yaml"]
# Test-only settings on top of profiles/slurm: the CI cluster has no accounting, so job
# status comes from squeue (its MinJobAge of 600 s keeps finished jobs listed); the first
# status check after 1 s instead of 40 s; a local file system needs no long latency wait.
SLURM_ARGS = [
    "--profile",
    "profiles/slurm",
    "--slurm-status-command",
    "squeue",
    "--slurm-init-seconds-before-status-checks",
    "1",
    "--latency-wait",
    "5",
]
RUN_TIMEOUT = 1800


def _cluster_problem() -> str | None:
    """Why the SLURM test cannot run here, or None when a job step really runs."""
    if shutil.which("sinfo") is None:
        return "sinfo is not on PATH: no SLURM here (start one with `bash .ci/slurm-up.sh`)"
    # `scontrol ping` answers at once; srun would retry a dead controller for ~10 s.
    ping = subprocess.run(["scontrol", "ping"], capture_output=True, text=True, timeout=30)
    if ping.returncode != 0:
        said = " ".join((ping.stdout + ping.stderr).split()[:6])
        return f"SLURM controller not up (bash .ci/slurm-up.sh): {said}"
    try:
        proc = subprocess.run(
            ["srun", "--quiet", "--time=1", "true"], capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        return "`srun true` timed out: the SLURM cluster is not up (bash .ci/slurm-up.sh)"
    if proc.returncode != 0:
        return (
            f"SLURM cluster not up (bash .ci/slurm-up.sh): `srun true` said {proc.stderr.strip()}"
        )
    return None


def _run(workdir: Path, log: Path, *args) -> float:
    """Run Snakemake in workdir with output to log; return the wall time in seconds."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    cmd = [*SNAKEMAKE, "--directory", str(workdir), "--snakefile", str(workdir / "Snakefile")]
    start = time.perf_counter()
    with log.open("w") as out:
        try:
            proc = subprocess.run(
                [*cmd, *args],
                cwd=workdir,
                stdout=out,
                stderr=subprocess.STDOUT,
                env=env,
                timeout=RUN_TIMEOUT,
            )
        finally:
            _cancel_leftover_jobs(log)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise AssertionError(f"snakemake {' '.join(args)} failed:\n{log.read_text()[-6000:]}")
    return elapsed


def _run_uuid(log: Path) -> str | None:
    match = re.search(r"SLURM run ID: (\S+)", log.read_text())
    return match.group(1) if match else None


def _cancel_leftover_jobs(log: Path) -> None:
    """A timed-out or failed run must not leave its jobs in the queue (the job name is the
    run id)."""
    run_id = _run_uuid(log)
    if run_id and shutil.which("scancel"):
        subprocess.run(["scancel", "--name", run_id], capture_output=True, timeout=30)


def _submitted_jobs(log: Path) -> int:
    """SLURM jobs (array tasks counted one by one) that Snakemake reports as submitted."""
    text = log.read_text()
    single = len(re.findall(r"has been submitted with SLURM jobid \d+", text))
    arrays = re.findall(r"The individual task IDs are (\d+)-(\d+)\.", text)
    return single + sum(int(b) - int(a) + 1 for a, b in arrays)


def _jobs_in_squeue(run_id: str) -> int:
    """Jobs of the run that squeue still lists (finished ones stay for MinJobAge)."""
    out = subprocess.run(
        ["squeue", "--states=all", "--noheader", "--array", "--format=%i", "--name", run_id],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    return len(out.split())


@pytest.fixture(scope="module")
def runs(tmp_path_factory, test_config_run):
    problem = _cluster_problem()
    if problem:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run the SLURM test (.ci/run starts the cluster): {problem}")
        pytest.skip(problem)
    base = tmp_path_factory.mktemp("slurm")
    slurm = copy_project(base / "slurm")
    slurm_seconds = _run(slurm, base / "slurm.log", *TABLE_TARGETS, *SLURM_ARGS, *CONFIG)
    run_id = _run_uuid(base / "slurm.log")
    # Ask squeue now, while finished jobs are still listed (MinJobAge).
    listed = _jobs_in_squeue(run_id) if run_id else 0
    return {
        "base": base,
        "slurm": slurm,
        "local": test_config_run,
        "slurm_seconds": slurm_seconds,
        "jobs": _submitted_jobs(base / "slurm.log"),
        "run_id": run_id,
        "listed": listed,
    }


def test_jobs_ran_on_slurm(runs, capsys):
    assert runs["run_id"], "the SLURM executor did not start (no run id in the log)"
    assert runs["jobs"] > 0
    # Every submission the log reports is a job SLURM lists under this run's name (unless
    # the run outlasted MinJobAge = 600 s and squeue forgot its first jobs).
    if runs["slurm_seconds"] < 540:
        assert runs["listed"] == runs["jobs"]
    else:
        assert 0 < runs["listed"] <= runs["jobs"]
    report = (
        f"SLURM jobs submitted: {runs['jobs']}\n"
        f"CSV tables under results/: {len(result_tables(runs['slurm']))}\n"
        f"SLURM run wall time: {runs['slurm_seconds']:.1f} s\n"
    )
    (runs["base"] / "slurm_report.txt").write_text(report)
    with capsys.disabled():
        print(f"\n{report}report: {runs['base'] / 'slurm_report.txt'}")


def test_same_tables_as_local_run(runs):
    slurm = result_tables(runs["slurm"])
    assert slurm, "the SLURM run wrote no CSV under results/"
    assert_same_tables(slurm, result_tables(runs["local"]))
