"""Figure hardness_runtime: learner seconds (all coordinates) against d, log-log, per k.

The legend gives the exponent a of a least-squares fit seconds ~ d^a over the grid's d.
"""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
t = pd.read_csv(snakemake.input.recovery)
learners = list(dict.fromkeys(t.learner))
ks = sorted(t.k.unique())
fig, axes = plt.subplots(
    1, len(learners), figsize=(3.3 * len(learners), 3.4), squeeze=False, sharey=True
)
exponents = {}
for ax, name in zip(axes[0], learners, strict=True):
    for i, k in enumerate(ks):
        sub = t[(t.learner == name) & (t.k == k)]
        mean = sub.groupby("d").seconds.median()
        label = f"k = {k}"
        if len(mean) >= 2:
            slope = np.polyfit(np.log(sub.d), np.log(sub.seconds), 1)[0]
            exponents[f"{name}_k{k}"] = slope
            label += rf": $d^{{{slope:.1f}}}$"
        ax.scatter(sub.d, sub.seconds, color=f"C{i}", s=8, alpha=0.4)
        ax.plot(mean.index, mean.values, "o-", color=f"C{i}", label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xticks(sorted(t.d.unique()), [str(d) for d in sorted(t.d.unique())])
    ax.minorticks_off()
    ax.set_title(name)
    ax.set_xlabel("d")
    ax.legend(fontsize=7)
axes[0, 0].set_ylabel("learner seconds (all coordinates)")
save_figure(fig, snakemake.output)
for key, slope in exponents.items():
    log.info("fitted runtime exponent %s: %.2f", key, slope)
