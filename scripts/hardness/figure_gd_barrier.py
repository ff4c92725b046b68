"""Figure gd_barrier: gradient descent's validation error along its iterations, per k.

For j not in S the best ReLU sits at 1/2 - (1/sqrt(2 pi) + (1 - 2 eta)|c_k|)^2 / 2, below the
floor 1/2 - 1/(4 pi) that every hypothesis obeys when j is in S. Theorem 4: GD does not close
that gap in polynomial time once k grows.
"""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.hardness.algorithm1 import witness_optimum
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure, save_placeholder
from relu_tradeoffs.relu import CLAIM3_FLOOR

log = rule_logger(snakemake.log[0])
apply_style()
inst = snakemake.params.instance
paths = pd.read_csv(snakemake.input.paths)
plan = pd.read_csv(snakemake.input.plan)
g = paths[(paths.learner == "gd") & (paths.d == inst["d"]) & (paths.eta == inst["eta"])]
ks = sorted(g.k.unique())
if g.empty:
    save_placeholder(
        snakemake.output,
        "gradient descent along its iterations",
        "No GD paths to draw: gd is not among hardness.learners, or its trace_points is 0.",
    )
    log.info("no GD paths: placeholder figure")
    raise SystemExit(0)
fig, axes = plt.subplots(1, len(ks), figsize=(3.6 * len(ks), 3.6), squeeze=False)
for ax, k in zip(axes[0], ks, strict=True):
    sub = g[g.k == k]
    for in_s, style, label in ((False, "-", r"$j \notin S$"), (True, "--", r"$j \in S$")):
        part = sub[sub.in_support == in_s]
        seeds = part.groupby(["seed", "iteration"]).val_err.mean().unstack("seed")
        ax.plot(
            seeds.index + 1,
            seeds.values,
            style,
            color="C0" if not in_s else "C3",
            lw=0.6,
            alpha=0.35,
        )
        ax.plot(
            seeds.index + 1,
            seeds.mean(axis=1),
            style,
            color="C0" if not in_s else "C3",
            lw=1.8,
            label=f"GD, {label} (mean over seeds)",
        )
    ck = plan[(plan.learner == "gd") & (plan.k == k) & (plan.eta == inst["eta"])].c_k.iloc[0]
    optimum = witness_optimum(ck, inst["eta"])
    ax.axhline(CLAIM3_FLOOR, color="k", ls=":", lw=1.2, label=r"floor $1/2 - 1/(4\pi)$ ($j\in S$)")
    ax.axhline(optimum, color="C2", ls="-.", lw=1.2, label=r"best ReLU, $j\notin S$")
    ax.set_xscale("log")
    ax.set_xlabel("GD iteration + 1")
    ax.set_title(f"k = {k}: gap {CLAIM3_FLOOR - optimum:.2g}")
    # Each k on its own scale: the gap shrinks from ~0.08 (k = 2) to ~0.002 (k = 6).
    gap = CLAIM3_FLOOR - optimum
    ax.set_ylim(optimum - 0.3 * gap, CLAIM3_FLOOR + 0.5 * gap)
axes[0, 0].set_ylabel("validation error")
axes[0, -1].legend(fontsize=7, loc="lower left")
fig.suptitle(f"gradient descent, d = {inst['d']}, eta = {inst['eta']:g}", y=1.02)
save_figure(fig, snakemake.output)
log.info("plotted GD paths for k = %s", ks)
