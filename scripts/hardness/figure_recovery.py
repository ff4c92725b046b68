"""Rule hardness_figure_recovery: exact-recovery rate against k and m_train (hardness.figures)."""

import pandas as pd
from relu_tradeoffs.hardness.figures import recovery_figure
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
sweep = pd.read_csv(snakemake.input.sweep)
save_figure(recovery_figure(sweep, snakemake.params.m_train), snakemake.output)
log.info("plotted %d recovery rows", len(sweep))
