"""Rule hardness_aggregate: every instance's rows into the hardness tables (hardness.tables)."""

from relu_tradeoffs.hardness.tables import instance_tables, plan_table
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_csv

log = rule_logger(snakemake.log[0])
out = snakemake.output
records = map(read_json, snakemake.input.instances)
tables = instance_tables(records, snakemake.params.m_train)
for name in ("coordinates", "recovery", "sweep", "paths"):
    write_csv(tables[name], out[name])
write_csv(plan_table(map(read_json, snakemake.input.plans)), out.plan)
rates = tables["recovery"].groupby(["learner", "k", "eta"]).exact.mean()
for (name, k, eta), rate in rates.items():
    log.info("%s k = %d eta = %g: exact recovery %.0f%%", name, k, eta, 100 * rate)
