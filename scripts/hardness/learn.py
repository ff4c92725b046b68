"""Rule learn: one learner on S_j for every coordinate j of one shard, at every training size.

A padded instance (odd k) has d + 1 columns; only the d original coordinates are dropped in turn.
Training sizes are prefixes of the instance's training set (a learning curve on nested samples).
Each size has its own random stream keyed by (learner, instance, size) and not by the shard, so
results do not depend on coords_per_job. Iterative learners with trace_points > 0 also record
their iterates along the way at the largest size (scored on V_j into paths.csv).
"""

import os
import time

import numpy as np
from relu_tradeoffs.hardness.learners import get
from relu_tradeoffs.pipeline.io import load_npy, rule_logger, save_npy, write_json
from relu_tradeoffs.pipeline.progress import Progress
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
wc = snakemake.wildcards
p = snakemake.params
d, k, shard = int(wc.d), int(wc.k), int(wc.shard)
learner = get(wc.learner)
params = dict(p.learner_params)
if learner.needs_k:
    params["k"] = p.k_effective  # k + 1 on a padded odd-k instance
drop = np.arange(shard * p.coords_per_job, min(d, (shard + 1) * p.coords_per_job))
X = load_npy(snakemake.input.X, ndim=2, dtype_kind="f")
y = load_npy(snakemake.input.y, ndim=1, dtype_kind="f")

# The fault test kills the job on this line (a marker of work under way, not a timer).
log.info("fitting started (pid %d)", os.getpid())
weights, seconds = [], []
progress = Progress(log, len(drop) * len(p.m_train), "coordinate fits")
path_iterations, path = np.zeros(0, dtype=int), None
for m in p.m_train:
    rng = rng_for(p.seed, "hardness", "learn", wc.learner, d, k, wc.eta, wc.seed, m)
    Xm, ym = np.asarray(X[:m], dtype=float), np.asarray(y[:m], dtype=float)
    traced = m == max(p.m_train) and learner.fit_path and params.get("trace_points", 0) > 0
    start = time.perf_counter()
    if traced:
        W, path_iterations, path = learner.fit_path(Xm, ym, drop, rng, **params)
    else:
        W = learner.fit(Xm, ym, drop, rng, **params)
    seconds.append(time.perf_counter() - start)
    weights.append(W)
    progress.advance(len(drop), f"{wc.learner}, coordinates {drop.tolist()}, m_train = {m}")

weights = np.array(weights)
save_npy(snakemake.output.W, weights)
save_npy(snakemake.output.path, path if path is not None else np.zeros((0, *weights.shape[1:])))
write_json(
    {
        "learner": wc.learner,
        "coordinates": drop.tolist(),
        "m_train": list(p.m_train),
        "seconds": seconds,
        "path_iterations": np.asarray(path_iterations).tolist(),
    },
    snakemake.output.meta,
)
