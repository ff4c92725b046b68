"""The approx tables on small hand-made inputs: the joined errors in the contract's column and
row order with the opt check, the Theorem 5 chain and the alpha curves, the medians over seeds
against the bounds, and the slopes frame."""

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.approx import reference, tables
from relu_tradeoffs.approx.theorem5 import HOLDS
from scipy.stats import norm

# Per-job columns in the order a fit job writes them: contract columns interleaved with extras.
JOB_COLUMNS = [
    "regime", "noise", "d", "opt_target", "seed", "method", "opt_planted", "test_err",
    "gap_se", "opt", "alpha", "dist_to_wstar", "dist_to_wopt", "opt_reference", "opt_se",
    "opt_floor", "seconds",
]  # fmt: skip
EXTRAS = [c for c in JOB_COLUMNS if c not in tables.ERRORS_COLUMNS]
# The config's order, not alphabetical: the errors table orders methods by it.
METHODS = ["surrogate", "gd", "alg2_paper"]


def job(regime, noise, seed, methods=("alg2_paper", "surrogate", "gd"), targets=(0.1, 0.01)):
    """One fit job's rows: every target, methods in the given (job) order; test_err 2 opt,
    well above opt - 3 s.e., and opt well above the floor."""
    rows = []
    for target in targets:
        for method in methods:
            rows.append({
                "regime": regime, "noise": noise, "d": 10, "opt_target": target, "seed": seed,
                "method": method, "opt_planted": target, "test_err": 2 * target,
                "gap_se": target / 100, "opt": target, "alpha": 0.5 if method == "alg2_paper" else "",
                "dist_to_wstar": 0.1, "dist_to_wopt": 0.2, "opt_reference": target,
                "opt_se": target / 100, "opt_floor": 0.0, "seconds": 1.0,
            })  # fmt: skip
    return pd.DataFrame(rows, columns=JOB_COLUMNS)


def jobs():
    """Jobs in no sorted order (as Snakemake lists them, say)."""
    return [job("scaled", "flip", 1), job("scaled", "band", 0), job("paper", "flip", 0),
            job("scaled", "flip", 0)]  # fmt: skip


OPT_CHECK = {"z": 3.0, "fwer": 0.01}


def test_errors_table_puts_contract_columns_first_and_sorts_by_instance_then_config_method():
    frames = jobs()
    errors, _ = tables.errors_table(frames, METHODS, OPT_CHECK)
    assert list(errors.columns) == tables.ERRORS_COLUMNS + EXTRAS
    assert len(errors) == sum(map(len, frames)) == 4 * 2 * 3
    assert errors.index.equals(pd.RangeIndex(len(errors)))
    # The expected order, computed by Python's sort on tuples.
    keys = ["regime", "noise", "d", "opt_target", "seed"]
    rows = pd.concat(frames).to_dict("records")
    expected = sorted(rows, key=lambda r: (*(r[k] for k in keys), METHODS.index(r["method"])))
    got = errors[keys + ["method"]].to_dict("records")
    assert got == [{k: r[k] for k in keys + ["method"]} for r in expected]
    assert errors.method.iloc[:3].tolist() == METHODS  # first instance: config order
    # Values travel with their rows.
    np.testing.assert_allclose(errors.test_err, 2 * errors.opt_target)
    assert (errors.alpha[errors.method == "alg2_paper"] == 0.5).all()


@pytest.mark.parametrize("z, fwer", [(3.0, 0.01), (4.0, 0.01), (2.0, 0.01), (3.0, 0.001)])
def test_errors_table_returns_the_opt_check_summary(z, fwer):
    frames = jobs()
    # One row 3.2 s.e. below opt: below z = 3, not below the Bonferroni threshold (3.34 for
    # 24 rows at fwer 0.01), so it counts in below_z without failing.
    frames[0].loc[0, "test_err"] = frames[0].opt[0] - 3.2 * frames[0].gap_se[0]
    _, check = tables.errors_table(frames, METHODS, {"z": z, "fwer": fwer})
    n = 24
    threshold = max(z, norm.ppf(1 - fwer / n))
    assert check["rows"] == n
    assert check["threshold"] == pytest.approx(threshold, rel=1e-9)
    assert check["below_z"] == (1 if z < 3.2 else 0)
    assert check["chance_below_z"] == pytest.approx(n * norm.sf(z), rel=1e-9)


def test_errors_table_raises_not_optimal_naming_the_instance():
    frames = jobs()
    row = frames[3].index[(frames[3].method == "gd") & (frames[3].opt_target == 0.01)][0]
    frames[3].loc[row, "test_err"] = 0.01 - 5 * 0.0001  # 5 s.e. below opt
    with pytest.raises(
        reference.NotOptimal, match=r"1 run\(s\): scaled/flip/d10/opt0.01/seed0: gd"
    ):
        tables.errors_table(frames, METHODS, OPT_CHECK)


def test_errors_table_raises_below_floor_at_the_opt_checks_threshold():
    """opt 3.2 s.e. below the floor passes (the threshold is Bonferroni's 3.34 for 24 rows, not
    z = 3); 5 s.e. below fails, naming the instance once."""
    frames = jobs()
    inst = (frames[2].opt_target == 0.1).to_numpy()
    frames[2].loc[inst, "opt_floor"] = 0.1 + 3.2 * 0.001
    tables.errors_table(frames, METHODS, OPT_CHECK)
    frames[2].loc[inst, "opt_floor"] = 0.1 + 5 * 0.001
    with pytest.raises(reference.BelowFloor, match=r"floor on paper/flip/d10/opt0.1/seed0: opt"):
        tables.errors_table(frames, METHODS, OPT_CHECK)


def chain_rows(seed, learner, alphas, noise="flip"):
    return pd.DataFrame([
        {"alpha_factor": a / 0.2, "seed": seed, "learner": learner, "regime": "scaled",
         "noise": noise, "d": 10, "opt_target": 0.01, "opt": 0.01, "alpha": a,
         "err01_wstar": 0.1, "err01_bound": 0.2, "err01_bound_paper": 0.3, "err01_w": 0.1,
         "dist_w_wstar": 0.1, "test_err": 0.02, "err_bound": 0.5}
        | dict.fromkeys(HOLDS, True)
        for a in alphas
    ])  # fmt: skip


def test_theorem5_table_joins_the_nonempty_jobs_contract_columns_first_sorted():
    frames = [chain_rows(1, "average", [0.3, 0.1]), pd.DataFrame(columns=["regime"]),
              chain_rows(0, "average", [0.2]), chain_rows(0, "abl14", [0.4, 0.1], noise="band")]  # fmt: skip
    chain = tables.theorem5_table(frames)
    assert list(chain.columns) == [*tables.THEOREM5_COLUMNS, "alpha_factor"]
    assert chain.index.equals(pd.RangeIndex(5))
    assert list(zip(chain.noise, chain.seed, chain.learner, chain.alpha, strict=True)) == [
        ("band", 0, "abl14", 0.1), ("band", 0, "abl14", 0.4), ("flip", 0, "average", 0.2),
        ("flip", 1, "average", 0.1), ("flip", 1, "average", 0.3),
    ]  # fmt: skip
    np.testing.assert_allclose(chain.alpha_factor, chain.alpha / 0.2)


def test_theorem5_table_of_only_empty_jobs_is_empty_with_the_contract_columns():
    """A grid whose every opt is 0 (the scaled regime with only `none`) has no chain rows: each
    job writes a header-only file."""
    chain = tables.theorem5_table([pd.DataFrame(columns=["regime"])] * 2)
    assert chain.empty and list(chain.columns) == tables.THEOREM5_COLUMNS


CURVE_EMPTY = ["regime", "noise", "d", "opt_target", "seed", "method", "alpha", "val_err",
               "test_err", "selected"]  # fmt: skip


def curve_rows(seed, method, alphas):
    return pd.DataFrame([
        {"regime": "scaled", "noise": "flip", "d": 10, "opt_target": 0.01, "seed": seed,
         "method": method, "alpha": a, "val_err": a / 10, "test_err": a / 5, "selected": a == 0.2}
        for a in alphas
    ])  # fmt: skip


def test_curve_table_joins_the_nonempty_curves_sorted():
    frames = [curve_rows(1, "alg2", [0.3, 0.1]), pd.DataFrame(columns=["regime"]),
              curve_rows(0, "alg2_sur", [0.2, 0.1]), curve_rows(0, "alg2", [0.2])]  # fmt: skip
    curve = tables.curve_table(frames)
    assert list(curve.columns) == CURVE_EMPTY
    assert curve.index.equals(pd.RangeIndex(5))
    assert list(zip(curve.seed, curve.method, curve.alpha, strict=True)) == [
        (0, "alg2", 0.2), (0, "alg2_sur", 0.1), (0, "alg2_sur", 0.2), (1, "alg2", 0.1),
        (1, "alg2", 0.3),
    ]  # fmt: skip
    np.testing.assert_allclose(curve.val_err, curve.alpha / 10)


def test_curve_table_of_no_curves_is_empty_with_the_key_columns():
    for frames in ([], [pd.DataFrame(columns=["regime"]), pd.DataFrame()]):
        curve = tables.curve_table(frames)
        assert curve.empty and list(curve.columns) == CURVE_EMPTY


def test_numeric_alpha_makes_rivals_nan_and_keeps_the_rest():
    errors = pd.DataFrame({"method": ["gd", "alg2", "alg2", "gd"],
                           "alpha": ["", "0.25", 0.5, np.nan], "seed": [0, 1, 2, 3]})  # fmt: skip
    out = tables.numeric_alpha(errors)
    assert out.alpha.dtype == np.float64
    np.testing.assert_array_equal(out.alpha, [np.nan, 0.25, 0.5, np.nan])
    assert list(out.columns) == ["method", "alpha", "seed"] and out.seed.tolist() == [0, 1, 2, 3]


SUMMARY_COLUMNS = [
    "regime", "noise", "d", "opt_target", "method", "test_err", "test_err_q25", "test_err_q75",
    "opt", "opt_planted", "opt_reference", "opt_floor", "alpha", "dist_to_wstar", "dist_to_wopt",
    "seconds", "trivial_err", "yx_se", "m_train", "m_train_capped", "runs", "ratio",
    "statement_K", "statement_eps", "paper_bound", "within_paper_bound", "paper_judged",
    "paper_K_needed", "stein_bound", "within_stein_bound", "stein_judged",
]  # fmt: skip
MEDIANS = ["opt", "opt_planted", "opt_reference", "alpha", "dist_to_wstar", "dist_to_wopt",
           "seconds", "trivial_err", "yx_se", "m_train"]  # fmt: skip
BOUNDS = {"statement": {"K": 10.0, "eps": 0.0}, "step": {"K": 4.0, "eps": 0.0625}, "stein_z": 2.0}


def noisy_errors():
    """Two noises (band before flip, as the errors table sorts them), two targets, methods in
    the config's order; 3 or 4 seeds per group, every column its own random values."""
    rng = np.random.default_rng(3)
    rows = []
    for noise in ("band", "flip"):
        for target in (0.001, 0.01):
            for seed in range(3 if noise == "band" else 4):
                for method in ("surrogate", "gd"):
                    rows.append({
                        "regime": "scaled", "noise": noise, "d": 10, "opt_target": target,
                        "seed": seed, "method": method, "opt_floor": 0.0,
                        "m_train_capped": seed == 0,
                        **{c: rng.uniform(0.5, 2) * target for c in [*MEDIANS, "test_err"]},
                    })  # fmt: skip
    return pd.DataFrame(rows)


def test_summary_medians_and_quartiles_over_seeds_per_group():
    errors = noisy_errors()
    s = tables.summary_table(errors, BOUNDS)
    assert list(s.columns) == SUMMARY_COLUMNS
    assert s.m_train_capped.all()  # seed 0 was capped in every group: the group says so
    # One row per group, in the errors table's order (methods in the config's order).
    groups = ["noise", "opt_target", "method"]
    assert list(zip(*(s[g] for g in groups), strict=True)) == [
        (n, t, m) for n in ("band", "flip") for t in (0.001, 0.01) for m in ("surrogate", "gd")
    ]
    for row in s.itertuples():
        g = errors[(errors.noise == row.noise) & (errors.opt_target == row.opt_target)
                   & (errors.method == row.method)]  # fmt: skip
        assert row.runs == len(g) == (3 if row.noise == "band" else 4)
        assert row.test_err == pytest.approx(np.median(g.test_err), rel=1e-12)
        q25, q75 = np.percentile(g.test_err.to_numpy(), [25, 75])
        assert (row.test_err_q25, row.test_err_q75) == pytest.approx((q25, q75), rel=1e-12)
        assert row.test_err_q25 < row.test_err < row.test_err_q75
        for c in MEDIANS:
            assert getattr(row, c) == pytest.approx(np.median(g[c]), rel=1e-12), c
        assert row.ratio == pytest.approx(row.test_err / np.median(g.opt), rel=1e-12)
        assert row.paper_bound == pytest.approx(10 * np.cbrt(row.opt) ** 2, rel=1e-12)
        # the Stein bound on the ball: (3 sqrt(opt) + 2 z se)^2, z = 2
        stein = (3 * np.sqrt(row.opt) + 4 * row.yx_se) ** 2
        assert row.stein_bound == pytest.approx(stein, rel=1e-12)
        assert row.paper_judged == (row.paper_bound < row.trivial_err)
        assert row.paper_K_needed == pytest.approx(row.test_err / np.cbrt(row.opt) ** 2, rel=1e-12)


def test_summary_quartiles_of_four_seeds_by_hand():
    errors = noisy_errors()
    errors = errors[
        (errors.noise == "flip") & (errors.opt_target == 0.01) & (errors.method == "gd")
    ]
    s = tables.summary_table(errors.assign(test_err=[4.0, 1.0, 3.0, 2.0]), BOUNDS)
    assert (s.test_err[0], s.test_err_q25[0], s.test_err_q75[0], s.runs[0]) == (2.5, 1.75, 3.25, 4)


def test_summary_bounds_and_flags_at_their_boundaries():
    """opt = 0.125: 10 opt^(2/3) = 2.5 exactly. An error equal to the bound is within it, the
    next float above is not. The Stein bound at opt = 0.01, se = 0: 9 opt (ball) = 0.09 and
    25 opt (sphere) = 0.25; a bound is judged only below E[y^2] (trivial_err = 0.2)."""
    above = np.nextafter(2.5, 3)
    cases = [("scaled", 0.125, 2.5, True), ("scaled", 0.125, above, False),
             ("scaled", 0.001, 0.05, True), ("scaled", 0.01, 0.09, True),
             ("paper", 0.01, 0.25, True), ("scaled", 0.0, 0.01, False)]  # fmt: skip
    errors = pd.DataFrame([
        {"regime": regime, "noise": "flip", "d": 10, "opt_target": i, "seed": 0, "method": "m",
         "opt": opt, "test_err": err, "opt_floor": 0.0, "trivial_err": 0.2, "yx_se": 0.0,
         "m_train_capped": False}
        | dict.fromkeys(["opt_planted", "opt_reference", "alpha", "dist_to_wstar", "dist_to_wopt",
                         "seconds", "m_train"], 1.0)
        for i, (regime, opt, err, _) in enumerate(cases)
    ])  # fmt: skip
    s = tables.summary_table(errors, BOUNDS)
    assert s.within_paper_bound.tolist() == [c[3] for c in cases]
    np.testing.assert_allclose(s.paper_bound[:3], [2.5, 2.5, 0.1], rtol=1e-12)
    assert s.paper_judged.tolist() == [False, False, True, False, False, True]
    np.testing.assert_allclose(s.stein_bound[3:], [0.09, 0.25, 0.0], rtol=1e-12)
    assert s.within_stein_bound[3:].tolist() == [True, True, False]
    assert s.stein_judged[3:].tolist() == [True, False, True]
    # ratio = test_err / opt, NaN (not inf) where opt = 0.
    np.testing.assert_allclose(s.ratio[:3], [20.0, above / 0.125, 50.0], rtol=1e-12)
    assert np.isnan(s.ratio[5]) and np.isnan(s.paper_K_needed[5])


def test_summary_stein_bound_takes_the_sampling_allowance():
    """se > 0 widens the bound by 2 z se inside the square on the ball, 4 z se on the sphere."""
    errors = pd.DataFrame([
        {"regime": regime, "noise": "flip", "d": 10, "opt_target": 0.01, "seed": 0, "method": "m",
         "opt": 0.01, "test_err": 0.1, "opt_floor": 0.0, "trivial_err": 0.2, "yx_se": 0.01,
         "m_train_capped": False}
        | dict.fromkeys(["opt_planted", "opt_reference", "alpha", "dist_to_wstar", "dist_to_wopt",
                         "seconds", "m_train"], 1.0)
        for regime in ("scaled", "paper")
    ])  # fmt: skip
    s = tables.summary_table(errors, BOUNDS)
    np.testing.assert_allclose(s.stein_bound, [(0.3 + 0.04) ** 2, (0.5 + 0.08) ** 2], rtol=1e-12)


SLOPES_COLUMNS = ["regime", "noise", "d", "method", "slope", "slope_low", "slope_high", "points",
                  "seeds", "floor", "floor_share", "capped_points", "powered"]  # fmt: skip


def power_law_errors(seeds=(0, 1, 2)):
    """err = 3 opt on every seed of two noises at three targets: slope 1, interval [1, 1]."""
    rows = [
        {"regime": "scaled", "noise": noise, "d": 10, "opt_target": t, "seed": s, "method": "m",
         "opt": t, "test_err": 3 * t}
        for noise in ("band", "flip") for t in (0.001, 0.01, 0.1) for s in seeds
    ]  # fmt: skip
    return pd.DataFrame(rows)


def test_slopes_frame_has_its_columns_and_counts():
    frame = tables.slopes_frame(power_law_errors(), np.random.default_rng(0), 20, 0.5)
    assert list(frame.columns) == SLOPES_COLUMNS
    assert frame.floor.isna().all() and not frame.powered.any()  # no `none`: no floor known
    assert frame.noise.tolist() == ["all", "band", "flip"]
    assert frame.points.tolist() == [6, 3, 3] and frame.seeds.tolist() == [3, 3, 3]
    np.testing.assert_allclose(frame[["slope", "slope_low", "slope_high"]], 1.0, atol=1e-12)


def test_slopes_frame_of_only_none_is_empty_with_its_columns():
    errors = power_law_errors().assign(noise="none")
    frame = tables.slopes_frame(errors, np.random.default_rng(0), 20, 0.5)
    assert frame.empty and list(frame.columns) == SLOPES_COLUMNS
