"""Rule approx_calibrate: the noise level at which the planted ReLU's error meets the opt target."""

from relu_tradeoffs.approx import noise
from relu_tradeoffs.pipeline.io import rule_logger, write_json
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
target = float(wc.opt)
inst = noise.canonical_instance(p.w_norm, p.parity_k, p.parity_eta, target ** (1 / 3))
seed = int(rng_for(p.seed, "approx", "calibration", wc.noise, wc.opt).integers(2**62))
try:
    level, reached = noise.calibrate(wc.noise, target, inst, p.n_calibration, seed)
except noise.UnreachableTarget as err:
    log.error("%s", err)
    raise
log.info("%s: opt target %g -> level %.6g, planted error %.6g", wc.noise, target, level, reached)
write_json(
    {
        "noise": wc.noise,
        "opt_target": target,
        "level": level,
        "opt_calibration": reached,
        "band_center": inst.band_center,
        "n_calibration": p.n_calibration,
        "w_norm": p.w_norm,
    },
    snakemake.output[0],
)
