"""Figure approx_ratio: median err/opt per method and (noise, opt target), per regime and d."""

import pandas as pd
from relu_tradeoffs.approx.figures import ratio_heatmaps
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
summary = pd.read_csv(snakemake.input.summary)
save_figure(ratio_heatmaps(summary), snakemake.output)
log.info("%d summary rows drawn", len(summary))
