"""Rule theory_figure_claims: the figure of results/theory/claims.csv (theory.figures)."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.theory.figures import claims_figure

log = rule_logger(snakemake.log[0])
apply_style()
table = pd.read_csv(snakemake.input.table)
save_figure(claims_figure(table), snakemake.output)
log.info("drew %d rows of results/theory/claims.csv", len(table))
