"""Rule hardness_learn: one learner on S_j for every coordinate j of one shard, at every size.

A padded instance (odd k) has d + 1 columns; only the d original coordinates are dropped in turn.
Training sizes are prefixes of the instance's training set (a learning curve on nested samples).
Each size has its own random stream keyed by (learner, instance, size) and not by the shard, so
results do not depend on coords_per_job (learners.fit_curve). Under hardness.relu: biased the
learner fits [w, b] (d + 1 entries per hypothesis, the bias last).
"""

import os

import numpy as np
from relu_tradeoffs.hardness.learners import fit_curve, get
from relu_tradeoffs.pipeline.io import load_npy, rule_logger, save_npy, write_json
from relu_tradeoffs.pipeline.progress import Progress
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
wc, p = snakemake.wildcards, snakemake.params
d, k, shard = int(wc.d), int(wc.k), int(wc.shard)
learner = get(wc.learner)
params = dict(p.learner_params) | ({"k": p.k_effective} if learner.needs_k else {})
if p.relu == "biased":  # the config check admits only learners that fit a bias
    params[learner.bias_param] = True
drop = np.arange(shard * p.coords_per_job, min(d, (shard + 1) * p.coords_per_job))
X = load_npy(snakemake.input.X, ndim=2, dtype_kind="f")
y = load_npy(snakemake.input.y, ndim=1, dtype_kind="f")
key = ("hardness", "learn", wc.learner, d, k, wc.eta, wc.seed)
progress = Progress(log, len(drop) * len(p.m_train), "coordinate fits")
# The fault test kills the job on this line (a marker of work under way, not a timer).
log.info("fitting started (pid %d)", os.getpid())
weights, seconds, iterations, path = fit_curve(
    learner, X, y, drop, p.m_train, lambda m: rng_for(p.seed, *key, m), params,
    on_fit=lambda m: progress.advance(len(drop), f"{wc.learner}, m_train = {m}"),
)  # fmt: skip
save_npy(snakemake.output.W, weights)
save_npy(snakemake.output.path, path)
info = {"learner": wc.learner, "coordinates": drop.tolist(), "m_train": list(p.m_train)}
write_json(
    {**info, "seconds": seconds, "path_iterations": iterations.tolist()}, snakemake.output.meta
)
