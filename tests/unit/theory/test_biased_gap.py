"""The biased gap: gains against simulated losses, optima against brute force, the encodings."""

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.parity import lift, random_support, sample_slpn
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.pipeline.verdicts import BEYOND, FAILS
from relu_tradeoffs.relu import INV_SQRT_2PI
from relu_tradeoffs.theory import biased, biased_gap, correlation, verdicts

SEARCH = {
    "beta_range": [-4.0, 4.0],
    "beta_points": 17,
    "max_norm": 1.0,
    "general_k_max": 3,
    "general_starts": 0,
    "general_evaluations": 60,
}


@pytest.mark.parametrize("labels", ["01", "pm1"])
def test_gain_matches_simulated_loss(labels):
    """Gain = loss of the best hypothesis ignoring S minus the witness's loss, on lifted data."""
    k, d, eta, beta, r, samples = 3, 5, 0.1, -1.0, 0.6, 600000
    rng = rng_for(2, "test", "biased_gap", labels)
    support = random_support(rng, d, k)
    X, y01 = lift(rng, *sample_slpn(rng, samples, d, support, eta))
    y = y01 if labels == "01" else 2.0 * y01 - 1.0
    u = np.zeros(d)
    u[support] = 1.0 / np.sqrt(k)
    f = r * np.maximum(X @ u + beta, 0.0)
    trivial = 0.5 if labels == "01" else 0.0
    diff = (trivial - y) ** 2 - (f - y) ** 2
    corr = biased.dawson_correlation(biased.symmetric_direction(k), beta)[0]
    m1, m2 = biased.relu_moments(beta)
    signal = (1 - 2 * eta) * corr
    if labels == "01":
        expected = r * signal - r**2 * m2 + r * m1 - 0.25
    else:
        expected = 2 * r * signal - r**2 * m2
    z = (diff.mean() - expected) / (diff.std() / np.sqrt(samples))
    assert abs(z) < 4


@pytest.mark.parametrize("labels", ["01", "pm1"])
@pytest.mark.parametrize("corr,beta", [(0.03, -1.2), (0.2, 0.4), (-0.01, 0.0)])
def test_best_norm_beats_every_norm_on_a_grid(labels, corr, beta):
    r, gain = biased_gap.best_norm_and_gain(labels, 0.1, corr, beta, 1.0)
    grid = np.linspace(0, 1, 2001)
    m1, m2 = biased.relu_moments(beta)
    signal = 0.8 * corr
    if labels == "01":
        gains = grid * signal - grid**2 * m2 + grid * m1 - 0.25
    else:
        gains = 2 * grid * signal - grid**2 * m2
    assert gain >= gains.max() - 1e-12
    assert gain == pytest.approx(gains.max(), abs=1e-6)
    assert 0 <= r <= 1


def test_pm1_gain_is_squared_correlation_over_second_moment():
    corr, beta, eta = 0.027, -1.2, 0.1
    _, gain = biased_gap.best_norm_and_gain("pm1", eta, corr, beta, 1.0)
    assert gain == pytest.approx((1 - 2 * eta) ** 2 * corr**2 / biased.relu_moments(beta)[1])


def test_unknown_encoding_is_named():
    with pytest.raises(ValueError, match="label encoding"):
        biased_gap.best_norm_and_gain("+-", 0.0, 0.1, 0.0, 1.0)


def test_unbiased_gaps():
    assert biased_gap.unbiased_gap("01", 0.1, 2) == pytest.approx(
        0.8 * correlation.c_k(2) * INV_SQRT_2PI
    )
    assert biased_gap.unbiased_gap("pm1", 0.0, 3) == 0.0
    assert biased_gap.unbiased_gap("pm1", 0.0, 4) == pytest.approx(2 * correlation.c_k(4) ** 2)


@pytest.fixture(scope="module")
def gap_rows():
    rows = []
    for k in (1, 2, 3):
        for labels in biased_gap.LABELS:
            rng = rng_for(1, "test", "gap", k, labels)
            rows += biased_gap.rows_for(rng, k, 0.0, labels, SEARCH)
    return biased_gap.table(rows)


def test_pm1_separates_odd_k_under_bias(gap_rows):
    pm1 = gap_rows[(gap_rows.labels == "pm1") & (gap_rows.witness == "symmetric")].set_index("k")
    assert pm1.gain[3] > 0.015 and pm1.gain_positive[3]  # c_3(beta) ~ 0.027 at beta ~ -1.2
    assert pm1.beta[3] == pytest.approx(-1.226, abs=0.02)
    assert pm1.unbiased_gap[3] == 0.0


def test_01_constant_is_not_beaten_for_k2_k3(gap_rows):
    zero_one = gap_rows[gap_rows.labels == "01"].set_index(["k", "witness"])
    assert zero_one.gain[(1, "symmetric")] > 0.1  # k = 1: the half-space labels are learnable
    for k in (2, 3):
        assert zero_one.gain[(k, "symmetric")] < 0
        assert zero_one.gain[(k, "general")] < 0


def test_general_search_never_worse_than_symmetric(gap_rows):
    for (k, labels), part in gap_rows.groupby(["k", "labels"]):
        sym = part[part.witness == "symmetric"].gain.iloc[0]
        gen = part[part.witness == "general"].gain.iloc[0]
        assert gen >= sym - 1e-9, (k, labels)


def _biased_table(rng_seed=4):
    rng = rng_for(rng_seed, "test", "verdict")
    return biased.table(rng, 3, [-1.0, 0.0, 0.9], 100000, 50000, 1000, 100000)


def test_biased_correlation_verdict_and_its_control():
    t = _biased_table()
    corr = pd.DataFrame(
        {"k": [1, 2, 3], "c_k": [correlation.series(k, 1000)[0] for k in (1, 2, 3)]}
    )
    good = verdicts.biased_correlation(t, corr)
    assert good["verdict"] == BEYOND and good["evidence"] == "beyond"
    assert "fails" in good["control"]
    bad = t.copy()
    bad.loc[bad.k == 3, "c_k_beta"] *= -1  # a sign error in beta for odd k
    assert verdicts.biased_correlation(bad, corr)["verdict"] == FAILS
    shifted = corr.assign(c_k=corr.c_k + 1e-9)
    assert verdicts.biased_correlation(t, shifted)["verdict"] == FAILS


def test_biased_gap_verdict_reads_both_encodings(gap_rows):
    t = gap_rows.assign(labels=gap_rows.labels.replace({"01": 1}))  # as pandas reads "01" back
    zero_one = verdicts.biased_gap(t, "01")
    pm1 = verdicts.biased_gap(t, "pm1")
    assert zero_one["verdict"] == BEYOND and "no k >= 2 separates" in zero_one["reason"]
    assert pm1["reason"] == "every k separates with a biased learner"
    assert "fails: no gap" in pm1["control"]
    assert verdicts.biased_gap(None, "pm1")["verdict"] == "not measured"
