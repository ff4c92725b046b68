"""Both sides of the tradeoff: measured least squares against the Hermite predictions, the sides
table, its figure on degenerate grids, the verdicts and the config checks."""

import copy
import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402
from conftest import ROOT  # noqa: E402
from relu_tradeoffs.hardness.algorithm1 import lowdeg_gap  # noqa: E402
from relu_tradeoffs.pipeline.config import ConfigError  # noqa: E402
from relu_tradeoffs.pipeline.verdicts import (  # noqa: E402
    BEYOND,
    FAILS,
    UNINFORMATIVE,
)
from relu_tradeoffs.tradeoff import figures as tf  # noqa: E402
from relu_tradeoffs.tradeoff import regression as rg  # noqa: E402
from relu_tradeoffs.tradeoff import sides, verdicts  # noqa: E402
from relu_tradeoffs.tradeoff import upper_bound as ub  # noqa: E402
from relu_tradeoffs.tradeoff.scaling import lifted_instance  # noqa: E402
from relu_tradeoffs.validation import validate  # noqa: E402
from summary_tables import required  # noqa: E402

TAIL = ub.tails(80)


def _measure(X, y, degrees, m):
    return rg.degree_rows(
        (X[:m], y[:m]), (X[m:], y[m:]), degrees, ridge=1e-9, max_features=500, repeats=1
    )


def test_least_squares_on_the_planted_relu_errs_by_the_tail():
    """Realizable unit ReLU at d = 3: test error = tail(l) x the finite-sample factor; measured
    within ~3% at m = 20000, so 10% is the tolerance, and degree 3 adds nothing to degree 2."""
    X, y = rg.planted(np.random.default_rng(1), 60000, 3)
    rows, skipped = _measure(X, y, [1, 2, 3, 4], 20000)
    assert skipped == []
    rows = rg.with_predictions(rows, TAIL, opt=0.0, norm=1.0, exact=lambda l: float(TAIL[l]))
    for row in rows:
        expected = row["predicted"] * row["finite_sample_factor"]
        assert row["test_err"] == pytest.approx(expected, rel=0.1), row
        assert row["features"] == math.comb(3 + row["degree"], row["degree"])
        assert row["constant_err"] > 2 * row["test_err"]
    assert rows[1]["predicted"] == rows[2]["predicted"]
    assert rows[0]["predicted_next"] == pytest.approx(TAIL[2])
    assert rows[2]["predicted_next"] == pytest.approx(TAIL[4])


def test_least_squares_on_a_lifted_parity_errs_by_one_quarter_minus_the_gap():
    """Lifted 2-SLPN at d = 4: 1/4 below degree 2, 1/4 - (2/pi)^2/4 from degree 2 on."""
    X, y, _ = lifted_instance(np.random.default_rng(2), 60000, 4, 2, 0.0, "pad")
    rows, _ = _measure(X, y, [1, 2], 20000)
    exact = [0.25, 0.25 - lowdeg_gap(2, 0.0, 2)]
    assert exact[1] == pytest.approx(0.25 - (2 / math.pi) ** 2 / 4)
    for row, value in zip(rows, exact, strict=True):
        assert row["test_err"] == pytest.approx(value * row["finite_sample_factor"], rel=0.03)


def test_cost_guard_skips_degrees_with_too_many_features():
    X, y = rg.planted(np.random.default_rng(0), 400, 5)
    rows, skipped = rg.degree_rows(
        (X[:200], y[:200]), (X[200:], y[200:]), [1, 2, 3], ridge=1e-9, max_features=30, repeats=1
    )
    assert [r["degree"] for r in rows] == [1, 2] and skipped == [3]  # C(8, 3) = 56 > 30


def test_finite_sample_factor():
    assert rg.finite_sample_factor(101, 10) == pytest.approx(100 / 90)
    assert rg.finite_sample_factor(10, 9) == math.inf


def _lowdeg_table(errors, predicted, predicted_next, model="planted"):
    n = len(errors)
    return pd.DataFrame(
        {"model": model, "d": 12, "degree": range(1, n + 1), "test_err": errors,
         "test_err_se": 1e-5, "predicted": predicted, "predicted_next": predicted_next,
         "finite_sample_factor": 1.0, "bound": 1.0, "opt": 0.0, "constant_err": 0.3}
    )  # fmt: skip


def test_exact_verdict_holds_fails_and_is_uninformative():
    good = _lowdeg_table([0.091, 0.0113], [0.0908, 0.0113], [0.0113, 0.0047])
    assert verdicts.lowdeg_exact(good, 0.1)[0]["verdict"] == BEYOND
    off = _lowdeg_table([0.05, 0.0113], [0.0908, 0.0113], [0.0113, 0.0047])
    assert verdicts.lowdeg_exact(off, 0.1)[0]["verdict"] == FAILS
    loose = _lowdeg_table([0.091, 0.0113], [0.0908, 0.0113], [0.0113, 0.0047])
    assert verdicts.lowdeg_exact(loose, 10.0)[0]["verdict"] == UNINFORMATIVE
    assert verdicts.lowdeg_exact(good, 0.1)[0]["evidence"] == "beyond"


def test_bound_verdict_uses_the_constant_as_control():
    t = _lowdeg_table([0.02, 0.015], [np.nan] * 2, [np.nan] * 2, model="random")
    t["bound"] = [0.04, 0.019]
    assert verdicts.lowdeg_bound(t)[0]["verdict"] == BEYOND
    t["test_err"] = [0.02, 0.03]
    assert verdicts.lowdeg_bound(t)[0]["verdict"] == FAILS
    t["test_err"], t["constant_err"] = [0.02, 0.015], 0.01
    assert verdicts.lowdeg_bound(t)[0]["verdict"] == UNINFORMATIVE


def test_exponent_verdict_fails_on_a_wrong_rate():
    eps = [0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 5e-4, 2e-4, 1e-4, 5e-5, 2e-5, 1e-5]
    table = pd.DataFrame(ub.with_exponents(ub.upper_table(eps, [0.0], [16], 2000), 8, 0.1))
    (good,) = verdicts.upper_exponent(table)
    assert good["verdict"] == BEYOND and "outside" in good["control"]
    table["slope_derived"] = 1.0  # a derived rate from the wrong decay
    assert verdicts.upper_exponent(table)[0]["verdict"] == FAILS
    few = pd.DataFrame(ub.with_exponents(ub.upper_table(eps[:3], [0.0], [16], 2000), 8, 0.1))
    assert verdicts.upper_exponent(few)[0]["verdict"] == "not measured"


C_K = {1: 0.5, 2: 0.2, 3: 0.0, 4: 0.04}


def _sides_rows(eps, d_grid, lowdeg_excess=(0.02, -0.1)):
    upper = pd.DataFrame(ub.upper_table(eps, [0.0, 0.1], d_grid, 5000))
    scaling = pd.DataFrame({"k": [2], "d": [d_grid[0]], "eps": [0.08], "seconds": [0.01]})
    lowdeg = pd.DataFrame(
        {"model": "planted", "d": d_grid[0], "degree": [1, 2], "excess_err": lowdeg_excess,
         "seconds": [0.001, 0.002], "opt": 0.0}
    )  # fmt: skip
    rows = sides.bound_rows(eps, d_grid, 0.0, C_K, upper) + sides.measured_rows(scaling, lowdeg)
    return pd.DataFrame(rows, columns=list(sides.COLUMNS))


def test_sides_table_holds_both_bounds_and_the_measured_points():
    t = _sides_rows([0.05, 0.01, 0.002], [16, 32])
    lower = t[t.series == "sq_lower"]
    assert set(lower.d) == {16, 32}
    row = lower[(lower.d == 16) & (lower.eps == 0.01)].iloc[0]
    assert row.k == 2 and row.cost == pytest.approx(2 * math.sqrt(math.comb(16, 2) - 1))
    upper = t[(t.series == "poly_upper") & (t.d == 32) & (t.opt == 0.0)]
    assert (upper.cost == [math.comb(32 + int(l), int(l)) for l in upper.degree]).all()
    scan = t[t.series == "scan"].iloc[0]
    assert scan.eps == pytest.approx(0.04) and np.isnan(scan.cost)  # at gap/2; seconds apart
    assert len(t[t.series == "lowdeg"]) == 1  # the point with a negative excess has no place


def _texts(ax):
    return " ".join(t.get_text() for t in ax.texts)


def _legend(ax):
    return " ".join(t.get_text() for t in ax.get_legend().get_texts())


def test_sides_panels_on_full_and_degenerate_grids():
    t = _sides_rows([0.05, 0.01, 0.002], [16])
    fig, (a, b) = plt.subplots(1, 2)
    tf.sides_bounds(a, t[t.d == 16], 16, 0.1)
    assert tf.BAND_LABEL in _legend(a) and _texts(a) == ""
    tf.sides_measured(b, t)
    assert "exhaustive scan, d = 16" in _legend(b)
    # One eps (one k, one degree): no band width, said in the panel.
    one = _sides_rows([0.01], [16])
    fig2, (c, e, f) = plt.subplots(1, 3)
    tf.sides_bounds(c, one[one.d == 16], 16, 0.1)
    assert "one eps" in _texts(c)
    # A d with no rows at all, and no measured points.
    tf.sides_bounds(e, one[one.d == 99], 99, 0.1)
    assert "no SQ lower bound" in _texts(e) and "no upper-bound rows" in _texts(e)
    tf.sides_measured(f, one.iloc[:0])
    assert "no scan rows" in _texts(f) and "no least-squares point" in _texts(f)
    plt.close("all")


def _config():
    return yaml.safe_load((ROOT / "config.yaml").read_text())


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda c: c["tradeoff"]["sides"].update(band_opt=0.3), "'tradeoff.sides.band_opt'"),
        (lambda c: c["tradeoff"]["lowdeg"].update(noise=["none"]), "'tradeoff.lowdeg.noise[0]'"),
        (lambda c: c["tradeoff"]["lowdeg"].update(noise=["nope"]), "'tradeoff.lowdeg.noise[0]'"),
        (lambda c: c["tradeoff"]["lowdeg"].update(d=3), "'tradeoff.pareto.k'"),
        (lambda c: c["tradeoff"]["lowdeg"].update(m_train=100), "'tradeoff.lowdeg.m_train'"),
        (lambda c: c["tradeoff"]["upper"].update(degree_max=2), "'tradeoff.upper.degree_max'"),
    ],
)
def test_config_rules_name_the_key(edit, message):
    config = copy.deepcopy(_config())
    edit(config)
    with pytest.raises(ConfigError) as err:
        validate(config, ROOT / "workflow" / "schemas")
    assert message in str(err.value)


def test_hardest_k_is_the_costliest_solvable_k():
    """Below d/2 it is the largest solvable k; beyond, C(d, k) shrinks, and a smaller k binds."""
    assert sides.hardest_k(0.01, 0.0, C_K, 16) == 2  # gap_4 = 0.016 < 0.02
    assert sides.hardest_k(0.005, 0.0, C_K, 16) == 4
    assert sides.hardest_k(0.005, 0.0, C_K, 5) == 2  # C(5, 4) = 5 < C(5, 2) = 10
    assert sides.hardest_k(0.5, 0.0, C_K, 16) is None


def test_summary_adds_the_upper_side_rows_when_its_tables_are_given():
    from relu_tradeoffs.summary import build

    tables = required()
    eps = [0.05, 0.02, 0.01, 0.005, 0.002, 0.001, 5e-4, 2e-4, 1e-4]
    tables["upper_bound"] = pd.DataFrame(
        ub.with_exponents(ub.upper_table(eps, [0.0], [16], 2000), 8, 0.1)
    )
    tables["lowdeg"] = _lowdeg_table([0.091, 0.0113], [0.0908, 0.0113], [0.0113, 0.0047])
    summary = build(tables, 1e-10, 0.1)
    rows = summary[summary.claim.str.startswith(("Upper side", "Least squares"))]
    assert len(rows) == 2 and (rows.evidence == "beyond").all()
