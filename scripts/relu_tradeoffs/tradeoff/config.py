"""Cross-field rules of the ``tradeoff`` config section (it borrows hardness.params and odd_k)."""

import math

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


def check_lowdeg(section, pareto_k, noise_models) -> list[str]:
    """Degree-l least squares: the noise models exist (``none`` is the planted model), the slpn
    instances (the Pareto k) fit in d, and every measured degree has fewer features than examples."""
    problems = []
    for i, name in enumerate(section["noise"]):
        if name not in noise_models or name == "none":
            known = ", ".join(m for m in noise_models if m != "none")
            problems.append(
                f"config key 'tradeoff.lowdeg.noise[{i}]': unknown noise model '{name}' "
                f"(known: {known}; the realizable case is the planted model, always run)"
            )
    problems += [
        f"config key 'tradeoff.pareto.k': k = {k} must be < tradeoff.lowdeg.d = {section['d']} "
        "(the lifted instances of tradeoff.lowdeg)"
        for k in pareto_k
        if k >= section["d"]
    ]
    for degree in section["degrees"]:
        count = math.comb(section["d"] + degree, degree)
        if count <= section["max_features"] and count + 1 >= section["m_train"]:
            problems.append(
                f"config key 'tradeoff.lowdeg.m_train': {section['m_train']} examples do not "
                f"determine the {count} features of degree {degree} (need more than {count + 1})"
            )
    return problems


def check(section, hardness, noise_models=()) -> list[str]:
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
    if section["sides"]["band_opt"] not in section["upper"]["opt"]:
        problems.append(
            f"config key 'tradeoff.sides.band_opt': {section['sides']['band_opt']} is not one of "
            f"tradeoff.upper.opt ({section['upper']['opt']})"
        )
    problems += check_lowdeg(section["lowdeg"], section["pareto"]["k"], noise_models)
    if "lowdeg" not in hardness["params"]:
        problems.append(
            "config key 'hardness.params.lowdeg': missing (tradeoff.lowdeg uses its ridge)"
        )
    return problems
