"""Rule lift: the half-normal Gaussian lift x'_j = g_j x_j, y' = (y + 1)/2 (or y under
hardness.labels: pm1) of the training set.

The lifted inputs are stored as float32: they are only ever multiplied by weights, and float32
rounding (relative 6e-8) is far below every gap eps/4 the validation step resolves. The
validation rows are never stored: the score rule regenerates them (parity.lifted_chunks).
"""

import numpy as np
from relu_tradeoffs import parity
from relu_tradeoffs.pipeline.io import load_npy, rule_logger, save_npy

log = rule_logger(snakemake.log[0])
wc = snakemake.wildcards
d, k, seed = int(wc.d), int(wc.k), int(wc.seed)
X = load_npy(snakemake.input.X, mmap=False, ndim=2, dtype_kind="i")
y = load_npy(snakemake.input.y, mmap=False, ndim=1, dtype_kind="i")
_, _, rng = parity.instance_streams(snakemake.params.seed, d, k, wc.eta, seed)
# d + 1 columns if padded; labels in hardness.labels' encoding
X_lift, y_lift = next(parity.lift_chunks(rng, [(X, y)], 0, X.shape[1], snakemake.params.labels))
save_npy(snakemake.output.train_X, X_lift.astype(np.float32))
save_npy(snakemake.output.train_y, y_lift.astype(np.float32))
log.info("lifted %d training examples in dimension %d", *X.shape)
