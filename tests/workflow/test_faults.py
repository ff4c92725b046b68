"""Faults: killed jobs, failing jobs and corrupted inputs never leave wrong results behind."""

import os
import re
import signal
import subprocess
import time

import numpy as np
import yaml
from conftest import (
    SNAKEMAKE,
    TEST_CONFIG,
    assert_same_tables,
    copy_project,
    result_tables,
    run_snakemake,
)

# One instance, one learner slow enough (a few seconds) to be killed mid-run.
SLOW = {
    "hardness": {
        "grid": {"d": [6], "k": [2], "eta": [0.0], "seeds": [0]},
        "learners": ["gd"],
        "m_train": 60000,
        "m_train_sweep": [60000],
        "params": {
            "gd": {
                "steps": 1500,
                "step_size": 0.5,
                "restarts": 2,
                "init_norm": 0.4,
                "trace_points": 6,
            }
        },
    }
}


def _hardness_tables(workdir):
    return {k: v for k, v in result_tables(workdir).items() if k.startswith("hardness/")}


def _wait_for_fit_start(proc, logs, deadline_s=600):
    """The pid the first learn job writes to its log when its fit starts (None if none did).

    Polls the log folder until the marker line appears: the kill then lands inside a fit of
    several seconds whatever the machine's speed, with no guess of how long anything takes.
    """
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline and proc.poll() is None:
        for log in logs.glob("*.log"):
            found = re.search(r"fitting started \(pid (\d+)\)", log.read_text())
            if found:
                return int(found[1])
        time.sleep(0.05)  # polling interval of the marker, not a wait for the fit
    return None


def _no_temporary_files(workdir):
    return [p for p in (workdir / "results").rglob("*") if ".tmp" in p.name]


def test_sigkilled_learner_leaves_nothing_done_and_rerun_matches(tmp_path):
    reference = copy_project(tmp_path / "reference")
    (reference / "slow.yaml").write_text(yaml.safe_dump(SLOW))
    run_snakemake(reference, "hardness", "--cores", "2", *TEST_CONFIG, "slow.yaml")

    project = copy_project(tmp_path / "killed")
    (project / "slow.yaml").write_text(yaml.safe_dump(SLOW))
    proc = subprocess.Popen(
        [
            *SNAKEMAKE,
            "--directory",
            str(project),
            "--snakefile",
            str(project / "Snakefile"),
            "hardness",
            "--cores",
            "1",
            "--retries",
            "0",
            *TEST_CONFIG,
            "slow.yaml",
        ],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    victim = _wait_for_fit_start(proc, project / "results/logs/hardness_learn")
    assert victim, f"no learn job started; snakemake said:\n{proc.stdout.read()}"
    os.kill(victim, signal.SIGKILL)
    output, _ = proc.communicate(timeout=300)
    assert proc.returncode != 0, output
    # The killed shard left no output (Snakemake removes a failed job's outputs, and ours appear
    # only by an atomic rename); any shard that finished before the kill is complete and right.
    fits = project / "results/hardness/fits"
    for done in fits.rglob("gd_shard*.npy"):
        twin = reference / "results/hardness/fits" / done.relative_to(fits)
        np.testing.assert_array_equal(np.load(done), np.load(twin))
    assert not (project / "results/hardness/recovery.csv").exists()

    run_snakemake(project, "hardness", "--cores", "2", *TEST_CONFIG, "slow.yaml")
    assert _no_temporary_files(project) == []
    assert_same_tables(_hardness_tables(project), _hardness_tables(reference))


def test_failing_job_does_not_stop_others_and_names_its_log(tmp_path):
    project = copy_project(tmp_path / "project")
    two_seeds = {"hardness": {"grid": {"d": [6], "k": [2], "eta": [0.0], "seeds": [0, 1]}}}
    (project / "two.yaml").write_text(yaml.safe_dump(two_seeds))
    run_snakemake(project, "--cores", "2", *TEST_CONFIG, "two.yaml", "--until", "hardness_lift")
    broken = next((project / "results/hardness/data").glob("*seed1/train_X.npy"))
    broken.write_bytes(broken.read_bytes()[: broken.stat().st_size // 2])  # truncated

    proc = run_snakemake(
        project,
        "hardness",
        "--cores",
        "2",
        "--keep-going",
        "--retries",
        "0",
        *TEST_CONFIG,
        "two.yaml",
        check=False,
    )
    text = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "results/logs/hardness_learn/" in text and "seed1" in text  # the failure names its log
    logs = list((project / "results/logs/hardness_learn").glob("*seed1*"))
    assert any("not a readable .npy" in log.read_text() for log in logs)
    # The healthy instance went all the way through scoring.
    assert list((project / "results/hardness/fits").glob("*seed0/*.npy"))
    assert not list((project / "results/hardness/fits").glob("*seed1/*shard*.npy"))
