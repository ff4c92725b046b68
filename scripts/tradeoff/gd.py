"""Rule tradeoff_gd: projected GD at every (steps, m_train) budget on one instance, Algorithm 1's test."""

from relu_tradeoffs.pipeline.io import rule_logger, write_json
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.tradeoff.pareto import instance_data, recovery_point

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
d, k, seed = int(wc.d), int(wc.k), int(wc.seed)
rng = rng_for(p.seed, "tradeoff", "gd", "data", d, k, seed)
data = instance_data(rng, max(p.m_train), p.m_val, d, k, p.eta, p.odd_k)
rows = []
for m in p.m_train:
    part = {**data, "X_train": data["X_train"][:m], "y_train": data["y_train"][:m]}
    for steps in p.steps:
        params = {**p.gd_params, "steps": steps}
        make_rng = lambda: rng_for(p.seed, "tradeoff", "gd", "fit", d, k, seed, m, steps)  # noqa: B023, E731
        row = recovery_point(part, params, make_rng)
        rows.append({"k": k, "d": d, "seed": seed, "m_train": m, "steps": steps, **row})
        log.info(
            "m = %d, steps = %d: exact %s, excess %.5f, %.2f s CPU",
            m,
            steps,
            row["exact"],
            row["excess_err"],
            row["seconds"],
        )
meta = {key: data[key] for key in ("eps", "floor_excess", "padded", "m_val", "m_val_reached")}
write_json({**meta, "rows": rows}, snakemake.output[0])
