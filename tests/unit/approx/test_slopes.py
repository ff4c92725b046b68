"""Slopes of log error against log opt, and their bootstrap interval over seeds."""

import warnings

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.approx import slopes


def power_law(exponent, noise_sd, seeds=8):
    """err = 2 opt^exponent times log-normal noise per (point, seed)."""
    rng = np.random.default_rng(0)
    opt = np.repeat(np.geomspace(1e-3, 1e-1, 5)[:, None], seeds, axis=1)
    err = 2 * opt**exponent * np.exp(noise_sd * rng.standard_normal(opt.shape))
    return opt, err


@pytest.mark.parametrize("exponent", [2 / 3, 1.0])
def test_exact_power_law_gives_its_exponent(exponent):
    opt, err = power_law(exponent, 0.0)
    slope, low, high = slopes.slope_with_interval(opt, err, np.random.default_rng(1), 200)
    assert slope == pytest.approx(exponent, abs=1e-12)
    assert low == pytest.approx(exponent, abs=1e-12) and high == pytest.approx(exponent, abs=1e-12)


def test_interval_covers_the_exponent_and_shrinks_with_noise():
    widths = []
    for sd in (0.3, 0.05):
        opt, err = power_law(2 / 3, sd)
        slope, low, high = slopes.slope_with_interval(opt, err, np.random.default_rng(1), 2000)
        assert low <= 2 / 3 <= high
        widths.append(high - low)
    assert widths[1] < widths[0] / 3


def test_table_pools_noise_models_and_skips_none():
    rows = []
    for noise in ("none", "flip", "band"):
        for target in (0,) if noise == "none" else (0.001, 0.01, 0.1):
            for seed in (0, 1, 2):
                opt = max(target, 1e-5)
                rows.append({"regime": "scaled", "noise": noise, "d": 10, "opt_target": target,
                             "seed": seed, "method": "m", "opt": opt, "test_err": 3 * opt})  # fmt: skip
    table = pd.DataFrame(slopes.slopes_table(pd.DataFrame(rows), np.random.default_rng(0), 100))
    assert set(table.noise) == {"all", "flip", "band"}
    np.testing.assert_allclose(table.slope, 1.0)
    assert (table[table.noise == "all"].points == 6).all()


def test_a_seed_with_zero_opt_is_left_out_of_its_point_not_logged():
    """opt = 0 on one seed (a test set with no noisy point) must neither give -inf nor bias
    the point: the slope of the remaining exact power law is unchanged."""
    opt, err = power_law(2 / 3, 0.0, seeds=4)
    opt[2, 1] = 0.0
    err[2, 1] = 5.0  # its error must leave with it, or the point's median error moves
    kept_opt, kept_err = slopes.positive(opt, err)
    slope, low, high = slopes.slope_with_interval(kept_opt, kept_err, np.random.default_rng(1), 200)
    assert slope == pytest.approx(2 / 3, abs=1e-12) and low == pytest.approx(2 / 3, abs=1e-12)


def test_a_point_with_zero_opt_on_every_seed_is_dropped():
    opt, err = power_law(1.0, 0.0, seeds=3)
    opt[0] = 0.0
    kept_opt, kept_err = slopes.positive(opt, err)
    assert kept_opt.shape == (4, 3) and np.isfinite(np.log(kept_opt)).all()
    assert slopes.slope_with_interval(kept_opt, kept_err, np.random.default_rng(1), 50)[0] == (
        pytest.approx(1.0, abs=1e-12)
    )


def test_fit_slope_fits_each_row_on_its_own():
    """Rows (bootstrap draws) with different opts and exponents: each row's slope is its own
    least-squares fit (numpy's polyfit), whatever the other rows' means."""
    rng = np.random.default_rng(2)
    log_opt = np.log(
        np.array([[1e-3, 1e-2, 1e-1, 0.3], [0.2, 0.3, 0.5, 0.9], [1e-4, 1e-4, 2e-3, 5e-2]])
    )
    log_err = np.array([0.5, 1.0, 2.0])[:, None] * log_opt + 0.1 * rng.standard_normal((3, 4))
    expected = [np.polyfit(x, y, 1)[0] for x, y in zip(log_opt, log_err, strict=True)]
    np.testing.assert_allclose(slopes.fit_slope(log_opt, log_err), expected, rtol=1e-10)


def test_a_seed_with_zero_error_is_left_out_like_a_zero_opt():
    opt, err = power_law(1.0, 0.0, seeds=3)
    err[1, 2] = 0.0
    kept_opt, kept_err = slopes.positive(opt, err)
    assert np.isnan(kept_opt[1, 2]) and np.isnan(kept_err[1, 2])
    assert np.isfinite(kept_opt[1, :2]).all() and np.isfinite(kept_opt[[0, 2, 3, 4]]).all()


def test_close_but_distinct_opts_give_a_slope():
    """Two points 10% apart in opt (their logs round to the same integer) still fit a line."""
    opt = np.array([[0.010] * 3, [0.011] * 3])
    slope, low, high = slopes.slope_with_interval(opt, 2 * opt**1.5, np.random.default_rng(0), 50)
    assert (slope, low, high) == pytest.approx((1.5, 1.5, 1.5), abs=1e-9)


def test_equal_opts_give_no_slope():
    opt = np.full((3, 2), 0.01)
    assert np.isnan(slopes.slope_with_interval(opt, opt, np.random.default_rng(0), 50)).all()
    one = power_law(1.0, 0.0, seeds=1)
    slope, low, high = slopes.slope_with_interval(*one, np.random.default_rng(0), 50)
    assert slope == pytest.approx(1.0, abs=1e-12) and np.isnan(low) and np.isnan(high)


def bootstrap_by_hand(opt, err, seed, draws, level):
    """The percentile interval of the seed bootstrap, one draw at a time: redraw the seeds
    (the generator's first call, as documented), take each point's median over the drawn
    seeds it has, fit with polyfit; a draw leaving a point with no seed is skipped."""
    rng = np.random.default_rng(seed)
    n = opt.shape[1]
    fits = []
    for pick in rng.integers(0, n, size=(draws, n)):
        o, e = opt[:, pick], err[:, pick]
        have = ~np.isnan(o)
        if not have.any(axis=1).all():
            continue
        mo = [np.median(row[h]) for row, h in zip(o, have, strict=True)]
        me = [np.median(row[h]) for row, h in zip(e, have, strict=True)]
        fits.append(np.polyfit(np.log(mo), np.log(me), 1)[0])
    tail = 50 * (1 - level)
    return np.percentile(fits, [tail, 100 - tail])


@pytest.mark.parametrize("seeds, level", [(2, 0.95), (5, 0.95), (5, 0.8), (12, 0.9)])
def test_interval_is_the_percentile_interval_of_the_seed_bootstrap(seeds, level):
    """Few seeds make many draws alike (ties between order statistics); 12 seeds make them
    distinct, so the percentiles must sit at exactly (1 - level) / 2 and its complement."""
    opt, err = power_law(2 / 3, 0.3, seeds=seeds)
    opt = opt * np.exp(0.1 * np.random.default_rng(5).standard_normal(opt.shape))
    slope, low, high = slopes.slope_with_interval(opt, err, np.random.default_rng(7), 400, level)
    expected = np.polyfit(np.log(np.median(opt, 1)), np.log(np.median(err, 1)), 1)[0]
    assert slope == pytest.approx(expected, rel=1e-10)
    assert (low, high) == pytest.approx(bootstrap_by_hand(opt, err, 7, 400, level), rel=1e-9)
    assert low < high


def test_two_seeds_interval_spans_the_two_seeds_exponents():
    """Seed 0 follows opt^(2/3), seed 1 opt^1: a draw holds seed 0 only, seed 1 only or both
    (their mean, whose slope lies between) each with probability >= 1/4, so the 95% interval
    is exactly [2/3, 1]."""
    opt = np.repeat(np.geomspace(1e-3, 1e-1, 5)[:, None], 2, axis=1)
    err = np.stack([opt[:, 0] ** (2 / 3), opt[:, 1]], axis=1)
    slope, low, high = slopes.slope_with_interval(opt, err, np.random.default_rng(0), 400)
    assert 2 / 3 < slope < 1
    assert (low, high) == pytest.approx((2 / 3, 1.0), abs=1e-9)


def test_ragged_grid_skips_draws_without_a_point_and_warns_nothing():
    """A point missing two of four seeds: draws holding neither give a NaN slope, left out of
    the percentiles; nanmedian's all-NaN warnings stay inside."""
    opt, err = power_law(1.0, 0.3, seeds=4)
    opt[2, :2] = err[2, :2] = np.nan
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        slope, low, high = slopes.slope_with_interval(opt, err, np.random.default_rng(3), 400)
    assert np.isfinite([slope, low, high]).all()
    assert (low, high) == pytest.approx(bootstrap_by_hand(opt, err, 3, 400, 0.95), rel=1e-9)


def noisy_table():
    """Two regimes, two methods and two noisy models, each listed in a non-alphabetical order,
    plus `none`; opt and error vary by seed (log-normal), so medians differ from means."""
    rng = np.random.default_rng(11)
    rows = []
    for regime, exponent in (("scaled", 1.0), ("paper", 0.5)):
        for noise in ("none", "flip", "band"):
            for target in (0,) if noise == "none" else (0.001, 0.01, 0.1):
                for seed in (0, 1, 2):
                    for method in ("zeta", "alpha"):
                        opt = max(target, 1e-5) * np.exp(0.1 * rng.standard_normal())
                        err = 2 * opt**exponent * np.exp(0.3 * rng.standard_normal())
                        rows.append({"regime": regime, "noise": noise, "d": 10,
                                     "opt_target": target, "seed": seed, "method": method,
                                     "opt": opt, "test_err": err})  # fmt: skip
    return pd.DataFrame(rows)


def test_table_rows_match_an_independent_fit_per_regime_method_and_noise():
    errors = noisy_table()
    rows = slopes.slopes_table(errors, np.random.default_rng(0), 200)
    # Order of first appearance, the pooled row first.
    assert [(r["regime"], r["method"], r["noise"]) for r in rows] == [
        (g, m, n) for g in ("scaled", "paper") for m in ("zeta", "alpha")
        for n in ("all", "flip", "band")
    ]  # fmt: skip
    for r in rows:
        assert list(r) == ["regime", "noise", "d", "method", "slope", "slope_low", "slope_high",
                           "points", "seeds", "floor", "floor_share", "capped_points"]  # fmt: skip
        none = errors[(errors.regime == r["regime"]) & (errors.method == r["method"])
                      & (errors.noise == "none")]  # fmt: skip
        assert r["floor"] == pytest.approx(np.median(none.test_err - none.opt), rel=1e-12)
        part = errors[(errors.regime == r["regime"]) & (errors.method == r["method"])
                      & (errors.noise != "none")]  # fmt: skip
        if r["noise"] != "all":
            part = part[part.noise == r["noise"]]
        med = part.groupby(["noise", "opt_target"])[["opt", "test_err"]].median()
        expected = np.polyfit(np.log(med.opt), np.log(med.test_err), 1)[0]
        assert r["slope"] == pytest.approx(expected, rel=1e-10)
        assert r["slope_low"] <= r["slope"] <= r["slope_high"] and r["slope_low"] < r["slope_high"]
        assert (r["points"], r["seeds"]) == (len(med), 3)
        assert r["floor_share"] == pytest.approx(r["floor"] / med.test_err.min(), rel=1e-12)
