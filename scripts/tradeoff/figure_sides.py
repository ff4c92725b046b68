"""Figure tradeoff_sides: cost against 1/eps, both sides of the tradeoff. Top, one panel per d:
the SQ lower bound and the polynomial-regression upper bound (computed), the band between them
shaded; bottom: measured CPU seconds of the exhaustive scan and of degree-l least squares."""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.tradeoff.figures import sides_bounds, sides_measured

log = rule_logger(snakemake.log[0])
apply_style()
t = pd.read_csv(snakemake.input.sides)
ds = snakemake.params.d
fig = plt.figure(figsize=(4.6 * max(len(ds), 2), 7.4))
grid = fig.add_gridspec(2, len(ds))
for column, d in enumerate(ds):
    sides_bounds(fig.add_subplot(grid[0, column]), t[t.d == d], d, snakemake.params.band_opt)
sides_measured(fig.add_subplot(grid[1, :]), t[t.series.isin(["scan", "lowdeg"])])
fig.tight_layout()
save_figure(fig, snakemake.output)
log.info("tradeoff_sides: %d rows, d = %s", len(t), ds)
