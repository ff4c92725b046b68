"""Cross-field rules of the ``approx`` config section, and the method registry's names.

A method name is ``alg2_<learner>`` (alpha chosen on validation data),
``alg2_<learner>_paper_alpha`` (alpha = opt^(1/3)) or a rival's name.
"""

ALG2_LEARNERS = {"alg2_abl14": "abl14", "alg2_average": "average", "alg2_sigmoid": "sigmoid_sgd"}
PAPER_SUFFIX = "_paper_alpha"
RIVALS = ("gd", "glmtron", "surrogate", "surrogate_sgd", "ols_relu")
NOISE_MODELS = ("none", "random", "flip", "band", "leak", "parity")
METHODS = (
    "alg2_abl14",
    "alg2_average",
    "alg2_sigmoid",
    "alg2_abl14_paper_alpha",
    "alg2_average_paper_alpha",
    "alg2_sigmoid_paper_alpha",
    *RIVALS,
)


def parse_method(name):
    """(kind, learner, paper_alpha): ("alg2", "abl14", True) or ("rival", "gd", False)."""
    paper = name.endswith(PAPER_SUFFIX)
    base = name.removesuffix(PAPER_SUFFIX)
    if base in ALG2_LEARNERS:
        return "alg2", ALG2_LEARNERS[base], paper
    if base in RIVALS and not paper:
        return "rival", base, False
    raise ValueError(f"unknown approx method '{name}' (known: {', '.join(METHODS)})")


def opt_targets(section, noise):
    """The opt targets of a noise model: `none` is realizable, so it has one target, 0."""
    return [0] if noise == "none" else list(section["opt"])


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
    k = section["parity"]["k"]
    if "parity" in section["noise"]:
        # Odd k >= 3: no unbiased ReLU correlates with the lifted parity beyond its mean, so the
        # parity labels are pure noise to every method and the calibration holds for every w*.
        if k < 3 or k % 2 == 0:
            problems.append(f"config key 'approx.parity.k': k = {k} must be odd and >= 3")
        problems += [
            f"config key 'approx.d[{i}]': d = {d} must exceed approx.parity.k = {k}"
            for i, d in enumerate(section["d"])
            if d <= k
        ]
    if not set(ALG2_LEARNERS) & set(section["methods"]):
        problems.append(
            "config key 'approx.methods': needs at least one of "
            f"{', '.join(ALG2_LEARNERS)} (alpha chosen on validation data; figure approx_alpha)"
        )
    if section["m_test"] < 1000:
        problems.append(
            f"config key 'approx.m_test': {section['m_test']} is too small to estimate opt "
            "(need >= 1000)"
        )
    n_fit = section["m_train"] * (1 - section["alpha"]["val_fraction"])
    if n_fit < 2 * section["alpha"]["min_class"]:
        problems.append(
            f"config key 'approx.alpha.min_class': {section['alpha']['min_class']} leaves no room "
            f"in the {int(n_fit)} fit examples of approx.m_train"
        )
    return problems
