"""Every cross-field rule's message, word for word: the key it names and the fix it suggests."""

import copy

import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs import validation
from relu_tradeoffs.approx import config as approx_config
from relu_tradeoffs.hardness import config as hardness_config
from relu_tradeoffs.pipeline import config
from relu_tradeoffs.theory import config as theory_config

CONFIG = yaml.safe_load((ROOT / "config.yaml").read_text())


def _section(name, edit):
    section = copy.deepcopy(CONFIG[name])
    edit(section)
    return section


def test_the_default_config_breaks_no_rule():
    assert all(check(CONFIG[name]) == [] for name, check in validation.SECTION_CHECKS.items())


HARDNESS = [
    (
        lambda h: h["grid"].update(k=[2, 4, 8]),
        "config key 'hardness.grid.k[2]': k = 8 must satisfy 1 <= k < d for every d "
        "(hardness.grid.d = [8, 11, 14])",
    ),
    (
        lambda h: h["grid"].update(eta=[0.0, 0.5]),
        "config key 'hardness.grid.eta[1]': eta = 0.5 must satisfy 0 <= eta < 1/2",
    ),
    (
        lambda h: h.update(learners=["gd", "magic"]),
        "config key 'hardness.learners[1]': unknown learner 'magic' "
        "(known: exhaustive, gd, sgd, glmtron, lowdeg)",
    ),
    (
        lambda h: h["params"].pop("sgd"),
        "config key 'hardness.params.sgd': missing (every learner in hardness.learners needs "
        "its settings)",
    ),
    (
        lambda h: h.update(m_val=3_000_000),
        "config key 'hardness.m_val': 3000000 exceeds hardness.m_val_max = 2250000",
    ),
    (
        lambda h: h.update(m_train_sweep=[5000, 60000]),
        "config key 'hardness.m_train_sweep[1]': 60000 exceeds hardness.m_train = 50000 "
        "(the sweep uses prefixes of the m_train examples; a number below 1 is a fraction of "
        "m_train)",
    ),
    (
        # An explicit figure instance (the default is auto) must be a grid instance.
        lambda h: h.update(figure_instance={"d": 11, "k": 4, "eta": 0.0, "seed": 9}),
        "config key 'hardness.figure_instance.seed': 9 is not in hardness.grid.seeds = "
        "[0, 1, 2, 3, 4] (or set hardness.figure_instance: auto)",
    ),
]


@pytest.mark.parametrize(("edit", "message"), HARDNESS)
def test_hardness_rules_say_exactly_what_is_wrong(edit, message):
    assert hardness_config.check(_section("hardness", edit)) == [message]


def test_hardness_smallest_k_and_m_val_at_the_cap_are_fine():
    assert hardness_config.check(_section("hardness", lambda h: h["grid"].update(k=[1, 4]))) == []
    assert hardness_config.check(_section("hardness", lambda h: h.update(m_val=2250000))) == []
    assert (
        hardness_config.check(_section("hardness", lambda h: h.update(m_train_sweep=[50000]))) == []
    )


APPROX = [
    (
        lambda a: a.update(noise=["flip", "gauss"]),
        "config key 'approx.noise[1]': unknown noise model 'gauss' "
        "(known: none, random, flip, band, leak, parity)",
    ),
    (
        lambda a: a.update(methods=["alg2_abl14", "sgd"]),
        "config key 'approx.methods[1]': unknown method 'sgd' (known: "
        + ", ".join(approx_config.METHODS)
        + ")",
    ),
    (
        lambda a: a.update(opt=[0.01, 0.25]),
        "config key 'approx.opt[1]': opt target 0.25 must lie in (0, 1/4)",
    ),
    (
        lambda a: a.update(opt=[0.0]),
        "config key 'approx.opt[0]': opt target 0.0 must lie in (0, 1/4)",
    ),
    (lambda a: a["parity"].update(k=5), None),  # odd and >= 3: fine
    (
        lambda a: a["parity"].update(k=1),
        "config key 'approx.parity.k': k = 1 must be odd and >= 3",
    ),
    (
        lambda a: a.update(d=[3, 50]),
        "config key 'approx.d[0]': d = 3 must exceed approx.parity.k = 3",
    ),
    # Rivals only is fine: figure approx_alpha then draws a note that no alpha curve ran.
    (lambda a: a.update(methods=["gd", "surrogate"]), None),
    (
        lambda a: a.update(regimes=["scaled", "tiny"]),
        "config key 'approx.regimes[1]': unknown regime 'tiny' (known: paper, scaled)",
    ),
    (
        lambda a: a.update(paper_opt=[0.1, 0.075]),
        "config key 'approx.paper_opt[1]': opt target 0.075 must lie in (0.0753, 1/2): no unit "
        "ReLU has error below E[(z - 1)_+^2] = 0.0753 against labels in [0, 1]",
    ),
    (lambda a: a.update(paper_opt=[0.0754, 0.49]), None),  # just inside (floor 0.07534, 1/2)
    (
        lambda a: a["theorem5"].update(learners=["abl14", "svm"]),
        "config key 'approx.theorem5.learners[1]': unknown halfspace learner 'svm' "
        "(known: abl14, average, localized_hinge, sigmoid_sgd)",
    ),
    (
        lambda a: a["reference"].update(sample_factor=9),
        "config key 'approx.reference.sample_factor': the reference sample must hold at least "
        "10 x approx.m_test examples",
    ),
    (lambda a: a["reference"].update(sample_factor=10), None),
    (
        lambda a: a.update(m_test=999),
        "config key 'approx.m_test': 999 is too small to estimate opt (need >= 1000)",
    ),
    (lambda a: a.update(m_test=1000), None),
    # m_train 10000 with val_fraction 0.25: 7500 fit examples, room for two classes of 3750.
    (
        lambda a: (a.update(m_train=10000), a["alpha"].update(min_class=3751, val_fraction=0.25)),
        "config key 'approx.alpha.min_class': 3751 leaves no room in the 7500 fit examples "
        "of approx.m_train",
    ),
    (
        lambda a: (a.update(m_train=10000), a["alpha"].update(min_class=3750, val_fraction=0.25)),
        None,
    ),
    (lambda a: a.update(noise=["flip"], d=[3], parity={"k": 4, "eta": 0.1}), None),
]


@pytest.mark.parametrize(("edit", "message"), APPROX)
def test_approx_rules_say_exactly_what_is_wrong(edit, message):
    assert approx_config.check(_section("approx", edit)) == ([message] if message else [])


@pytest.mark.parametrize(("regime", "key"), [("paper", "paper_opt"), ("scaled", "opt")])
def test_opt_targets_of_the_realizable_model_is_zero_only(regime, key):
    """`none` has the one target 0 in both regimes; a noise model takes its regime's targets."""
    section = CONFIG["approx"]
    assert approx_config.opt_targets(section, regime, "none") == [0]
    assert approx_config.opt_targets(section, regime, "flip") == section[key]
    assert section["opt"] != section["paper_opt"]  # a swapped key is detectable


THEORY = [
    (
        lambda t: t.update(hermite_check_n_max=41),
        "config key 'theory.hermite_check_n_max': 41 exceeds theory.hermite_n_max = 40",
    ),
    (lambda t: t.update(hermite_check_n_max=40), None),
    (
        lambda t: t["claims"].update(k=[1, 8]),
        "config key 'theory.claims.k[1]': k = 8 must satisfy 1 <= k < d (theory.claims.d = 8)",
    ),
    (
        lambda t: t["claims"].update(k=[0]),
        "config key 'theory.claims.k[0]': k = 0 must satisfy 1 <= k < d (theory.claims.d = 8)",
    ),
    (
        lambda t: t["claims"].update(eta=[-0.1]),
        "config key 'theory.claims.eta[0]': eta = -0.1 must satisfy 0 <= eta < 1/2",
    ),
]


@pytest.mark.parametrize(("edit", "message"), THEORY)
def test_theory_rules_say_exactly_what_is_wrong(edit, message):
    assert theory_config.check(_section("theory", edit)) == ([message] if message else [])


def test_validation_lists_every_problem_under_one_heading():
    bad = copy.deepcopy(CONFIG)
    bad["hardness"]["learners"] = ["nope"]
    bad["approx"]["m_test"] = 500
    with pytest.raises(config.ConfigError) as err:
        validation.validate(bad, ROOT / "workflow" / "schemas")
    lines = str(err.value).split("\n")
    assert lines[0] == "invalid config:"
    assert lines[1].startswith("  - config key 'hardness.learners[0]': unknown learner 'nope'")
    assert lines[2].startswith("  - config key 'approx.m_test': 500 is too small")
    assert len(lines) == 3


def test_schema_errors_name_nested_and_indexed_keys():
    bad = copy.deepcopy(CONFIG)
    bad["approx"]["opt"][1] = "x"
    bad["seed"] = -1
    schema = config.load_schema(ROOT / "workflow" / "schemas")
    errors = config.schema_errors(bad, schema)
    assert errors[0].startswith("config key 'approx.opt[1]': 'x' is not of type 'number'")
    assert errors[1].startswith("config key 'seed': -1 is less than the minimum of ")
    assert config.schema_errors({"x": 1}, {"type": "string"})[0].startswith(
        "config key '<top level>': "
    )


def test_unknown_method_message_lists_every_method():
    with pytest.raises(ValueError) as err:
        approx_config.parse_method("oracle")
    assert str(err.value) == (
        "unknown approx method 'oracle' (known: " + ", ".join(approx_config.METHODS) + ")"
    )
    assert approx_config.parse_method("alg2_abl14") == ("alg2", "abl14", False)


def test_a_default_sweep_follows_the_user_s_m_train():
    """The default sweep is fractions of m_train: lowering m_train alone is valid."""
    from relu_tradeoffs.hardness.config import train_sizes

    section = _section("hardness", lambda h: h.update(m_train=10000))
    assert hardness_config.check(section) == []
    assert train_sizes(section) == [1000, 4000, 10000]
    assert train_sizes({"m_train": 50000, "m_train_sweep": [0.1, 20000]}) == [5000, 20000, 50000]
    assert train_sizes({"m_train": 20, "m_train_sweep": [0.1]}) == [10, 20]


def test_a_clash_with_a_default_names_the_default_and_how_to_override_it():
    """Only keys the user set are blamed; a default that clashes says so (one key at a time)."""
    from relu_tradeoffs.pipeline.config import load_merged

    merged = load_merged(ROOT / "config.yaml")
    merged["theory"]["hermite_n_max"] = 20
    user = {"theory": {"hermite_n_max": 20}}
    with pytest.raises(config.ConfigError) as err:
        validation.validate(merged, ROOT / "workflow" / "schemas", user=user)
    (line,) = str(err.value).splitlines()[1:]
    assert line.startswith("  - config key 'theory.hermite_check_n_max': 30 exceeds")
    assert "theory.hermite_check_n_max is a default from config.yaml" in line
    assert "set theory.hermite_check_n_max in your config file to override it" in line
    user["theory"]["hermite_check_n_max"] = 30  # now the user wrote both: no default blamed
    with pytest.raises(config.ConfigError) as err:
        validation.validate(merged, ROOT / "workflow" / "schemas", user=user)
    assert "is a default" not in str(err.value)


def numeric_keys(node, path=()):
    for key, value in node.items():
        if isinstance(value, dict):
            yield from numeric_keys(value, (*path, key))
        elif isinstance(value, int | float) and not isinstance(value, bool):
            yield (*path, key), value


def edit_one_key(path, value):
    edited, user = copy.deepcopy(CONFIG), {}
    node, mine = edited, user
    for part in path[:-1]:
        node, mine = node[part], mine.setdefault(part, {})
    node[path[-1]] = mine[path[-1]] = value
    return edited, user


@pytest.mark.parametrize("factor", [0.1, 0.5, 2, 10])
def test_one_key_changed_from_the_default_blames_only_that_key_or_a_named_default(factor):
    """A new user edits one number: the config is valid, or every message is about that key,
    or names the default it clashes with and how to override it."""
    checked = 0
    for path, value in numeric_keys(CONFIG):
        new = type(value)(value * factor)
        edited, user = edit_one_key(path, new)
        key = ".".join(path)
        try:
            validation.validate(edited, ROOT / "workflow" / "schemas", user=user)
        except config.ConfigError as err:
            for line in str(err).splitlines()[1:]:
                mine = line.startswith(f"  - config key '{key}")
                assert mine or "is a default from config.yaml" in line, (key, new, line)
        checked += 1
    assert checked > 60
