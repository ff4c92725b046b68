"""The general biased witness (every unit u on S and beta): its objective against the closed-form
gain, the search against the symmetric optimum from a poor start, its rows against recomputation.

No module-scoped fixtures: every test computes what it checks (a shared fixture would tie the
search to whichever test ran first)."""

import numpy as np
import pytest
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.theory import biased, biased_gap

RANGE = [-4.0, 4.0]


def search(**changes):
    return {
        "beta_range": RANGE,
        "beta_points": 17,
        "max_norm": 1.0,
        "general_k_max": 2,
        "general_starts": 1,
        "general_evaluations": 200,
    } | changes


@pytest.mark.parametrize("labels", ["01", "pm1"])
@pytest.mark.parametrize("max_norm", [1.0, 0.2])
def test_objective_is_minus_the_gain_of_the_unit_direction(labels, max_norm):
    eta, v, beta = 0.1, np.array([0.9, -0.3]), -0.7
    objective = biased_gap._general_objective(labels, eta, max_norm, RANGE)
    corr = biased.dawson_correlation(v / np.linalg.norm(v), beta)[0]
    gain = biased_gap.best_norm_and_gain(labels, eta, corr, beta, max_norm)[1]
    assert objective(np.append(v, beta)) == pytest.approx(-gain, rel=1e-12)
    # only the direction of v counts, and beta is clipped to the search range
    assert objective(np.append(3 * v, beta)) == pytest.approx(-gain, rel=1e-12)
    corr_end = biased.dawson_correlation(v / np.linalg.norm(v), RANGE[0])[0]
    gain_end = biased_gap.best_norm_and_gain(labels, eta, corr_end, RANGE[0], max_norm)[1]
    assert objective(np.append(v, -9.0)) == pytest.approx(-gain_end, rel=1e-12)
    # w = 0: the zero function, whose gain is that of norm 0 (-1/4 under 01, 0 under pm1)
    zero = biased_gap.best_norm_and_gain(labels, eta, 0.0, 0.3, 0.0)[1]
    assert objective(np.array([0.0, 0.0, 0.3])) == -zero == (0.25 if labels == "01" else 0.0)


def test_a_capped_norm_lowers_the_gain():
    """r* of this witness is above 0.2, so the cap binds: the objective must see max_norm."""
    free = biased_gap._general_objective("pm1", 0.0, 1.0, RANGE)(np.array([1.0, 1.0, -0.5]))
    capped = biased_gap._general_objective("pm1", 0.0, 0.2, RANGE)(np.array([1.0, 1.0, -0.5]))
    assert capped > free + 0.01


def _recording(monkeypatch):
    """Record dawson_correlation's last answer in biased_gap: the general witness's final one."""
    last = {}

    def recorded(u, beta):
        last["value"], last["error"] = biased.dawson_correlation(u, beta)
        return last["value"], last["error"]

    monkeypatch.setattr(biased_gap, "dawson_correlation", recorded)
    return last


def _parsed(row):
    return np.array([float(x) for x in row["direction"].split(";")])


def _recomputed(row, labels, eta, max_norm=1.0):
    """The row's correlation, norm and gain recomputed from its direction and beta."""
    corr, _ = biased.dawson_correlation(_parsed(row), row["beta"])
    r, gain = biased_gap.best_norm_and_gain(labels, eta, corr, row["beta"], max_norm)
    return corr, r, gain


def test_general_search_reaches_the_symmetric_optimum_from_a_poor_start(monkeypatch):
    """pm1, k = 2: the symmetric witness is the optimum (the general search in biased_gap.csv
    agrees to 1e-9); started far from it, the search still gets there."""
    eta = 0.1
    symmetric = biased_gap.symmetric_witness("pm1", eta, 2, np.linspace(*RANGE, 17), 1.0)
    start = (np.array([1.0, 0.2]), 1.5)
    last = _recording(monkeypatch)
    row = biased_gap.general_witness(rng_for(3, "test", "general"), "pm1", eta, 2, start, search())
    assert row["witness"] == "general"
    assert row["gain"] == pytest.approx(symmetric["gain"], abs=1e-9)
    assert row["beta"] == pytest.approx(symmetric["beta"], abs=1e-4)
    assert np.abs(_parsed(row)) == pytest.approx([2**-0.5, 2**-0.5], abs=1e-4)
    corr, r, gain = _recomputed(row, "pm1", eta)
    assert row["correlation"] == pytest.approx(corr, abs=1e-6)  # direction printed to 6 digits
    assert (row["r"], row["gain"]) == pytest.approx((r, gain), abs=1e-6)
    assert row["bias"] == pytest.approx(row["r"] * row["beta"], rel=1e-12)
    assert row["correlation"] == last["value"]
    assert row["gain_error"] == pytest.approx(2 * (1 - 2 * eta) * row["r"] * last["error"])


def test_general_search_under_01_stops_at_the_range_end(monkeypatch):
    """Under 01 the witness tends to the constant 1/2 as beta grows: the best beta is the upper
    end of the range exactly (clipped), never beyond it."""
    eta = 0.0
    start = (np.array([0.6, 0.8]), 3.0)
    last = _recording(monkeypatch)
    row = biased_gap.general_witness(rng_for(4, "test", "general"), "01", eta, 2, start, search())
    assert row["beta"] == RANGE[1]
    _, r, gain = _recomputed(row, "01", eta)
    assert (row["r"], row["gain"]) == pytest.approx((r, gain), abs=1e-6)
    assert row["gain"] < 0
    assert row["gain_error"] == pytest.approx((1 - 2 * eta) * row["r"] * last["error"])


def test_rows_for_holds_both_witnesses_up_to_general_k_max():
    eta = 0.1
    rows = biased_gap.rows_for(rng_for(5, "test", "rows"), 2, eta, "pm1", search())
    assert [row["witness"] for row in rows] == ["symmetric", "general"]
    for row in rows:
        assert (row["k"], row["eta"], row["labels"]) == (2, eta, "pm1")
        assert row["unbiased_gap"] == biased_gap.unbiased_gap("pm1", eta, 2)
        assert row["beta_at_bound"] is False
        assert (row["r"], row["gain"]) == pytest.approx(_recomputed(row, "pm1", eta)[1:], abs=1e-6)
    assert rows[1]["gain"] >= rows[0]["gain"] - 1e-12
    capped = biased_gap.rows_for(rng_for(5, "test", "rows"), 2, eta, "pm1", search(max_norm=0.2))
    assert [row["r"] for row in capped] == [0.2, 0.2]
    assert capped[1]["gain"] >= capped[0]["gain"] - 1e-12  # both optimise the capped gain
    zero_one = biased_gap.rows_for(rng_for(5, "test", "rows"), 2, eta, "01", search())
    assert [row["unbiased_gap"] for row in zero_one] == [biased_gap.unbiased_gap("01", eta, 2)] * 2
    assert [row["witness"] for row in biased_gap.rows_for(None, 3, eta, "pm1", search())] == [
        "symmetric"
    ]
