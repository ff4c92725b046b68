"""Rule theory_figure_biased_gap: the figure of results/theory/biased_gap.csv."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.theory.biased_figures import gap_figure

log = rule_logger(snakemake.log[0])
apply_style()
table = pd.read_csv(snakemake.input.table, dtype={"labels": str})
save_figure(gap_figure(table), snakemake.output)
log.info("drew %d rows of %s", len(table), snakemake.input.table)
