"""Rule tradeoff_pareto: one learner at every budget on the S_j (j not in S) of one instance."""

from relu_tradeoffs.pipeline.io import rule_logger, write_json
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.tradeoff.pareto import budget_point, budgets, instance_data

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
k, seed = int(wc.k), int(wc.seed)
# The data stream is keyed without the learner: every learner sees the same instance.
rng = rng_for(p.seed, "tradeoff", "pareto", "data", p.d, k, seed)
data = instance_data(rng, p.m_train, p.m_val, p.d, k, p.eta, p.odd_k)
rows = []
for budget, params in budgets(wc.learner, p.base, p.knobs, data["k_effective"]):
    key = ("tradeoff", "pareto", wc.learner, p.d, k, seed, budget)
    row = budget_point(data, wc.learner, params, lambda: rng_for(p.seed, *key), p.repeats)  # noqa: B023
    rows.append({"learner": wc.learner, "budget": budget, "k": k, "d": p.d, "seed": seed, **row})
    log.info(
        "%s %s: %.3f s CPU, excess error %.5f +- %.5f (eps_k = %.5f)",
        wc.learner,
        budget,
        row["seconds"],
        row["excess_err"],
        row["excess_err_se"],
        data["eps"],
    )
meta = {key: data[key] for key in ("eps", "floor_excess", "padded")}
write_json({**meta, "rows": rows}, snakemake.output[0])
