"""Rule hardness_figure_errors: validation error of h_j per coordinate j (hardness.figures)."""

import pandas as pd
from relu_tradeoffs.hardness.figures import errors_figure
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
coordinates = pd.read_csv(snakemake.input.coordinates)
save_figure(errors_figure(coordinates, snakemake.params.instance), snakemake.output)
log.info("plotted the figure instance %s", snakemake.params.instance)
