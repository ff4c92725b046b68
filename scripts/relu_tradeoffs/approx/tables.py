"""The approx tables: joined per-job rows in the contract's column order, the opt check, medians
over seeds against the bounds, and the slopes.

opt (column ``opt``) is min(planted, reference) on the test set everywhere: ratios, bounds,
flags and slopes use it and nothing else. The negative controls (``config.CONTROLS``) are rows
of their own, after the methods; the opt check skips them (w = 0 is not in the paper's class).
"""

import numpy as np
import pandas as pd

from relu_tradeoffs.approx import reference, slopes, theorem5
from relu_tradeoffs.approx.config import CONTROLS

# The output contract's columns first (docs/approx.md), extras after.
ERRORS_COLUMNS = [
    "regime", "noise", "d", "opt_target", "opt", "method", "alpha", "seed", "test_err",
    "dist_to_wstar", "seconds",
]  # fmt: skip
THEOREM5_COLUMNS = [
    "regime", "noise", "d", "opt_target", "seed", "learner", "opt", "alpha", "err01_wstar",
    "err01_bound", "err01_bound_paper", "err01_w", "dist_w_wstar", "test_err", "err_bound",
    *theorem5.HOLDS,
]  # fmt: skip
KEYS = list(reference.INSTANCE)
# The Stein bound of the surrogate 2 E[y x] projected on the class. Under N(0, I),
# E[ReLU(w*.x) x] = w*/2, so ||2 E[y x] - w*|| = 2 ||E[(y - ReLU_w*(x)) x]|| <= 2 sqrt(opt),
# plus 2 ||E_hat - E|| (about 2 z yx_se) for the sample; projecting on the ball moves no closer
# point away (factor 1), on the sphere at most doubles the distance (factor 2); and
# err(w) <= (sqrt(opt) + ||w - w*||)^2 (ReLU is 1-Lipschitz). Per regime: (a, b) in
# err <= (a sqrt(opt) + b z yx_se)^2, i.e. 9 opt on the ball, 25 opt on the sphere.
STEIN = {"scaled": (3.0, 2.0), "paper": (5.0, 4.0)}


def ordered(table, columns, sort_by):
    table = table[columns + [c for c in table.columns if c not in columns]]
    return table.sort_values(sort_by, ignore_index=True, kind="stable")


def errors_table(frames, methods, opt_check):
    """The joined errors and the opt check's summary (reference.check_opt); raises
    reference.NotOptimal if a method beats opt (``opt_check``: {z, fwer}) and
    reference.BelowFloor if an opt lies below its class's floor by as many standard errors."""
    errors = pd.concat(frames, ignore_index=True)
    rank = {m: i for i, m in enumerate([*methods, *CONTROLS])}
    errors = errors.assign(method_rank=errors.method.map(rank))
    errors = ordered(errors, ERRORS_COLUMNS, [*KEYS, "method_rank"]).drop(columns="method_rank")
    records = errors[~errors.method.isin(CONTROLS)].to_dict("records")
    check = reference.check_opt(records, opt_check["z"], opt_check["fwer"])
    reference.check_floor(records, check["threshold"])
    return errors, check


def theorem5_table(frames):
    """The joined chain rows; empty (with the contract columns) when no job has any (every opt
    0 on its test set, e.g. the scaled regime with only `none`: pd.concat of none raises)."""
    frames = [f for f in frames if len(f)]
    if not frames:
        return pd.DataFrame(columns=THEOREM5_COLUMNS)
    chain = pd.concat(frames, ignore_index=True)
    return ordered(chain, THEOREM5_COLUMNS, [*KEYS, "learner", "alpha"])


def summary_table(errors, bounds):
    """Medians over seeds per (regime, noise, d, opt target, method) against the bounds of
    ``bounds`` (config approx.bounds): Theorem 5's ``K opt^(2/3) + eps`` and the Stein bound.
    A bound is judged (``*_judged``) only where it lies below the trivial error E[y^2] (the
    error of w = 0): at or above it every predictor passes, w = 0 included."""
    s = (
        errors.groupby(["regime", "noise", "d", "opt_target", "method"], sort=False)
        .agg(
            test_err=("test_err", "median"),
            test_err_q25=("test_err", lambda x: x.quantile(0.25)),
            test_err_q75=("test_err", lambda x: x.quantile(0.75)),
            opt=("opt", "median"),
            opt_planted=("opt_planted", "median"),
            opt_reference=("opt_reference", "median"),
            opt_floor=("opt_floor", "first"),
            alpha=("alpha", "median"),
            dist_to_wstar=("dist_to_wstar", "median"),
            dist_to_wopt=("dist_to_wopt", "median"),
            seconds=("seconds", "median"),
            trivial_err=("trivial_err", "median"),
            yx_se=("yx_se", "median"),
            m_train=("m_train", "median"),
            m_train_capped=("m_train_capped", "any"),
            runs=("seed", "size"),
        )
        .reset_index()
    )
    # err / opt is undefined where a test set holds no noisy point (opt = 0): NaN, not inf.
    s["ratio"] = (s.test_err / s.opt).where(s.opt > 0)
    rate = s.opt ** (2 / 3)
    K, eps = bounds["statement"]["K"], bounds["statement"]["eps"]
    s["statement_K"], s["statement_eps"] = K, eps
    s["paper_bound"] = K * rate + eps
    s["within_paper_bound"] = s.test_err <= s.paper_bound
    s["paper_judged"] = s.paper_bound < s.trivial_err
    s["paper_K_needed"] = ((s.test_err - eps).clip(lower=0) / rate).where(s.opt > 0)
    a, b = np.array([STEIN[r] for r in s.regime]).reshape(-1, 2).T
    s["stein_bound"] = (a * np.sqrt(s.opt) + b * bounds["stein_z"] * s.yx_se) ** 2
    s["within_stein_bound"] = s.test_err <= s.stein_bound
    s["stein_judged"] = s.stein_bound < s.trivial_err
    return s


def slopes_frame(errors, rng, draws, floor_share):
    """The slopes (slopes.slopes_table); ``powered``: the `none` floor is at most
    ``floor_share`` of the smallest point's error (config approx.slopes.floor_share)."""
    frame = pd.DataFrame(
        slopes.slopes_table(errors, rng, draws),
        columns=[
            "regime",
            "noise",
            "d",
            "method",
            "slope",
            "slope_low",
            "slope_high",
            "points",
            "seeds",
            "floor",
            "floor_share",
            "capped_points",
        ],
    )
    return frame.assign(powered=frame.floor_share <= floor_share)


def numeric_alpha(errors):
    """alpha as a float column (empty for the rivals -> NaN)."""
    return errors.assign(alpha=pd.to_numeric(errors.alpha, errors="coerce").astype(float))


def curve_table(frames):
    """The validation curves; empty (with the key columns) when no method chose alpha."""
    curve = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(map(len, frames))
        else None
    )
    if curve is None:
        return pd.DataFrame(columns=[*KEYS, "method", "alpha", "val_err", "test_err", "selected"])
    return curve.sort_values([*KEYS, "method", "alpha"], ignore_index=True)
