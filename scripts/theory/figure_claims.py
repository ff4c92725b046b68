"""Figure claims: error against ||w||, Claim 3's parabola (j in S) and Claim 4's (j not in S)."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.relu import CLAIM3_FLOOR, claim3_error, claim4_error
from relu_tradeoffs.theory.correlation import c_k

apply_style()
t = pd.read_csv(snakemake.input.table)
ks = sorted(t.k.unique())
etas = sorted(t.eta.unique())
fig, axes = plt.subplots(1, len(ks), figsize=(3.4 * len(ks), 3.8), sharey=True, squeeze=False)
r = np.linspace(0, 1, 200)
for ax, k in zip(axes[0], ks, strict=True):
    ax.plot(r, claim3_error(r), color="k", lw=1.5, label=r"Claim 3 ($j\in S$), any $w$")
    c3 = t[(t.k == k) & (t.claim == 3)]
    ax.errorbar(
        c3.norm, c3.empirical_err, yerr=2 * c3.empirical_se, fmt="o", color="k", ms=4, mfc="none"
    )
    # The witness with positive correlation: w_S, or its sign-flipped twin when c_k < 0.
    witness = "w_S" if c_k(k) >= 0 else "w_S_flipped"
    for i, eta in enumerate(etas):
        ax.plot(
            r,
            claim4_error(r, abs(c_k(k)), eta),
            color=f"C{i}",
            lw=1.2,
            label=rf"Claim 4 ($j\notin S$), $\eta={eta:g}$",
        )
        c4 = t[(t.k == k) & (t.claim == 4) & (t.eta == eta) & (t.witness == witness)]
        ax.errorbar(
            c4.norm, c4.empirical_err, yerr=2 * c4.empirical_se, fmt="s", color=f"C{i}", ms=4
        )
    ax.axhline(CLAIM3_FLOOR, color="0.5", ls=":", lw=1)
    ax.axvline(1 / np.sqrt(2 * np.pi), color="0.5", ls=":", lw=1)
    ax.set_title(f"k = {k}" + (" (no gap: c_k = 0)" if c_k(k) == 0 else ""))
    ax.set_xlabel(r"$\|w\|$")
axes[0, 0].set_ylabel("square loss  (points: simulation, $\\pm 2$ s.e.)")
handles, labels = axes[0, -1].get_legend_handles_labels()
fig.legend(
    handles,
    labels,
    loc="lower center",
    ncol=min(4, len(labels)),
    fontsize=8,
    bbox_to_anchor=(0.5, -0.08),
)
fig.suptitle(
    r"Claims 3 and 4: the gap below $1/2 - 1/(4\pi)$ exists only when $j \notin S$"
    "\n"
    r"(witness $w_S$, one sign flipped when $k \equiv 0$ mod 4)"
)
save_figure(fig, snakemake.output)
