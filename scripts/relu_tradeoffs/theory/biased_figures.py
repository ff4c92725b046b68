"""Figures of the biased case (beyond the paper): c_k(beta) against beta, and the gap per k."""

import matplotlib.pyplot as plt
import numpy as np

FIGURE_K_MAX = 8  # beyond it the lines crowd the axis near 0 (every k stays in the table)


def correlation_figure(t):
    """c_k(beta) against beta, one line per k <= FIGURE_K_MAX (series; odd k dashed), Monte
    Carlo +- 2 s.e."""
    ks = sorted(k for k in t.k.unique() if k <= FIGURE_K_MAX)
    colors = plt.cm.viridis(np.linspace(0, 0.9, len(ks)))
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for k, color in zip(ks, colors, strict=True):
        part = t[t.k == k].sort_values("beta")
        style = "--" if k % 2 else "-"
        ax.plot(part.beta, part.c_k_beta, style, color=color, lw=1.4, label=f"k = {k}")
        ax.errorbar(part.beta, part.c_k_beta_mc, yerr=2 * part.c_k_beta_mc_se, fmt=".",
                    color=color, ms=3, capsize=0, lw=0.8)  # fmt: skip
    ax.axhline(0, color="0.5", lw=0.8)
    ax.set_xlabel(r"bias $\beta$")
    ax.set_ylabel(
        r"$c_k(\beta) = E[\mathrm{ReLU}(\sum z_i/\sqrt{k} + \beta) \prod \mathrm{sign}\, z_i]$"
    )
    ax.set_yscale("symlog", linthresh=1e-3)
    ax.set_title("Biased case (beyond the paper): odd k correlate once $\\beta \\neq 0$\n"
                 f"lines: Hermite series (odd k dashed, k <= {max(ks)}); dots: Monte Carlo $\\pm 2$ s.e.")  # fmt: skip
    ax.legend(fontsize=7, ncol=2, loc="upper left")
    return fig


def _gap_panel(ax, t, labels):
    part = t[t.labels == labels]
    etas = sorted(part.eta.unique())
    for i, eta in enumerate(etas):
        rows = part[part.eta == eta]
        sym = rows[rows.witness == "symmetric"].sort_values("k")
        gen = rows[rows.witness == "general"].sort_values("k")
        color = f"C{i}"
        ax.plot(sym.k, sym.gain, "o-", color=color, label=rf"biased, symmetric, $\eta={eta:g}$")
        ax.plot(gen.k, gen.gain, "s", color=color, mfc="none", ms=9,
                label=rf"biased, general $w$, $\eta={eta:g}$")  # fmt: skip
        ax.plot(sym.k, sym.unbiased_gap, "^:", color=color, ms=5,
                label=rf"unbiased gap, $\eta={eta:g}$")  # fmt: skip
    ax.axhline(0, color="k", lw=0.8)
    ax.set_yscale("symlog", linthresh=1e-5)
    ax.set_xlabel("k = |S|")
    ax.set_xticks(sorted(part.k.unique()))
    if part.beta_at_bound.astype(bool).any():
        ax.text(0.98, 0.3, "hollow: best beta at the search bound\n(the gain approaches 0 from\nbelow "
                "as beta grows)", transform=ax.transAxes, ha="right", fontsize=7, color="0.3")  # fmt: skip
        bound = part[part.beta_at_bound.astype(bool)]
        ax.plot(bound.k, bound.gain, "o", ms=4, color="white", zorder=5)
    best = "the constant 1/2" if labels == "01" else "the zero function"
    ax.set_title(f"labels {labels}: gain over {best}")


def gap_figure(t):
    """The best biased witness's gain over the best hypothesis ignoring S, per k and encoding."""
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
    for ax, labels in zip(axes, ("01", "pm1"), strict=True):
        _gap_panel(ax, t, labels)
    axes[0].set_ylabel("gain (symlog; > 0: Algorithm 1 can separate)")
    handles, names = axes[1].get_legend_handles_labels()
    fig.legend(handles, names, loc="lower center", ncol=3, fontsize=8, bbox_to_anchor=(0.5, -0.1))
    fig.suptitle("Biased case (beyond the paper): does a biased ReLU on S beat every hypothesis "
                 "that ignores a coordinate of S?")  # fmt: skip
    return fig
