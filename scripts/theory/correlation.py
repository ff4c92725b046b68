"""Rule correlation: Lemma 1's c_k for k = 1..k_max by series, 1-d quadrature and Monte Carlo."""

import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import correlation

log = rule_logger(snakemake.log[0])
p = snakemake.params
ks = np.arange(1, p.k_max + 1)
mc = correlation.monte_carlo(
    rng_for(p.seed, "theory", "correlation"), p.k_max, p.mc_samples, p.mc_chunk
)
rows = []
for k in ks:
    value, error, partial, leading = correlation.series(int(k), p.n_max)
    quad_value, quad_error = correlation.dawson_integral(int(k))
    sign = correlation.sign_of(int(k))
    rows.append(
        {
            "k": k,
            "c_k": value,
            "c_k_error": error,
            "c_k_mc": mc["mean"][k - 1],
            "c_k_mc_se": mc["se"][k - 1],
            "leading_term": leading,
            "corr_wS": value / np.sqrt(2 * np.pi),
            "sign": {1: "positive", -1: "negative", 0: "zero"}[sign],
            "exact_zero": sign == 0,
            "c_k_partial_sum": partial,
            "c_k_quadrature": quad_value,
            "c_k_quadrature_error": quad_error,
            "series_minus_quadrature": value - quad_value,
            "paper_leading_term": correlation.paper_leading_term(int(k)) if k % 4 == 2 else np.nan,
            "c_k_flipped": -value,
            "c_k_flipped_mc": mc["flipped_mean"][k - 1],
            "c_k_flipped_mc_se": mc["flipped_se"][k - 1],
            "best_corr": abs(value) / np.sqrt(2 * np.pi),
            "mc_z_score": (mc["mean"][k - 1] - value) / mc["se"][k - 1],
        }
    )
    log.info("k=%d c_k=%.15g error<=%.2g quad diff=%.2g", k, value, error, value - quad_value)
table = pd.DataFrame(rows)
worst = table.series_minus_quadrature.abs().max()
log.info(
    "max |series - quadrature| = %.3g; max |MC z-score| = %.2f", worst, table.mc_z_score.abs().max()
)
write_csv(table, snakemake.output[0])
