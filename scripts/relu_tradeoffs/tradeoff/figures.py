"""Panels of the tradeoff figures. Each draws what its table holds and says in the panel what is
missing (a k with one d has no slope, one eps has no eps-fit, an absent learner is named), so a
grid of any shape renders."""

import numpy as np
from matplotlib.ticker import NullFormatter, ScalarFormatter

from relu_tradeoffs.hardness.learners import get
from relu_tradeoffs.pipeline.plotting import note
from relu_tradeoffs.tradeoff.scaling import eps_exponent


def plain_log_ticks(axis, values=None):
    """Readable ticks on a log axis spanning less than a decade or two: no minor tick labels, and
    the given values (e.g. the grid's d) as plain numbers."""
    axis.set_minor_formatter(NullFormatter())
    if values is not None:
        axis.set_ticks(sorted(set(values)))
        axis.set_major_formatter(ScalarFormatter())


def k_label(k, padded) -> str:
    return f"k = {k} (padded to {k + 1})" if padded else f"k = {k}"


def wall_in_d(ax, scaling):
    """Seconds against d, log-log, one line per k, the fitted exponent and interval in the legend."""
    notes = []
    for k, group in scaling.groupby("k"):
        group = group.sort_values("d")
        label = k_label(k, bool(group.padded.iloc[0]))
        if np.isfinite(group.slope_d.iloc[0]):
            row = group.iloc[0]
            label += f": d^{row.slope_d:.2f} [{row.slope_d_lo:.2f}, {row.slope_d_hi:.2f}]"
        else:
            notes.append(f"k = {k}: one d, no exponent")
        ax.plot(group.d, group.seconds, "o-", label=label)
    ax.set(xscale="log", yscale="log", xlabel="d", ylabel="CPU seconds of the full scan")
    plain_log_ticks(ax.xaxis, scaling.d)
    if scaling.empty:
        notes.append("no scaling rows")
    else:
        ax.legend(fontsize=7)
    if notes:
        note(ax, "; ".join(notes), corner=True)


def wall_in_eps(ax, scaling, d_eps):
    """Seconds against log(1/eps) at d = d_eps, with the fitted A d^(c log(1/eps)) line, titled
    for what it is: at fixed d the form is (1/eps)^(c ln d), which any polynomial scan fits."""
    at = scaling[scaling.d == d_eps].sort_values("eps", ascending=False)
    title = f"d = {d_eps}: (1/eps)^(c ln d), fits any poly(1/eps) time"
    ax.set(yscale="log", xlabel="log(1/eps)", ylabel="CPU seconds", title=title)
    ax.title.set_fontsize(7)
    if at.empty:
        note(ax, f"d = {d_eps} (tradeoff.scaling.d_eps) is in no k's grid", corner=True)
        return
    x = np.log(1 / at.eps.to_numpy())
    ax.plot(x, at.seconds, "o", color="C0")
    for xi, row in zip(x, at.itertuples(), strict=True):
        ax.annotate(
            f"k={row.k}", (xi, row.seconds), fontsize=7, xytext=(3, -9), textcoords="offset points"
        )
    c, log_a = eps_exponent(d_eps, at.eps, at.seconds)
    if np.isfinite(c):
        grid = np.linspace(x.min(), x.max(), 50)
        ax.plot(
            grid,
            np.exp(log_a + c * np.log(d_eps) * grid),
            "--",
            color="0.3",
            label=f"A d^(c log(1/eps)), c = {c:.2f}",
        )
        ax.legend(fontsize=7)
    else:
        note(ax, "one eps at this d: no exponent fitted", corner=True)


def slope_in_eps(ax, scaling):
    """Each k's exponent of time in d (with its interval) against log(1/eps_k), and the cross-k
    line slope_d = c log(1/eps) + b: the form of d^(c log 1/eps) that compares different d."""
    per_k = scaling.groupby("k").first().reset_index()
    per_k = per_k[np.isfinite(per_k.slope_d)]
    ax.set(xlabel="log(1/eps_k)", ylabel="slope_d (time ~ d^slope_d)", title="across k")
    ax.title.set_fontsize(7)
    if per_k.empty:
        note(ax, "no k with two d: no exponent")
        return
    x = np.log(1 / per_k.eps.to_numpy())
    err = [per_k.slope_d - per_k.slope_d_lo, per_k.slope_d_hi - per_k.slope_d]
    ax.errorbar(x, per_k.slope_d, yerr=err, fmt="o", color="C0", capsize=2)
    for xi, row in zip(x, per_k.itertuples(), strict=True):
        label = k_label(row.k, bool(row.padded)).replace("padded to", "->")
        ax.annotate(
            label, (xi, row.slope_d), fontsize=6, xytext=(4, -3), textcoords="offset points"
        )
    row = per_k.iloc[0]
    if not np.isfinite(row.c_cross):
        note(ax, "one eps: no cross-k fit")
        return
    grid = np.linspace(x.min(), x.max(), 50)
    interval = (
        f" [{row.c_cross_lo:.2f}, {row.c_cross_hi:.2f}]" if np.isfinite(row.c_cross_lo) else ""
    )
    label = f"c log(1/eps) + b, c = {row.c_cross:.2f}{interval}"
    ax.plot(grid, row.c_cross * grid + row.c_cross_b, "--", color="0.3", label=label)
    ax.legend(fontsize=6)


def excess_panel(ax, group, lines, learners):
    """Excess error against CPU seconds per learner (budgets joined in order), the Pareto front
    boxed; horizontal lines at eps_k, at the excess of an unbiased ReLU ignoring S
    (``lines`` = (eps, floor_excess)) and at zero; learners with no rows are named."""
    for i, name in enumerate(learners):
        rows = group[group.learner == name].sort_values("seconds")
        if rows.empty:
            continue
        ax.errorbar(
            rows.seconds,
            rows.excess_err,
            yerr=rows.excess_err_se,
            fmt="o-",
            ms=4,
            color=f"C{i}",
            label=name if get(name).proper else f"{name} (improper)",
            capsize=2,
        )
    front = group[group.front].sort_values("seconds")
    ax.plot(
        front.seconds,
        front.excess_err,
        "s",
        ms=10,
        mfc="none",
        mec="k",
        label="Pareto front (ReLUs)",
    )
    eps, floor_excess = lines
    ax.set_yscale("symlog", linthresh=eps / 4, linscale=2)
    ax.axhline(eps, color="C3", ls="--", lw=1, label="eps_k")
    ax.axhline(floor_excess, color="0.4", ls=":", lw=1, label="ReLU ignoring S (Claim 3)")
    ax.axhline(0.0, color="0.5", lw=0.8)
    ax.set(xscale="log", xlabel="CPU seconds (all S_j, j not in S)", ylabel="excess error (symlog)")
    plain_log_ticks(ax.xaxis)
    missing = [name for name in learners if name not in set(group.learner)]
    if missing:
        note(ax, "absent: " + ", ".join(missing), corner=True)
    ax.legend(fontsize=6)


def gd_panels(top, bottom, rows, k):
    """Recovery rate (mean of exact over seeds) and mean excess error against d, per budget."""
    for i, ((m, steps), group) in enumerate(rows.groupby(["m_train", "steps"])):
        per_d = group.groupby("d").agg(
            rate=("exact", "mean"),
            excess=("excess_err", "mean"),
            se=("excess_err_se", "mean"),
            seeds=("seed", "nunique"),
        )
        label = f"m = {m}, steps = {steps}"
        top.plot(per_d.index, per_d.rate, "o-", color=f"C{i}", label=label)
        bottom.errorbar(
            per_d.index, per_d.excess, yerr=per_d.se, fmt="o-", color=f"C{i}", capsize=2
        )
    padded = bool(rows.padded.iloc[0])
    top.set(
        ylim=(-0.05, 1.05), ylabel="exact recovery rate", title=k_label(k, padded), xscale="log"
    )
    bottom.axhline(rows.eps.iloc[0], color="C3", ls="--", lw=1, label="eps_k")
    bottom.axhline(0.0, color="0.5", lw=0.8)
    bottom.axhline(rows.floor_excess.iloc[0], color="0.4", ls=":", lw=1, label="ReLU ignoring S")
    bottom.set(xlabel="d", ylabel="excess error (j not in S)", xscale="log")
    plain_log_ticks(bottom.xaxis, rows.d)
    top.legend(fontsize=6)
    bottom.legend(fontsize=6)
    if rows.d.nunique() < 2:
        note(top, "one d only", corner=True)
    if not rows.m_val_reached.all():
        bottom.set_title(f"m_val = {rows.m_val.iloc[0]} < 100/eps^2: the test may err", fontsize=7)


BAND_LABEL = "where the truth lies, per this paper"


def sides_bounds(ax, rows, d, band_opt):
    """Cost against 1/eps at one d: the SQ lower bound (steps in k(eps)), the polynomial upper
    bound C(d + l, l) per opt level, and the band between the lower bound and the upper bound at
    ``band_opt`` shaded where both exist."""
    ax.set(xscale="log", yscale="log", xlabel="1/eps", title=f"d = {d}")
    ax.set_ylabel("cost (queries, examples or features)")
    lower = rows[rows.series == "sq_lower"].sort_values("eps", ascending=False)
    upper = rows[(rows.series == "poly_upper") & (rows.cost < np.inf)]
    notes = []
    if lower.empty:
        notes.append("no SQ lower bound at this d (no k with gap >= 2 eps, or k > d)")
    else:
        ax.step(
            1 / lower.eps,
            lower.cost,
            "o-",
            where="post",
            ms=3,
            color="C3",
            label="SQ lower bound ~ d^(k(eps)/2)",
        )
    for i, (opt, group) in enumerate(upper.groupby("opt")):
        group = group.sort_values("eps", ascending=False)
        strong = opt == band_opt
        # l(eps) grows with 1/eps, so between grid points the next point's cost is the valid
        # upper bound (steps "pre"), while the lower bound holds the previous k(eps) ("post").
        ax.step(
            1 / group.eps,
            group.cost,
            "s-" if strong else ":",
            where="pre",
            ms=3,
            color=f"C{i}",
            lw=1.5 if strong else 1,
            label=f"poly upper bound C(d+l, l), opt = {opt:g}",
        )
    band = upper[upper.opt == band_opt].merge(
        lower[["eps", "cost"]], on="eps", suffixes=("", "_lo")
    )
    band = band.sort_values("eps", ascending=False)
    if band.empty:
        notes.append(f"no band: the bounds share no eps at opt = {band_opt:g}")
    elif len(band) == 1:
        notes.append("one eps: the band has no width")
    for i in range(len(band) - 1):
        ax.fill_between(
            1 / band.eps.iloc[i : i + 2],
            band.cost_lo.iloc[i],
            band.cost.iloc[i + 1],
            color="0.85",
            lw=0,
            label=BAND_LABEL if i == 0 else None,
        )
    if upper.empty:
        notes.append("no upper-bound rows at this d")
    if len(upper) + len(lower):
        ax.legend(fontsize=6, loc="upper left")
    if notes:
        note(ax, "; ".join(notes))


def sides_measured(ax, rows):
    """Measured CPU seconds against 1/eps: the exhaustive scan at each k (eps = gap_k/2, one line
    per d) and degree-l least squares at its positive excess error (one marker per model)."""
    ax.set(xscale="log", yscale="log", xlabel="1/eps", ylabel="measured CPU seconds")
    scan = rows[rows.series == "scan"]
    fits = rows[rows.series == "lowdeg"]
    for i, (d, group) in enumerate(scan.groupby("d")):
        group = group.sort_values("eps", ascending=False)
        ax.plot(
            1 / group.eps,
            group.seconds,
            "o-",
            ms=4,
            color=f"C{i}",
            label=f"exhaustive scan, d = {d}",
        )
        for row in group.itertuples():
            ax.annotate(
                f"k={int(row.k)}",
                (1 / row.eps, row.seconds),
                fontsize=6,
                xytext=(2, 3),
                textcoords="offset points",
            )
    markers = "vD^<>px*"
    for i, ((model, d), group) in enumerate(fits.groupby(["model", "d"])):
        ax.plot(
            1 / group.eps,
            group.seconds,
            markers[i % len(markers)],
            ms=5,
            color="0.2",
            mfc="none",
            label=f"least squares, {model}, d = {d}",
        )
        for row in group.itertuples():
            ax.annotate(
                f"l={int(row.degree)}",
                (1 / row.eps, row.seconds),
                fontsize=6,
                xytext=(2, -8),
                textcoords="offset points",
            )
    notes = []
    if scan.empty:
        notes.append("no scan rows")
    if fits.empty:
        notes.append("no least-squares point with a positive excess")
    if len(scan) + len(fits):
        ax.legend(fontsize=6, loc="lower right")
    if notes:
        note(ax, "; ".join(notes))
