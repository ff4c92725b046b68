"""Figure hardness_recovery: exact-recovery rate against k and against m_train, per learner."""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

log = rule_logger(snakemake.log[0])
apply_style()
t = pd.read_csv(snakemake.input.sweep)
learners = list(dict.fromkeys(t.learner))
etas, ks = sorted(t.eta.unique()), sorted(t.k.unique())
colors = {name: f"C{i}" for i, name in enumerate(learners)}
fig, axes = plt.subplots(
    1 + len(ks),
    len(etas),
    figsize=(3.8 * len(etas), 2.6 * (1 + len(ks))),
    squeeze=False,
    sharey=True,
)
main = t[t.m_train == snakemake.params.m_train]
for col, eta in enumerate(etas):
    ax = axes[0, col]
    for name in learners:
        rate = main[(main.eta == eta) & (main.learner == name)].groupby("k").exact.mean()
        ax.plot(rate.index, rate.values, "o-", color=colors[name], label=name, alpha=0.8)
    ax.set_title(f"eta = {eta:g}, m_train = {snakemake.params.m_train}")
    ax.set_xlabel("k")
    ax.set_xticks(ks)
    for row, k in enumerate(ks, start=1):
        ax = axes[row, col]
        sub = t[(t.eta == eta) & (t.k == k)]
        for name in learners:
            rate = sub[sub.learner == name].groupby("m_train").exact.mean()
            ax.plot(rate.index, rate.values, "o-", color=colors[name], label=name)
        caveats = []
        if not sub[sub.learner != "lowdeg"].has_gap.all():
            caveats.append("no ReLU gap")
        elif not sub.m_val_reached.all():
            caveats.append("m_val < 100/eps^2")
        ax.set_title(f"eta = {eta:g}, k = {k}" + (f" ({', '.join(caveats)})" if caveats else ""))
        ax.set_xscale("log")
        ax.set_xticks(sorted(t.m_train.unique()), [f"{m:g}" for m in sorted(t.m_train.unique())])
        ax.minorticks_off()
        ax.set_xlabel("m_train (nested prefixes)")
axes[0, 0].set_ylim(-0.05, 1.05)  # a rate: one k or one seed must not zoom onto a point
for ax in axes[:, 0]:
    ax.set_ylabel("exact recovery rate")
axes[0, -1].legend(fontsize=7, loc="best")
fig.tight_layout()
save_figure(fig, snakemake.output)
log.info("plotted %d recovery rows", len(t))
