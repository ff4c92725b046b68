"""Cross-field rules of the ``tradeoff`` config section (it borrows hardness.params and odd_k)."""

from relu_tradeoffs.hardness.learners import REGISTRY
from relu_tradeoffs.pipeline.config import eta_problems


def _odd_k(ks, key, odd_k):
    return [
        f"config key '{key}[{i}]': odd k = {k} has no gap unless hardness.odd_k is pad "
        f"(it is {odd_k})"
        for i, k in enumerate(ks)
        if odd_k != "pad" and k >= 3 and k % 2
    ]


def check_scaling(section, odd_k) -> list[str]:
    problems = []
    for g, group in enumerate(section["grid"]):
        key = f"tradeoff.scaling.grid[{g}]"
        problems += _odd_k(group["k"], f"{key}.k", odd_k)
        problems += [
            f"config key '{key}.k': k = {k} must be < every d ({key}.d = {group['d']})"
            for k in group["k"]
            if any(k >= d for d in group["d"])
        ]
    if not any(section["d_eps"] in group["d"] for group in section["grid"]):
        problems.append(
            f"config key 'tradeoff.scaling.d_eps': {section['d_eps']} is in no tradeoff.scaling.grid d"
        )
    return problems


def check_pareto(section, hardness, odd_k) -> list[str]:
    problems = _odd_k(section["k"], "tradeoff.pareto.k", odd_k)
    problems += [
        f"config key 'tradeoff.pareto.k': k = {k} must be < tradeoff.pareto.d = {section['d']}"
        for k in section["k"]
        if k >= section["d"]
    ]
    for i, name in enumerate(section["learners"]):
        key = f"tradeoff.pareto.learners[{i}]"
        if name not in REGISTRY:
            problems.append(f"config key '{key}': unknown learner '{name}'")
        elif name not in hardness["params"]:
            problems.append(
                f"config key '{key}': '{name}' needs its settings in hardness.params.{name}"
            )
        elif name not in section["budgets"]:
            problems.append(
                f"config key 'tradeoff.pareto.budgets.{name}': missing (its budget knob)"
            )
        else:
            knob = next(iter(section["budgets"][name]))
            if knob not in hardness["params"][name] and not (name == "exhaustive" and knob == "k"):
                problems.append(
                    f"config key 'tradeoff.pareto.budgets.{name}.{knob}': not a setting of {name} "
                    f"(hardness.params.{name} has {', '.join(hardness['params'][name])})"
                )
    return problems


def check(section, hardness) -> list[str]:
    odd_k = hardness["odd_k"]
    problems = []
    if not 0 <= section["eta"] < 0.5:
        problems.append(
            f"config key 'tradeoff.eta': eta = {section['eta']} must satisfy 0 <= eta < 1/2"
        )
    problems += check_scaling(section["scaling"], odd_k)
    problems += check_pareto(section["pareto"], hardness, odd_k)
    problems += _odd_k(section["gd"]["k"], "tradeoff.gd.k", odd_k)
    problems += [
        f"config key 'tradeoff.gd.k': k = {k} must be < every d (tradeoff.gd.d = {section['gd']['d']})"
        for k in section["gd"]["k"]
        if any(k >= d for d in section["gd"]["d"])
    ]
    if "gd" not in hardness["params"]:
        problems.append("config key 'hardness.params.gd': missing (tradeoff.gd uses its settings)")
    problems += eta_problems(section["sq"]["eta"], "tradeoff.sq.eta")
    return problems
