"""Cross-field rules of the ``approx`` config section."""

NOISE_MODELS = ("none", "random", "flip", "band", "leak", "parity")
METHODS = (
    "alg2_abl14",
    "alg2_average",
    "alg2_sigmoid",
    "alg2_abl14_paper_alpha",
    "alg2_average_paper_alpha",
    "alg2_sigmoid_paper_alpha",
    "gd",
    "glmtron",
    "surrogate",
    "ols_relu",
)


def check(section) -> list[str]:
    problems = [
        f"config key 'approx.noise[{i}]': unknown noise model '{name}' "
        f"(known: {', '.join(NOISE_MODELS)})"
        for i, name in enumerate(section["noise"])
        if name not in NOISE_MODELS
    ]
    problems += [
        f"config key 'approx.methods[{i}]': unknown method '{name}' (known: {', '.join(METHODS)})"
        for i, name in enumerate(section["methods"])
        if name not in METHODS
    ]
    problems += [
        f"config key 'approx.opt[{i}]': opt target {opt} must lie in (0, 1/4)"
        for i, opt in enumerate(section["opt"])
        if not 0 < opt < 0.25
    ]
    return problems
