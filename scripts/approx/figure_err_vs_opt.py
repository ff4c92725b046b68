"""Figure approx_err_vs_opt: median test error against opt, per regime, d and noise model."""

import pandas as pd
from relu_tradeoffs.approx.figures import err_vs_opt
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
summary = pd.read_csv(snakemake.input.summary)
save_figure(err_vs_opt(summary, pd.read_csv(snakemake.input.slopes)), snakemake.output)
log.info("%d summary rows drawn", len(summary))
