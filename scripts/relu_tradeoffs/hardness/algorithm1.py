"""Algorithm 1's numbers: the gap eps, the relevance thresholds, the validation size, recovery.

For a proper ReLU learner (Claims 3 and 4): if j is in S every hypothesis on S_j has error at
least the floor 1/2 - 1/(4 pi); if j is not in S the witness r sum_{i in S} s_i e_i / sqrt(k)
reaches floor - eps with eps = (1 - 2 eta) |c_k| / sqrt(2 pi) (with one sign flipped when
k = 0 mod 4, where c_k < 0). So j is declared relevant iff err_{V_j}(h_j) >= floor - eps/4.
For odd k >= 3, c_k = 0: no unbiased ReLU has any gap. With ``odd_k: pad`` (the default) the
instance is padded (relu_tradeoffs.parity.data_support): one fresh uniform +-1 coordinate multiplies the
label, giving a (k + 1)-sparse parity on d + 1 coordinates whose support is known to contain the
new one; the learners see d + 1 coordinates, only the original d are tested, and every number of
the plan is that of k + 1. With ``odd_k: skip`` the plan says there is no gap (has_gap = false,
eps = 0) rather than inventing a threshold.

The improper degree-l Hermite regression (``lowdeg``) has its own numbers. With y' in {0, 1} and
E[y' | x] = 1/2 + (1 - 2 eta) chi_S^gamma(x) / 2, the best predictor of degree <= l has loss
1/4 - (1 - 2 eta)^2 / 4 * ||P_{<=l} chi_S^gamma||^2 (if j is not in S) and 1/4 (the constant 1/2,
if j is in S). The lift's Hermite expansion is prod_{i in S} sum_{n odd} sign_n Hbar_n(x_i), so
||P_{<=l} chi||^2 = sum_{n <= l} [t^n] (sum_{m odd} sign_m^2 t^m)^k, which is 0 when l < k.
Its threshold is 1/4 - gap/4.

Beyond the paper: biased ReLU learners and {-1, +1} labels (``relu: biased``, ``labels: pm1``).
Whatever the class, a hypothesis that ignores a coordinate of S is uncorrelated with the label's
parity part, so the floor is the loss of the best hypothesis ignoring S: the constant 1/2 (loss
1/4, a biased ReLU: w = 0, b = 1/2) under ``01`` with biased ReLUs, 0 (loss E[y^2] = 1) under
``pm1``, Claim 3's 1/2 - 1/(4 pi) for unbiased ReLUs under ``01``. The gap is the best witness's
gain over that floor, the theory's (relu_tradeoffs.theory.biased_gap): the best symmetric biased
witness r ReLU(u.z + beta) for biased ReLUs, 2 (1 - 2 eta)^2 c_k^2 for unbiased ReLUs under
``pm1``. Under ``01`` the biased gain is negative (the constant beats every symmetric witness): no
gap, and the plan says so (has_gap false, eps 0) as it does for odd k without padding. With a
bias odd k correlate, so ``odd_k: direct`` runs odd k unpadded (only with biased ReLUs). The
improper ``lowdeg`` fits polynomials, closed under y -> 2 y - 1: under ``pm1`` its gap and floor
are 4 times those of ``01``.
"""

import math

import numpy as np

from relu_tradeoffs.relu import CLAIM3_FLOOR, INV_SQRT_2PI, claim4_gap

CONSTANT_FLOOR = 0.25  # loss of the best constant predictor (1/2) of y' in {0, 1} with mean 1/2
M_VAL_FACTOR = 100.0  # Algorithm 1's validation size: about 100 / eps^2
# The negative control of Theorem 3: a "learner" returning a random k-subset (hardness.control),
# scored and tested exactly as the learners are.
CONTROL = "control_random"


def c_k(k: int) -> float:
    # Imported here: the series costs seconds and only the plan rule needs it.
    from relu_tradeoffs.theory.correlation import c_k as lemma1

    return float(lemma1(k))


ODD_K_MODES = ("pad", "skip", "direct")
RELU_CLASSES = ("unbiased", "biased")
# The loss of the best hypothesis that ignores a coordinate of S, per (relu, labels) other than
# the paper's (unbiased, 01), whose floor is Claim 3's: the constant 1/2 under 01, 0 under pm1.
FLOORS = {("biased", "01"): CONSTANT_FLOOR, ("biased", "pm1"): 1.0, ("unbiased", "pm1"): 1.0}
# lowdeg under pm1: y = 2 y' - 1 scales every loss of a class closed under affine maps by 4.
PM1_SCALE = 4.0


def padded(k: int, odd_k: str) -> bool:
    """Whether a k-SLPN instance is padded to k + 1: odd k >= 3 (c_k = 0) under ``odd_k: pad``
    (``skip`` and ``direct`` run it unpadded)."""
    if odd_k not in ODD_K_MODES:
        raise ValueError(f"odd_k must be one of {ODD_K_MODES}, got {odd_k!r}")
    return odd_k == "pad" and k >= 3 and k % 2 == 1


def effective_k(k: int, odd_k: str) -> int:
    """The sparsity the learners face: k + 1 for a padded instance, k otherwise."""
    return k + 1 if padded(k, odd_k) else k


def relu_gap(k: int, eta: float) -> float:
    """eps of Claim 4: how far the best k-sparse witness lies below the Claim 3 floor."""
    return float(claim4_gap(c_k(k), eta))


def relu_threshold(eps: float, floor: float = CLAIM3_FLOOR) -> float:
    return floor - eps / 4.0


def witness_gap(k: int, eta: float, relu: str, labels: str, search: dict) -> dict:
    """The gap of a proper learner of class ``relu`` under ``labels`` and its floor, from the
    theory (relu_tradeoffs.theory.biased_gap): gap, floor and, for biased ReLUs, the best
    symmetric witness (beta, r, bias). ``search`` holds the witness search's beta_range,
    beta_points and max_norm (theory.biased.gap)."""
    from relu_tradeoffs.theory import biased_gap  # scipy's quadrature: the plan rule only

    if relu == "unbiased":
        gap = relu_gap(k, eta) if labels == "01" else biased_gap.unbiased_gap(labels, eta, k)
        return {"gap": gap, "floor": CLAIM3_FLOOR if labels == "01" else FLOORS[relu, labels]}
    grid = np.linspace(*search["beta_range"], search["beta_points"])
    found = biased_gap.symmetric_witness(labels, eta, k, grid, search["max_norm"])
    witness = {key: found[key] for key in ("beta", "r", "bias")}
    return {"gap": found["gain"], "floor": FLOORS[relu, labels], "witness": witness}


def claim4_witness_bound(ck: float, eta: float) -> float:
    """min over r of the error of Claim 4's witness r sum_{i in S} s_i e_i / sqrt(k), j not in S.

    The minimum sits at r = 1/sqrt(2 pi) + (1 - 2 eta) |c_k|, below the Claim 3 floor. It is an
    upper bound on opt_j (the best unit ReLU on S_j), not opt_j itself: a learner may beat it.
    """
    return 0.5 - (INV_SQRT_2PI + (1 - 2 * eta) * abs(ck)) ** 2 / 2.0


def sign_coefficient_squared(n: int) -> float:
    """sign_n^2 = (2/(pi n!)) He_{n-1}(0)^2 = (2/pi) C(n-1, (n-1)/2) / (n 4^((n-1)/2)) for odd n."""
    if n % 2 == 0:
        return 0.0
    half = (n - 1) // 2
    return 2.0 / math.pi * math.comb(n - 1, half) / (n * 4.0**half)


def lowdeg_projection(k: int, degree: int) -> float:
    """||P_{<=degree} chi_S^gamma||^2 for |S| = k (0 when degree < k)."""
    if degree < k:
        return 0.0
    per_coordinate = np.array([sign_coefficient_squared(n) for n in range(degree + 1)])
    power = np.array([1.0])
    for _ in range(k):
        power = np.convolve(power, per_coordinate)[: degree + 1]
    return float(power.sum())


def lowdeg_gap(k: int, eta: float, degree: int) -> float:
    return (1 - 2 * eta) ** 2 / 4.0 * lowdeg_projection(k, degree)


def lowdeg_threshold(gap: float) -> float:
    return CONSTANT_FLOOR - gap / 4.0


def validation_size(eps: float, m_val, m_val_max: int) -> dict:
    """m_val for a gap eps: ``auto`` is ceil(100 / eps^2) capped at m_val_max.

    ``target`` is 100 / eps^2 (None without a gap); ``reached`` says whether m_val attains it.
    """
    target = math.ceil(M_VAL_FACTOR / eps**2) if eps > 0 else None
    wanted = (target if target is not None else math.inf) if m_val == "auto" else m_val
    size = int(min(wanted, m_val_max))
    return {
        "m_val": size,
        "m_val_target": target,
        "m_val_reached": target is not None and size >= target,
        "m_val_capped": wanted > m_val_max,
    }


def training_size(
    eps: float, columns: int, k: int, m_train: int, factor: float, biases: int = 1
) -> dict:
    """The training size the exhaustive search needs to tell S's witness from every rival.

    The search compares 2 C(columns, k) candidates (times the ``biases`` of its bias grid); the
    loss difference of a rival and S's witness has mean about eps and variance sigma^2 per
    example, so a union (sub-Gaussian) bound asks m >= 2 sigma^2 ln(2 C(columns, k)) / eps^2 for
    no rival to win. ``factor`` is 2 sigma^2 (hardness.m_train_factor). ``target`` is None
    without a gap; ``reached``: m_train >= target.
    """
    if eps <= 0:
        return {"m_train_target": None, "m_train_reached": False}
    target = math.ceil(factor * math.log(2 * biases * math.comb(columns, k)) / eps**2)
    return {"m_train_target": target, "m_train_reached": m_train >= target}


def plan(
    k: int,
    eta: float,
    *,
    eps,
    m_val,
    m_val_max: int,
    m_train_factor: float,
    learners,
    params,
    odd_k: str,
    relu: str = "unbiased",
    labels: str = "01",
    witness_search=None,
    biases: int = 1,
) -> dict:
    """Everything Algorithm 1 fixes for a (k, eta) before seeing data, per learner.

    A padded odd k takes every number (c_k, gaps, eps, m_val) from k + 1, the sparsity the
    learners face. The negative control (``CONTROL``) is planned as a proper ReLU learner. With
    ``relu`` biased or ``labels`` pm1 the gap and floor are :func:`witness_gap`'s (a gap <= 0
    gives eps 0 under eps auto: no gap); ``biases`` is the exhaustive search's bias count (the
    candidates of the planned m_train).
    """
    k_fit = effective_k(k, odd_k)
    ck = c_k(k_fit)
    if (relu, labels) == ("unbiased", "01"):
        found = {"gap": relu_gap(k_fit, eta), "floor": CLAIM3_FLOOR}
    else:
        found = witness_gap(k_fit, eta, relu, labels, witness_search)
    gap = found["gap"]
    used = max(gap, 0.0) if eps == "auto" else float(eps)
    out = {
        "k": k,
        "k_effective": k_fit,
        "padded": k_fit != k,
        "eta": eta,
        "relu": relu,
        "labels": labels,
        "c_k": ck,
        "relu_gap": gap,
        "eps": used,
        "eps_source": "analytic" if eps == "auto" else "config",
        **validation_size(used, m_val, m_val_max),
        "m_train_factor": m_train_factor,
        "biases": biases,
        "witness": found.get("witness"),
        "learners": {},
    }
    scale = PM1_SCALE if labels == "pm1" else 1.0
    for name in [*learners, CONTROL]:
        if name == "lowdeg":
            lg = scale * lowdeg_gap(k_fit, eta, params["lowdeg"]["degree"])
            floor = scale * CONSTANT_FLOOR
            entry = {"gap": lg, "threshold": floor - lg / 4.0, "floor": floor}
        else:
            floor = found["floor"]
            entry = {"gap": gap, "threshold": relu_threshold(used, floor), "floor": floor}
        entry["has_gap"] = entry["gap"] > 0
        out["learners"][name] = entry
    return out


def relevant(val_err, threshold: float):
    """Algorithm 1's test: j is relevant iff err_{V_j}(h_j) >= threshold."""
    return np.asarray(val_err) >= threshold


def format_set(indices) -> str:
    """Sorted indices joined by ';' (the tables' set format; empty string for the empty set)."""
    return ";".join(str(int(i)) for i in sorted(indices))


def _coordinate_rows(common, in_support, errs, threshold, **extra) -> list[dict]:
    """One row per tested coordinate j: its validation error and, given a threshold, the test."""
    rows = []
    for j, err in enumerate(errs):
        row = {
            **common,
            **extra,
            "coordinate": j,
            "in_support": bool(in_support[j]),
            "val_err": err,
        }
        if threshold is not None:
            row |= {"threshold": threshold, "relevant": bool(err >= threshold)}
        rows.append(row)
    return rows


def _recovery_row(common, support, in_support, errs, threshold, m_train, seconds, sizes) -> dict:
    """The recovered set, compared with S: exact or not, false positives and false negatives.

    ``sizes`` plans m_train for the instance (training_size without m_train) and says whether
    this m_train reaches it."""
    rel = relevant(errs, threshold)
    recovered = np.flatnonzero(rel)
    return {
        **common,
        "m_train": m_train,
        **training_size(**sizes, m_train=m_train),
        "true_set": format_set(support),
        "recovered_set": format_set(recovered),
        "exact": bool(np.array_equal(recovered, support)),
        "seconds": seconds,
        "false_positives": int(np.sum(rel & ~in_support)),
        "false_negatives": int(np.sum(~rel & in_support)),
    }


def recover_instance(score: dict, plan: dict) -> dict:
    """Algorithm 1's test on one instance: table rows per coordinate, per recovery and per trace.

    ``score`` is the score rule's record (support, m_val, per learner: training sizes, seconds,
    validation errors (n_m, d), traced iterations and their errors (T, d)); ``plan`` is the
    instance's (k, eta) plan. Only the d original coordinates are tested: a padded instance's
    extra coordinate d is known to be in the support and is never reported.
    Returns {"coordinates": [...], "recovery": [...], "paths": [...]}.
    """
    support = np.array(score["support"])
    in_support = np.isin(np.arange(score["d"]), support)
    instance = {key: score[key] for key in ("d", "k", "eta", "m_val", "seed")}
    # The search runs on the learners' columns: d + 1 on a padded instance.
    columns = score["d"] + plan["padded"]
    sizes = {"eps": plan["eps"], "columns": columns, "k": plan["k_effective"]}
    sizes |= {"factor": plan["m_train_factor"], "biases": plan["biases"]}
    rows = {"coordinates": [], "recovery": [], "paths": []}
    for name, res in score["learners"].items():
        entry = plan["learners"][name]
        common = {"learner": name, **instance, "eps": plan["eps"], "has_gap": entry["has_gap"]}
        common |= {"m_val_reached": plan["m_val_reached"], "padded": plan["padded"]}
        common |= {"relu": plan["relu"], "labels": plan["labels"]}
        threshold = entry["threshold"]
        for m, errs, seconds in zip(res["m_train"], res["val_err"], res["seconds"], strict=True):
            rows["coordinates"] += _coordinate_rows(common, in_support, errs, threshold, m_train=m)
            rows["recovery"].append(
                _recovery_row(common, support, in_support, errs, threshold, m, seconds, sizes)
            )
        for it, errs in zip(res["path_iterations"], res["path_val_err"], strict=True):
            rows["paths"] += _coordinate_rows(
                common, in_support, errs, None, m_train=max(res["m_train"]), iteration=it
            )
    return rows


def plan_notes(plan: dict) -> list[tuple[str, str]]:
    """What a plan means, as (level, message) log lines: the gap, padding, m_val, thresholds."""
    k, notes = plan["k"], []
    notes.append(("info", f"k = {k}, eta = {plan['eta']:g}: c_k = {plan['c_k']:.6g}, Claim 4 gap "
                  f"{plan['relu_gap']:.6g}, eps = {plan['eps']:.6g} ({plan['eps_source']})"))  # fmt: skip
    if plan["padded"]:
        notes.append(("info", f"k = {k} is odd: instances are padded with one uniform +-1 "
                      f"coordinate multiplying the label, a {plan['k_effective']}-sparse parity "
                      "on d + 1 coordinates; eps and m_val are those of k + 1"))  # fmt: skip
    if (plan["relu"], plan["labels"]) != ("unbiased", "01"):
        notes.append(("info", f"beyond the paper: {plan['relu']} ReLUs, labels {plan['labels']}; "
                      f"the gap is the best witness's gain over the floor, {plan['relu_gap']:.6g}, "
                      f"witness {plan['witness']}"))  # fmt: skip
    if plan["relu_gap"] <= 0 and plan["relu"] == "biased":
        notes.append(("warning", f"k = {k}: no biased witness beats the best hypothesis that "
                      f"ignores S under labels {plan['labels']} (gain {plan['relu_gap']:.6g}), so "
                      "no proper learner can tell j in S from j not in S; recovery is reported "
                      "with has_gap = false and means nothing"))  # fmt: skip
    elif plan["relu_gap"] == 0:
        notes.append(("warning", f"k = {k}: c_k = 0, so no unbiased ReLU is correlated with the "
                      "lifted parity and no proper learner can tell j in S from j not in S; "
                      "recovery for this k is reported with has_gap = false and means nothing"))  # fmt: skip
    size = f"m_val = {plan['m_val']} (100/eps^2 = {plan['m_val_target']})"
    if plan["m_val_capped"]:
        notes.append(("warning", f"{size}: capped at m_val_max, m_val_reached = "
                      f"{plan['m_val_reached']}"))  # fmt: skip
    else:
        notes.append(("info", size))
    for name, entry in plan["learners"].items():
        notes.append(("info", f"{name}: gap {entry['gap']:.6g}, threshold "
                      f"{entry['threshold']:.8f}, has_gap {entry['has_gap']}"))  # fmt: skip
    return notes
