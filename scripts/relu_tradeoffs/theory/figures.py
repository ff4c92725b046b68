"""The theory wing's figures: Lemma 1's |c_k| against k, and Claims 3-4's error parabolas."""

import matplotlib.pyplot as plt
import numpy as np

from relu_tradeoffs.pipeline.plotting import note
from relu_tradeoffs.relu import CLAIM3_FLOOR, INV_SQRT_2PI, claim3_error, claim4_error
from relu_tradeoffs.theory.correlation import c_k


def _series_and_monte_carlo(ax, t, even):
    for sign, marker, fill in (("positive", "o", "C0"), ("negative", "s", "none")):
        part = even[even.sign == sign]
        label = f"series, c_k {'> 0' if sign == 'positive' else '< 0'}"
        ax.plot(part.k, part.c_k.abs(), marker, ms=8, mfc=fill, mec="C0", ls="none", label=label)
    mc_abs, se2 = t.c_k_mc.abs(), 2 * t.c_k_mc_se
    resolved = (mc_abs > se2) & ~t.exact_zero
    ax.errorbar(t.k[resolved] + 0.15, mc_abs[resolved], yerr=se2[resolved], fmt=".",
                color="C1", capsize=3, label=r"Monte Carlo, $\pm 2$ s.e.")  # fmt: skip
    unresolved = ~resolved & ~t.exact_zero
    ax.errorbar(t.k[unresolved] + 0.15, se2[unresolved], yerr=0.3 * se2[unresolved],
                uplims=True, fmt="none", color="C1", label="Monte Carlo: below 2 s.e.")  # fmt: skip
    lead = t[(t.k >= 2) & ~t.exact_zero]
    ax.plot(lead.k, lead.leading_term.abs(), "^", color="C2", ms=6, label=r"leading term $|T_k|$")


def _rate_fit(ax, t, even):
    """The fitted 2^{-O(k)} rate over even k >= 2, or a note saying why there is none."""
    fit = even[even.k >= 2]
    if len(fit) < 2:
        note(ax, "no 2^{-O(k)} fit: it needs two even k >= 2 (raise theory.k_max to 4 or more)")
        return
    slope, intercept = np.polyfit(fit.k, np.log2(fit.c_k.abs()), 1)
    kk = np.linspace(1, t.k.max(), 50)
    label = rf"fit $|c_k| \approx {2**intercept:.2f}\cdot 2^{{-{-slope:.2f} k}}$"
    ax.plot(kk, 2 ** (intercept + slope * kk), "--", color="0.4", label=label)


def correlation_figure(t):
    """|c_k| against k (log scale): series by sign, Monte Carlo, leading term, rate, zeros."""
    even = t[(t.k % 2 == 0) | (t.k == 1)]
    zeros = t[t.exact_zero]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    _series_and_monte_carlo(ax, t, even)
    _rate_fit(ax, t, even)
    ax.set_yscale("log")
    floor = 0.3 * min(even.c_k.abs().min(), (2 * t.c_k_mc_se).min())
    ax.plot(zeros.k, np.full(len(zeros), floor), "x", color="C3", ms=9, mew=2,
            label=r"odd $k\geq 3$: $c_k = 0$ exactly")  # fmt: skip
    ax.set_ylim(floor / 2, 1)
    ax.set_xlabel("k = |S|")
    ax.set_ylabel(r"$|c_k| = |E[\mathrm{ReLU}(\sum z_i/\sqrt{k}) \prod \mathrm{sign}\, z_i]|$")
    ax.set_xticks(t.k)
    ax.set_title("Lemma 1: a ReLU correlates with the lifted parity, $2^{-O(k)}$")
    ax.legend(fontsize=8, loc="upper right")
    return fig


def _claims_panel(ax, t, k, etas, r):
    ax.plot(r, claim3_error(r), color="k", lw=1.5, label=r"Claim 3 ($j\in S$), any $w$")
    c3 = t[(t.k == k) & (t.claim == 3)]
    ax.errorbar(c3.norm, c3.empirical_err, yerr=2 * c3.empirical_se, fmt="o", color="k", ms=4,
                mfc="none")  # fmt: skip
    # The witness with positive correlation: w_S, or its sign-flipped twin when c_k < 0.
    witness = "w_S" if c_k(k) >= 0 else "w_S_flipped"
    for i, eta in enumerate(etas):
        ax.plot(r, claim4_error(r, abs(c_k(k)), eta), color=f"C{i}", lw=1.2,
                label=rf"Claim 4 ($j\notin S$), $\eta={eta:g}$")  # fmt: skip
        c4 = t[(t.k == k) & (t.claim == 4) & (t.eta == eta) & (t.witness == witness)]
        ax.errorbar(c4.norm, c4.empirical_err, yerr=2 * c4.empirical_se, fmt="s",
                    color=f"C{i}", ms=4)  # fmt: skip
    ax.axhline(CLAIM3_FLOOR, color="0.5", ls=":", lw=1)
    ax.axvline(INV_SQRT_2PI, color="0.5", ls=":", lw=1)
    ax.set_title(f"k = {k}" + (" (no gap: c_k = 0)" if c_k(k) == 0 else ""))
    ax.set_xlabel(r"$\|w\|$")


def claims_figure(t):
    """Error against ||w|| per k: Claim 3's parabola (j in S) and Claim 4's (j not in S)."""
    ks, etas = sorted(t.k.unique()), sorted(t.eta.unique())
    fig, axes = plt.subplots(1, len(ks), figsize=(3.4 * len(ks), 3.8), sharey=True, squeeze=False)
    r = np.linspace(0, 1, 200)
    for ax, k in zip(axes[0], ks, strict=True):
        _claims_panel(ax, t, k, etas, r)
    axes[0, 0].set_ylabel("square loss  (points: simulation, $\\pm 2$ s.e.)")
    handles, labels = axes[0, -1].get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=min(4, len(labels)), fontsize=8,
               bbox_to_anchor=(0.5, -0.08))  # fmt: skip
    fig.suptitle(
        r"Claims 3 and 4: the gap below $1/2 - 1/(4\pi)$ exists only when $j \notin S$"
        "\n"
        r"(witness $w_S$, one sign flipped when $k \equiv 0$ mod 4)"
    )
    return fig
