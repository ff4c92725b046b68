"""Rule tradeoff_scaling: CPU time and work of the exhaustive learner's full scan at one (k, d)."""

from relu_tradeoffs.pipeline.io import rule_logger, write_json
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.tradeoff.scaling import scaling_point

log = rule_logger(snakemake.log[0])
p = snakemake.params
d, k = int(snakemake.wildcards.d), int(snakemake.wildcards.k)
row = scaling_point(
    rng_for(p.seed, "tradeoff", "scaling", k, d),
    d=d,
    k=k,
    eta=p.eta,
    odd_k=p.odd_k,
    m_factor=p.m_factor,
    timing={key: p[key] for key in ("timed_work", "m_time_min", "m_time_max")},
    repeats=p.repeats,
    block_mb=p.block_mb,
    max_success_work=p.max_success_work,
)
log.info(
    "k = %d (scanned as %d-sparse on %d coordinates): %d candidates, CPU %.4f s on %d examples "
    "(repeats %s), charged for m = %d: %.4g s; success %s",
    k,
    row["k_effective"],
    row["d_effective"],
    row["candidates"],
    row["seconds_measured"],
    row["m_time"],
    ", ".join(f"{t:.4f}" for t in row["seconds_repeats"]),
    row["m"],
    row["seconds"],
    row["success"],
)
write_json(row, snakemake.output[0])
