"""Rule tradeoff_aggregate_lowdeg: lowdeg.csv, one row per (model, seed, degree), from the jobs."""

import pandas as pd
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_csv

log = rule_logger(snakemake.log[0])
records = [read_json(f) for f in snakemake.input.fits]
keys = ("model", "d", "seed", "k", "k_effective", "level", "opt_target")
rows = [{**{key: r.get(key) for key in keys}, **row} for r in records for row in r["rows"]]
table = pd.DataFrame(rows).sort_values(["model", "seed", "degree"])
first = ["model", "d", "seed", "degree", "features", "m_train", "seconds", "test_err"]
first += ["test_err_se", "opt", "excess_err", "tail", "bound", "predicted"]
table = table[[*first, *(c for c in table.columns if c not in first)]]
write_csv(table, snakemake.output[0])
for record in records:
    if record["skipped"]:
        log.info(
            "%s seed %d: degrees %s over the feature cap",
            record["model"],
            record["seed"],
            record["skipped"],
        )
log.info("%d rows from %d jobs", len(table), len(records))
