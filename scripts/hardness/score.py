"""Rule score: validation square loss of every h_j on V_j, for every learner and training size.

Each learner's shards are first put back in coordinate order, so the numbers do not depend on
coords_per_job. All proper learners' ReLUs (and their traced iterates) are then scored together
in one pass over the memory-mapped validation set; the improper lowdeg polynomials on their own.
"""

import numpy as np
from relu_tradeoffs.hardness.learners import get
from relu_tradeoffs.pipeline.io import load_npy, read_json, rule_logger, write_json
from relu_tradeoffs.pipeline.progress import Progress

log = rule_logger(snakemake.log[0])
p = snakemake.params
d = int(snakemake.wildcards.d)
meta = read_json(snakemake.input.support)
X = load_npy(snakemake.input.X, ndim=2, dtype_kind="f")
y = load_npy(snakemake.input.y, ndim=1, dtype_kind="f")


def assemble(name):
    """The learner's metadata, weights (n_m, d, p) and traced iterates (T, d, p), all shards."""
    shards = sorted(
        key.removesuffix("_meta")
        for key in snakemake.input.keys()
        if key.startswith(f"{name}_") and key.endswith("_meta")
    )
    metas = [read_json(snakemake.input[f"{key}_meta"]) for key in shards]
    W = [load_npy(snakemake.input[f"{key}_W"], mmap=False) for key in shards]
    path = [load_npy(snakemake.input[f"{key}_path"], mmap=False) for key in shards]
    coordinates = np.concatenate([m["coordinates"] for m in metas])
    if not np.array_equal(np.sort(coordinates), np.arange(d)):
        raise ValueError(f"{name}: shards cover coordinates {coordinates.tolist()}, not 0..{d - 1}")
    order = np.argsort(coordinates)
    info = {
        "m_train": metas[0]["m_train"],
        "seconds": np.sum([m["seconds"] for m in metas], axis=0).tolist(),
        "path_iterations": metas[0]["path_iterations"],
    }
    return info, np.concatenate(W, axis=1)[:, order], np.concatenate(path, axis=1)[:, order]


results, groups = {}, {}
for name in p.learners:
    info, W, path = assemble(name)
    results[name] = info
    # Proper learners share relu.predict, so their hypotheses are scored in one pass.
    group = "relu" if get(name).proper else name
    groups.setdefault(group, []).append((name, W, path))

progress = Progress(log, len(p.learners), "learners scored")
for group, items in groups.items():
    first = items[0][0]
    flat = np.concatenate([a.reshape(-1, a.shape[-1]) for _, W, path in items for a in (W, path)])
    losses = get(first).losses(X, y, flat, p.learner_params[first])
    offset = 0
    for name, W, path in items:
        for key, array in (("val_err", W), ("path_val_err", path)):
            size = array[..., 0].size
            results[name][key] = losses[offset : offset + size].reshape(array.shape[:-1]).tolist()
            offset += size
    note = f"{group}: {len(flat)} hypotheses x {X.shape[0]} validation examples"
    progress.advance(len(items), note)

write_json({**meta, "m_val": int(X.shape[0]), "learners": results}, snakemake.output[0])
