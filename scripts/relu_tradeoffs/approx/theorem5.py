"""Theorem 5's proof chain, measured on the test set: one row per (learner, alpha).

w* is, as in the proof, the best ReLU of the class (the one whose test error is opt), not
necessarily the planted one. Signs follow Algorithm 2's convention sign(0) = -1. The links:
1. Markov: Pr[|y - ReLU_w*(x)| >= alpha] <= opt / alpha^2 (exact on the test set, where opt is
   w*'s error);
2. err01(w*) := Pr[sign(w*.x) != sign(y - alpha)] <= opt / alpha^2 + Pr[w*.x in (0, 2 alpha)]
   (``err01_bound``, the Gaussian mass exact) <= opt / alpha^2 + 2 alpha / ||w*||
   (``err01_bound_paper``, the paper's opt / alpha^2 + 2 alpha for a unit w*);
3. ||u - u*|| <= angle(u, u*) = pi Pr[sign(u.x) != sign(u*.x)] <= pi (err01(w) + err01(w*))
   for the unit directions (the paper's constant C is pi under N(0, I));
4. err(ReLU_w) <= 2 opt + 2 ||w - w*||^2 (``err_bound``).
Each ``holds_*`` flag allows 3 standard errors for the parts that are sample estimates of
population quantities (named in each flag's comment). These links hold for *any* w (run them
with a random unit w: every flag is true), so they are identities, never evidence that the
theorem holds. The one link that depends on the learner is ABL14's guarantee, judged by
:func:`step`: ||u - u*|| <= K err01(w*) + eps, w* standing for the best halfspace w_dagger
(its Boolean error err01(w*) bounds the best halfspace's).
"""

from statistics import NormalDist

import numpy as np

from relu_tradeoffs.relu import relu

Z = 3.0


def _sign(a):
    return np.where(a > 0, 1.0, -1.0)


def unit(w):
    return w / np.linalg.norm(w)


def chain(X, y, w_star, opt, alpha, w) -> dict:
    """The links of the chain for the output w at threshold alpha (see the module docstring)."""
    m = X.shape[0]
    labels = _sign(y - alpha)
    p_star, p_w = X @ w_star, X @ w
    norm_star = float(np.linalg.norm(w_star))
    slab = NormalDist().cdf(2 * alpha / norm_star) - 0.5
    err01_wstar = float(np.mean(_sign(p_star) != labels))
    err01_w = float(np.mean(_sign(p_w) != labels))
    dist_unit = float(np.linalg.norm(unit(w) - unit(w_star)))
    disagree = np.arccos(np.clip(unit(w) @ unit(w_star), -1.0, 1.0)) / np.pi
    sq_proj = ((w - w_star) @ X.T) ** 2
    row = {
        "opt": opt,
        "alpha": alpha,
        "p_far": float(np.mean(np.abs(y - relu(p_star)) >= alpha)),
        "markov_bound": opt / alpha**2,
        "slab_mass": slab,
        "err01_wstar": err01_wstar,
        "err01_bound": opt / alpha**2 + slab,
        "err01_bound_paper": opt / alpha**2 + 2 * alpha / norm_star,
        "err01_w": err01_w,
        "dist_w_wstar": float(np.linalg.norm(w - w_star)),
        "dist_unit": dist_unit,
        "angle_bound": np.pi * (err01_w + err01_wstar),
        "test_err": float(np.mean((relu(p_w) - y) ** 2)),
        "err_bound": 2 * opt + 2 * float(np.linalg.norm(w - w_star)) ** 2,
    }
    se_slab = np.sqrt(slab * (1 - slab) / m)  # slab mass exact, its sample fraction is not
    se_disagree = np.sqrt(disagree * (1 - disagree) / m)  # angle / pi vs its sample estimate
    se_proj = float(sq_proj.std(ddof=1) / np.sqrt(m))  # mean ((w - w*).x)^2 vs ||w - w*||^2
    row |= {
        "holds_markov": row["p_far"] <= row["markov_bound"] * (1 + 1e-12),
        "holds_err01_wstar": err01_wstar <= row["err01_bound"] + Z * se_slab,
        "holds_err01_paper": row["err01_bound"] <= row["err01_bound_paper"],
        "holds_angle": dist_unit <= np.pi * (err01_w + err01_wstar + Z * se_disagree) + 1e-12,
        "holds_err_bound": row["test_err"] <= row["err_bound"] + 2 * Z * se_proj,
    }
    return row


def step(row, K, eps):
    """ABL14's step for one chain row: the bound K err01(w*) + eps on dist_unit, whether the
    row is within it, and the smallest K that would cover the row (0 if eps alone covers it,
    inf if err01(w*) = 0 and eps does not)."""
    excess = max(row["dist_unit"] - eps, 0.0)
    needed = (
        0.0 if excess == 0 else (np.inf if row["err01_wstar"] == 0 else excess / row["err01_wstar"])
    )
    bound = K * row["err01_wstar"] + eps
    return {
        "step_K": K,
        "step_eps": eps,
        "step_bound": bound,
        "within_step": row["dist_unit"] <= bound,
        "step_K_needed": needed,
    }


HOLDS = ("holds_markov", "holds_err01_wstar", "holds_err01_paper", "holds_angle", "holds_err_bound")


def alpha_grid(opt, factors):
    """Thresholds around the paper's alpha = opt^(1/3)."""
    return [float(f * opt ** (1 / 3)) for f in factors]
