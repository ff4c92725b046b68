"""The approx figures, drawn from the tables whatever the grid's shape.

Every figure has a row of panels per regime (and per d where d matters); a panel whose data
are absent says so in words instead of failing, so one noise model, one method, one d or one
seed all give a figure.
"""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from relu_tradeoffs.pipeline.plotting import note

HIGHLIGHT = {"alg2_paper": "black", "surrogate": "tab:red", "gd": "tab:blue"}
CHAIN = [  # (column, label, style) of each link of Theorem 5's proof, in the proof's order
    ("markov_bound", "opt / α²", ":"),
    ("p_far", "Pr[|y − ReLU_w*| ≥ α]", ":"),
    ("err01_wstar", "err01(w*)", "-"),
    ("err01_bound", "opt/α² + Pr[w*·x ∈ (0, 2α)]", "--"),
    ("err01_bound_paper", "opt/α² + 2α (paper)", "-."),
    ("err01_w", "err01(w)", "-"),
    ("dist_unit", "‖u − u*‖", "-"),
    ("angle_bound", "π (err01(w) + err01(w*))", "--"),
    ("test_err", "err(ReLU_w)", "-"),
    ("err_bound", "2 opt + 2‖w − w*‖²", "--"),
]


def grid(rows, cols, width=3.2, height=3.0):
    fig, axes = plt.subplots(
        max(len(rows), 1), max(len(cols), 1), figsize=(width * max(len(cols), 1),
        height * max(len(rows), 1)), squeeze=False,
    )  # fmt: skip
    return fig, axes


def empty_figure(text):
    fig, axes = grid([None], [None], 5, 3)
    note(axes[0, 0], text, blank=True)
    return fig


def row_keys(table, by_d=True):
    keys = ["regime", "d"] if by_d else ["regime"]
    return [
        tuple(k) if by_d else (k,) for k in table[keys].drop_duplicates().itertuples(index=False)
    ]


def slope_label(method, slopes, regime, d):
    row = slopes[
        (slopes.regime == regime)
        & (slopes.d == d)
        & (slopes.noise == "all")
        & (slopes.method == method)
    ]
    if row.empty or not np.isfinite(row.slope.iloc[0]):
        return f"{method} (slope n/a)"
    r = row.iloc[0]
    interval = "" if not np.isfinite(r.slope_low) else f" [{r.slope_low:.2f}, {r.slope_high:.2f}]"
    return f"{method} (slope {r.slope:.2f}{interval})"


def err_vs_opt(summary, slopes):
    """Median test error against opt, log-log; rows (regime, d), columns noise models. A point
    whose median opt is 0 (a test set holding no noisy point) has no place on the log axis."""
    s = summary[(summary.noise != "none") & (summary.opt > 0)]
    if s.empty:
        return empty_figure("no noisy instance in the grid: nothing to plot against opt")
    rows, noises, methods = row_keys(s), list(dict.fromkeys(s.noise)), list(dict.fromkeys(s.method))
    fig, axes = grid(rows, noises)
    colors = dict(zip(methods, sns.color_palette("tab10", len(methods)), strict=True)) | HIGHLIGHT
    for (regime, d), ax_row in zip(rows, axes, strict=True):
        for noise, ax in zip(noises, ax_row, strict=True):
            panel = s[(s.regime == regime) & (s.d == d) & (s.noise == noise)]
            ax.set_title(f"{regime}: {noise}, d = {d}", fontsize=9)
            if panel.empty:
                note(ax, f"no {noise} instances\nin the {regime} regime at d = {d}", blank=True)
                continue
            draw_err_panel(ax, panel, methods, colors, slopes, regime)
        handles = {}
        for ax in ax_row:
            handles |= dict(zip(*reversed(ax.get_legend_handles_labels()), strict=True))
        if handles:
            # Outside the last panel; save_figure's tight bounding box keeps it in the file.
            ax_row[-1].legend(
                handles.values(), handles.keys(), fontsize=6, loc="upper left",
                bbox_to_anchor=(1.03, 1.0),
            )  # fmt: skip
    fig.suptitle(
        "median test error against opt = min(planted, reference); legend: pooled slope at that d "
        "[95% CI]"
    )
    fig.subplots_adjust(wspace=0.35, hspace=0.45)
    return fig


def draw_err_panel(ax, panel, methods, colors, slopes, regime):
    lo, hi = panel.opt.min() / 1.3, panel.opt.max() * 1.3
    ref = np.geomspace(lo, hi, 30)
    ax.plot(ref, ref, color="0.6", lw=1, label="opt")
    ax.plot(ref, ref ** (2 / 3), color="0.3", ls="-.", lw=1, label="opt^(2/3)")
    for m in methods:
        g = panel[panel.method == m].sort_values("opt")
        if g.empty:
            continue
        main = m in HIGHLIGHT
        ax.plot(
            g.opt, g.test_err, marker="o", ms=3, color=colors[m], lw=2.2 if main else 0.9,
            ls="--" if m.endswith("_paper_alpha") else "-", label=slope_label(m, slopes, regime, g.d.iloc[0]),
        )  # fmt: skip
    floor = panel.opt_floor.max()
    if floor > 0:
        ax.axvline(floor, color="tab:orange", ls=":", lw=1.2, label=f"floor {floor:.4f}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("opt")
    ax.set_ylabel("median test error")


ALPHA_PREFERENCE = (
    "alg2_abl14",
    "alg2_biased_localized_hinge",
    "alg2_average",
    "alg2_biased_sigmoid",
)


def alpha_curves(curve):
    """Test error / opt of Algorithm 2 fitted at each alpha of the validation grid."""
    if curve.empty:
        return empty_figure("no Algorithm 2 method with alpha by validation ran:\nno alpha curve")
    present = list(dict.fromkeys(curve.method))
    method = next((m for m in ALPHA_PREFERENCE if m in present), present[0])
    c = curve[curve.method == method]
    rows, noises = row_keys(c), list(dict.fromkeys(c.noise))
    fig, axes = grid(rows, noises)
    for (regime, d), ax_row in zip(rows, axes, strict=True):
        for noise, ax in zip(noises, ax_row, strict=True):
            panel = c[(c.regime == regime) & (c.d == d) & (c.noise == noise)]
            ax.set_title(f"{regime}: {noise}, d = {d}", fontsize=9)
            if panel.empty or panel.test_err.isna().all():
                note(
                    ax,
                    f"no fitted alpha for {noise}\nin the {regime} regime at d = {d}",
                    blank=True,
                )
                continue
            draw_alpha_panel(ax, panel)
    fig.suptitle(f"{method}: median test error / opt against alpha; dotted: alpha = opt^(1/3), "
                 "circle: alpha chosen most often on validation")  # fmt: skip
    fig.tight_layout()
    return fig


def draw_alpha_panel(ax, panel):
    targets = sorted(panel.opt_target.unique())
    colors = plt.get_cmap("viridis")(np.linspace(0.1, 0.9, len(targets)))
    for target, color in zip(targets, colors, strict=True):
        g = panel[panel.opt_target == target]
        g = g.assign(ratio=(g.test_err / g.opt).where(g.opt > 0))  # undefined where opt = 0
        med = g.groupby("alpha").agg(ratio=("ratio", "median"), chosen=("selected", "mean"))
        med = med.dropna()
        if med.empty:
            continue
        ax.plot(med.index, med.ratio, color=color, marker="o", ms=3, label=f"opt target {target:g}")
        best = med.chosen.idxmax()
        ax.plot(best, med.ratio[best], "o", color=color, ms=8, mfc="none", mew=1.5)
        ax.axvline(g.paper_alpha.median(), color=color, ls=":", lw=1.2)
    ax.set_xscale("log")
    ax.set_xlabel("threshold α")
    ax.set_ylabel("median test error / opt")
    ax.legend(fontsize=6)


def ratio_heatmaps(summary):
    """Median err/opt per method (rows) and (noise, opt target) (columns), per (regime, d)."""
    if summary.empty:
        return empty_figure("no runs: no ratio to show")
    rows = row_keys(summary)
    methods = list(dict.fromkeys(summary.method))
    fig, axes = grid(
        rows,
        [None],
        width=max(6.0, 0.8 * summary.opt_target.nunique() * summary.noise.nunique() + 3),
        height=0.4 * len(methods) + 1.6,
    )
    for (regime, d), ax in zip(rows, axes[:, 0], strict=True):
        s = summary[(summary.regime == regime) & (summary.d == d)]
        s = s.assign(column=[f"{n}\n{t:g}" for n, t in zip(s.noise, s.opt_target, strict=True)])
        table = s.pivot(index="method", columns="column", values="ratio")
        table = table.reindex(index=methods, columns=list(dict.fromkeys(s.column)))
        logs = np.log10(table.astype(float))
        sns.heatmap(
            logs, ax=ax, cmap="rocket_r", vmin=0, vmax=max(1.0, float(np.nanmax(logs.values))),
            annot=table.map(lambda v: f"{v:.3g}"), fmt="", annot_kws={"size": 7},
            cbar_kws={"label": "log10(err / opt)"},
        )  # fmt: skip
        ax.set_title(
            f"{regime} regime, d = {d}: median test error / opt (columns: noise, opt target)"
        )
        ax.set_xlabel("")
        ax.set_ylabel("")
    fig.tight_layout()
    return fig


def chain_panel_data(chain, regime, noise):
    """The slice one panel shows: the largest d, the first learner, the middle opt target."""
    c = chain[(chain.regime == regime) & (chain.noise == noise)]
    if c.empty:
        return c, ""
    d = c.d.max()
    learner = "abl14" if (c.learner == "abl14").any() else c.learner.iloc[0]
    c = c[(c.d == d) & (c.learner == learner)]
    targets = sorted(c.opt_target.unique())
    target = targets[len(targets) // 2]
    return c[c.opt_target == target], f"d = {d}, {learner}, opt target {target:g}"


def theorem5_chain(chain):
    """Each link of Theorem 5's proof chain against alpha, medians over seeds."""
    if chain.empty:
        return empty_figure(
            "theorem5.csv is empty: no alpha of the grid\nleft both Boolean classes populated"
        )
    regimes, noises = list(dict.fromkeys(chain.regime)), list(dict.fromkeys(chain.noise))
    fig, axes = grid(regimes, noises, width=3.4, height=3.2)
    for regime, ax_row in zip(regimes, axes, strict=True):
        for noise, ax in zip(noises, ax_row, strict=True):
            panel, what = chain_panel_data(chain, regime, noise)
            ax.set_title(f"{regime}: {noise}\n{what}", fontsize=8)
            if panel.empty:
                note(ax, f"no {noise} rows in the {regime} regime", blank=True)
                continue
            # alpha = factor x opt^(1/3) differs between seeds: one point per factor.
            med = panel.groupby("alpha_factor")[["alpha"] + [c for c, _, _ in CHAIN]].median()
            med = med.set_index("alpha")
            for column, label, ls in CHAIN:
                ax.plot(med.index, med[column], ls=ls, marker=".", label=label)
            ax.axvline(panel.opt.median() ** (1 / 3), color="k", lw=0.8, ls=":")
            ax.set_xscale("log")
            ax.set_yscale("log")
            ax.set_xlabel("α (dotted: opt^(1/3))")
    handles, labels = axes[0, 0].get_legend_handles_labels()
    if handles:
        fig.legend(
            handles, labels, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=4, fontsize=7
        )
    fig.suptitle("Theorem 5's proof chain on the test set (medians over seeds)")
    fig.tight_layout()
    return fig
