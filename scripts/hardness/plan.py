"""Rule hardness_plan: eps, thresholds and the validation size of one (k, eta)."""

from relu_tradeoffs.hardness.algorithm1 import plan
from relu_tradeoffs.pipeline.io import rule_logger, write_json

log = rule_logger(snakemake.log[0])
p = snakemake.params
k, eta = int(snakemake.wildcards.k), float(snakemake.wildcards.eta)
out = plan(
    k,
    eta,
    eps=p.eps,
    m_val=p.m_val,
    m_val_max=p.m_val_max,
    learners=p.learners,
    params={"lowdeg": p.lowdeg},
    odd_k=p.odd_k,
)
log.info(
    "k = %d, eta = %g: c_k = %.6g, Claim 4 gap %.6g, eps = %.6g (%s)",
    k,
    eta,
    out["c_k"],
    out["relu_gap"],
    out["eps"],
    out["eps_source"],
)
if out["padded"]:
    log.info(
        "k = %d is odd: instances are padded with one uniform +-1 coordinate multiplying the "
        "label, a %d-sparse parity on d + 1 coordinates; eps and m_val are those of k + 1",
        k,
        out["k_effective"],
    )
if out["relu_gap"] == 0:
    log.warning(
        "k = %d: c_k = 0, so no unbiased ReLU is correlated with the lifted parity and no proper "
        "learner can tell j in S from j not in S; recovery for this k is reported with "
        "has_gap = false and means nothing",
        k,
    )
if out["m_val_capped"]:
    log.warning(
        "m_val capped at m_val_max = %d (100/eps^2 = %s): m_val_reached = %s",
        out["m_val"],
        out["m_val_target"],
        out["m_val_reached"],
    )
else:
    log.info("m_val = %d (100/eps^2 = %s)", out["m_val"], out["m_val_target"])
for name, entry in out["learners"].items():
    log.info(
        "%s: gap %.6g, threshold %.8f, has_gap %s",
        name,
        entry["gap"],
        entry["threshold"],
        entry["has_gap"],
    )
write_json(out, snakemake.output[0])
