"""Rule approx_aggregate: join the per-job tables and the calibrations; fail, naming the
instance, if any method beats opt by more than the check's standard errors (then opt was not
optimal; approx.opt_check)."""

import pandas as pd
from relu_tradeoffs.approx import tables
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_csv

log = rule_logger(snakemake.log[0])
inp, out = snakemake.input, snakemake.output
p = snakemake.params
errors, check = tables.errors_table([pd.read_csv(f) for f in inp.errors], p.methods, p.opt_check)
curve = tables.curve_table([pd.read_csv(f) for f in inp.alpha_curve])
chain = tables.theorem5_table([pd.read_csv(f) for f in inp.theorem5])
calibration = pd.DataFrame([read_json(f) for f in inp.calibration])
log.info(
    "opt check: no method of %d rows beats opt by %.3g s.e.; %d rows lie %g s.e. below "
    "(a correct opt puts at most %.1f there by chance)",
    check["rows"],
    check["threshold"],
    check["below_z"],
    p.opt_check["z"],
    check["chance_below_z"],
)
log.info(
    "%d error rows, %d alpha-curve rows, %d theorem5 rows", len(errors), len(curve), len(chain)
)
write_csv(errors, out.errors)
write_csv(curve, out.alpha_curve)
write_csv(chain, out.theorem5)
write_csv(calibration, out.calibration)
