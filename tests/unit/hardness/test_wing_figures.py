"""Algorithm 1's and the theory wing's figures render from small tables of any grid shape."""

import matplotlib

matplotlib.use("Agg")
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from relu_tradeoffs.hardness.figures import errors_figure, recovery_figure  # noqa: E402
from relu_tradeoffs.theory.figures import claims_figure, correlation_figure  # noqa: E402


def coordinates(learners, d=4):
    return pd.DataFrame(
        [
            {"learner": name, "d": d, "k": 2, "eta": 0.0, "seed": 0, "coordinate": j,
             "in_support": j < 2, "val_err": 0.42 + 0.01 * (j < 2), "threshold": 0.425,
             "has_gap": True, "m_train": 100, "m_val": 1000}
            for name in learners
            for j in range(d)
        ]
    )  # fmt: skip


@pytest.mark.parametrize("learners", [["gd"], ["exhaustive", "gd", "lowdeg"]])
def test_errors_figure_has_one_panel_per_learner(learners):
    fig = errors_figure(coordinates(learners), {"d": 4, "k": 2, "eta": 0.0, "seed": 0})
    assert [ax.get_title() for ax in fig.axes] == learners
    assert all(len(ax.patches) == 4 for ax in fig.axes)  # one bar per coordinate


@pytest.mark.parametrize(("ks", "etas"), [([2], [0.0]), ([2, 4], [0.0, 0.1])])
def test_recovery_figure_has_a_row_per_k_plus_one(ks, etas):
    rows = [
        {"learner": "gd", "k": k, "eta": eta, "m_train": m, "seed": s, "exact": s == 0,
         "has_gap": True, "m_val_reached": k == 2, "m_train_target": 150 * k}
        for k in ks for eta in etas for m in (100, 200) for s in (0, 1)
    ]  # fmt: skip
    fig = recovery_figure(pd.DataFrame(rows), 200)
    assert len(fig.axes) == (1 + len(ks)) * len(etas)
    # The planned m_train of each k, dotted in its learning-curve panels.
    planned = [ax.lines[-1].get_xdata()[0] for ax in fig.axes[len(etas) :]]
    assert sorted(set(planned)) == [150 * k for k in ks]
    titles = [ax.get_title() for ax in fig.axes]
    assert any("m_val < 100/eps^2" in title for title in titles) == (4 in ks)
    top = fig.axes[0].lines[0]
    np.testing.assert_allclose(top.get_ydata(), [0.5] * len(ks))  # one of two seeds exact


def test_theory_figures_render_for_a_short_k_range():
    correlation = pd.DataFrame(
        {"k": [1, 2, 3], "c_k": [0.16, 0.03, 0.0], "c_k_mc": [0.16, 0.03, 0.0001],
         "c_k_mc_se": [1e-3, 1e-3, 1e-3], "leading_term": [0.16, 0.03, 0.0],
         "sign": ["positive", "positive", "zero"], "exact_zero": [False, False, True]}
    )  # fmt: skip
    fig = correlation_figure(correlation)
    assert "no 2^{-O(k)} fit" in " ".join(t.get_text() for t in fig.axes[0].texts)
    claims = pd.DataFrame(
        [
            {"claim": claim, "k": 2, "eta": 0.0, "norm": r, "witness": "w_S",
             "empirical_err": 0.4, "empirical_se": 1e-3}
            for claim in (3, 4) for r in (0.0, 0.5)
        ]
    )  # fmt: skip
    assert [ax.get_title() for ax in claims_figure(claims).axes] == ["k = 2"]
