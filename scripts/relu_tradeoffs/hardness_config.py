"""Cross-field rules of the ``hardness`` config section."""

from .config import _check_eta

LEARNERS = ("exhaustive", "gd", "sgd", "glmtron", "lowdeg")


def check(section) -> list[str]:
    grid = section["grid"]
    problems = [
        f"config key 'hardness.grid.k[{i}]': k = {k} must satisfy 1 <= k < d for every d "
        f"(hardness.grid.d = {grid['d']})"
        for i, k in enumerate(grid["k"])
        if not all(1 <= k < d for d in grid["d"])
    ]
    problems += _check_eta(grid["eta"], "hardness.grid.eta")
    problems += [
        f"config key 'hardness.learners[{i}]': unknown learner '{name}' (known: {', '.join(LEARNERS)})"
        for i, name in enumerate(section["learners"])
        if name not in LEARNERS
    ]
    m_val = section["m_val"]
    if m_val != "auto" and m_val > section["m_val_max"]:
        problems.append(
            f"config key 'hardness.m_val': {m_val} exceeds hardness.m_val_max = {section['m_val_max']}"
        )
    return problems
