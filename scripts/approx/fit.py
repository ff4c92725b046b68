"""Rule approx_fit: one instance (noise, d, opt target, seed): draw it, run every method, score.

The data are drawn here from the instance's own random stream rather than read from disk:
drawing 40,000 x d Gaussians takes milliseconds, storing them for the default grid ~1 GB.
Each method has its own stream, so adding or removing methods never changes another's numbers.
"""

import csv
import time

import numpy as np
from relu_tradeoffs.approx import alg2, noise, rivals
from relu_tradeoffs.approx.config import parse_method
from relu_tradeoffs.pipeline.io import atomic_path, read_json, rule_logger
from relu_tradeoffs.pipeline.progress import Progress
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.relu import relu

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
cal = read_json(snakemake.input.calibration)
key = ("approx", wc.noise, wc.d, wc.opt, wc.seed)
inst = noise.make_instance(
    rng_for(p.seed, *key, "instance"),
    int(wc.d),
    p.w_norm,
    p.parity_k,
    p.parity_eta,
    cal["band_center"],
)
data_rng = rng_for(p.seed, *key, "data")
X, y = noise.sample(data_rng, p.m_train, inst, wc.noise, cal["level"])
X_test, y_test = noise.sample(data_rng, p.m_test, inst, wc.noise, cal["level"])


def test_err(w):
    return float(np.mean((relu(X_test @ w) - y_test) ** 2))


opt = noise.planted_error(X_test, y_test, inst)
w_ref = rivals.reference(
    X,
    y,
    rng_for(p.seed, *key, "reference"),
    [inst.w_star, rivals.surrogate(X, y, None)],
    **p.reference,
)
common = {
    "noise": wc.noise,
    "d": int(wc.d),
    "opt_target": float(wc.opt),
    "opt": opt,
    "seed": int(wc.seed),
}
extra = {
    "opt_reference": test_err(w_ref),
    "opt_calibration": cal["opt_calibration"],
    "level": cal["level"],
    "m_train": p.m_train,
    "m_test": p.m_test,
    "w_norm": p.w_norm,
}
paper_alpha = cal["opt_calibration"] ** (1 / 3)
rows, curve_rows = [], []
progress = Progress(log, len(p.methods), "methods")
for method in p.methods:
    kind, name, paper = parse_method(method)
    rng = rng_for(p.seed, *key, method)
    start = time.perf_counter()
    if kind == "rival":
        alpha = ""
        w = rivals.METHODS[name](X, y, rng, **p.params[name])
    elif paper:
        alpha = paper_alpha
        w = alg2.fit(X, y, alpha, name, rng, p.params[name])
    else:
        curve = alg2.validation_curve(
            X,
            y,
            p.alpha["grid"],
            name,
            rng,
            p.params[name],
            p.alpha["val_fraction"],
            p.alpha["min_class"],
        )
        alpha = alg2.best_alpha(curve)
        w = alg2.fit(X, y, alpha, name, rng, p.params[name])
        curve_rows += [
            common
            | {
                "method": method,
                "alpha": c["alpha"],
                "val_err": c["val_err"],
                "test_err": np.nan if c["w"] is None else test_err(c["w"]),
                "selected": c["alpha"] == alpha,
                "paper_alpha": paper_alpha,
            }
            for c in curve
        ]
    seconds = time.perf_counter() - start
    rows.append(
        common
        | {
            "method": method,
            "alpha": alpha,
            "test_err": test_err(w),
            "dist_to_wstar": float(np.linalg.norm(w - inst.w_star)),
            "seconds": seconds,
            "w_norm_fit": float(np.linalg.norm(w)),
        }
        | extra
    )
    log.info(
        "%s: alpha=%s test_err=%.5f (opt %.5f) %.2fs",
        method,
        alpha,
        rows[-1]["test_err"],
        opt,
        seconds,
    )
    progress.advance(1, method)


def write_rows(table, path, fields):
    # The csv module, not pandas: pandas costs 0.35 s of import in each of ~150 jobs.
    with atomic_path(path) as tmp, open(tmp, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields)
        writer.writeheader()
        writer.writerows(table)


write_rows(rows, snakemake.output.errors, list(rows[0]))
curve_fields = list(common) + ["method", "alpha", "val_err", "test_err", "selected", "paper_alpha"]
write_rows(curve_rows, snakemake.output.alpha_curve, curve_fields)
