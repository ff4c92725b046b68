"""Rule claims: Claims 3 and 4 on simulated lifted k-SLPN data against their formulas."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory.claims import simulate
from relu_tradeoffs.theory.correlation import c_k

log = rule_logger(snakemake.log[0])
p = snakemake.params
rows = []
for k in p.k:
    for eta in p.eta:
        rng = rng_for(p.seed, "theory", "claims", k, eta)
        rows += simulate(rng, p.d, k, eta, p.samples, p.norms, c_k(k))
table = pd.DataFrame(rows)
table["z_score"] = (table.empirical_err - table.analytic_err) / table.empirical_se
table["within_4se"] = table.z_score.abs() <= 4
log.info("%d rows, max |z| = %.2f", len(table), table.z_score.abs().max())
write_csv(table, snakemake.output[0])
