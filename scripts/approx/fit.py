"""Rule approx_fit: every opt target of one (regime, noise, d, seed): run every method, find
the honest opt, measure Theorem 5's chain (relu_tradeoffs.approx.experiment)."""

import csv

from relu_tradeoffs.approx.experiment import run_job
from relu_tradeoffs.pipeline.io import atomic_path, read_json, rule_logger

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
calibrations = {f"{c['opt_target']:g}": c for c in map(read_json, snakemake.input.calibration)}
errors, curve, chain = run_job(
    p.section, p.seed, wc.regime, wc.noise, int(wc.d), int(wc.seed), calibrations
)
for row in errors:
    log.info(
        "opt target %g %-40s test_err %.5f (opt %.5f) %.2fs",
        row["opt_target"],
        row["method"],
        row["test_err"],
        row["opt"],
        row["seconds"],
    )


def write_rows(table, path):
    # The csv module, not pandas: pandas' import costs more than a small fit job's own work.
    with atomic_path(path) as tmp, open(tmp, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(table[0]) if table else ["regime"])
        writer.writeheader()
        writer.writerows(table)


write_rows(errors, snakemake.output.errors)
write_rows(curve, snakemake.output.alpha_curve)
write_rows(chain, snakemake.output.theorem5)
