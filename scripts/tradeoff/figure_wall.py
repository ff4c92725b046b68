"""Figure tradeoff_wall: the exhaustive learner's CPU time against d per k (left, log-log, fitted
exponents), each k's exponent against log(1/eps_k) with the cross-k fit (middle) and the time
against log(1/eps) at d = d_eps (right, a fixed-d fit that any polynomial scan passes)."""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.tradeoff.figures import slope_in_eps, wall_in_d, wall_in_eps

log = rule_logger(snakemake.log[0])
apply_style()
scaling = pd.read_csv(snakemake.input.scaling)
fig, (left, middle, right) = plt.subplots(1, 3, figsize=(13, 3.8))
wall_in_d(left, scaling)
slope_in_eps(middle, scaling)
wall_in_eps(right, scaling, snakemake.params.d_eps)
m = ", ".join(f"k={k}: m={m}" for k, m in scaling.groupby("k").m.first().items())
fig.suptitle(f"Exhaustive scan, CPU time charged for m = m_factor/eps^2 examples ({m})", fontsize=8)
fig.tight_layout()
save_figure(fig, snakemake.output)
log.info("tradeoff_wall: %d rows", len(scaling))
