"""The same config gives the same tables whatever the core count or shard size."""

import yaml
from conftest import (
    TABLE_TARGETS,
    TEST_CONFIG,
    assert_same_tables,
    copy_project,
    result_tables,
    run_snakemake,
)


def test_cores_1_equals_cores_2(test_config_run, tmp_path):
    project = copy_project(tmp_path / "one_core")
    run_snakemake(project, *TABLE_TARGETS, "--cores", "1", *TEST_CONFIG)
    assert_same_tables(result_tables(project), result_tables(test_config_run))


def _hardness_tables(workdir):
    return {k: v for k, v in result_tables(workdir).items() if k.startswith("hardness/")}


def test_coordinate_and_candidate_shards_do_not_change_the_numbers(test_config_run, tmp_path):
    """coords_per_job 1 and 7 with 3 and 7 candidate shards against the baseline's 4 and 1."""
    runs = {}
    for coords_per_job, candidate_shards in ((1, 3), (7, 7)):
        project = copy_project(tmp_path / f"cpj{coords_per_job}")
        shards = {"coords_per_job": coords_per_job, "candidate_shards": candidate_shards}
        (project / "shards.yaml").write_text(yaml.safe_dump({"hardness": shards}))
        run_snakemake(project, "hardness", "--cores", "2", *TEST_CONFIG, "shards.yaml")
        runs[candidate_shards] = _hardness_tables(project)
    assert runs[3]  # both tables are there
    assert_same_tables(runs[3], runs[7])
    assert_same_tables(runs[3], _hardness_tables(test_config_run))
