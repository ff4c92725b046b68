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
