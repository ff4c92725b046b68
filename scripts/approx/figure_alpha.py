"""Figure approx_alpha: Algorithm 2's test error against its threshold alpha, per opt target.

Curves are medians over seeds of test error / opt of models fitted on the fit part of the training set at each
alpha of the grid; the paper's alpha = opt^(1/3) is the dotted line of the same colour and the
alpha most often chosen on validation data the open circle. Shows alg2_abl14 if it ran, else
the first validated Algorithm 2 method (approx_config requires one).
"""

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.ticker import NullFormatter
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

apply_style()
c = pd.read_csv(snakemake.input.alpha_curve)
method = "alg2_abl14" if (c.method == "alg2_abl14").any() else c.method.iloc[0]
c = c[c.method == method]
noises = list(dict.fromkeys(c.noise))
ds = sorted(c.d.unique())
targets = sorted(c.opt_target.unique())
grid = sorted(c.alpha.unique())
colors = dict(
    zip(
        targets,
        plt.get_cmap("viridis")(
            [0.1 + 0.8 * i / max(len(targets) - 1, 1) for i in range(len(targets))]
        ),
        strict=True,
    )
)
fig, axes = plt.subplots(
    len(ds), len(noises), figsize=(3.1 * len(noises), 3.0 * len(ds)), sharex=True, squeeze=False
)
for row, d in enumerate(ds):
    for col, noise in enumerate(noises):
        ax = axes[row, col]
        panel = c[(c.d == d) & (c.noise == noise)]
        for target, g in panel.groupby("opt_target"):
            med = (
                g.assign(ratio=g.test_err / g.opt)
                .groupby("alpha")
                .agg(ratio=("ratio", "median"), chosen=("selected", "mean"))
            )
            label = "opt ~ 0 (none)" if target == 0 else f"opt target {target:g}"
            ax.plot(med.index, med.ratio, color=colors[target], marker="o", ms=3, label=label)
            best = med.chosen.idxmax()
            ax.plot(best, med.ratio[best], "o", color=colors[target], ms=8, mfc="none", mew=1.5)
            ax.axvline(g.paper_alpha.median(), color=colors[target], ls=":", lw=1.4)
        ax.set_xscale("log")
        ax.set_xticks(grid, [f"{a:g}" for a in grid], rotation=60)
        ax.xaxis.set_minor_formatter(NullFormatter())
        ax.set_title(f"{noise}, d = {d}")
        if row == len(ds) - 1:
            ax.set_xlabel(r"threshold $\alpha$")
    axes[row, 0].set_ylabel("median test error / planted opt")
axes[0, 0].legend(fontsize=7)
fig.suptitle(
    f"Algorithm 2 ({method}): test error / opt against alpha; "
    r"dotted: paper's $\alpha$ = opt$^{1/3}$, open circle: alpha most often chosen on validation"
)
fig.tight_layout()
save_figure(fig, snakemake.output)
