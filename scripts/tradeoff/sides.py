"""Rule tradeoff_sides: sides.csv, both bounds per (d, eps) and the measured points."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.tradeoff.sides import COLUMNS, bound_rows, measured_rows

log = rule_logger(snakemake.log[0])
p, inp = snakemake.params, snakemake.input
correlation = pd.read_csv(inp.correlation)
c_k = dict(zip(correlation.k.astype(int), correlation.c_k, strict=True))
upper = pd.read_csv(inp.upper)
rows = bound_rows(p.eps, p.d, p.eta, c_k, upper)
rows += measured_rows(pd.read_csv(inp.scaling), pd.read_csv(inp.lowdeg))
table = pd.DataFrame(rows, columns=list(COLUMNS))
write_csv(table, snakemake.output[0])
log.info("rows per series:\n%s", table.series.value_counts().to_string())
