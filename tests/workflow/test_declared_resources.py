"""The cost model is the single source of the rules' memory and shard counts: what a dry run of
Snakemake schedules is what `pipeline.cost` computes, on the default and the paper configs."""

import re
from collections import Counter

import pytest
import yaml
from conftest import ROOT, run_snakemake
from relu_tradeoffs.pipeline import cost
from relu_tradeoffs.pipeline.config import load_merged

JOB = re.compile(r"^(?:local)?rule (\w+):\n((?:    .*\n?)*)", re.M)


def scheduled(project, *args):
    """(rule, wildcards, declared mem_mb) of every job of a dry run from scratch."""
    out = run_snakemake(project, "--dry-run", "--cores", "2", *args).stdout
    jobs = []
    for match in JOB.finditer(out):
        body = match.group(2)
        found = re.search(r"^    wildcards: (.*)$", body, re.M)
        wildcards = dict(p.split("=", 1) for p in found.group(1).split(", ")) if found else {}
        mem = re.search(r"^    resources: .*\bmem_mb=(\d+)", body, re.M)
        jobs.append((match.group(1), wildcards, mem and int(mem.group(1))))
    return jobs


# The paper config with one seed and one eta: the memory does not depend on either.
PAPER_SLICE = {"hardness": {"grid": {"seeds": [0], "eta": [0.0]}}}


@pytest.mark.parametrize("name", ["default", "paper"])
def test_declared_memory_and_shards_are_the_cost_model_s(project, name):
    args = ["all"]
    config = load_merged(ROOT / "config.yaml")
    if name == "paper":
        paper = load_merged(ROOT / "config" / "paper.yaml")
        paper["hardness"]["grid"].update(PAPER_SLICE["hardness"]["grid"])
        (project / "slice.yaml").write_text(yaml.safe_dump(paper))
        args = ["hardness", "--configfile", "slice.yaml"]
        config = load_merged(ROOT / "config.yaml", project / "slice.yaml")
    jobs = scheduled(project, *args)
    checked = 0
    for rule, wildcards, mem in jobs:
        if mem is None:  # target rules declare nothing
            continue
        expected = cost.rule_mb(rule, config, wildcards.get("d"))
        assert abs(mem - expected) < 1, (rule, wildcards, mem, expected)  # Snakemake rounds
        checked += 1
    assert checked > 50
    learn = Counter(
        (w["d"], w["k"], w["eta"], w["seed"], w["learner"])
        for r, w, _ in jobs
        if r == "hardness_learn"
    )
    section = config["hardness"]
    for (d, *_), shards in learn.items():
        assert shards == cost.coordinate_shards(section, d), (d, shards)
