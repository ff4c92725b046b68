"""Rule report_rulegraph: the rule graph of the default config, as DOT and SVG, for the docs."""

from pathlib import Path

from relu_tradeoffs.pipeline.io import atomic_path, rule_logger
from relu_tradeoffs.pipeline.rulegraph import render_svg, rulegraph_dot

log = rule_logger(snakemake.log[0])
dot = rulegraph_dot(Path(snakemake.scriptdir).parents[1])
log.info("rule graph: %d edges", dot.count("->"))
for path, text in ((snakemake.output.dot, dot), (snakemake.output.svg, render_svg(dot))):
    with atomic_path(path) as tmp:
        tmp.write_text(text)
