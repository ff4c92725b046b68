"""Rule tradeoff_aggregate: scaling.csv (with the fitted exponents), pareto.csv (with the front)
and gd.csv from the per-job records."""

import pandas as pd
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.tradeoff.pareto import with_front
from relu_tradeoffs.tradeoff.scaling import with_slopes

log = rule_logger(snakemake.log[0])
p, inp, out = snakemake.params, snakemake.input, snakemake.output
records = {key: [read_json(f) for f in inp[key]] for key in ("scaling", "pareto", "gd")}
CONTRACT = {
    "scaling": ["k", "d", "eps", "seconds", "work", "success", "slope_d"],
    "pareto": ["learner", "budget", "k", "d", "seconds", "excess_err", "excess_err_se"],
}


def table(rows, contract=()):
    frame = pd.DataFrame(rows)
    return frame[[*contract, *(c for c in frame.columns if c not in contract)]]


rng = rng_for(p.seed, "tradeoff", "aggregate", "bootstrap")
scaling = table(with_slopes(records["scaling"], rng, p.bootstrap, p.d_eps), CONTRACT["scaling"])
scaling["seconds_repeats"] = scaling.seconds_repeats.map(lambda t: ";".join(f"{x:.6g}" for x in t))
extra = ("eps", "floor_excess", "padded")
pareto_rows = [
    {**row, **{key: r[key] for key in extra}} for r in records["pareto"] for row in r["rows"]
]
pareto = table(with_front(pareto_rows), CONTRACT["pareto"])
meta = (*extra, "m_val", "m_val_reached")
gd = table([{**row, **{key: r[key] for key in meta}} for r in records["gd"] for row in r["rows"]])
write_csv(scaling.sort_values(["k", "d"]), out.scaling)
write_csv(pareto.sort_values(["k", "seed", "learner", "work"]), out.pareto)
write_csv(gd.sort_values(["k", "d", "seed", "m_train", "steps"]), out.gd)
slopes = scaling.groupby("k")[["slope_d", "slope_d_lo", "slope_d_hi", "slope_work"]].first()
log.info("time exponents in d per k (fit, interval, work):\n%s", slopes.to_string())
