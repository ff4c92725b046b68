"""The cost guard stops an oversized config before the DAG is built, naming key and estimate."""

import pytest
import yaml
from conftest import TEST_CONFIG, run_snakemake


@pytest.mark.parametrize(
    ("overlay", "key"),
    [
        ({"hardness": {"grid": {"d": [1000000]}}}, "hardness.grid.d"),
        ({"hardness": {"m_train": 1000000000000}}, "hardness.m_train"),
    ],
)
def test_oversized_config_stops_before_the_dag(project, overlay, key):
    (project / "big.yaml").write_text(yaml.safe_dump(overlay))
    proc = run_snakemake(
        project, "--dry-run", "--cores", "1", *TEST_CONFIG, "big.yaml", check=False, timeout=120
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert f"config keys {key}" in out or f", {key}" in out
    assert "GB, more than the" in out and "guard.override" in out
    assert "Building DAG" not in out


def test_dry_run_prints_the_cost_preview(project):
    proc = run_snakemake(project, "--dry-run", "--cores", "1", *TEST_CONFIG)
    preview = [line.split()[0] for line in proc.stderr.splitlines() if line.split()[:1]]
    assert {"section", "theory", "hardness", "approx"} <= set(preview)
