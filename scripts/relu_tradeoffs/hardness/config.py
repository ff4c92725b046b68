"""Cross-field rules of the ``hardness`` config section."""

from relu_tradeoffs.hardness.learners import REGISTRY
from relu_tradeoffs.pipeline.config import eta_problems

LEARNERS = tuple(REGISTRY)


def check(section) -> list[str]:
    grid = section["grid"]
    problems = [
        f"config key 'hardness.grid.k[{i}]': k = {k} must satisfy 1 <= k < d for every d "
        f"(hardness.grid.d = {grid['d']})"
        for i, k in enumerate(grid["k"])
        if not all(1 <= k < d for d in grid["d"])
    ]
    problems += eta_problems(grid["eta"], "hardness.grid.eta")
    problems += [
        f"config key 'hardness.learners[{i}]': unknown learner '{name}' (known: {', '.join(LEARNERS)})"
        for i, name in enumerate(section["learners"])
        if name not in LEARNERS
    ]
    problems += [
        f"config key 'hardness.params.{name}': missing (every learner in hardness.learners needs "
        "its settings)"
        for name in section["learners"]
        if name in LEARNERS and name not in section["params"]
    ]
    m_val = section["m_val"]
    if m_val != "auto" and m_val > section["m_val_max"]:
        problems.append(
            f"config key 'hardness.m_val': {m_val} exceeds hardness.m_val_max = {section['m_val_max']}"
        )
    problems += [
        f"config key 'hardness.m_train_sweep[{i}]': {m} exceeds hardness.m_train = "
        f"{section['m_train']} (the sweep uses prefixes of the m_train examples)"
        for i, m in enumerate(section["m_train_sweep"])
        if m > section["m_train"]
    ]
    instance = section["figure_instance"]
    problems += [
        f"config key 'hardness.figure_instance.{key}': {instance[key]} is not in "
        f"hardness.grid.{grid_key} = {grid[grid_key]}"
        for key, grid_key in (("d", "d"), ("k", "k"), ("eta", "eta"), ("seed", "seeds"))
        if instance[key] not in grid[grid_key]
    ]
    return problems
