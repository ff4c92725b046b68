"""Incremental reruns: exactly the jobs a change touches are scheduled again."""

import time

import pytest
import yaml
from conftest import TEST_CONFIG, clone_run, planned_jobs, run_snakemake, small_config

TARGETS = {"all", "figures", "theory", "hardness", "approx", "tradeoff"}


def is_figure(rule: str) -> bool:
    return "_figure_" in rule


def is_aggregate_or_figure(rule: str) -> bool:
    # The claims summary reads every wing's tables, so it follows any change of results.
    summaries = {"report_provenance", "report_summary", "hardness_aggregate", "tradeoff_sides"}
    return is_figure(rule) or rule in TARGETS | summaries


@pytest.fixture
def run_copy(test_config_run, tmp_path):
    return clone_run(test_config_run, tmp_path / "copy")


def test_no_op_rerun_schedules_nothing(test_config_run, tmp_path):
    assert planned_jobs(test_config_run, *TEST_CONFIG) == []
    start = time.perf_counter()
    proc = run_snakemake(test_config_run, "--cores", "2", *TEST_CONFIG)
    elapsed = time.perf_counter() - start
    assert "Nothing to be done" in proc.stdout + proc.stderr
    print(f"no-op rerun of the test config: {elapsed:.2f} s")


def test_adding_a_seed_runs_only_that_instance(run_copy):
    config = small_config(run_copy)
    seeds = config["hardness"]["grid"]["seeds"]
    new_seed = max(seeds) + 1
    (run_copy / "more.yaml").write_text(
        yaml.safe_dump(
            {"hardness": {"grid": {**config["hardness"]["grid"], "seeds": [*seeds, new_seed]}}}
        )
    )
    jobs = planned_jobs(run_copy, *TEST_CONFIG, "more.yaml")
    assert any(rule == "hardness_slpn" for rule, _ in jobs)
    for rule, wildcards in jobs:
        if "seed" in wildcards:
            assert wildcards["seed"] == str(new_seed), (rule, wildcards)
        else:
            assert is_aggregate_or_figure(rule), rule
    assert not any(
        rule in {"theory_hermite", "theory_correlation", "theory_claims"} for rule, _ in jobs
    )


def test_changing_a_learner_parameter_reruns_only_that_learner(run_copy):
    config = small_config(run_copy)
    params = config["hardness"]["params"]["gd"]
    changed = {key: value for key, value in params.items()}
    changed["steps"] = params["steps"] + 1
    (run_copy / "gd.yaml").write_text(yaml.safe_dump({"hardness": {"params": {"gd": changed}}}))
    jobs = planned_jobs(run_copy, *TEST_CONFIG, "gd.yaml")
    learner_jobs = [(r, w) for r, w in jobs if "learner" in w]
    assert learner_jobs and all(w["learner"] == "gd" for _, w in learner_jobs)
    # tradeoff_gd runs GD with hardness.params.gd on its own instances: it reruns too.
    assert {r for r, w in jobs if "learner" not in w and "seed" in w} <= {
        "hardness_score",
        "hardness_recover",
        "tradeoff_gd",
    }
    assert not any(rule in {"hardness_slpn", "hardness_lift"} for rule, _ in jobs)


def test_editing_a_kernel_module_reruns_the_rules_that_import_it(run_copy):
    hermite = run_copy / "scripts/relu_tradeoffs/theory/hermite.py"
    hermite.write_text(hermite.read_text() + "\n# an edit\n")
    rules = {rule for rule, _ in planned_jobs(run_copy, *TEST_CONFIG)}
    # The upper side of the tradeoff sums the ReLU's Hermite coefficients too, and its tables
    # feed the sides figure; nothing else depends on hermite.py.
    upper_side = {"tradeoff_upper_bound", "tradeoff_lowdeg", "tradeoff_aggregate_lowdeg"}
    upper_side |= {"tradeoff_sides", "tradeoff_figure_sides", "tradeoff"}
    assert {"theory_hermite", "tradeoff_upper_bound", "tradeoff_lowdeg"} <= rules
    assert rules - {"all", "report_summary"} <= {"theory_hermite", *upper_side}

    parity = run_copy / "scripts/relu_tradeoffs/parity.py"
    parity.write_text(parity.read_text() + "\n# an edit\n")
    rules = {rule for rule, _ in planned_jobs(run_copy, *TEST_CONFIG)}
    assert {"theory_hermite", "theory_claims", "hardness_slpn", "hardness_lift"} <= rules
    assert "theory_correlation" not in rules


def test_editing_the_figure_style_reruns_only_figures(run_copy):
    style = run_copy / "scripts/relu_tradeoffs/pipeline/plotting.py"
    style.write_text(style.read_text().replace("font_scale=1.1", "font_scale=1.2"))
    jobs = planned_jobs(run_copy, *TEST_CONFIG)
    assert jobs
    for rule, _ in jobs:
        assert is_figure(rule) or rule in TARGETS, rule


def overlay(run_copy, name, data) -> str:
    (run_copy / name).write_text(yaml.safe_dump(data))
    return name


def test_a_post_processing_key_reruns_only_what_follows_it(run_copy):
    """approx.slopes.bootstrap and tradeoff.scaling.bootstrap are read by the aggregates only."""
    config = small_config(run_copy)
    edit = {
        "approx": {"slopes": {"bootstrap": config["approx"]["slopes"]["bootstrap"] + 1}},
        "tradeoff": {
            "scaling": {
                **config["tradeoff"]["scaling"],
                "bootstrap": config["tradeoff"]["scaling"]["bootstrap"] + 1,
            },
        },
    }
    rules = {
        rule for rule, _ in planned_jobs(run_copy, *TEST_CONFIG, overlay(run_copy, "b.yaml", edit))
    }
    assert "approx_summary" in rules and "tradeoff_aggregate" in rules
    for rule in rules:
        assert rule in {"approx_summary", "tradeoff_aggregate"} or is_aggregate_or_figure(rule), (
            rule
        )


def test_adding_an_approx_seed_plans_only_its_fit_jobs(run_copy):
    config = small_config(run_copy)
    seeds = config["approx"]["seeds"]
    new = max(seeds) + 1
    jobs = planned_jobs(
        run_copy, *TEST_CONFIG, overlay(run_copy, "s.yaml", {"approx": {"seeds": [*seeds, new]}})
    )
    fits = [w for rule, w in jobs if rule == "approx_fit"]
    a = config["approx"]
    assert len(fits) == len(a["regimes"]) * len(a["noise"]) * len(a["d"])
    assert all(w["seed"] == str(new) for w in fits)
    for rule, _ in jobs:
        assert rule in {
            "approx_fit",
            "approx_aggregate",
            "approx_summary",
        } or is_aggregate_or_figure(rule), rule


def test_adding_a_scaling_point_plans_only_that_point(run_copy):
    config = small_config(run_copy)
    grid = [dict(group) for group in config["tradeoff"]["scaling"]["grid"]]
    grid[0]["d"] = [*grid[0]["d"], max(grid[0]["d"]) + 2]
    edit = {"tradeoff": {"scaling": {**config["tradeoff"]["scaling"], "grid": grid}}}
    jobs = planned_jobs(run_copy, *TEST_CONFIG, overlay(run_copy, "d.yaml", edit))
    scaling = [w for rule, w in jobs if rule == "tradeoff_scaling"]
    assert sorted(w["k"] for w in scaling) == sorted(str(k) for k in grid[0]["k"])
    assert all(w["d"] == str(max(grid[0]["d"])) for w in scaling)
    for rule, _ in jobs:
        assert rule in {"tradeoff_scaling", "tradeoff_aggregate"} or is_aggregate_or_figure(rule), (
            rule
        )
