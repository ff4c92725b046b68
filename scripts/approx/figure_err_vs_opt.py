"""Figure approx_err_vs_opt: median test error against opt, log-log, per noise model and d.

Reference lines opt (the O(opt) of Diakonikolas et al. 2020), opt^(2/3) (Algorithm 2's
guarantee) and opt^(1/2); each legend entry carries the method's slope fitted over all panels.
"""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure, save_placeholder

apply_style()
s = pd.read_csv(snakemake.input.summary)
s = s[s.noise != "none"]  # realizable: a single opt (~4e-5 of clipping), shown in approx_ratio
if s.empty:
    save_placeholder(
        snakemake.output,
        "test error against opt",
        "Only the realizable noise model 'none' is in approx.noise: no opt > 0 to plot "
        "(its errors are in approx_ratio).",
    )
    raise SystemExit(0)
slopes = pd.read_csv(snakemake.input.slopes)
slope = slopes[slopes.noise == "all"].set_index("method").slope
panel_slope = slopes.set_index(["noise", "method"]).slope
noises = list(dict.fromkeys(s.noise))
ds = sorted(s.d.unique())
methods = list(dict.fromkeys(s.method))
# The paper's method and the O(opt) surrogate stand out; the other methods are thinner.
HIGHLIGHT = {"alg2_abl14": "black", "alg2_abl14_paper_alpha": "black", "surrogate": "tab:red"}
others = iter(plt.get_cmap("tab10").colors[:3] + plt.get_cmap("tab10").colors[4:])
style = {}
for m in methods:
    main = m in HIGHLIGHT
    style[m] = {
        "color": HIGHLIGHT[m] if main else next(others),
        "ls": "--" if m.endswith("_paper_alpha") else "-",
        "marker": "o" if m.startswith("alg2") else "s",
        "lw": 2.4 if main else 1.0,
        "alpha": 1.0 if main else 0.7,
        "zorder": 5 if main else 3,
    }
fig, axes = plt.subplots(
    len(ds),
    len(noises),
    figsize=(3.1 * len(noises), 3.0 * len(ds)),
    sharex=True,
    sharey=True,
    squeeze=False,
)
grid = np.geomspace(s.opt_eff.min() / 1.5, s.opt_eff.max() * 1.5, 50)
refs = [
    (1.0, r"opt  (O(opt): Diakonikolas et al. 2020)", "-", "0.55"),
    (2 / 3, r"opt$^{2/3}$  (Algorithm 2's guarantee, this paper)", "-.", "0.3"),
    (1 / 2, r"opt$^{1/2}$", ":", "0.3"),
]
for row, d in enumerate(ds):
    for col, noise in enumerate(noises):
        ax = axes[row, col]
        for power, label, ls, color in refs:
            ax.plot(grid, grid**power, color=color, ls=ls, lw=1.3, label=label, zorder=2)
        panel = s[(s.d == d) & (s.noise == noise)]
        for m in methods:
            g = panel[panel.method == m].sort_values("opt_eff")
            st = style[m]
            ax.plot(
                g.opt_eff,
                g.test_err,
                color=st["color"],
                ls=st["ls"],
                marker=st["marker"],
                lw=st["lw"],
                alpha=st["alpha"],
                zorder=st["zorder"],
                ms=3.5,
                label=f"{m}  (slope {slope.get(m, np.nan):.2f})",
            )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(f"{noise}, d = {d}")
        if row == 0:
            # Slopes of this noise model (pooled over d) for the highlighted methods.
            text = "\n".join(
                f"{m.replace('_paper_alpha', ' (paper α)')}: {panel_slope[noise, m]:.2f}"
                for m in HIGHLIGHT
                if (noise, m) in panel_slope
            )
            ax.text(
                0.97,
                0.03,
                "slopes\n" + text,
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=7,
                bbox={"fc": "white", "ec": "0.8", "alpha": 0.9},
            )
        if row == len(ds) - 1:
            ax.set_xlabel(r"opt = min(planted, reference) error")
    axes[row, 0].set_ylabel("median test error")
handles, labels = axes[0, 0].get_legend_handles_labels()
fig.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=8)
fig.suptitle(
    "Agnostic ReLU regression under N(0, I): error against opt "
    "(Algorithm 2 with alpha by validation / alpha = opt$^{1/3}$, and rivals)"
)
fig.tight_layout()
save_figure(fig, snakemake.output)
