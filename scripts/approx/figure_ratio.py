"""Figure approx_ratio: median err/opt per method (rows) and noise model x opt target (columns).

opt = min(planted, reference) error; for `none` it is the clipping error (~4e-5), so that
column shows how far a method is from exact recovery rather than a constant factor.
"""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure

apply_style()
s = pd.read_csv(snakemake.input.summary)
methods = list(dict.fromkeys(s.method))


def column(noise, target):
    return "none\n~0" if noise == "none" else f"{noise}\n{target:g}"


s["column"] = [column(n, t) for n, t in zip(s.noise, s.opt_target, strict=True)]
columns = [
    column(n, t)
    for n in dict.fromkeys(s.noise)
    for t in sorted(s[s.noise == n].opt_target.unique())
]
ds = sorted(s.d.unique())
fig, axes = plt.subplots(
    len(ds),
    1,
    figsize=(0.75 * len(columns) + 3, 0.42 * len(methods) * len(ds) + 1.5),
    squeeze=False,
)
for ax, d in zip(axes[:, 0], ds, strict=True):
    table = s[s.d == d].pivot(index="method", columns="column", values="ratio")
    table = table.reindex(index=methods, columns=columns)
    sns.heatmap(
        np.log10(table),
        ax=ax,
        cmap="rocket_r",
        vmin=0,
        vmax=max(2, np.nanmax(np.log10(table.values))),
        annot=table.map(lambda v: f"{v:.3g}"),
        fmt="",
        annot_kws={"size": 7},
        cbar_kws={"label": r"log$_{10}$(err / opt)"},
    )
    ax.set_title(f"median test error / opt, d = {d}  (columns: noise model, opt target)")
    ax.set_xlabel("")
    ax.set_ylabel("")
fig.tight_layout()
save_figure(fig, snakemake.output)
