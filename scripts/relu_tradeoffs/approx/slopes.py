"""Log-log slopes of test error against opt, with a bootstrap 95% interval over seeds.

A point is one (noise, opt target) of a noisy model at one d; its coordinates are the medians
over seeds of opt and of the method's test error. The slope is the least-squares slope of
log(error) against log(opt) over the points. The bootstrap redraws the seeds with replacement
(the same seeds for every point: one seed is one draw of every instance) and refits.
"""

import warnings

import numpy as np


def fit_slope(log_opt, log_err):
    """Least-squares slopes along the last axis (rows are bootstrap draws)."""
    x = log_opt - log_opt.mean(axis=-1, keepdims=True)
    y = log_err - log_err.mean(axis=-1, keepdims=True)
    return (x * y).sum(axis=-1) / (x * x).sum(axis=-1)


def positive(opt, err):
    """opt and err with non-positive entries as NaN, and points left with none dropped.

    A seed whose opt (or error) is 0 on the test set (a small test set can hold no noisy
    point) has no logarithm: it is left out of its point (both coordinates, so the medians
    are over the same seeds), and a point with no seed left is dropped."""
    usable = (opt > 0) & (err > 0)  # NaN (a seed missing from a ragged grid) compares False
    opt, err = (np.where(usable, a, np.nan) for a in (opt, err))
    keep = usable.any(axis=1)
    return opt[keep], err[keep]


def slope_with_interval(opt, err, rng, draws, level=0.95):
    """opt, err: arrays (points, seeds), positive (see :func:`positive`). Returns
    (slope, low, high); NaN if < 2 distinct opts."""
    if len(opt) < 2:
        return np.nan, np.nan, np.nan
    log_opt = np.log(np.nanmedian(opt, axis=1))
    if np.unique(np.round(log_opt, 12)).size < 2:
        return np.nan, np.nan, np.nan
    slope = float(fit_slope(log_opt, np.log(np.nanmedian(err, axis=1))))
    if opt.shape[1] < 2:
        return slope, np.nan, np.nan
    pick = rng.integers(0, opt.shape[1], size=(draws, opt.shape[1]))
    # A ragged grid (a point without some seed) makes some draws all-NaN at that point: those
    # draws give a NaN slope, which the percentiles skip.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        boot_opt = np.log(np.nanmedian(opt[:, pick], axis=2)).T  # (draws, points)
        boot_err = np.log(np.nanmedian(err[:, pick], axis=2)).T
    boot = fit_slope(boot_opt, boot_err)
    tail = (1 - level) / 2 * 100
    low, high = np.nanpercentile(boot, [tail, 100 - tail])
    return slope, float(low), float(high)


def floor(errors, regime, d, method):
    """The finite-sample floor of a (regime, d, method): its median excess test_err - opt under
    `none` (no noise: what the sample size alone costs; NaN if `none` did not run)."""
    t = errors[
        (errors.noise == "none")
        & (errors.regime == regime)
        & (errors.d == d)
        & (errors.method == method)
    ]
    return float((t.test_err - t.opt).median()) if len(t) else np.nan


def slopes_table(errors, rng, draws):
    """Rows (regime, noise, d, method, slope, slope_low, slope_high, points, seeds, floor,
    floor_share, capped_points), noise = "all" pooling every noisy model; one slope per d,
    since the finite-sample floor depends on d. ``floor_share`` is the `none` floor over the
    smallest median error of the slope's points: near 1, the smallest points sit on the floor
    and the slope measures the sample size, not opt. ``errors`` is the errors table."""
    noisy = errors[errors.noise != "none"]
    capped = noisy.m_train_capped.astype(bool) if "m_train_capped" in noisy else noisy.d < 0
    noisy = noisy.assign(capped=capped)
    rows = []
    for (regime, d, method), g in noisy.groupby(["regime", "d", "method"], sort=False):
        base = floor(errors, regime, d, method)
        for noise, part in [("all", g), *g.groupby("noise", sort=False)]:
            index = ["noise", "opt_target"]
            opt = part.pivot_table(index=index, columns="seed", values="opt")
            err = part.pivot_table(index=index, columns="seed", values="test_err")
            opt, err = positive(opt.to_numpy(), err.to_numpy())
            slope, low, high = slope_with_interval(opt, err, rng, draws)
            smallest = np.nanmin(np.nanmedian(err, axis=1)) if len(err) else np.nan
            rows.append(
                {
                    "regime": regime,
                    "noise": noise,
                    "d": d,
                    "method": method,
                    "slope": slope,
                    "slope_low": low,
                    "slope_high": high,
                    "points": len(opt),
                    "seeds": opt.shape[1],
                    "floor": base,
                    "floor_share": base / smallest if smallest > 0 else np.nan,
                    "capped_points": int(part.groupby(index).capped.any().sum()),
                }
            )
    return rows
