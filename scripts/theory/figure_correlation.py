"""Rule theory_figure_correlation: the figure of results/theory/correlation.csv (theory.figures)."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.theory.figures import correlation_figure

log = rule_logger(snakemake.log[0])
apply_style()
table = pd.read_csv(snakemake.input.table)
save_figure(correlation_figure(table), snakemake.output)
log.info("drew %d rows of results/theory/correlation.csv", len(table))
