"""docs/architecture.md's rule graph is the workflow's: regenerate it when rules change."""

import re

from conftest import ROOT

TARGETS = {"theory", "hardness", "approx", "tradeoff", "figures", "summary", "docs"}
NOT_IN_ALL = {"report_rulegraph", "report_docs"}


def test_committed_rule_graph_names_exactly_the_workflow_s_rules():
    dot = (ROOT / "docs" / "rulegraph.dot").read_text()
    drawn = set(re.findall(r'label = "(\w+)"', dot))
    rules = {
        name
        for smk in (ROOT / "workflow" / "rules").glob("*.smk")
        for name in re.findall(r"^rule (\w+):", smk.read_text(), flags=re.M)
    }
    rules |= set(re.findall(r"^rule (\w+):", (ROOT / "Snakefile").read_text(), flags=re.M))
    expected = rules - TARGETS - NOT_IN_ALL
    assert drawn == expected, (
        f"docs/rulegraph.dot is stale (run `snakemake report_rulegraph --cores 1`): "
        f"missing {sorted(expected - drawn)}, extra {sorted(drawn - expected)}"
    )
