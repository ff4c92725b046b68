"""Rule approx_collect: join the per-instance tables and the calibrations."""

import pandas as pd
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_csv

# The contract's columns first (DESIGN.md), extras after.
ERRORS_COLUMNS = [
    "noise",
    "d",
    "opt_target",
    "opt",
    "method",
    "alpha",
    "seed",
    "test_err",
    "dist_to_wstar",
    "seconds",
]
KEYS = ["noise", "d", "opt_target", "seed"]

log = rule_logger(snakemake.log[0])
errors = pd.concat([pd.read_csv(f) for f in snakemake.input.errors], ignore_index=True)
errors = errors[ERRORS_COLUMNS + [c for c in errors.columns if c not in ERRORS_COLUMNS]]
method_order = {m: i for i, m in enumerate(snakemake.params.methods)}
errors = errors.sort_values(
    KEYS + ["method"],
    key=lambda s: s.map(method_order) if s.name == "method" else s,
    ignore_index=True,
)
curve = pd.concat([pd.read_csv(f) for f in snakemake.input.alpha_curve], ignore_index=True)
curve = curve.sort_values(KEYS + ["method", "alpha"], ignore_index=True)
calibration = pd.DataFrame([read_json(f) for f in snakemake.input.calibration])
log.info(
    "%d error rows, %d alpha-curve rows, %d calibrations", len(errors), len(curve), len(calibration)
)
write_csv(errors, snakemake.output.errors)
write_csv(curve, snakemake.output.alpha_curve)
write_csv(calibration, snakemake.output.calibration)
