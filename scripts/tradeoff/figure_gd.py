"""Figure tradeoff_gd: what a budgeted projected GD does on lifted k-SLPN instances: Algorithm 1's
exact-recovery rate (top) and its excess error on S_j, j not in S (bottom) against d, one line per
budget (m_train, steps), one column per k. An experiment, not a proof of Theorem 4."""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.tradeoff.figures import gd_panels, note

log = rule_logger(snakemake.log[0])
apply_style()
t = pd.read_csv(snakemake.input.gd)
ks = sorted(t.k.unique()) or [None]
fig, axes = plt.subplots(2, len(ks), figsize=(4.4 * len(ks), 6.2), squeeze=False, sharex="col")
for column, k in enumerate(ks):
    if k is None:
        note(axes[0, 0], "no gd rows")
        continue
    gd_panels(axes[0, column], axes[1, column], t[t.k == k], k)
fig.tight_layout()
save_figure(fig, snakemake.output)
log.info("tradeoff_gd: %d rows", len(t))
