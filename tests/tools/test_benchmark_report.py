"""The benchmark page's target table: met, missed, or not measured (a stage that did not run)."""

import importlib.util
import math

from conftest import ROOT

# tools/ is not a package on the path: load the report module by file, as the mutation test does.
spec = importlib.util.spec_from_file_location(
    "bench_report", ROOT / "tools" / "bench" / "report.py"
)
benchmark_report = importlib.util.module_from_spec(spec)
spec.loader.exec_module(benchmark_report)


def verdicts(**measured):
    rows = benchmark_report.target_rows(measured).set_index("target")
    return rows.met


def test_a_budget_is_met_below_and_missed_above_its_bound():
    key = "default config: `snakemake approx --cores 2` wall seconds"
    assert verdicts(approx_seconds=263.0)[key] == "yes"
    assert verdicts(approx_seconds=361.0)[key] == "**no**"


def test_a_ratio_target_is_met_above_its_bound():
    key = "wall --cores 1 / --cores 2"
    assert verdicts(cores_ratio=1.8)[key] == "yes"
    assert verdicts(cores_ratio=1.2)[key] == "**no**"


def test_a_stage_that_did_not_run_is_not_measured_not_missed():
    assert (verdicts(approx_seconds=math.nan) == "not measured").all()


def test_every_target_has_its_measure_in_the_same_order():
    """render pairs the measures with the target rows by position: one row per measure, and a
    value given for a measure shows in that measure's row."""
    keys = list(benchmark_report.MEASURES)
    assert len(benchmark_report.target_rows({})) == len(keys)
    for position, key in enumerate(keys):
        rows = benchmark_report.target_rows({key: 1.0})
        assert (rows.met != "not measured").tolist() == [i == position for i in range(len(keys))]


def test_targets_of_stages_that_did_not_run_are_nan():
    measured = benchmark_report.measured_targets({})
    assert list(measured) == list(benchmark_report.MEASURES)
    assert all(math.isnan(v) for v in measured.values())


def test_the_no_op_target_reads_the_workflow_rerun_not_its_plain_floor():
    """The noop stage writes the floor rows before the workflow's no-op; the target is the
    workflow's row (the noop stage's, not the overhead stage's older one), and the overhead
    section lists every row once."""
    import pandas as pd

    def rows(*pairs):
        return pd.DataFrame([{"measure": m, "jobs": 0, "seconds": 1.0, "cpu_seconds": c}
                             for m, c in pairs])  # fmt: skip

    tables = {
        "overhead": rows(
            ("dry run config/paper.yaml", 9.0),
            ("dry run, plain workflow", 3.0),
            ("no-op rerun (hardness)", 7.0),
        ),  # fmt: skip
        "noop": rows(
            ("snakemake --version (import only)", 2.0),
            ("plain workflow, no-op rerun", 2.5),
            ("no-op rerun (hardness)", 6.0),
        ),  # fmt: skip
    }
    measured = benchmark_report.measured_targets(tables)
    assert measured["noop_seconds"] == 6.0
    assert measured["dry_run_ratio"] == 3.0
    listed = benchmark_report.overhead_rows(tables).measure.tolist()
    assert sorted(listed) == sorted(set(listed)) and len(listed) == 5
