"""Rule theory_figure_biased_correlation: the figure of results/theory/biased.csv."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.theory.biased_figures import correlation_figure

log = rule_logger(snakemake.log[0])
apply_style()
table = pd.read_csv(snakemake.input.table, dtype={"labels": str})
save_figure(correlation_figure(table), snakemake.output)
log.info("drew %d rows of %s", len(table), snakemake.input.table)
