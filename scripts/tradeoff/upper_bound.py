"""Rule tradeoff_upper_bound: the degree l(eps) polynomial regression needs, its feature count at
each d and the fitted exponent of l(eps) in 1/eps per opt level."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.tradeoff.upper_bound import upper_table, with_exponents

log = rule_logger(snakemake.log[0])
p = snakemake.params
rows = upper_table(p.eps, p.opt, sorted(set(p.d)), p.degree_max)
table = pd.DataFrame(with_exponents(rows, p.fit_min_degree, p.fit_eps_fraction))
table["degree"] = table.degree.astype("Int64")
contract = ["eps", "degree", "tail", "d", "features", "cost_upper"]
table = table[[*contract, *(c for c in table.columns if c not in contract)]]
write_csv(
    table.sort_values(["opt", "d", "eps"], ascending=[True, True, False]), snakemake.output[0]
)
fits = table.groupby("opt")[
    ["slope", "slope_lo", "slope_hi", "slope_derived", "fit_points"]
].first()
log.info("exponent of l(eps) in 1/eps per opt (fit, interval, derived, points):\n%s", fits)
