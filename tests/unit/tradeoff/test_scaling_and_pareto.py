"""The tradeoff kernels: exponent fits against known power laws, the scan's counts, excess errors
against Claims 3 and 4, the Pareto front, the SQ bound and the config rules."""

import copy
import math

import numpy as np
import pytest
import yaml
from conftest import ROOT
from relu_tradeoffs.hardness.algorithm1 import c_k, relu_gap
from relu_tradeoffs.pipeline.config import ConfigError
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.tradeoff import pareto, sq
from relu_tradeoffs.tradeoff import scaling as tradeoff
from relu_tradeoffs.validation import validate

TIMING = {"timed_work": 2e4, "m_time_min": 50, "m_time_max": 5000}


def test_slope_recovers_a_power_law_and_its_interval_covers_it():
    d = np.array([16, 24, 32, 48, 64])
    rng = np.random.default_rng(0)
    # Repeats = true time times a slowdown >= 1 (load only ever adds time): the min is close.
    repeats = 1e-6 * d[:, None] ** 3.0 * (1 + rng.exponential(0.05, size=(5, 4)))
    slope, lo, hi = tradeoff.slope_with_interval(d, repeats, rng, 500)
    assert slope == pytest.approx(3.0, abs=0.05)  # achieved: ~0.01
    assert lo <= 3.0 <= hi and hi - lo < 0.3
    assert np.isnan(tradeoff.slope_with_interval([16], [[1.0, 2.0]], rng, 10)).all()
    np.testing.assert_allclose(tradeoff.local_slopes(d, d**2.5)[1:], 2.5, rtol=1e-12)


def test_eps_exponent_recovers_c_at_fixed_d():
    eps = np.array([0.16, 0.066, 0.0084, 0.0019])
    seconds = 3e-4 * 32.0 ** (0.7 * np.log(1 / eps))
    c, log_a = tradeoff.eps_exponent(32, eps, seconds)
    assert c == pytest.approx(0.7, rel=1e-9) and log_a == pytest.approx(np.log(3e-4), rel=1e-9)
    assert np.isnan(tradeoff.eps_exponent(32, [0.1, 0.1], [1.0, 2.0])[0])


def test_timed_size_aims_at_the_timed_work_within_bounds():
    assert tradeoff.timed_size(100, **TIMING) == 200
    assert tradeoff.timed_size(1, **TIMING) == 5000
    assert tradeoff.timed_size(10**6, **TIMING) == 50


@pytest.mark.parametrize(("k", "k_fit", "d_fit"), [(2, 2, 6), (3, 4, 7)])
def test_scaling_point_counts_candidates_and_finds_the_support(k, k_fit, d_fit):
    row = tradeoff.scaling_point(
        rng_for(1, "scaling", k),
        d=6,
        k=k,
        eta=0.0,
        odd_k="pad",
        m_factor=4.0,
        timing=TIMING,
        repeats=2,
        block_mb=4,
        max_success_work=1e9,
    )
    assert (row["k_effective"], row["d_effective"], row["padded"]) == (k_fit, d_fit, k != k_fit)
    assert row["candidates"] == 2 * math.comb(d_fit, k_fit)
    assert row["m"] == math.ceil(4.0 / relu_gap(k_fit, 0.0) ** 2)
    assert row["work"] == row["candidates"] * row["m"]
    assert row["m_time"] == tradeoff.timed_size(row["candidates"], **TIMING)
    assert row["seconds"] == pytest.approx(min(row["seconds_repeats"]) * row["m"] / row["m_time"])
    assert row["success"] is True
    skipped = tradeoff.scaling_point(
        rng_for(1, "scaling", k), d=6, k=k, eta=0.0, odd_k="pad", m_factor=4.0,
        timing=TIMING, repeats=1, block_mb=4, max_success_work=0,
    )  # fmt: skip
    assert skipped["success"] is None


def test_with_slopes_work_exponent_and_missing_fits():
    # Repeats are measured on m_time = d examples and must be scaled to m before the fit.
    rows = [
        {"k": 2, "d": d, "eps": 0.066, "m": 100, "m_time": d, "work": 2 * math.comb(d, 2) * 100,
         "seconds": 1e-9 * d**3, "seconds_repeats": [1e-9 * d**3 * d / 100] * 2}
        for d in (16, 32, 64)
    ] + [{"k": 4, "d": 16, "eps": 0.0084, "m": 10, "m_time": 10, "work": 5, "seconds": 1.0,
          "seconds_repeats": [1.0]}]  # fmt: skip
    out = tradeoff.with_slopes(rows, np.random.default_rng(0), 50, d_eps=16)
    two = [r for r in out if r["k"] == 2]
    assert two[0]["slope_d"] == pytest.approx(3.0) and two[0]["slope_d_lo"] == pytest.approx(3.0)
    expected = np.polyfit(np.log([16, 32, 64]), np.log([math.comb(d, 2) for d in (16, 32, 64)]), 1)
    assert two[0]["slope_work"] == pytest.approx(expected[0])
    four = [r for r in out if r["k"] == 4][0]
    assert np.isnan(four["slope_d"]) and np.isnan(four["slope_work"])
    assert np.isfinite(four["c_eps"])  # two eps at d = 16
    # One k with a slope: no cross-k fit.
    assert np.isnan(four["c_cross"]) and np.isnan(two[0]["c_cross_lo"])


def test_pareto_front():
    front = pareto.pareto_front([1, 2, 3, 1, 5], [0.5, 0.2, 0.3, 0.6, 0.1])
    np.testing.assert_array_equal(front, [True, True, False, False, True])
    # The improper lowdeg beats every ReLU but is never on the proper learners' front.
    mixed = pareto.proper_front(["gd", "lowdeg", "exhaustive"], [1, 0.5, 2], [0.1, -0.2, 0.05])
    np.testing.assert_array_equal(mixed, [True, False, True])


def test_validation_losses_mean_and_standard_error():
    from relu_tradeoffs.hardness.learners import get

    rng = np.random.default_rng(2)
    X, y, W = rng.standard_normal((3000, 4)), rng.random(3000), rng.standard_normal((3, 4)) / 3
    losses, se = pareto.validation_losses(get("gd"), {}, X, y, W, [0, 2], chunk_rows=700)
    direct = (np.maximum(X @ W.T, 0) - y[:, None]) ** 2
    np.testing.assert_allclose(losses, direct.mean(axis=0), rtol=1e-12)
    per_example = direct[:, [0, 2]].mean(axis=1)
    assert se == pytest.approx(per_example.std(ddof=1) / np.sqrt(3000), rel=1e-9)


@pytest.fixture(scope="module")
def k2_instance():
    return pareto.instance_data(rng_for(3, "pareto-test"), 20_000, 200_000, 8, 2, 0.0, "pad")


def test_excess_error_matches_claims_3_and_4(k2_instance):
    """Exhaustive at k' = k finds the witness: excess ~ 0. At k' = 1 < k no direction correlates
    with the parity, so the best is Claim 3's floor: excess ~ floor_excess = eps + b^2/2."""
    data = k2_instance
    b = abs(c_k(2))
    assert data["floor_excess"] == pytest.approx(data["eps"] + b**2 / 2)
    base = {"signs": "parity", "block_mb": 4}
    full = pareto.budget_point(data, "exhaustive", {**base, "k": 2}, lambda: None, 1)
    blind = pareto.budget_point(data, "exhaustive", {**base, "k": 1}, lambda: None, 1)
    se = full["excess_err_se"]  # ~1e-3; training noise adds ~1e-3 (achieved |excess| ~ 1e-3)
    assert abs(full["excess_err"]) < 3 * se + 3e-3
    assert blind["excess_err"] == pytest.approx(data["floor_excess"], abs=3 * se + 3e-3)
    assert full["work"] == 2 * math.comb(8, 2) * 20_000


def test_gd_recovery_point_on_k_2(k2_instance):
    params = {"steps": 100, "step_size": 0.5, "restarts": 1, "init_norm": 0.4, "trace_points": 0}
    row = pareto.recovery_point(k2_instance, params, lambda: rng_for(3, "gd-fit"))
    assert row["exact"] and row["false_positives"] == row["false_negatives"] == 0
    assert row["excess_err"] < k2_instance["eps"]


def test_budgets_label_and_filter():
    got = pareto.budgets("exhaustive", {"signs": "parity"}, {"k": [1, 2, 3, 5]}, 4)
    assert [label for label, _ in got] == ["k=1", "k=2", "k=3"]
    assert got[1][1] == {"signs": "parity", "k": 2}
    gd = pareto.budgets("gd", {"steps": 5, "step_size": 0.5}, {"steps": [10, 30]}, 2)
    assert gd == [
        ("steps=10", {"steps": 10, "step_size": 0.5}),
        ("steps=30", {"steps": 30, "step_size": 0.5}),
    ]


def test_sq_bound_formulas_and_the_choice_of_k():
    ck = {k: float(c_k(k)) for k in range(1, 9)}
    gaps = {k: abs(c) / np.sqrt(2 * np.pi) for k, c in ck.items()}
    # The largest k with gap_k >= 2 eps; odd k >= 3 (c_k = 0) never count.
    assert sq.hard_k(gaps[2] / 2, 0.0, ck) == (2, False)
    assert sq.hard_k(gaps[4] / 2 * 0.999, 0.0, ck) == (4, False)
    assert sq.hard_k(gaps[1], 0.0, ck) == (None, False)
    assert sq.hard_k(1e-9, 0.0, ck) == (8, True)
    assert sq.query_bound(10, 2, 0.1, 0.0) == pytest.approx(4 * 44 * 0.01)
    assert sq.query_bound(10, 2, 0.1, 0.25) == pytest.approx(4 * 44 * 0.01 / 0.25)
    assert sq.cost_bound(10, 2, 0.0) == pytest.approx(2 * np.sqrt(44))
    # The cost bound is min over tau of max(queries, 1/tau^2).
    taus = np.geomspace(1e-3, 1, 20001)
    numeric = np.min(np.maximum(sq.query_bound(10, 2, 1, 0.1) * taus**2, 1 / taus**2))
    assert numeric == pytest.approx(sq.cost_bound(10, 2, 0.1), rel=1e-3)
    assert np.isnan(sq.cost_bound(3, 4, 0.0))
    rows = sq.sq_table([0.01, 0.9], [0.0], [100], [1.0, 0.5], ck)
    assert len(rows) == 4 and rows[0]["parities"] == math.comb(100, 2)
    assert rows[1]["tau"] == 0.005 and rows[2]["k"] is None


def test_lifted_parities_are_orthonormal():
    """The premise of the bound: E[chi_S chi_T] = 0 for S != T under the lift (exact on the cube)."""
    cube = np.array(np.meshgrid(*[[-1, 1]] * 4)).reshape(4, -1).T
    chis = np.array([np.prod(cube[:, list(s)], axis=1) for s in [(0, 1), (0, 2), (1, 3), (2, 3)]])
    np.testing.assert_array_equal(chis @ chis.T / len(cube), np.eye(4))


def _config():
    return yaml.safe_load((ROOT / "config.yaml").read_text())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c["tradeoff"]["scaling"].update(d_eps=999), "'tradeoff.scaling.d_eps'"),
        (
            lambda c: c["tradeoff"]["pareto"]["budgets"].update(gd={"iters": [1]}),
            "'tradeoff.pareto.budgets.gd.iters'",
        ),
        (lambda c: c["tradeoff"]["pareto"]["budgets"].pop("sgd"), "'tradeoff.pareto.budgets.sgd'"),
        (
            lambda c: c["tradeoff"]["pareto"].update(learners=["nope"]),
            "'tradeoff.pareto.learners[0]'",
        ),
        (lambda c: c["hardness"].update(odd_k="skip"), "'tradeoff.scaling.grid[0].k[2]'"),
        (lambda c: c["tradeoff"]["gd"].update(d=[4]), "'tradeoff.gd.k'"),
        (lambda c: c["tradeoff"]["sq"].update(eta=[0.5]), "'tradeoff.sq.eta[0]'"),
        (lambda c: c["tradeoff"]["scaling"].update(repeats=0), "'tradeoff.scaling.repeats'"),
        (lambda c: c["tradeoff"].pop("gd"), "'tradeoff'"),
    ],
)
def test_tradeoff_config_rules_name_the_key(edit, message):
    config = copy.deepcopy(_config())
    edit(config)
    with pytest.raises(ConfigError) as err:
        validate(config, ROOT / "workflow" / "schemas")
    assert message in str(err.value)


def test_cross_exponent_reads_c_of_d_to_the_c_log_1_over_eps_across_k():
    """slope_d = c log(1/eps_k) + b: exact on exact data, an interval that covers c under noise,
    and a slope that does not grow with log(1/eps) gives c near 0 (poly(d) time)."""
    eps = np.array([0.16, 0.066, 0.0084, 0.0019])
    x = np.log(1 / eps)
    c, b, lo, hi = tradeoff.cross_exponent(eps, 0.9 * x + 0.5, 0.9 * x + 0.4, 0.9 * x + 0.6)
    assert (c, b) == (pytest.approx(0.9), pytest.approx(0.5))
    assert lo < 0.9 < hi
    rng = np.random.default_rng(3)
    noisy = 0.9 * x + 0.5 + rng.normal(0, 0.1, size=4)
    c, _, lo, hi = tradeoff.cross_exponent(eps, noisy, noisy - 0.2, noisy + 0.2)
    assert lo < 0.9 < hi and hi - lo < 1.0
    flat = np.full(4, 3.0)
    c, _, lo, hi = tradeoff.cross_exponent(eps, flat, flat - 0.2, flat + 0.2)
    assert c == pytest.approx(0.0, abs=1e-9) and lo < 0 < hi
    two = tradeoff.cross_exponent(eps[:2], x[:2], x[:2], x[:2])
    assert two[0] == pytest.approx(1.0) and np.isnan(two[2])
    assert np.isnan(tradeoff.cross_exponent(eps[:1], [1.0], [1.0], [1.0])[0])
