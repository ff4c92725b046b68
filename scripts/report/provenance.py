"""Rule provenance: the JSON sidecar of one results folder."""

from relu_tradeoffs.pipeline.io import write_json
from relu_tradeoffs.pipeline.provenance import record

write_json(
    record(snakemake.params.config, snakemake.wildcards.section, snakemake.scriptdir),
    snakemake.output[0],
)
