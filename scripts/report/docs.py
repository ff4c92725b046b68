"""Rule report_docs: docs/results.md, the one page of measured numbers, from the result tables."""

from pathlib import Path

import pandas as pd
import yaml
from relu_tradeoffs.pipeline.io import rule_logger, write_text
from relu_tradeoffs.pipeline.results_page import merge, page

log = rule_logger(snakemake.log[0])
run_config = snakemake.params.config
configs = {"this run's config": run_config} | {
    path: merge(run_config, yaml.safe_load(Path(path).read_text()))
    for path in snakemake.input.named_configs
}
# A benchmark's rule: its folder under results/benchmarks/, or its file name when at the top.
frames = [
    pd.read_csv(path, sep="\t").assign(
        rule=path.parent.name if path.parent.name != "benchmarks" else path.stem
    )
    for path in sorted(Path(snakemake.params.benchmarks).rglob("*.tsv"))
]
benchmarks = pd.concat(frames) if frames else pd.DataFrame(columns=["rule", "s", "max_rss"])
benchmarks["max_rss"] = pd.to_numeric(benchmarks["max_rss"], errors="coerce")
tables = {
    name: pd.read_csv(snakemake.input[name])
    for name in ("summary", "recovery", "correlation", "slopes", "scaling")
}
text = page(**tables, configs=configs, benchmarks=benchmarks, config_sha256=snakemake.params.sha)
write_text(text, snakemake.output[0])
log.info("docs/results.md from %d benchmark files", len(frames))
