"""Every approx figure renders whatever the grid's shape: one of everything, only `none`, or
nothing at all; absent data are written into the panel."""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from relu_tradeoffs.approx import figures, tables  # noqa: E402
from relu_tradeoffs.approx.theorem5 import HOLDS  # noqa: E402

BOUNDS = {"statement": {"K": 4.0, "eps": 0.002}, "step": {"K": 4.0, "eps": 0.1}, "stein_z": 3.0}


def errors(noises, methods, seeds, regimes=("scaled",), targets=(0.001, 0.01)):
    rows = []
    for regime in regimes:
        for noise in noises:
            for target in (0,) if noise == "none" else targets:
                for seed in seeds:
                    for method in methods:
                        opt = max(target, 4e-5)
                        rows.append({
                            "regime": regime, "noise": noise, "d": 10, "opt_target": target,
                            "opt": opt, "method": method, "alpha": np.nan, "seed": seed,
                            "test_err": 1.5 * opt, "dist_to_wstar": 0.1, "seconds": 0.1,
                            "dist_to_wopt": 0.1, "opt_planted": opt, "opt_reference": opt,
                            "opt_floor": 0.0, "trivial_err": 0.06, "yx_se": 1e-3,
                            "m_train": 1000, "m_train_capped": False,
                        })  # fmt: skip
    columns = [*tables.ERRORS_COLUMNS, "dist_to_wopt", "opt_planted", "opt_reference", "opt_floor",
               "trivial_err", "yx_se", "m_train", "m_train_capped"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def chain(noises):
    rows = [
        {"regime": "paper", "noise": n, "d": 10, "opt_target": 0.1, "seed": 0, "learner": "average",
         "opt": 0.1, "alpha": 0.46 * f, "alpha_factor": f}
        | {c: 0.1 for c, _, _ in figures.CHAIN} | dict.fromkeys(HOLDS, True)
        for n in noises for f in (0.5, 1.0)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def zero_opt():
    """flip at two targets and two seeds, the smaller target with opt = 0 on every seed."""
    e = errors(["flip"], ["gd", "alg2_paper"], [0, 1], targets=(0.001, 0.01, 0.1))
    return e.assign(opt=e.opt.where(e.opt_target != 0.001, 0.0))


SHAPES = {
    "one of everything": errors(["flip"], ["alg2_paper"], [0], targets=(0.01,)),
    "opt zero on a test set": zero_opt(),
    "one noise, one seed": errors(["flip"], ["gd", "surrogate"], [0]),
    "only none": errors(["none"], ["gd"], [0, 1]),
    "empty": errors([], [], []),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_error_figures_render(shape):
    e = SHAPES[shape]
    summary = tables.summary_table(e, BOUNDS) if len(e) else pd.DataFrame(columns=e.columns)
    slopes = (
        tables.slopes_frame(e, np.random.default_rng(0), 10, 0.5)
        if len(e)
        else pd.DataFrame(
            columns=["regime", "noise", "d", "method", "slope", "slope_low", "slope_high"]
        )
    )
    for fig in (figures.err_vs_opt(summary, slopes), figures.ratio_heatmaps(summary)):
        fig.canvas.draw()
        plt.close(fig)


@pytest.mark.parametrize("noises", [["flip"], ["flip", "band"], []])
def test_chain_and_alpha_figures_render(noises):
    empty_curve = tables.curve_table([pd.DataFrame()])
    for fig in (figures.theorem5_chain(chain(noises)), figures.alpha_curves(empty_curve)):
        fig.canvas.draw()
        plt.close(fig)


def test_an_absent_panel_says_so():
    """Two regimes, but `band` ran only in one: the other regime's band panel carries text."""
    e = pd.concat(
        [errors(["flip", "band"], ["gd"], [0], ("paper",)), errors(["flip"], ["gd"], [0])]
    )
    fig = figures.err_vs_opt(
        tables.summary_table(e, BOUNDS), tables.slopes_frame(e, np.random.default_rng(0), 10, 0.5)
    )
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert any("no band instances" in t and "scaled" in t for t in texts)
    plt.close(fig)


def test_ratio_is_undefined_not_infinite_where_opt_is_zero():
    """err / opt at opt = 0 is NaN in the summary, and the slope ignores the point."""
    e = zero_opt()
    summary = tables.summary_table(e, BOUNDS)
    zero = summary.opt == 0
    assert zero.sum() == 2 and summary.ratio[zero].isna().all()
    np.testing.assert_allclose(summary.ratio[~zero], 1.5)
    slopes = tables.slopes_frame(e, np.random.default_rng(0), 10, 0.5)
    np.testing.assert_allclose(slopes.slope, 1.0)
    assert (slopes.points == 2).all()
