"""One approx instance (regime, noise, d, opt target, seed): draw it, run every method, find the
honest opt, measure Theorem 5's chain.

Data are drawn from the instance's own random stream rather than read from disk (drawing is
milliseconds, storing the grid's data ~1 GB). Every method has its own stream, so adding or
removing a method never changes another's numbers. Order of work:
1. the methods that do not need opt (rivals, Algorithm 2 with alpha by validation);
2. a first reference fit from w*, their outputs and random starts; opt_1 = min(planted,
   reference) **on the fresh reference sample** (column ``alpha_opt``), so that the paper's
   alpha = opt_1^(1/3) uses no test example;
3. the methods with alpha = opt_1^(1/3) (``alg2_paper`` and the ``*_paper_alpha`` extensions);
4. the reference refined from their outputs: the final opt (column ``opt``, on the test set);
5. the negative controls (``config.CONTROLS``): w = 0 and a random unit vector, scored like
   the methods, so that every verdict can show that its criterion rejects them.
"""

import time

import numpy as np

from relu_tradeoffs.approx import algorithm2, noise, reference, rivals, theorem5
from relu_tradeoffs.approx.config import CONTROL_RANDOM, CONTROL_ZERO, parse_method, train_size
from relu_tradeoffs.approx.regimes import opt_floor, planted_norm
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.relu import relu


def reference_size(reference, m_train, m_test):
    """Examples of the fresh reference sample: sample_factor x m_test, and at least train_factor
    x the instance's training set, so the honest opt is fitted on more data than any method
    (else a method trained on more data can beat it and fail the opt check)."""
    return max(reference["sample_factor"] * m_test, reference["train_factor"] * m_train)


def draw(section, seed, key, cal):
    """The instance and its training, test and fresh reference samples."""
    regime = key[1]
    inst = noise.make_instance(
        rng_for(seed, *key, "instance"),
        int(key[3]),
        planted_norm(regime, section["w_norm"]),
        section["parity"]["k"],
        section["parity"]["eta"],
        cal["band_center"],
    )
    rng = rng_for(seed, *key, "data")
    m_train, _ = train_size(section, regime, int(key[3]), float(key[4]))
    train = noise.sample(rng, m_train, inst, key[2], cal["level"])
    test = noise.sample(rng, section["m_test"], inst, key[2], cal["level"])
    fresh_size = reference_size(section["reference"], m_train, section["m_test"])
    fresh = noise.sample(rng, fresh_size, inst, key[2], cal["level"])
    return inst, train, test, fresh


def run_method(method, train, rng, section, regime, paper_alpha):
    """(w, alpha or "", validation curve) of one method."""
    X, y = train
    kind, name, paper = parse_method(method)
    params = section["params"][name]
    if kind == "rival":
        return rivals.METHODS[name](X, y, rng, regime, **params), "", []
    if paper:
        return algorithm2.fit(X, y, paper_alpha, name, rng, params, regime), paper_alpha, []
    a = section["alpha"]
    curve = algorithm2.validation_curve(
        X, y, a["grid"], name, rng, params, regime, a["val_fraction"], a["min_class"]
    )
    alpha = algorithm2.best_alpha(curve)
    return algorithm2.fit(X, y, alpha, name, rng, params, regime), alpha, curve


def run_methods(methods, train, section, seed, key, paper_alpha):
    """{method: (w, alpha, curve, seconds)}."""
    out = {}
    for method in methods:
        start = time.perf_counter()
        w, alpha, curve = run_method(
            method, train, rng_for(seed, *key, method), section, key[1], paper_alpha
        )
        out[method] = (w, alpha, curve, time.perf_counter() - start)
    return out


def best_relu(inst, test, fresh, starts, rng, regime, ref_params):
    """(w_opt, opt, w_ref, gradient-mapping norm): the better of the planted ReLU and the
    reference fit on the fresh sample, judged on the test set."""
    params = {k: v for k, v in ref_params.items() if k not in ("sample_factor", "train_factor")}
    w_ref, mapping = reference.fit(*fresh, starts, rng, regime, **params)
    X, y = test
    losses = [(relu(X @ w) - y) ** 2 for w in (inst.w_star, w_ref)]
    errs = [float(loss.mean()) for loss in losses]
    best = int(errs[1] < errs[0])
    opt_se = float(losses[best].std(ddof=1) / np.sqrt(y.size))
    return (inst.w_star, w_ref)[best], errs[best], w_ref, mapping, errs + [opt_se]


def fresh_opt(inst, fresh, w_ref):
    """opt on the fresh reference sample: the better of the planted ReLU and the reference fit
    there. The paper's alpha = opt^(1/3) comes from it, never from the test set."""
    X, y = fresh
    return min(float(np.mean((relu(X @ w) - y) ** 2)) for w in (inst.w_star, w_ref))


def controls(seed, key, d):
    """The negative controls' outputs: w = 0 and a unit vector drawn uniformly at random."""
    g = rng_for(seed, *key, CONTROL_RANDOM).standard_normal(d)
    return {CONTROL_ZERO: np.zeros(d), CONTROL_RANDOM: g / np.linalg.norm(g)}


def yx_se(train):
    """Standard error of the empirical E[y x] (sqrt of trace Cov(y x) / m): the sampling term of
    the surrogate's Stein bound (tables.summary_table)."""
    X, y = train
    return float(np.sqrt((y[:, None] * X).var(axis=0, ddof=1).sum() / y.size))


def is_paper_alpha(method):
    return parse_method(method)[2]


def run_instance(section, seed, key, cal):
    """Error rows, validation-curve rows and Theorem 5 rows of one instance."""
    regime = key[1]
    inst, train, test, fresh = draw(section, seed, key, cal)
    late = [m for m in section["methods"] if is_paper_alpha(m)]
    fits = run_methods(
        [m for m in section["methods"] if m not in late], train, section, seed, key, 0
    )
    starts = [inst.w_star] + [f[0] for f in fits.values()]
    ref_rng = rng_for(seed, *key, "reference")
    _, _, w_ref, _, _ = best_relu(inst, test, fresh, starts, ref_rng, regime, section["reference"])
    opt_1 = fresh_opt(inst, fresh, w_ref)
    fits |= run_methods(late, train, section, seed, key, opt_1 ** (1 / 3))
    starts = [w_ref] + [fits[m][0] for m in late]
    ref = dict(section["reference"], restarts=0)
    w_opt, opt, w_ref, mapping, errs = best_relu(inst, test, fresh, starts, ref_rng, regime, ref)
    common = {"regime": regime, "noise": key[2], "d": int(key[3]), "opt_target": float(key[4])}
    common |= {"opt": opt, "seed": int(key[5])}
    m_train, capped = train_size(section, regime, int(key[3]), float(key[4]))
    extra = {
        "opt_planted": errs[0],
        "opt_reference": errs[1],
        "opt_se": errs[2],
        "opt_floor": opt_floor(regime),
        "alpha_opt": opt_1,
        "reference_grad_norm": mapping,
        "opt_calibration": cal["opt_calibration"],
        "level": cal["level"],
        "m_train": m_train,
        "m_train_capped": capped,
        "m_test": section["m_test"],
        "m_reference": fresh[0].shape[0],
        "w_norm": planted_norm(regime, section["w_norm"]),
        "trivial_err": float(np.mean(test[1] ** 2)),
        "yx_se": yx_se(train),
    }
    fits |= {name: (w, "", [], 0.0) for name, w in controls(seed, key, int(key[3])).items()}
    rows = [error_row(m, fit, test, inst, w_opt, common, extra) for m, fit in fits.items()]
    curves = [curve_rows(m, fits[m], test, common, opt_1 ** (1 / 3)) for m in section["methods"]]
    chain = theorem5_rows(section, seed, key, (train, test), (w_opt, opt, opt_1), common)
    return rows, [r for c in curves for r in c], chain


def error_row(method, fit, test, inst, w_opt, common, extra):
    w, alpha, _, seconds = fit
    X, y = test
    gap, gap_se = reference.paired_gap(X, y, w, w_opt)
    return (
        common
        | {
            "method": method,
            "alpha": alpha,
            "test_err": float(np.mean((relu(X @ w) - y) ** 2)),
            "dist_to_wstar": float(np.linalg.norm(w - inst.w_star)),
            "seconds": seconds,
            "dist_to_wopt": float(np.linalg.norm(w - w_opt)),
            "gap_se": gap_se,
            "w_norm_fit": float(np.linalg.norm(w)),
        }
        | extra
    )


def curve_rows(method, fit, test, common, paper_alpha):
    X, y = test
    return [
        common
        | {
            "method": method,
            "alpha": c["alpha"],
            "val_err": c["val_err"],
            "test_err": np.nan if c["w"] is None else float(np.mean((relu(X @ c["w"]) - y) ** 2)),
            "selected": c["alpha"] == fit[1],
            "paper_alpha": paper_alpha,
        }
        for c in fit[2]
    ]


def theorem5_rows(section, seed, key, data, optimum, common):
    """Algorithm 2 with each learner of ``theorem5.learners`` at every alpha of the grid around
    alpha_opt^(1/3) (opt on the fresh sample), and the random-unit-vector control at the same
    alphas; alphas leaving fewer than alpha.min_class examples in a class are skipped, and so
    is an instance whose opt is 0. ``data``: (train, test); ``optimum``: (w_opt, opt on the
    test set, opt on the fresh sample)."""
    (train, test), (w_opt, opt, opt_fresh) = data, optimum
    cfg, rows = section["theorem5"], []
    if min(opt, opt_fresh) <= 0:  # a finite sample can hold no clipped or noisy point
        return rows
    control = controls(seed, key, int(key[3]))[CONTROL_RANDOM]
    step = section["bounds"]["step"]
    for learner in [*cfg["learners"], CONTROL_RANDOM]:
        rng = rng_for(seed, *key, "theorem5", learner)
        factors = cfg["alpha_factors"]
        for factor, alpha in zip(factors, theorem5.alpha_grid(opt_fresh, factors), strict=True):
            if algorithm2.min_class_size(train[1], alpha) < section["alpha"]["min_class"]:
                continue
            if learner == CONTROL_RANDOM:
                w = control
            else:
                w = algorithm2.fit(*train, alpha, learner, rng, section["params"][learner], key[1])
            row = theorem5.chain(*test, w_opt, opt, alpha, w)
            rows.append(
                {k: v for k, v in common.items() if k != "opt"}
                | {"learner": learner, "alpha_factor": factor}
                | row
                | theorem5.step(row, step["K"], step["eps"])
            )
    return rows


def run_job(section, seed, regime, noise_model, d, instance_seed, calibrations):
    """Every opt target of one (regime, noise, d, seed): the three row lists of run_instance,
    concatenated. ``calibrations`` maps an opt-target label ("0.01") to its calibration."""
    out = ([], [], [])
    for target, cal in calibrations.items():
        key = ("approx", regime, noise_model, str(d), target, str(instance_seed))
        for rows, new in zip(out, run_instance(section, seed, key, cal), strict=True):
            rows += new
    return out
