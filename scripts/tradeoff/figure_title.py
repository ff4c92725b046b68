"""Figure tradeoff (the title figure): excess error on S_j (j not in S) against CPU seconds, per
learner and budget, one panel per k, eps_k dashed, the proper learners' Pareto front boxed. The
y axis is linear within eps_k/4 of zero and logarithmic beyond, so the k = 4 gap and the
improper lowdeg (far below zero) are both readable. Seeds are averaged."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.tradeoff.figures import excess_panel, k_label, note
from relu_tradeoffs.tradeoff.pareto import proper_front

log = rule_logger(snakemake.log[0])
apply_style()
t = pd.read_csv(snakemake.input.pareto)
ks = sorted(t.k.unique()) or [None]
fig, axes = plt.subplots(1, len(ks), figsize=(4.6 * len(ks), 3.9), squeeze=False)
for ax, k in zip(axes[0], ks, strict=True):
    if k is None:
        note(ax, "no pareto rows")
        continue
    rows = t[t.k == k]
    mean = rows.groupby(["learner", "budget"], as_index=False).agg(
        seconds=("seconds", "mean"),
        excess_err=("excess_err", "mean"),
        excess_err_se=("excess_err_se", lambda s: np.sqrt((s**2).sum()) / len(s)),
    )
    mean["front"] = proper_front(mean.learner, mean.seconds, mean.excess_err)
    lines = (rows.eps.iloc[0], rows.floor_excess.iloc[0])
    excess_panel(ax, mean, lines, snakemake.params.learners)
    ax.set_title(
        f"{k_label(k, bool(rows.padded.iloc[0]))}, d = {rows.d.iloc[0]}, "
        f"{rows.seed.nunique()} seed(s)",
        fontsize=9,
    )
fig.tight_layout()
save_figure(fig, snakemake.output)
log.info("tradeoff: %d rows, k = %s", len(t), ks)
