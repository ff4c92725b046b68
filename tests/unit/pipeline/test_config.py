"""The config is checked before any job runs, and every error names the offending key."""

import copy
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_snakemake
from relu_tradeoffs.pipeline.config import ConfigError, load_merged, merge
from relu_tradeoffs.validation import validate as validate_config

SCHEMAS = ROOT / "workflow" / "schemas"


def load(name="config.yaml"):
    """A config as a run sees it: a named file merged over config.yaml."""
    return load_merged(ROOT / "config.yaml", ROOT / name)


def test_default_and_test_configs_are_valid():
    validate_config(load("config.yaml"), SCHEMAS)
    validate_config(load(".test/config.yaml"), SCHEMAS)


def _set(config, dotted, value):
    *parents, last = dotted.split(".")
    node = config
    for key in parents:
        node = node[key]
    if value is KeyError:
        del node[last]
    else:
        node[last] = value


BAD = [
    # (dotted key, bad value, text the message must contain)
    ("colour", "red", "'colour' was unexpected"),
    ("theory.claims.typo", 1, "config key 'theory.claims'"),
    ("seed", "abc", "config key 'seed'"),
    ("seed", KeyError, "'seed' is a required property"),
    ("theory.k_max", 0, "config key 'theory.k_max'"),
    ("theory.hermite_check_n_max", 99, "config key 'theory.hermite_check_n_max'"),
    ("theory.claims.k", [2, 9], "config key 'theory.claims.k[1]'"),
    ("hardness.grid.k", [2, 40], "config key 'hardness.grid.k[1]': k = 40 must satisfy 1 <= k < d"),
    ("hardness.grid.k", [0], "config key 'hardness.grid.k[0]'"),
    ("hardness.grid.eta", [0.0, 0.5], "config key 'hardness.grid.eta[1]': eta = 0.5"),
    ("hardness.grid.eta", [-0.1], "config key 'hardness.grid.eta[0]'"),
    ("hardness.m_train", -5, "config key 'hardness.m_train'"),
    ("hardness.m_val", "sometimes", "config key 'hardness.m_val'"),
    ("hardness.coords_per_job", 0, "config key 'hardness.coords_per_job'"),
    ("hardness.learners", ["exhaustive", "magic"], "unknown learner 'magic'"),
    ("approx.noise", ["flip", "../../etc"], "unknown noise model '../../etc'"),
    ("approx.methods", ["surrogate", "oracle"], "unknown method 'oracle'"),
    ("approx.opt", [0.01, 0.3], "config key 'approx.opt[1]'"),
    ("approx.d", [1], "config key 'approx.d[0]'"),
]


@pytest.mark.parametrize(("key", "value", "message"), BAD, ids=[f"{k}={v}" for k, v, _ in BAD])
def test_bad_config_is_rejected_with_the_key_named(key, value, message):
    config = copy.deepcopy(load())
    _set(config, key, value)
    with pytest.raises(ConfigError) as err:
        validate_config(config, SCHEMAS)
    assert message in str(err.value)


def test_all_problems_are_reported_at_once():
    config = copy.deepcopy(load())
    config["hardness"]["learners"] = ["nope"]
    config["approx"]["noise"] = ["nada"]
    with pytest.raises(ConfigError) as err:
        validate_config(config, SCHEMAS)
    assert "'nope'" in str(err.value) and "'nada'" in str(err.value)


def test_snakemake_stops_before_any_job_on_a_bad_config(project: Path):
    bad = copy.deepcopy(load(".test/config.yaml"))
    bad["hardness"]["grid"]["eta"] = [0.7]
    (project / "bad.yaml").write_text(yaml.safe_dump(bad))
    proc = run_snakemake(project, "--cores", "1", "--configfile", "bad.yaml", check=False)
    assert proc.returncode != 0
    assert "config key 'hardness.grid.eta[0]': eta = 0.7" in proc.stdout + proc.stderr
    assert not (project / "results").exists()


def test_merge_is_snakemake_s_key_by_key_merge():
    base = {"a": {"b": 1, "c": [1, 2]}, "d": 3}
    merged = merge(base, {"a": {"c": [9]}, "e": {"f": 1}})
    assert merged == {"a": {"b": 1, "c": [9]}, "d": 3, "e": {"f": 1}}
    assert base == {"a": {"b": 1, "c": [1, 2]}, "d": 3}  # the base is not modified


def test_the_test_config_is_an_overlay_of_only_the_keys_it_changes():
    default = load()
    overlay = yaml.safe_load((ROOT / ".test" / "config.yaml").read_text())

    def same(over, base, path):
        for key, value in over.items():
            where = f"{path}{key}"
            if isinstance(value, dict) and isinstance(base.get(key), dict):
                yield from same(value, base[key], f"{where}.")
            elif base.get(key) == value:
                yield where

    assert list(same(overlay, default, "")) == []
