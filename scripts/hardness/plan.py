"""Rule hardness_plan: eps, thresholds and the validation size of one (k, eta)."""

from relu_tradeoffs.hardness.algorithm1 import plan, plan_notes
from relu_tradeoffs.pipeline.io import rule_logger, write_json

log = rule_logger(snakemake.log[0])
p = snakemake.params
k, eta = int(snakemake.wildcards.k), float(snakemake.wildcards.eta)
settings = {"eps": p.eps, "m_val": p.m_val, "m_val_max": p.m_val_max, "learners": p.learners}
settings["m_train_factor"] = p.m_train_factor
settings |= {"relu": p.relu, "labels": p.labels, "witness_search": p.witness_search}
settings["biases"] = len(p.beta) if p.beta else 1
out = plan(k, eta, **settings, params={"lowdeg": p.lowdeg}, odd_k=p.odd_k)
for level, message in plan_notes(out):
    getattr(log, level)("%s", message)
write_json(out, snakemake.output[0])
