"""Algorithm 1's numbers (gap, thresholds, m_val), the recovery logic and the config rules."""

import copy
import math

import numpy as np
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs import parity
from relu_tradeoffs.hardness import algorithm1 as hardness
from relu_tradeoffs.hardness.learners import REGISTRY, lowdeg
from relu_tradeoffs.pipeline.config import ConfigError
from relu_tradeoffs.relu import CLAIM3_FLOOR, INV_SQRT_2PI, claim4_error
from relu_tradeoffs.validation import validate as validate_config

PARAMS = {"lowdeg": {"degree": 2, "ridge": 0.0}}


def plan(k, eta, **kw):
    args = {
        "eps": "auto",
        "m_val": "auto",
        "m_val_max": 10**9,
        "m_train_factor": 0.3,
        "learners": list(REGISTRY),
        "odd_k": "pad",
    }
    return hardness.plan(k, eta, params=PARAMS, **{**args, **kw})


@pytest.mark.parametrize(("k", "eps0", "target0"), [(2, 0.0659, 2.3e4), (4, 0.00842, 1.4e6)])
def test_eps_and_m_val_follow_claim_4(k, eps0, target0):
    p = plan(k, 0.0)
    assert p["eps"] == pytest.approx(eps0, rel=2e-3)
    assert p["m_val"] == p["m_val_target"] == math.ceil(100 / p["eps"] ** 2)
    assert p["m_val"] == pytest.approx(target0, rel=0.03)
    assert p["m_val_reached"] and not p["m_val_capped"]
    # The gap is the distance from the Claim 3 floor to the witness of norm 1/sqrt(2 pi).
    ck = hardness.c_k(k)
    assert CLAIM3_FLOOR - claim4_error(INV_SQRT_2PI, abs(ck), 0.0) == pytest.approx(p["eps"])
    assert p["learners"]["gd"]["threshold"] == pytest.approx(CLAIM3_FLOOR - p["eps"] / 4)
    noisy = plan(k, 0.1)
    assert noisy["eps"] == pytest.approx(0.8 * p["eps"])


def test_m_val_cap_is_reported_not_hidden():
    p = plan(6, 0.0, m_val_max=100000)
    assert p["m_val"] == 100000 and p["m_val_capped"] and not p["m_val_reached"]
    assert p["m_val_target"] == pytest.approx(2.8e7, rel=0.03)
    fixed = plan(2, 0.0, m_val=1000)
    assert fixed["m_val"] == 1000 and not fixed["m_val_reached"] and not fixed["m_val_capped"]


def test_odd_k_unpadded_has_no_gap():
    p = plan(3, 0.0, m_val_max=5000, odd_k="skip")
    assert not p["padded"] and p["k_effective"] == 3
    assert p["eps"] == 0.0 and p["m_val_target"] is None and not p["m_val_reached"]
    assert all(not entry["has_gap"] for entry in p["learners"].values())
    assert p["learners"]["exhaustive"]["threshold"] == CLAIM3_FLOOR


def test_eps_from_the_config_overrides_the_analytic_gap():
    p = plan(2, 0.0, eps=0.01)
    assert p["eps_source"] == "config" and p["eps"] == 0.01
    assert p["m_val_target"] == 10**6
    assert p["learners"]["exhaustive"]["threshold"] == pytest.approx(CLAIM3_FLOOR - 0.0025)


def test_lowdeg_gap_closed_form_and_simulation():
    # ||P_<=l chi||^2: (2/pi)^k at l = k; sign_1^2 + sign_3^2 = 2/pi + 1/(3 pi); below 1.
    assert hardness.lowdeg_projection(2, 2) == pytest.approx((2 / np.pi) ** 2)
    assert hardness.lowdeg_projection(2, 3) == pytest.approx((2 / np.pi) ** 2)
    assert hardness.lowdeg_projection(4, 3) == 0.0
    assert hardness.lowdeg_projection(1, 3) == pytest.approx(2 / np.pi + 1 / (3 * np.pi))
    assert 0.95 < hardness.lowdeg_projection(1, 201) < 1.0
    p = plan(2, 0.1)["learners"]["lowdeg"]
    assert p["gap"] == pytest.approx(0.8**2 / 4 * (2 / np.pi) ** 2)
    assert p["threshold"] == pytest.approx(0.25 - p["gap"] / 4)
    # Simulation: the population regression's loss is 1/4 - gap (j not in S), 1/4 (j in S).
    rng = np.random.default_rng(4)
    support = np.array([0, 1])
    X, y = parity.sample_slpn(rng, 400000, 4, support, 0.1)
    X, y = parity.lift(rng, X, y)
    B = lowdeg.fit(X[:200000], y[:200000], [0, 3], None, degree=2, ridge=0.0)
    err = np.mean((lowdeg.predict(X[200000:], B, degree=2) - y[200000:, None]) ** 2, axis=0)
    assert err[0] == pytest.approx(0.25, abs=0.003)
    assert err[1] == pytest.approx(0.25 - p["gap"], abs=0.003)


def test_recover_instance_thresholds_and_sets():
    score = {
        "d": 4,
        "k": 2,
        "eta": 0.0,
        "seed": 0,
        "support": [1, 3],
        "m_val": 100,
        "learners": {
            "gd": {
                "m_train": [10, 20],
                "seconds": [0.1, 0.2],
                "val_err": [[0.5, 0.5, 0.1, 0.1], [0.1, 0.5, 0.1, 0.5]],
                "path_iterations": [0, 5],
                "path_val_err": [[0.4] * 4, [0.3] * 4],
            }
        },
    }
    p = {
        "eps": 0.1,
        "m_val_reached": True,
        "padded": False,
        "k_effective": 2,
        "m_train_factor": 0.05,
        "relu": "unbiased",
        "labels": "01",
        "biases": 1,
        "learners": {"gd": {"threshold": 0.4, "has_gap": True}},
    }
    rows = hardness.recover_instance(score, p)
    first, second = rows["recovery"]
    # The search's plan: 0.05 ln(2 C(4, 2)) / 0.1^2 = 12.4 -> 13, between the two sizes.
    assert first["m_train_target"] == second["m_train_target"] == 13
    assert (first["m_train_reached"], second["m_train_reached"]) == (False, True)
    assert (first["recovered_set"], first["exact"]) == ("0;1", False)
    assert (first["false_positives"], first["false_negatives"]) == (1, 1)
    assert (second["recovered_set"], second["exact"], second["true_set"]) == ("1;3", True, "1;3")
    assert len(rows["coordinates"]) == 8 and len(rows["paths"]) == 8
    assert [r["relevant"] for r in rows["coordinates"][4:]] == [False, True, False, True]
    assert hardness.format_set([]) == ""


def _config():
    return yaml.safe_load((ROOT / "config.yaml").read_text())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda h: h["params"].pop("gd"), "config key 'hardness.params.gd': missing"),
        (lambda h: h.update(m_train_sweep=[10**9]), "'hardness.m_train_sweep[0]'"),
        (
            lambda h: h.update(figure_instance={"d": 999, "k": 4, "eta": 0.0, "seed": 0}),
            "'hardness.figure_instance.d'",
        ),
        (lambda h: h.update(eps=0), "config key 'hardness.eps'"),
        (lambda h: h["params"]["exhaustive"].update(signs="some"), "hardness.params.exhaustive"),
        (lambda h: h["params"]["gd"].update(init_norm=2), "hardness.params.gd.init_norm"),
        (lambda h: h["params"]["lowdeg"].update(extra=1), "hardness.params.lowdeg"),
    ],
)
def test_config_rules_name_the_key(edit, message):
    config = copy.deepcopy(_config())
    edit(config["hardness"])
    with pytest.raises(ConfigError, match=None) as err:
        validate_config(config, ROOT / "workflow" / "schemas")
    assert message in str(err.value)


def test_learner_names_come_from_the_registry():
    from relu_tradeoffs.hardness.config import LEARNERS

    assert set(LEARNERS) == set(REGISTRY) == {"exhaustive", "gd", "sgd", "glmtron", "lowdeg"}
    schema = yaml.safe_load((ROOT / "workflow/schemas/hardness.schema.yaml").read_text())
    assert set(schema["properties"]["params"]["properties"]) == set(REGISTRY)


def test_sign_coefficients_match_the_hermite_module():
    from relu_tradeoffs.theory.hermite import sign_coefficients

    expected = sign_coefficients(41) ** 2
    got = [hardness.sign_coefficient_squared(n) for n in range(42)]
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=0)
