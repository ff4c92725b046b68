"""Figure approx_alpha: Algorithm 2's test error / opt against its threshold alpha."""

import pandas as pd
from relu_tradeoffs.approx.figures import alpha_curves
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
curve = pd.read_csv(snakemake.input.alpha_curve)
save_figure(alpha_curves(curve), snakemake.output)
log.info("%d alpha-curve rows drawn", len(curve))
