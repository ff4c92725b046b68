"""Slopes of log error against log opt, and their bootstrap interval over seeds."""

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
