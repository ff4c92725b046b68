"""The same config gives the same tables whatever the core count or shard size."""

import pytest
import yaml
from conftest import (
    TEST_CONFIG,
    assert_same_tables,
    copy_project,
    result_tables,
    run_snakemake,
)

pytestmark = pytest.mark.e2e


def test_cores_1_equals_cores_2(test_config_run, tmp_path):
    project = copy_project(tmp_path / "one_core")
    run_snakemake(project, "--cores", "1", *TEST_CONFIG)
    assert_same_tables(result_tables(project), result_tables(test_config_run))


def _hardness_tables(workdir):
    return {k: v for k, v in result_tables(workdir).items() if k.startswith("hardness/")}


def test_shard_size_does_not_change_the_numbers(test_config_run, tmp_path):
    runs = {}
    for coords_per_job in (1, 7):
        project = copy_project(tmp_path / f"cpj{coords_per_job}")
        (project / "shards.yaml").write_text(
            yaml.safe_dump({"hardness": {"coords_per_job": coords_per_job}})
        )
        run_snakemake(project, "hardness", "--cores", "2", *TEST_CONFIG, "shards.yaml")
        runs[coords_per_job] = _hardness_tables(project)
    assert runs[1]  # both tables are there
    assert_same_tables(runs[1], runs[7])
    assert_same_tables(runs[1], _hardness_tables(test_config_run))
