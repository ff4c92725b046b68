"""Rule approx_summary: medians over seeds against the bounds, and log-log slopes of error
against opt with bootstrap 95% intervals over seeds."""

import pandas as pd
from relu_tradeoffs.approx import tables
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
p = snakemake.params
errors = tables.numeric_alpha(pd.read_csv(snakemake.input.errors))
slopes = tables.slopes_frame(errors, rng_for(p.seed, "approx", "slopes"), p.bootstrap)
for row in slopes[slopes.noise == "all"].itertuples():
    log.info(
        "%s %-42s slope %.3f [%.3f, %.3f]",
        row.regime,
        row.method,
        row.slope,
        row.slope_low,
        row.slope_high,
    )
write_csv(tables.summary_table(errors), snakemake.output.summary)
write_csv(slopes, snakemake.output.slopes)
