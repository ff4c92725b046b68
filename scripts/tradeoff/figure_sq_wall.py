"""Figure tradeoff_sq_wall: Theorem 4's lower bound 2 sqrt(C(d, k(eps)) - 1)/(1 - 2 eta) on the
cost (queries or examples) of any correlation-SQ learner against 1/eps, one line per (d, eta)."""

import matplotlib.pyplot as plt
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger
from relu_tradeoffs.pipeline.plotting import apply_style, save_figure
from relu_tradeoffs.tradeoff.figures import note

log = rule_logger(snakemake.log[0])
apply_style()
t = pd.read_csv(snakemake.input.sq)
fig, ax = plt.subplots(figsize=(5.2, 3.9))
usable = t.dropna(subset=["k"]).drop_duplicates(["eps", "eta", "d"])
for (d, eta), rows in usable.groupby(["d", "eta"]):
    rows = rows.sort_values("eps", ascending=False)
    ax.step(
        1 / rows.eps, rows.cost_lower_bound, "o-", where="post", ms=3, label=f"d = {d}, eta = {eta}"
    )
    for row in rows[rows.eta == usable.eta.min()].itertuples():  # label one eta: less clutter
        ax.annotate(
            f"{int(row.k)}{'+' if row.k_capped else ''}",
            (1 / row.eps, row.cost_lower_bound),
            fontsize=6,
            xytext=(2, 3),
            textcoords="offset points",
        )
ax.set(xscale="log", yscale="log", xlabel="1/eps", ylabel="cost lower bound (queries or examples)")
notes = []
if len(usable) < len(t.drop_duplicates(["eps", "eta", "d"])):
    notes.append("eps with no usable k (gap_1 < 2 eps) left out")
notes.append("labels: k(eps); '+' = capped by the c_k table")
note(ax, "; ".join(notes))
if not usable.empty:
    ax.legend(fontsize=6, loc="lower right")
fig.tight_layout()
save_figure(fig, snakemake.output)
log.info("tradeoff_sq_wall: %d rows", len(t))
