"""Rule lift: the half-normal Gaussian lift x'_j = g_j x_j, y' = (y + 1)/2, split train/val.

The lifted inputs are stored as float32: they are only ever multiplied by weights, and float32
rounding (relative 6e-8) is far below every gap eps/4 the validation step resolves, while the
validation sets of k >= 4 hold millions of rows.
"""

import numpy as np
from relu_tradeoffs.hardness import parity
from relu_tradeoffs.pipeline.io import load_npy, read_json, rule_logger, save_npy
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
wc = snakemake.wildcards
meta = read_json(snakemake.input.support)
X = load_npy(snakemake.input.X, mmap=False, ndim=2, dtype_kind="i")
y = load_npy(snakemake.input.y, mmap=False, ndim=1, dtype_kind="i")
rng = rng_for(snakemake.params.seed, "hardness", "lift", wc.d, wc.k, wc.eta, wc.seed)
X_lift, y_lift = parity.lift(rng, X, y)
m = meta["m_train"]
out = snakemake.output
save_npy(out.train_X, X_lift[:m].astype(np.float32))
save_npy(out.train_y, y_lift[:m].astype(np.float32))
save_npy(out.val_X, X_lift[m:].astype(np.float32))
save_npy(out.val_y, y_lift[m:].astype(np.float32))
log.info(
    "lifted %d training and %d validation examples in dimension %d", m, X.shape[0] - m, X.shape[1]
)
