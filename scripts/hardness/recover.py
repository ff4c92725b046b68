"""Rule recover: Algorithm 1's threshold test on one instance, for every learner and size."""

from relu_tradeoffs.hardness.algorithm1 import recover_instance
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_json

log = rule_logger(snakemake.log[0])
score = read_json(snakemake.input.score)
plan = read_json(snakemake.input.plan)
rows = recover_instance(score, plan)
for row in rows["recovery"]:
    log.info(
        "%s, m_train = %d: true %s, recovered %s%s",
        row["learner"],
        row["m_train"],
        row["true_set"],
        row["recovered_set"] or "{}",
        "" if row["has_gap"] else " (no gap: meaningless)",
    )
write_json(rows, snakemake.output[0])
