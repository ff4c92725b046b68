"""Rule report_summary: one verdict per claim of the paper, from the result tables."""

import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv, write_text
from relu_tradeoffs.summary import build, markdown

log = rule_logger(snakemake.log[0])
# Named inputs are the tables; optional ones (tradeoff, theorem5) appear only when their rules do.
tables = {name: pd.read_csv(path) for name, path in snakemake.input.items() if name != "code"}
summary = build(tables, snakemake.params.hermite_tolerance, snakemake.params.lowdeg_tolerance)
write_csv(summary, snakemake.output.csv)
write_text(markdown(summary), snakemake.output.md)
log.info("%d claims: %s", len(summary), summary.verdict.value_counts().to_dict())
