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
