"""Cross-field rules of the ``hardness`` config section."""

from relu_tradeoffs.hardness.learners import REGISTRY
from relu_tradeoffs.pipeline.config import eta_problems

LEARNERS = tuple(REGISTRY)
# figure_instance key -> its grid axis
FIGURE_AXES = {"d": "d", "k": "k", "eta": "eta", "seed": "seeds"}


# The least training size of the sweep: a fraction of a small m_train rounds up to it.
MIN_SWEEP_SIZE = 10


def train_sizes(section):
    """Every training size of an instance, ascending: m_train and the sweep's sizes, an entry
    below 1 being a fraction of m_train (so a default sweep follows the user's m_train)."""
    m_train = section["m_train"]
    sweep = {
        m if m >= 1 else max(MIN_SWEEP_SIZE, round(m * m_train)) for m in section["m_train_sweep"]
    }
    return sorted(s for s in sweep | {m_train} if s <= m_train)


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
        f"{section['m_train']} (the sweep uses prefixes of the m_train examples; a number "
        "below 1 is a fraction of m_train)"
        for i, m in enumerate(section["m_train_sweep"])
        if m > section["m_train"]
    ]
    problems += biased_problems(section)
    instance = section["figure_instance"]
    if instance == "auto":
        return problems
    problems += [
        f"config key 'hardness.figure_instance.{key}': {instance[key]} is not in "
        f"hardness.grid.{grid_key} = {grid[grid_key]} (or set hardness.figure_instance: auto)"
        for key, grid_key in FIGURE_AXES.items()
        if instance[key] not in grid[grid_key]
    ]
    return problems


def biased_problems(section) -> list[str]:
    """The biased class's rules: odd_k direct and the bias grid only with relu: biased, which
    needs the grid (with the exhaustive learner) and learners that fit a bias."""
    biased = section["relu"] == "biased"
    problems = []
    if section["odd_k"] == "direct" and not biased:
        problems.append(
            "config key 'hardness.odd_k': direct runs odd k unpadded, which only biased ReLUs can "
            f"learn (c_k = 0 for unbiased ones): set hardness.relu: biased (it is {section['relu']})"
        )
    if "beta" in section and not biased:
        problems.append(
            "config key 'hardness.beta': the bias grid is for hardness.relu: biased only "
            f"(it is {section['relu']})"
        )
    if not biased:
        return problems
    if "exhaustive" in section["learners"] and "beta" not in section:
        problems.append(
            "config key 'hardness.beta': missing (hardness.relu: biased with the exhaustive "
            "learner needs its bias grid)"
        )
    problems += [
        f"config key 'hardness.learners[{i}]': {name} does not fit biased ReLUs, so it cannot "
        "run with hardness.relu: biased (learners that can: "
        f"{', '.join(n for n, learner in REGISTRY.items() if learner.bias_param)})"
        for i, name in enumerate(section["learners"])
        if name in LEARNERS and REGISTRY[name].bias_param is None
    ]
    return problems


def bias_grid(section):
    """The exhaustive learner's bias grid: hardness.beta under relu: biased, else None."""
    return list(section["beta"]) if section["relu"] == "biased" and "beta" in section else None


# The theory's witness search (theory.biased.gap) that sets the biased gap of the plan.
WITNESS_SEARCH_KEYS = ("beta_range", "beta_points", "max_norm")


def witness_search(section, theory_section):
    """The settings of the biased witness search under relu: biased (None otherwise, so the
    paper's plans do not depend on them)."""
    if section["relu"] != "biased":
        return None
    gap = theory_section["biased"]["gap"]
    return {key: gap[key] for key in WITNESS_SEARCH_KEYS}


def _nearest(values, preferred):
    """The first of ``values`` closest to ``preferred`` (the first value when none is preferred)."""
    if preferred is None:
        return values[0]
    return min(values, key=lambda v: abs(v - preferred))


def figure_instance(section):
    """The grid instance the per-instance figures show: explicit, or nearest to figure_preferred.

    With ``auto`` every axis independently takes the grid value nearest to the preferred one,
    so a default that suits the default grid still gives an instance of any custom grid.
    """
    instance = section["figure_instance"]
    if instance != "auto":
        return dict(instance)
    preferred = section.get("figure_preferred", {})
    return {
        key: _nearest(section["grid"][grid_key], preferred.get(key))
        for key, grid_key in FIGURE_AXES.items()
    }
