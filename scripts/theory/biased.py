"""Rule theory_biased: c_k(beta) for k = 1..k_max and the beta grid, three ways (beyond the paper)."""

from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import biased

log = rule_logger(snakemake.log[0])
p = snakemake.params
rng = rng_for(p.seed, "theory", "biased")
table = biased.table(rng, p.k_max, p.beta, p.mc_samples, p.mc_chunk, p.n_max, p.tail_n_max)
log.info(
    "%d rows; max |series - quadrature| = %.3g (k <= 3: %.3g); max |MC z-score| = %.2f",
    len(table),
    table.series_minus_quadrature.abs().max(),
    table[table.k <= 3].series_minus_quadrature.abs().max(),
    table.mc_z_score.abs().max(),
)
write_csv(table, snakemake.output[0])
