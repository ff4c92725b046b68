"""Rule score: validation square loss of every h_j on V_j, for every learner and training size.

Each learner's shards are first put back in coordinate order, so the numbers do not depend on
coords_per_job. Theorem 3's negative control (random k-subsets, hardness.control, never fitted to data) joins them
under the name algorithm1.CONTROL, drawn from the instance's own keyed stream. The validation set is regenerated from the instance's keyed streams in chunks of
``val_chunk`` rows (never stored; the numbers do not depend on the chunk size) and every
learner's hypotheses and traced iterates are scored in one pass over it.
"""

import numpy as np
from relu_tradeoffs import parity
from relu_tradeoffs.hardness import control
from relu_tradeoffs.hardness.algorithm1 import CONTROL
from relu_tradeoffs.hardness.learners import join_shards, score_learners, shard_files
from relu_tradeoffs.pipeline.io import load_npy, read_json, rule_logger, write_json
from relu_tradeoffs.pipeline.progress import Progress
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.relu import affine_inputs

log = rule_logger(snakemake.log[0])
p, wc, inputs = snakemake.params, snakemake.wildcards, snakemake.input
meta = read_json(inputs.support)
d, m_train, m_val = int(wc.d), meta["m_train"], meta["m_val"]


def assemble(name):
    """The learner's shards (its named input), in coordinate order: metadata and arrays."""
    weights, paths, metas = shard_files(inputs[name])
    W, path = ([load_npy(f, mmap=False) for f in files] for files in (weights, paths))
    info, W, path = join_shards(list(map(read_json, metas)), W, path, d)
    return info, (W, path)


results, fitted = {}, {}
for name in p.learners:
    results[name], fitted[name] = assemble(name)
sizes = results[p.learners[0]]["m_train"]
columns, k_fit = d + meta["padded"], int(wc.k) + meta["padded"]
rng = rng_for(p.seed, "hardness", "control", wc.d, wc.k, wc.eta, wc.seed)
biased = p.relu == "biased"
witness = meta["witness"] if biased else None
W = control.fit(np.empty((0, columns)), None, np.arange(d), rng, k=k_fit, witness=witness)
fitted[CONTROL] = (np.broadcast_to(W, (len(sizes), *W.shape)), np.zeros((0, *W.shape)))
results[CONTROL] = {"m_train": sizes, "seconds": [0.0] * len(sizes), "path_iterations": []}
m = m_train + m_val
chunks = parity.lifted_chunks(
    p.seed,
    d,
    int(wc.k),
    wc.eta,
    int(wc.seed),
    m=m,
    start=m_train,
    stop=m,
    chunk=p.val_chunk,
    padded=meta["padded"],
    labels=p.labels,
)
if biased:  # hypotheses [w, b] are scored on [x, 1]
    chunks = ((affine_inputs(X), y) for X, y in chunks)
chunks = Progress(log, m_val, "validation examples").track(chunks, size=lambda c: len(c[0]))
for name, (val_err, path_val_err) in score_learners(
    chunks, fitted, {**p.learner_params, CONTROL: {}}, extra=[control.LEARNER]
).items():
    results[name].update(val_err=val_err.tolist(), path_val_err=path_val_err.tolist())
log.info("scored %d learners on %d regenerated validation examples", len(results), m_val)
write_json({**meta, "m_val": m_val, "learners": results}, snakemake.output[0])
