"""Rule tradeoff_sq_bound: Theorem 4's correlation-query lower bound on a grid of eps, eta, d."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.tradeoff.sq import sq_table

log = rule_logger(snakemake.log[0])
p = snakemake.params
correlation = pd.read_csv(snakemake.input.correlation)
c_k = dict(zip(correlation.k.astype(int), correlation.c_k, strict=True))
table = pd.DataFrame(sq_table(p.eps, p.eta, p.d, p.tau_over_eps, c_k))
for row in table.itertuples():
    log.info(
        "eps %g eta %g d %d: k = %s%s, queries >= %.3g, cost >= %.3g",
        row.eps,
        row.eta,
        row.d,
        row.k,
        " (capped)" if row.k_capped else "",
        row.queries_lower_bound,
        row.cost_lower_bound,
    )
write_csv(table, snakemake.output[0])
