"""Figure approx_theorem5_chain: each link of Theorem 5's proof chain against alpha."""

import pandas as pd
from relu_tradeoffs.approx.figures import theorem5_chain
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
chain = pd.read_csv(snakemake.input.theorem5)
save_figure(theorem5_chain(chain), snakemake.output)
log.info("%d theorem5 rows drawn", len(chain))
