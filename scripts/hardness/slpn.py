"""Rule slpn: a random support S and m_train + m_val examples of k-SLPN, S stored beside them."""

from relu_tradeoffs.hardness import parity
from relu_tradeoffs.pipeline.io import read_json, rule_logger, save_npy, write_json
from relu_tradeoffs.pipeline.seeding import rng_for

log = rule_logger(snakemake.log[0])
wc = snakemake.wildcards
d, k, eta, seed = int(wc.d), int(wc.k), float(wc.eta), int(wc.seed)
plan = read_json(snakemake.input.plan)
m_train, m_val = snakemake.params.m_train, plan["m_val"]

rng = rng_for(snakemake.params.seed, "hardness", "slpn", d, k, wc.eta, seed)
support = parity.random_support(rng, d, k)
X, y = parity.sample_slpn(rng, m_train + m_val, d, support, eta)
log.info(
    "d = %d, k = %d, eta = %g, seed = %d: S = %s, m_train = %d, m_val = %d%s",
    d,
    k,
    eta,
    seed,
    support.tolist(),
    m_train,
    m_val,
    " (capped by m_val_max)" if plan["m_val_capped"] else "",
)
save_npy(snakemake.output.X, X)
save_npy(snakemake.output.y, y)
write_json(
    {
        "d": d,
        "k": k,
        "eta": eta,
        "seed": seed,
        "support": support.tolist(),
        "m_train": m_train,
        "m_val": m_val,
    },
    snakemake.output.support,
)
