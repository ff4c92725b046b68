"""Rule approx_calibrate: the noise level at which the planted ReLU's error meets the opt target."""

from relu_tradeoffs.approx import noise
from relu_tradeoffs.approx.regimes import planted_norm
from relu_tradeoffs.pipeline.io import rule_logger, write_json
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
target = float(wc.opt)
w_norm = planted_norm(wc.regime, p.w_norm)
# `none` has no level; its band centre is unused, any value in (0, 1) will do.
center = target ** (1 / 3) if target > 0 else 0.5
inst = noise.canonical_instance(w_norm, p.parity_k, p.parity_eta, center)
seed = int(rng_for(p.seed, "approx", "calibration", wc.regime, wc.noise, wc.opt).integers(2**62))
level, reached = noise.calibrate(wc.noise, target, inst, p.n_calibration, seed)
log.info(
    "%s %s: opt target %g -> level %.6g, planted error %.6g",
    wc.regime,
    wc.noise,
    target,
    level,
    reached,
)
write_json(
    {
        "regime": wc.regime,
        "noise": wc.noise,
        "opt_target": target,
        "level": level,
        "opt_calibration": reached,
        "band_center": inst.band_center,
        "n_calibration": p.n_calibration,
        "w_norm": w_norm,
    },
    snakemake.output[0],
)
