"""Rule theory_correlation: Lemma 1's c_k for k = 1..k_max by series, quadrature and Monte Carlo."""

from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import correlation

log = rule_logger(snakemake.log[0])
p = snakemake.params
rng = rng_for(p.seed, "theory", "correlation")
table = correlation.table(rng, p.k_max, p.mc_samples, p.mc_chunk, p.n_max)
for row in table.itertuples():
    log.info(
        "k=%d c_k=%.15g error<=%.2g quad diff=%.2g",
        row.k,
        row.c_k,
        row.c_k_error,
        row.series_minus_quadrature,
    )
log.info(
    "max |series - quadrature| = %.3g; max |MC z-score| = %.2f",
    table.series_minus_quadrature.abs().max(),
    table.mc_z_score.abs().max(),
)
write_csv(table, snakemake.output[0])
