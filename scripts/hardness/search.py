"""Rule search: candidate shard ``part`` of the exhaustive learner, at every training size.

The shard scores the subsets in its lexicographic rank range (made by unranking) on the prefix of
m examples and keeps, per dropped coordinate j, the best candidate avoiding j with its training
loss and rank; rule merge combines the shards. Training sizes as in rule learn. The job's threads
(hardness.search_threads) share the subsets; they change no number. Under hardness.relu: biased
every direction is tried with every bias of hardness.beta.
"""

import time

import numpy as np
from relu_tradeoffs.hardness.learners import exhaustive
from relu_tradeoffs.pipeline.io import load_npy, rule_logger, save_npy, write_json

log = rule_logger(snakemake.log[0])
p, wc = snakemake.params, snakemake.wildcards
k, part = p.k_effective, int(wc.part)  # k + 1 on a padded odd-k instance
X = load_npy(snakemake.input.X, ndim=2, dtype_kind="f")
y = load_npy(snakemake.input.y, ndim=1, dtype_kind="f")
settings = p.learner_params
best, seconds = [], []
for m in p.m_train:
    start = time.perf_counter()
    best.append(
        exhaustive.search(
            X[:m],
            y[:m],
            k,
            **settings,
            part=part,
            parts=p.parts,
            threads=snakemake.threads,
            beta=p.beta,
        )  # fmt: skip
    )
    seconds.append(time.perf_counter() - start)
    log.info("part %d of %d, m_train = %d: %.3f s", part, p.parts, m, seconds[-1])
save_npy(snakemake.output.best, np.array(best))
info = {"part": part, "parts": p.parts, "fields": list(exhaustive.FIELDS)}
write_json({**info, "m_train": list(p.m_train), "seconds": seconds}, snakemake.output.meta)
