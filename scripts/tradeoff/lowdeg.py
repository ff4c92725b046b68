"""Rule tradeoff_lowdeg: degree-l least squares at every degree on one data model and seed (the
planted ReLU, a lifted k-SLPN instance, or an approx noise model at its calibrated level)."""

import math

from relu_tradeoffs.approx import noise
from relu_tradeoffs.hardness.algorithm1 import c_k, claim4_witness_bound, effective_k, lowdeg_gap
from relu_tradeoffs.pipeline.io import rule_logger, write_json
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.relu import INV_SQRT_2PI
from relu_tradeoffs.tradeoff.regression import LOOKAHEAD, degree_rows, planted, with_predictions
from relu_tradeoffs.tradeoff.scaling import lifted_instance
from relu_tradeoffs.tradeoff.upper_bound import tails

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
seed, model = int(wc.seed), wc.model
rng = rng_for(p.seed, "tradeoff", "lowdeg", model, p.d, seed)
m, m_test = p.m_train, p.m_test
tail = tails(max(p.degrees) + LOOKAHEAD)
meta = {"model": model, "d": p.d, "seed": seed}
if model == "planted":
    X, y = planted(rng, m + m_test, p.d)
    predictions = {"opt": 0.0, "norm": 1.0, "exact": lambda degree: float(tail[degree])}
elif model.startswith("slpn"):
    k = int(model.removeprefix("slpn"))
    k_fit = effective_k(k, p.odd_k)
    X, y, _ = lifted_instance(rng, m + m_test, p.d, k, p.eta, p.odd_k)
    ck = c_k(k_fit)
    predictions = {
        "opt": claim4_witness_bound(ck, p.eta),  # Claim 4's witness: an upper bound on opt
        "norm": INV_SQRT_2PI + (1 - 2 * p.eta) * abs(ck),
        "exact": lambda degree: 0.25 - lowdeg_gap(k_fit, p.eta, degree),
    }
    meta |= {"k": k, "k_effective": k_fit}
else:
    a = p.approx
    band_center = p.opt_target ** (1 / 3)  # the approx wing's band threshold, opt^(1/3)
    canonical = noise.canonical_instance(
        a["w_norm"], a["parity"]["k"], a["parity"]["eta"], band_center
    )
    level, _ = noise.calibrate(model, p.opt_target, canonical, p.calibration, p.seed)
    inst = noise.make_instance(
        rng, p.d, a["w_norm"], a["parity"]["k"], a["parity"]["eta"], band_center
    )
    X, y = noise.sample(rng, m + m_test, inst, model, level)
    # opt: the planted ReLU's test loss (an upper estimate of the best ReLU's).
    opt = noise.planted_error(X[m:], y[m:], inst)
    predictions = {"opt": opt, "norm": a["w_norm"]}
    meta |= {"level": level, "opt_target": p.opt_target}
rows, skipped = degree_rows(
    (X[:m], y[:m]),
    (X[m:], y[m:]),
    p.degrees,
    ridge=p.ridge,
    max_features=p.max_features,
    repeats=p.repeats,
)
rows = with_predictions(rows, tail, **predictions)
for row in rows:
    log.info(
        "%s degree %d (%d features): %.3f s CPU, test error %.5f +- %.5f, opt %.5f, "
        "tail %.5f, bound %.5f, exact %s",
        model,
        row["degree"],
        row["features"],
        row["seconds"],
        row["test_err"],
        row["test_err_se"],
        row["opt"],
        row["tail"],
        row["bound"],
        "-" if math.isnan(row["predicted"]) else f"{row['predicted']:.5f}",
    )
if skipped:
    log.info("degrees %s skipped: more than %d features", skipped, p.max_features)
write_json({**meta, "skipped": skipped, "rows": rows}, snakemake.output[0])
