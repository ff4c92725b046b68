"""Synthetic result tables for the claims summary's tests (tests/unit/pipeline/test_summary.py,
tests/unit/tradeoff/test_sides.py): the required tables, each in a shape that holds."""

import numpy as np
import pandas as pd


def hermite(error):
    return pd.DataFrame(
        {
            "function": ["relu", "sign"] * 3,
            "n": [0, 0, 1, 1, 2, 2],
            "closed_form": [0.4, 0.0, 0.5, 0.8, 0.2, 0.0],
            "quadrature": [0.4, 0.0, 0.5, 0.8, 0.2, error],
            "abs_error": [1e-15] * 5 + [error],
        }
    )


def correlation(ks, c):
    c = np.asarray(c, dtype=float)
    return pd.DataFrame(
        {
            "k": ks,
            "c_k": c,
            "c_k_error": 1e-12,
            "c_k_mc": c,
            "c_k_mc_se": 1e-3,
            "exact_zero": c == 0,
        }
    )


def recovery(exact, learner="exhaustive"):
    return pd.DataFrame(
        {
            "learner": learner,
            "k": 2,
            "eta": 0.0,
            "padded": False,
            "exact": exact,
            "has_gap": True,
            "m_train_reached": True,
            "m_val_reached": True,
        }
    )


def approx_summary():
    """No Algorithm 2 or rival row: the approx verdicts (tests/unit/approx/test_verdicts.py)
    say "not measured"."""
    return pd.DataFrame(columns=["regime", "noise", "d", "opt_target", "opt", "method"])


def required():
    """The five tables the summary always needs, each in a shape whose rows hold."""
    return {
        "hermite": hermite(1e-15),
        "correlation": correlation([1, 2, 3], [0.4, 0.165, 0.0]),
        "claims": pd.DataFrame(
            {"claim": [3, 4], "k": 2, "norm": 0.4, "analytic_err": 0.4, "empirical_err": 0.4}
            | {"empirical_se": 1e-3}
        ),
        "recovery": recovery([True] * 3),
        "approx_summary": approx_summary(),
    }


def biased(c_k, betas=(0.0, 0.5)):
    """c_k(beta) with the series, quadrature and Monte Carlo in agreement, c_k(0) the given
    unbiased c_k; odd k move with beta (by beta * 0.1 / k), even k do not."""
    rows = []
    for k, c in c_k.items():
        for beta in betas:
            value = c + beta * 0.1 / k if k % 2 else c
            rows.append(
                {"k": k, "beta": beta, "c_k_beta": value, "c_k_beta_quadrature": value,
                 "c_k_beta_mc": value, "c_k_beta_mc_se": 1e-3}
            )  # fmt: skip
    return pd.DataFrame(rows)


def biased_gap(labels=("01", "pm1")):
    """Gains above their errors at every k under each encoding."""
    return pd.DataFrame(
        [
            {"labels": enc, "k": k, "eta": 0.0, "witness": "symmetric", "gain": 0.1 / k,
             "gain_error": 1e-3, "unbiased_gap": 0.0}
            for enc in labels
            for k in (1, 2, 3)
        ]
    )  # fmt: skip


def pareto():
    return pd.DataFrame(
        {"learner": "gd", "budget": ["steps=30", "steps=300"], "work": [30, 300], "k": 2,
         "d": 8, "padded": False, "excess_err": [0.1, 0.01], "excess_err_se": 1e-3}
    )  # fmt: skip


def upper_bound():
    return pd.DataFrame(
        {"opt": [0.0], "slope": [0.7], "slope_lo": [0.6], "slope_hi": [0.8], "fit_points": [5],
         "slope_derived": [2 / 3], "slope_control": [2.0]}
    )  # fmt: skip


def lowdeg():
    """One planted model on its prediction and one noisy model under its bound."""
    return pd.DataFrame(
        {"model": ["planted", "random"], "d": 8, "degree": [1, 1], "test_err": [0.1, 0.05],
         "test_err_se": 1e-4, "predicted": [0.1, np.nan], "predicted_next": [0.02, np.nan],
         "finite_sample_factor": 1.0, "bound": [np.nan, 0.1], "opt": [0.0, 0.02],
         "constant_err": 0.3}
    )  # fmt: skip


def scaling():
    return pd.DataFrame(
        {"k": [2, 4], "k_effective": [2, 4], "padded": False, "eps": [0.07, 0.008],
         "slope_d": [2.0, 4.0], "slope_d_lo": [1.9, 3.9], "slope_d_hi": [2.1, 4.1],
         "c_cross": 1.0, "c_cross_lo": np.nan, "c_cross_hi": np.nan}
    )  # fmt: skip
