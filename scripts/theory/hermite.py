"""Rule hermite: normalized Hermite coefficients of ReLU and sign, closed form against quadrature."""

import numpy as np
import pandas as pd
from relu_tradeoffs.pipeline.io import rule_logger, write_csv
from relu_tradeoffs.theory import hermite

log = rule_logger(snakemake.log[0])
n_max = snakemake.params.n_max
n = np.arange(n_max + 1)
tables = []
for name, closed, quad in (
    ("relu", hermite.relu_coefficients, hermite.relu_coefficients_quadrature),
    ("sign", hermite.sign_coefficients, hermite.sign_coefficients_quadrature),
):
    c, q = closed(n_max), quad(n_max)
    tables.append(
        pd.DataFrame(
            {
                "function": name,
                "n": n,
                "closed_form": c,
                "quadrature": q,
                "abs_error": np.abs(c - q),
            }
        )
    )
table = pd.concat(tables, ignore_index=True)
checked = table[table.n <= snakemake.params.check_n_max]
worst = checked.abs_error.max()
log.info("max |closed form - quadrature| for n <= %d: %.3g", snakemake.params.check_n_max, worst)
if worst > snakemake.params.tolerance:
    raise ValueError(f"Hermite check failed: abs_error {worst:.3g} > {snakemake.params.tolerance}")
write_csv(table, snakemake.output[0])
