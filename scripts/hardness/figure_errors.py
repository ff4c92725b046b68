"""Figure hardness_errors: validation error of h_j per coordinate j, one panel per learner."""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
inst = snakemake.params.instance
t = pd.read_csv(snakemake.input.coordinates)
t = t[(t.d == inst["d"]) & (t.k == inst["k"]) & (t.eta == inst["eta"]) & (t.seed == inst["seed"])]
learners = list(dict.fromkeys(t.learner))
fig, axes = plt.subplots(1, len(learners), figsize=(3.4 * len(learners), 3.4), squeeze=False)
for ax, name in zip(axes[0], learners, strict=True):
    c = t[t.learner == name].sort_values("coordinate")
    colors = ["C3" if s else "C0" for s in c.in_support]
    ax.bar(c.coordinate, c.val_err, color=colors, width=0.7)
    threshold = c.threshold.iloc[0]
    ax.axhline(threshold, color="k", ls="--", lw=1, label=f"threshold {threshold:.4f}")
    low, high = c.val_err.min(), c.val_err.max()
    pad = max(high - low, abs(threshold - low), 1e-3) * 0.3
    ax.set_ylim(min(low, threshold) - pad, max(high, threshold) + pad)
    note = "" if c.has_gap.iloc[0] else " (no gap)"
    ax.set_title(f"{name}{note}")
    ax.set_xlabel("dropped coordinate j")
    ax.set_xticks(c.coordinate)
    ax.legend(loc="lower right", fontsize=7)
axes[0, 0].set_ylabel(r"validation error of $h_j$ on $V_j$")
m_train, m_val = t.m_train.iloc[0], t.m_val.iloc[0]
fig.suptitle(
    f"d = {inst['d']}, k = {inst['k']}, eta = {inst['eta']:g}, seed {inst['seed']}: "
    f"red = j in S (m_train = {m_train}, m_val = {m_val})",
    y=1.02,
)
save_figure(fig, snakemake.output)
log.info("plotted %d coordinates for %d learners", len(t), len(learners))
