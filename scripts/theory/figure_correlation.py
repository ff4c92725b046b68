"""Figure correlation: |c_k| against k on a log scale, with its sign and three estimates."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.plotting import apply_style, note, save_figure

apply_style()
t = pd.read_csv(snakemake.input.table)
even = t[(t.k % 2 == 0) | (t.k == 1)]
zeros = t[t.exact_zero]
fig, ax = plt.subplots(figsize=(7, 4.5))

for sign, marker, fill in (("positive", "o", "C0"), ("negative", "s", "none")):
    part = even[even.sign == sign]
    ax.plot(
        part.k,
        part.c_k.abs(),
        marker,
        ms=8,
        mfc=fill,
        mec="C0",
        ls="none",
        label=f"series, c_k {'> 0' if sign == 'positive' else '< 0'}",
    )

mc_abs = t.c_k_mc.abs()
resolved = (mc_abs > 2 * t.c_k_mc_se) & ~t.exact_zero
ax.errorbar(
    t.k[resolved] + 0.15,
    mc_abs[resolved],
    yerr=2 * t.c_k_mc_se[resolved],
    fmt=".",
    color="C1",
    capsize=3,
    label=r"Monte Carlo, $\pm 2$ s.e.",
)
unresolved = ~resolved & ~t.exact_zero
ax.errorbar(
    t.k[unresolved] + 0.15,
    2 * t.c_k_mc_se[unresolved],
    yerr=0.3 * 2 * t.c_k_mc_se[unresolved],
    uplims=True,
    fmt="none",
    color="C1",
    label="Monte Carlo: below 2 s.e.",
)
lead = t[(t.k >= 2) & ~t.exact_zero]
ax.plot(lead.k, lead.leading_term.abs(), "^", color="C2", ms=6, label=r"leading term $|T_k|$")

fit = even[even.k >= 2]
if len(fit) >= 2:
    slope, intercept = np.polyfit(fit.k, np.log2(fit.c_k.abs()), 1)
    kk = np.linspace(1, t.k.max(), 50)
    ax.plot(
        kk,
        2 ** (intercept + slope * kk),
        "--",
        color="0.4",
        label=rf"fit $|c_k| \approx {2**intercept:.2f}\cdot 2^{{-{-slope:.2f} k}}$",
    )
else:
    note(ax, "no 2^{-O(k)} fit: it needs two even k >= 2 (raise theory.k_max to 4 or more)")

ax.set_yscale("log")
floor = 0.3 * min(even.c_k.abs().min(), (2 * t.c_k_mc_se).min())
ax.plot(
    zeros.k,
    np.full(len(zeros), floor),
    "x",
    color="C3",
    ms=9,
    mew=2,
    label=r"odd $k\geq 3$: $c_k = 0$ exactly",
)
ax.set_ylim(floor / 2, 1)
ax.set_xlabel("k = |S|")
ax.set_ylabel(r"$|c_k| = |E[\mathrm{ReLU}(\sum z_i/\sqrt{k}) \prod \mathrm{sign}\, z_i]|$")
ax.set_xticks(t.k)
ax.set_title("Lemma 1: a ReLU correlates with the lifted parity, $2^{-O(k)}$")
ax.legend(fontsize=8, loc="upper right")
save_figure(fig, snakemake.output)
