"""Rule approx_summary: medians over seeds against the bounds, and log-log slopes of error
against opt per d with bootstrap 95% intervals over seeds and the `none` floor."""

import pandas as pd
from relu_tradeoffs.approx import tables
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
p = snakemake.params
errors = tables.numeric_alpha(pd.read_csv(snakemake.input.errors))
rng = rng_for(p.seed, "approx", "slopes")
slopes = tables.slopes_frame(errors, rng, p.bootstrap, p.floor_share)
for row in slopes[slopes.noise == "all"].itertuples():
    log.info(
        "%s d=%d %-42s slope %.3f [%.3f, %.3f], floor share %.3g",
        row.regime,
        row.d,
        row.method,
        row.slope,
        row.slope_low,
        row.slope_high,
        row.floor_share,
    )
write_csv(tables.summary_table(errors, p.bounds), snakemake.output.summary)
write_csv(slopes, snakemake.output.slopes)
