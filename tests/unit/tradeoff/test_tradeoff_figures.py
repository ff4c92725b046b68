"""The tradeoff panels draw any grid shape (one k, one d, missing learners, empty) without crashing,
and say in the panel what is missing."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from relu_tradeoffs.tradeoff import figures as tf  # noqa: E402

SCALING = pd.DataFrame(
    {"k": [2, 2, 4], "d": [16, 32, 16], "padded": [False, False, False], "eps": [0.066, 0.066, 0.0084],
     "seconds": [0.01, 0.08, 1.0], "slope_d": [3.0, 3.0, np.nan], "slope_d_lo": [2.9, 2.9, np.nan],
     "slope_d_hi": [3.1, 3.1, np.nan]}
)  # fmt: skip


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts)


def test_wall_panels_note_what_is_missing():
    fig, (a, b, c) = plt.subplots(1, 3)
    tf.wall_in_d(a, SCALING)
    assert "k = 4: one d, no exponent" in _texts(a)
    assert "d^3.00 [2.90, 3.10]" in " ".join(t.get_text() for t in a.get_legend().get_texts())
    tf.wall_in_eps(b, SCALING, 16)
    assert "c = " in " ".join(t.get_text() for t in b.get_legend().get_texts())
    tf.wall_in_eps(c, SCALING, 99)
    assert "is in no k's grid" in _texts(c)
    fig2, (e, f) = plt.subplots(1, 2)
    tf.wall_in_d(e, SCALING.iloc[:0])
    assert "no scaling rows" in _texts(e)
    tf.wall_in_eps(f, SCALING[SCALING.k == 2], 32)
    assert "one eps" in _texts(f)
    plt.close("all")


def test_slope_panel_draws_the_cross_k_fit_or_says_why_not():
    three = pd.DataFrame(
        {"k": [2, 3, 4], "padded": [False, True, False], "eps": [0.066, 0.0084, 0.0084],
         "slope_d": [2.1, 4.8, 4.9], "slope_d_lo": [2.0, 4.5, 2.6], "slope_d_hi": [2.2, 5.1, 5.2],
         "c_cross": 1.3, "c_cross_b": -1.4, "c_cross_lo": 1.0, "c_cross_hi": 1.6}
    )  # fmt: skip
    fig, (a, b, c) = plt.subplots(1, 3)
    tf.slope_in_eps(a, three)
    legend = " ".join(t.get_text() for t in a.get_legend().get_texts())
    assert "c = 1.30 [1.00, 1.60]" in legend
    assert "k = 3 (-> 4)" in _texts(a)
    tf.slope_in_eps(b, three.assign(c_cross=np.nan))
    assert "one eps: no cross-k fit" in _texts(b)
    tf.slope_in_eps(c, three.assign(slope_d=np.nan))
    assert "no k with two d" in _texts(c)
    plt.close("all")


def test_excess_panel_names_absent_learners():
    group = pd.DataFrame(
        {"learner": ["gd", "gd"], "seconds": [0.1, 1.0], "excess_err": [0.05, 0.01],
         "excess_err_se": [0.001, 0.001], "front": [True, True]}
    )  # fmt: skip
    fig, ax = plt.subplots()
    tf.excess_panel(ax, group, (0.066, 0.08), ["exhaustive", "gd"])
    assert "absent: exhaustive" in _texts(ax)
    plt.close(fig)


def test_gd_panels_with_one_d():
    rows = pd.DataFrame(
        {"k": [2, 2], "d": [8, 8], "m_train": [100, 100], "steps": [10, 30], "seed": [0, 0],
         "exact": [False, True], "excess_err": [0.05, 0.0], "excess_err_se": [0.01, 0.01],
         "eps": [0.066] * 2, "floor_excess": [0.08] * 2, "padded": [False] * 2,
         "m_val": [1000] * 2, "m_val_reached": [False] * 2}
    )  # fmt: skip
    fig, (top, bottom) = plt.subplots(2, 1)
    tf.gd_panels(top, bottom, rows, 2)
    assert "one d only" in _texts(top) and "100/eps^2" in bottom.get_title()
    plt.close(fig)
