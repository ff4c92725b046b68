"""Cross-field rules of the ``theory`` config section."""

from relu_tradeoffs.pipeline.config import eta_problems


def check(theory) -> list[str]:
    problems = []
    if theory["hermite_check_n_max"] > theory["hermite_n_max"]:
        problems.append(
            f"config key 'theory.hermite_check_n_max': {theory['hermite_check_n_max']} exceeds "
            f"theory.hermite_n_max = {theory['hermite_n_max']}"
        )
    claims = theory["claims"]
    for i, k in enumerate(claims["k"]):
        if not 1 <= k < claims["d"]:
            problems.append(
                f"config key 'theory.claims.k[{i}]': k = {k} must satisfy 1 <= k < d "
                f"(theory.claims.d = {claims['d']})"
            )
    problems += eta_problems(claims["eta"], "theory.claims.eta")
    biased = theory["biased"]
    if biased["tail_n_max"] < theory["series_n_max"]:
        problems.append(
            f"config key 'theory.biased.tail_n_max': {biased['tail_n_max']} is below "
            f"theory.series_n_max = {theory['series_n_max']} (the tail starts there)"
        )
    gap = biased["gap"]
    problems += eta_problems(gap["eta"], "theory.biased.gap.eta")
    low, high = gap["beta_range"]
    if not low < high:
        problems.append(
            f"config key 'theory.biased.gap.beta_range': {gap['beta_range']} must be increasing"
        )
    return problems
