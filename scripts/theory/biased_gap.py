"""Rule theory_biased_gap: the best biased witness's gain per (k, eta, labels) (beyond the paper)."""

from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import biased_gap

log = rule_logger(snakemake.log[0])
p = snakemake.params
rows = []
for k in range(1, p.gap["k_max"] + 1):
    for eta in p.gap["eta"]:
        for labels in biased_gap.LABELS:
            rng = rng_for(p.seed, "theory", "biased_gap", k, eta, labels)
            found = biased_gap.rows_for(rng, k, eta, labels, p.gap)
            for row in found:
                log.info("k=%d eta=%g %s %s: gain %.6g at beta %.4g, r %.4g", k, eta, labels,
                         row["witness"], row["gain"], row["beta"], row["r"])  # fmt: skip
            rows += found
write_csv(biased_gap.table(rows), snakemake.output[0])
