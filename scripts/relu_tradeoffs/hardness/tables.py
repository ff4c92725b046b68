"""Algorithm 1's tables from the per-instance records: contract columns first, tidy rows.

coordinates.csv and recovery.csv hold the configured m_train; recovery_sweep.csv every training
size of the learning curve (m_train_sweep and m_train); paths.csv the validation error of the
traced iterates of iterative learners; plan.csv the per-(learner, k, eta) eps, threshold, m_val.
"""

import pandas as pd

ORDER = ["learner", "d", "k", "eta", "m_train", "m_val", "seed"]
PATH_COLUMNS = [*ORDER, "eps", "has_gap", "m_val_reached", "iteration", "coordinate"]
PATH_COLUMNS += ["in_support", "val_err"]
# The output contract's columns first, in its order (docs/hardness.md); extra columns after.
CONTRACT = {
    "coordinates": [*ORDER, "coordinate", "in_support", "val_err", "threshold", "relevant"]
    + ["relu", "labels"],
    "recovery": [*ORDER, "true_set", "recovered_set", "exact", "seconds", "m_train_reached"]
    + ["m_val_reached", "relu", "labels"],
}
PLAN_KEYS = ("k", "eta", "relu", "labels", "padded", "k_effective", "c_k", "eps", "eps_source")
PLAN_LEARNER_KEYS = ("gap", "has_gap", "floor", "threshold")
PLAN_SIZE_KEYS = ("m_val", "m_val_target", "m_val_reached", "m_val_capped", "m_train_factor")


def _table(rows, extra_sort=(), columns=None, contract=ORDER):
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame[contract + [c for c in frame.columns if c not in contract]]
    return frame.sort_values([*ORDER, *extra_sort], kind="stable").reset_index(drop=True)


def instance_tables(records, m_train: int) -> dict:
    """coordinates, recovery (at m_train), recovery_sweep (every size) and paths tables."""
    rows = {"coordinates": [], "recovery": [], "paths": []}
    for record in records:
        for key, part in record.items():
            rows[key] += part
    coordinates = _table(rows["coordinates"], ["coordinate"], contract=CONTRACT["coordinates"])
    recovery = _table(rows["recovery"], contract=CONTRACT["recovery"])
    return {
        "coordinates": coordinates[coordinates.m_train == m_train],
        "recovery": recovery[recovery.m_train == m_train],
        "sweep": recovery,
        "paths": _table(rows["paths"], ["iteration", "coordinate"], PATH_COLUMNS),
    }


def plan_table(plans) -> pd.DataFrame:
    """One row per (learner, k, eta) of the plans: gap, threshold and validation size."""
    rows = [
        {
            "learner": name,
            **{key: plan[key] for key in PLAN_KEYS},
            **{key: entry[key] for key in PLAN_LEARNER_KEYS},
            **{key: plan[key] for key in PLAN_SIZE_KEYS},
        }
        for plan in plans
        for name, entry in plan["learners"].items()
    ]
    return pd.DataFrame(rows).sort_values(["learner", "k", "eta"])
