"""Rule merge: the exhaustive learner's hypotheses for one coordinate shard, from all its candidate
shards: per training size and dropped coordinate the best candidate, ties to the lower rank.

Written in rule learn's format; the search time is split over the coordinate shards in
proportion to their coordinates, so the summed seconds are the search's.
"""

import numpy as np
from relu_tradeoffs.hardness.learners import exhaustive
from relu_tradeoffs.pipeline.io import load_npy, read_json, rule_logger, save_npy, write_json

log = rule_logger(snakemake.log[0])
p, wc, inputs = snakemake.params, snakemake.wildcards, snakemake.input
d, shard = int(wc.d), int(wc.shard)
drop = np.arange(shard * p.coords_per_job, min(d, (shard + 1) * p.coords_per_job))
parts = [load_npy(inputs[f"{i}_best"], mmap=False, ndim=3) for i in range(p.parts)]
metas = [read_json(inputs[f"{i}_meta"]) for i in range(p.parts)]
W = np.array(
    [
        exhaustive.weights(
            exhaustive.merge([a[i] for a in parts]),
            p.columns,
            p.k_effective,
            p.signs,
            drop,
            p.beta,
        )  # fmt: skip
        for i in range(len(metas[0]["m_train"]))
    ]
)
seconds = np.sum([m["seconds"] for m in metas], axis=0) * len(drop) / d
log.info("merged %d candidate shards for coordinates %s", p.parts, drop.tolist())
save_npy(snakemake.output.W, W)
save_npy(snakemake.output.path, np.zeros((0, *W.shape[1:])))
info = {"learner": "exhaustive", "coordinates": drop.tolist(), "m_train": metas[0]["m_train"]}
write_json({**info, "seconds": seconds.tolist(), "path_iterations": []}, snakemake.output.meta)
