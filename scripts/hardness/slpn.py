"""Rule hardness_slpn: a random support S and the m_train training examples of k-SLPN.

The instance's table has m_train + m_val rows (training first); only the training rows are drawn
here and stored. The score rule regenerates the validation rows from the same keyed streams.
A padded plan (odd k >= 3 under hardness.odd_k: pad) draws a (k + 1)-parity on d + 1 coordinates
whose support is S plus coordinate d (parity.data_support); ``support`` stays S (the tested
coordinates) and ``padding_coordinate`` is d.
"""

from relu_tradeoffs import parity
from relu_tradeoffs.pipeline.io import read_json, rule_logger, save_npy, write_json

log = rule_logger(snakemake.log[0])
wc = snakemake.wildcards
d, k, eta, seed = int(wc.d), int(wc.k), float(wc.eta), int(wc.seed)
plan = read_json(snakemake.input.plan)
m_train, m_val, padded = snakemake.params.m_train, plan["m_val"], plan["padded"]

support, rng, _ = parity.instance_streams(snakemake.params.seed, d, k, wc.eta, seed)
drawn = parity.data_support(support, d, padded)
rows = parity.slpn_chunks(rng, m_train + m_val, d + padded, drawn, eta, 0, m_train, m_train)
X, y = next(rows)
log.info(
    "d = %d, k = %d, eta = %g, seed = %d: S = %s, m_train = %d, m_val = %d%s%s",
    *(d, k, eta, seed, support.tolist(), m_train, m_val),
    " (capped by m_val_max)" if plan["m_val_capped"] else "",
    f" (padded: coordinate {d} multiplies the label)" if padded else "",
)
save_npy(snakemake.output.X, X)
save_npy(snakemake.output.y, y)
instance = {"d": d, "k": k, "eta": eta, "seed": seed, "support": support.tolist()}
padding = {"padded": padded, "padding_coordinate": d if padded else None}
padding["witness"] = plan["witness"]  # the biased witness (r, beta, bias): the control's norm
write_json({**instance, **padding, "m_train": m_train, "m_val": m_val}, snakemake.output.support)
