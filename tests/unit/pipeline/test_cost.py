"""The cost estimate: closed-form memory, job counts by hand, and limits that name the keys."""

import copy
from pathlib import Path

import pytest
import yaml
from relu_tradeoffs.pipeline import cost

ROOT = Path(__file__).resolve().parents[3]


def _config(name=".test/config.yaml"):
    """A config as a run sees it: a named file merged over config.yaml."""
    from relu_tradeoffs.pipeline.config import load_merged

    return load_merged(ROOT / "config.yaml", ROOT / name)


def _limits(mem=8000, disk=1e6, jobs=20000):
    return {"mem_limit_mb": mem, "free_disk_mb": disk, "max_jobs": jobs}


def test_memory_formulas_match_their_closed_forms():
    # Training tables hold m_train x (d + 1) entries (d + 1: room for a padded odd k); the
    # validation set is regenerated val_chunk rows at a time, never held whole.
    h = {"m_train": 5000, "val_chunk": 20000, "params": {"exhaustive": {"block_mb": 16}}}
    assert cost.learn_mb(h, 6) == pytest.approx(2000 + 5000 * 6 * 64 / 1e6)
    assert cost.lift_mb(h, 10) == pytest.approx(1000 + 5000 * 11 * 26 / 1e6)
    assert cost.slpn_mb(h, 10) == pytest.approx(1000 + 5000 * 11 * 4 / 1e6)
    assert cost.score_mb(h, 10) == pytest.approx(1000 + 20000 * 11 * 40 / 1e6)
    assert cost.search_mb(h, 10) == pytest.approx(1000 + 5000 * 11 * 12 / 1e6 + 48)
    approx = {
        "m_train": 10**6,
        "m_test": 10**5,
        "reference": {"sample_factor": 10, "train_factor": 2},
    }
    approx["m_train_scaled"] = {"cap": 10**5}  # below m_train: m_train counts
    assert cost.approx_fit_mb(approx, 50) == pytest.approx(1000 + 3.1e6 * 50 * 32 / 1e6)
    approx["m_train_scaled"] = {"cap": 2 * 10**6}  # the scaled regime's largest training set
    assert cost.approx_fit_mb(approx, 50) == pytest.approx(1000 + 6.1e6 * 50 * 32 / 1e6)


def test_job_counts_of_the_test_config_counted_by_hand():
    config = _config()
    assert config["hardness"]["candidate_shards"] == 1 and config["approx"]["seeds"] == [0, 1]
    rows = {r["section"]: r for r in cost.estimate(config)}
    # hardness: 1 plan + 4 per instance (slpn, lift, score, recover) + 4 fitted learners x 2
    # coordinate shards + exhaustive (1 candidate shard search + 2 merges) + aggregate
    # + 2 figures + provenance
    assert rows["hardness"]["jobs"] == 1 + 4 + 8 + 3 + 1 + 2 + 1
    # approx, 2 regimes x noise none (1 target) + flip, band (2 targets each): 10 calibrations;
    # 2 regimes x 3 noise models x 2 seeds: 12 fits; collect, summary, 4 figures, provenance
    assert rows["approx"]["jobs"] == 10 + 12 + 7
    assert rows["theory"]["jobs"] == 10
    # tradeoff: 4 scaling points (k 2, 3 x d 6, 8), 3 pareto runs, 2 gd runs, sq_bound,
    # aggregate, 4 figures, provenance; 3 least-squares runs (planted, slpn2, random),
    # upper_bound, aggregate_lowdeg, sides and its figure
    assert rows["tradeoff"]["jobs"] == 4 + 3 + 2 + 1 + 1 + 4 + 1 + 3 + 4


@pytest.mark.parametrize(
    ("key", "value", "named"),
    [
        ("d", [1000000], "hardness.grid.d"),
        ("m_train", 10**12, "hardness.m_train"),
    ],
)
def test_an_oversized_config_is_stopped_naming_the_key_and_estimate(key, value, named):
    config = copy.deepcopy(_config())
    if key == "d":
        config["hardness"]["grid"]["d"] = value
    else:
        config["hardness"][key] = value
    problems = cost.problems(cost.estimate(config), **_limits())
    assert problems and any(named in p and "GB" in p for p in problems)


def test_a_config_that_fits_has_no_problems():
    assert cost.problems(cost.estimate(_config()), **_limits()) == []


def test_too_many_jobs_names_the_grid():
    problems = cost.problems(cost.estimate(_config()), **_limits(jobs=10))
    assert any("hardness.grid" in p and "guard.max_jobs = 10" in p for p in problems)


def test_limits_take_the_smaller_of_machine_and_resources():
    auto = {"mem_mb": "auto", "max_jobs": 5, "override": False}
    assert (
        cost.limits(auto, machine_mb=8000, resources_mb=3000, free_disk_mb=1)["mem_limit_mb"]
        == 3000
    )
    assert (
        cost.limits(auto, machine_mb=8000, resources_mb=None, free_disk_mb=1)["mem_limit_mb"]
        == 8000
    )
    fixed = dict(auto, mem_mb=64000)
    assert (
        cost.limits(fixed, machine_mb=8000, resources_mb=None, free_disk_mb=1)["mem_limit_mb"]
        == 64000
    )


def test_the_preview_table_has_one_line_per_section():
    lines = cost.table(cost.estimate(_config())).splitlines()
    assert [line.split()[0] for line in lines[1:]] == ["theory", "hardness", "approx", "tradeoff"]


@pytest.mark.parametrize(
    ("key", "value"), [("mem_mb", "lots"), ("max_jobs", 0), ("override", "yes")]
)
def test_bad_guard_keys_are_named(key, value):
    from relu_tradeoffs.pipeline.config import ConfigError
    from relu_tradeoffs.validation import validate

    config = yaml.safe_load((ROOT / "config.yaml").read_text())
    config["guard"][key] = value
    with pytest.raises(ConfigError, match=f"config key 'guard.{key}'"):
        validate(config, ROOT / "workflow" / "schemas")


def test_every_rule_declares_the_cost_model_s_memory_under_its_own_name():
    import re

    rules = 0
    for smk in (ROOT / "workflow" / "rules").glob("*.smk"):
        for block in re.split(r"\n(?=rule \w+:)", smk.read_text()):
            name = re.match(r"(?:.*\n)*?rule (\w+):", block)
            if not name or "resources:" not in block:
                continue
            assert f'mem_mb=mem_mb("{name[1]}")' in block, name[1]
            assert cost.rule_mb(name[1], _config(), 10) > 0
            rules += 1
    assert rules >= 35
    with pytest.raises(KeyError, match="no memory for rule 'nonexistent'"):
        cost.rule_mb("nonexistent", _config())


def test_shards_and_padded_columns():
    assert [cost.coordinate_shards({"coords_per_job": 4}, d) for d in (1, 4, 5, "8")] == [
        1,
        1,
        2,
        2,
    ]
    assert cost.hypothesis_columns("10", 3, 4) == 11
    assert cost.hypothesis_columns(10, 4, 4) == 10
