"""Algorithm 1's figures: the validation error of every h_j, and exact-recovery rates."""

import matplotlib.pyplot as plt


def _errors_panel(ax, name, c):
    colors = ["C3" if s else "C0" for s in c.in_support]
    ax.bar(c.coordinate, c.val_err, color=colors, width=0.7)
    threshold = c.threshold.iloc[0]
    ax.axhline(threshold, color="k", ls="--", lw=1, label=f"threshold {threshold:.4f}")
    low, high = c.val_err.min(), c.val_err.max()
    pad = max(high - low, abs(threshold - low), 1e-3) * 0.3
    ax.set_ylim(min(low, threshold) - pad, max(high, threshold) + pad)
    ax.set_title(name + ("" if c.has_gap.iloc[0] else " (no gap)"))
    ax.set_xlabel("dropped coordinate j")
    ax.set_xticks(c.coordinate)
    ax.legend(loc="lower right", fontsize=7)


def errors_figure(t, inst):
    """Validation error of h_j per coordinate j of one instance, one panel per learner."""
    t = t[(t.d == inst["d"]) & (t.k == inst["k"]) & (t.eta == inst["eta"])]
    t = t[t.seed == inst["seed"]]
    learners = list(dict.fromkeys(t.learner))
    fig, axes = plt.subplots(1, len(learners), figsize=(3.4 * len(learners), 3.4), squeeze=False)
    for ax, name in zip(axes[0], learners, strict=True):
        _errors_panel(ax, name, t[t.learner == name].sort_values("coordinate"))
    axes[0, 0].set_ylabel(r"validation error of $h_j$ on $V_j$")
    m_train, m_val = t.m_train.iloc[0], t.m_val.iloc[0]
    fig.suptitle(
        f"d = {inst['d']}, k = {inst['k']}, eta = {inst['eta']:g}, seed {inst['seed']}: "
        f"red = j in S (m_train = {m_train}, m_val = {m_val})",
        y=1.02,
    )
    return fig


def _curve_panel(ax, sub, learners, colors):
    """Exact-recovery rate against m_train at one (eta, k), with the caveats in the title and
    the exhaustive search's planned m_train (largest over the panel's d) dotted."""
    for name in learners:
        rate = sub[sub.learner == name].groupby("m_train").exact.mean()
        ax.plot(rate.index, rate.values, "o-", color=colors[name], label=name)
    planned = sub.m_train_target.dropna()
    if not planned.empty:
        ax.axvline(planned.max(), ls=":", color="0.4", lw=1)
    if not sub[sub.learner != "lowdeg"].has_gap.all():
        return "no ReLU gap"
    if not sub.m_val_reached.all():
        return "m_val < 100/eps^2"
    return ""


def recovery_figure(t, m_train):
    """Exact-recovery rate against k (at m_train) and against m_train (per k), per eta."""
    learners = list(dict.fromkeys(t.learner))
    etas, ks, sizes = sorted(t.eta.unique()), sorted(t.k.unique()), sorted(t.m_train.unique())
    colors = {name: f"C{i}" for i, name in enumerate(learners)}
    fig, axes = plt.subplots(1 + len(ks), len(etas), figsize=(3.8 * len(etas), 2.6 * (1 + len(ks))),
                             squeeze=False, sharey=True)  # fmt: skip
    main = t[t.m_train == m_train]
    for col, eta in enumerate(etas):
        ax = axes[0, col]
        for name in learners:
            rate = main[(main.eta == eta) & (main.learner == name)].groupby("k").exact.mean()
            ax.plot(rate.index, rate.values, "o-", color=colors[name], label=name, alpha=0.8)
        ax.set(title=f"eta = {eta:g}, m_train = {m_train}", xlabel="k", xticks=ks)
        for row, k in enumerate(ks, start=1):
            ax = axes[row, col]
            caveat = _curve_panel(ax, t[(t.eta == eta) & (t.k == k)], learners, colors)
            ax.set_xscale("log")
            ax.set_title(f"eta = {eta:g}, k = {k}" + (f" ({caveat})" if caveat else ""))
            ax.set_xticks(sizes, [f"{m:g}" for m in sizes])
            ax.minorticks_off()
            ax.set_xlabel("m_train (nested prefixes)")
    axes[0, 0].set_ylim(-0.05, 1.05)  # a rate: one k or one seed must not zoom onto a point
    for ax in axes[:, 0]:
        ax.set_ylabel("exact recovery rate")
    axes[0, -1].legend(fontsize=7, loc="best")
    fig.tight_layout()
    return fig
