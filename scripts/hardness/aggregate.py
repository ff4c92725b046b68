"""Rule aggregate_hardness: every instance's rows into the hardness tables.

coordinates.csv and recovery.csv hold the configured m_train; recovery_sweep.csv every training
size of the learning curve (m_train_sweep and m_train); paths.csv the validation error of the
traced iterates of iterative learners; plan.csv the per-(learner, k, eta) eps, threshold, m_val.
"""

import pandas as pd
from relu_tradeoffs.pipeline.io import read_json, rule_logger, write_csv

log = rule_logger(snakemake.log[0])
ORDER = ["learner", "d", "k", "eta", "m_train", "m_val", "seed"]
PATH_COLUMNS = [
    *ORDER,
    "eps",
    "has_gap",
    "m_val_reached",
    "iteration",
    "coordinate",
    "in_support",
    "val_err",
]


# Contract columns first, in DESIGN.md's order; extra columns after them.
CONTRACT = {
    "coordinates": [*ORDER, "coordinate", "in_support", "val_err", "threshold", "relevant"],
    "recovery": [*ORDER, "true_set", "recovered_set", "exact", "seconds"],
}


def table(rows, extra_sort=(), columns=None, contract=ORDER):
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame[contract + [c for c in frame.columns if c not in contract]]
    return frame.sort_values([*ORDER, *extra_sort], kind="stable").reset_index(drop=True)


rows = {"coordinates": [], "recovery": [], "paths": []}
for path in snakemake.input.instances:
    for key, part in read_json(path).items():
        rows[key] += part
main = snakemake.params.m_train
coordinates = table(rows["coordinates"], ["coordinate"], contract=CONTRACT["coordinates"])
recovery = table(rows["recovery"], contract=CONTRACT["recovery"])
write_csv(coordinates[coordinates.m_train == main], snakemake.output.coordinates)
write_csv(recovery[recovery.m_train == main], snakemake.output.recovery)
write_csv(recovery, snakemake.output.sweep)
write_csv(table(rows["paths"], ["iteration", "coordinate"], PATH_COLUMNS), snakemake.output.paths)

plan_rows = []
for path in snakemake.input.plans:
    plan = read_json(path)
    for name, entry in plan["learners"].items():
        plan_rows.append(
            {
                "learner": name,
                **{
                    key: plan[key]
                    for key in ("k", "eta", "padded", "k_effective", "c_k", "eps", "eps_source")
                },
                **{key: entry[key] for key in ("gap", "has_gap", "floor", "threshold")},
                **{
                    key: plan[key]
                    for key in ("m_val", "m_val_target", "m_val_reached", "m_val_capped")
                },
            }
        )
plan_table = pd.DataFrame(plan_rows).sort_values(["learner", "k", "eta"])
write_csv(plan_table, snakemake.output.plan)

rates = recovery[recovery.m_train == main].groupby(["learner", "k", "eta"]).exact.mean()
for (name, k, eta), rate in rates.items():
    log.info("%s k = %d eta = %g: exact recovery %.0f%%", name, k, eta, 100 * rate)
