"""Rule approx_summary: medians over seeds against the two bounds, and fitted log-log slopes.

opt_eff = min(opt, opt_reference): the planted ReLU is not always the best one (leak, parity),
and the reference fit, scored on the same test set, may find a better one.
"""

import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv

PAPER_FACTOR, LINEAR_FACTOR = 10.0, 20.0  # the lead's bounds: 10 opt^(2/3) and 20 opt

log = rule_logger(snakemake.log[0])
e = pd.read_csv(snakemake.input.errors)
e["opt_eff"] = np.minimum(e.opt, e.opt_reference)
s = (
    e.groupby(["noise", "d", "opt_target", "method"], sort=False)
    .agg(
        test_err=("test_err", "median"),
        test_err_q25=("test_err", lambda x: x.quantile(0.25)),
        test_err_q75=("test_err", lambda x: x.quantile(0.75)),
        opt=("opt", "median"),
        opt_reference=("opt_reference", "median"),
        opt_eff=("opt_eff", "median"),
        alpha=("alpha", "median"),
        dist_to_wstar=("dist_to_wstar", "median"),
        seconds=("seconds", "median"),
        runs=("seed", "size"),
    )
    .reset_index()
)
s["ratio"] = s.test_err / s.opt_eff
s["paper_bound"] = PAPER_FACTOR * s.opt ** (2 / 3)
s["linear_bound"] = LINEAR_FACTOR * s.opt
s["within_paper_bound"] = s.test_err <= s.paper_bound
s["within_linear_bound"] = s.test_err <= s.linear_bound


def slope(group):
    """Least-squares slope of log median error against log median opt_eff."""
    x, y = np.log(group.opt_eff), np.log(group.test_err)
    if x.nunique() < 2:
        return pd.Series({"slope": np.nan, "intercept": np.nan, "points": len(group)})
    b, a = np.polyfit(x, y, 1)
    return pd.Series({"slope": b, "intercept": a, "points": len(group)})


noisy = s[s.noise != "none"]
slopes = pd.concat(
    [
        noisy.groupby(["noise", "method"], sort=False).apply(slope, include_groups=False),
        noisy.assign(noise="all")
        .groupby(["noise", "method"], sort=False)
        .apply(slope, include_groups=False),
    ]
).reset_index()
for row in slopes[slopes.noise == "all"].itertuples():
    log.info("slope %-26s %.3f", row.method, row.slope)
write_csv(s, snakemake.output.summary)
write_csv(slopes, snakemake.output.slopes)
