"""Cross-field rules of the ``approx`` config section, and the method registry's names.

Methods (docs/approx.md):
- ``alg2_paper``: the paper's Algorithm 2 -- homogeneous ABL14 learner, alpha = opt^(1/3);
- ``alg2_abl14``, ``alg2_average``: homogeneous learners, alpha chosen on validation data;
- ``alg2_biased_<learner>``: a biased-halfspace learner (bias fitted, then dropped), alpha by
  validation, and ``alg2_biased_<learner>_paper_alpha`` with alpha = opt^(1/3);
- a rival's name (fits the ReLU to the real labels directly).
"""

from relu_tradeoffs.approx.regimes import REGIMES, paper_floor

PAPER_METHOD = "alg2_paper"
ALG2_LEARNERS = {
    "alg2_abl14": "abl14",
    "alg2_average": "average",
    "alg2_biased_localized_hinge": "localized_hinge",
    "alg2_biased_sigmoid": "sigmoid_sgd",
}
PAPER_SUFFIX = "_paper_alpha"
BIASED_PAPER_ALPHA = tuple(m + PAPER_SUFFIX for m in ALG2_LEARNERS if "_biased_" in m)
RIVALS = ("gd", "glmtron", "surrogate", "surrogate_sgd", "ols_relu")
NOISE_MODELS = ("none", "random", "flip", "band", "leak", "parity")
METHODS = (PAPER_METHOD, *ALG2_LEARNERS, *BIASED_PAPER_ALPHA, *RIVALS)
HALFSPACE_LEARNERS = ("abl14", "average", "localized_hinge", "sigmoid_sgd")
REFERENCE_FACTOR_MIN = 10
# The keys of the approx section that one fit job reads (experiment.run_job). The rule passes
# only these, so a post-processing key (slopes, opt_check) or the grid's lists (d, seeds,
# noise, opt) never reruns a fit job that exists.
FIT_KEYS = ("w_norm", "parity", "m_train", "m_test", "reference", "params", "alpha", "methods")
FIT_KEYS += ("theorem5",)


def fit_section(section):
    """The part of the approx section a fit job depends on (``FIT_KEYS``)."""
    return {key: section[key] for key in FIT_KEYS}


def parse_method(name):
    """(kind, learner, paper_alpha): ("alg2", "abl14", True) or ("rival", "gd", False)."""
    if name == PAPER_METHOD:
        return "alg2", "abl14", True
    if name in BIASED_PAPER_ALPHA:
        return "alg2", ALG2_LEARNERS[name.removesuffix(PAPER_SUFFIX)], True
    if name in ALG2_LEARNERS:
        return "alg2", ALG2_LEARNERS[name], False
    if name in RIVALS:
        return "rival", name, False
    raise ValueError(f"unknown approx method '{name}' (known: {', '.join(METHODS)})")


def targets_key(regime):
    return "paper_opt" if regime == "paper" else "opt"


def opt_targets(section, regime, noise):
    """The opt targets of a (regime, noise model): `none` has one target, 0 (no noise)."""
    return [0] if noise == "none" else list(section[targets_key(regime)])


def _names(names, key, word, known):
    return [
        f"config key 'approx.{key}[{i}]': unknown {word} '{name}' (known: {', '.join(known)})"
        for i, name in enumerate(names)
        if name not in known
    ]


def _targets(section):
    floor = paper_floor()
    problems = [
        f"config key 'approx.opt[{i}]': opt target {opt} must lie in (0, 1/4)"
        for i, opt in enumerate(section["opt"])
        if not 0 < opt < 0.25
    ]
    return problems + [
        f"config key 'approx.paper_opt[{i}]': opt target {opt} must lie in ({floor:.4f}, 1/2): "
        f"no unit ReLU has error below E[(z - 1)_+^2] = {floor:.4f} against labels in [0, 1]"
        for i, opt in enumerate(section["paper_opt"])
        if not floor < opt < 0.5
    ]


def _parity(section):
    k = section["parity"]["k"]
    if "parity" not in section["noise"]:
        return []
    # Odd k >= 3: no unbiased ReLU correlates with the lifted parity beyond its mean, so the
    # parity labels are pure noise to every method and the calibration holds for every w*.
    problems = (
        [] if k >= 3 and k % 2 else [f"config key 'approx.parity.k': k = {k} must be odd and >= 3"]
    )
    return problems + [
        f"config key 'approx.d[{i}]': d = {d} must exceed approx.parity.k = {k}"
        for i, d in enumerate(section["d"])
        if d <= k
    ]


def check(section) -> list[str]:
    problems = _names(section["noise"], "noise", "noise model", NOISE_MODELS)
    problems += _names(section["methods"], "methods", "method", METHODS)
    problems += _names(section["regimes"], "regimes", "regime", REGIMES)
    learners = section["theorem5"]["learners"]
    problems += _names(learners, "theorem5.learners", "halfspace learner", HALFSPACE_LEARNERS)
    problems += _targets(section) + _parity(section)
    if section["m_test"] < 1000:
        problems.append(
            f"config key 'approx.m_test': {section['m_test']} is too small to estimate opt "
            "(need >= 1000)"
        )
    if section["reference"]["sample_factor"] < REFERENCE_FACTOR_MIN:
        problems.append(
            f"config key 'approx.reference.sample_factor': the reference sample must hold at "
            f"least {REFERENCE_FACTOR_MIN} x approx.m_test examples"
        )
    n_fit = section["m_train"] * (1 - section["alpha"]["val_fraction"])
    if n_fit < 2 * section["alpha"]["min_class"]:
        problems.append(
            f"config key 'approx.alpha.min_class': {section['alpha']['min_class']} leaves no room "
            f"in the {int(n_fit)} fit examples of approx.m_train"
        )
    return problems
