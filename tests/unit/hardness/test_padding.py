"""Odd k: the padded instance is a (k + 1)-sparse parity and Algorithm 1 recovers S exactly."""

import numpy as np
import pytest
from relu_tradeoffs import parity
from relu_tradeoffs.hardness import algorithm1 as hardness
from relu_tradeoffs.hardness.learners import get
from relu_tradeoffs.pipeline.seeding import rng_for


def _plan(k, odd_k):
    return hardness.plan(
        k,
        0.0,
        eps="auto",
        m_val="auto",
        m_val_max=10**9,
        m_train_factor=0.3,
        learners=["exhaustive", "lowdeg"],
        params={"lowdeg": {"degree": 4, "ridge": 0.0}},
        odd_k=odd_k,
    )


def test_padding_multiplies_the_label_by_a_fresh_uniform_coordinate():
    """The padded instance: y = chi_S(x) z with z = x_d uniform and independent of chi_S(x)."""
    rng = rng_for(3, "pad")
    support = np.array([1, 2, 4])
    drawn = parity.data_support(support, 6, padded=True)
    np.testing.assert_array_equal(drawn, [1, 2, 4, 6])
    np.testing.assert_array_equal(parity.data_support(support, 6, padded=False), support)
    Xp, yp = parity.sample_slpn(rng, 100_000, 7, drawn, 0.0)
    assert Xp.shape == (100_000, 7) and Xp.dtype == yp.dtype == np.int8
    old_label = np.prod(Xp[:, support], axis=1)
    np.testing.assert_array_equal(yp, old_label * Xp[:, 6])
    # The new coordinate is uniform and independent of the old label.
    assert abs(Xp[:, 6].mean()) < 4 / np.sqrt(100_000)
    assert abs(np.mean(Xp[:, 6] * old_label)) < 4 / np.sqrt(100_000)


@pytest.mark.parametrize("k", [3, 5])
def test_padded_plan_takes_every_number_from_k_plus_1(k):
    padded, even = _plan(k, "pad"), _plan(k + 1, "pad")
    assert padded["padded"] and padded["k_effective"] == k + 1 and padded["k"] == k
    for key in ("c_k", "eps", "m_val", "m_val_target"):
        assert padded[key] == even[key]
    assert padded["eps"] > 0 and padded["learners"]["exhaustive"]["has_gap"]
    assert padded["learners"]["lowdeg"]["gap"] == even["learners"]["lowdeg"]["gap"]


def test_only_odd_k_from_3_is_padded():
    assert [hardness.padded(k, "pad") for k in range(1, 7)] == [
        False,
        False,
        True,
        False,
        True,
        False,
    ]
    assert not any(hardness.padded(k, "skip") for k in range(1, 7))
    assert hardness.effective_k(1, "pad") == 1 and hardness.effective_k(3, "skip") == 3
    with pytest.raises(ValueError, match="odd_k"):
        hardness.padded(3, "double")


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exhaustive_recovers_an_odd_support_exactly(seed):
    """k = 3 at d = 6: padded to a 4-parity on 7 coordinates; Algorithm 1's test finds S.

    m_val = 4e5 (below 100/eps_4^2 = 1.4e6): measured margins to the threshold are >= 1e-3 for
    j in S and ~ -6e-3 for j not in S, against a standard error of ~5e-4.
    """
    d, k, m_train, m_val = 6, 3, 20_000, 400_000
    p = _plan(k, "pad")
    rng = rng_for(seed, "test-pad")
    support = parity.random_support(rng, d, k)
    drawn = parity.data_support(support, d, padded=True)
    X, y = parity.lift(rng, *parity.sample_slpn(rng, m_train + m_val, d + 1, drawn, 0.0))
    learner = get("exhaustive")
    W = learner.fit(X[:m_train], y[:m_train], np.arange(d), None, k=p["k_effective"])
    outside = np.setdiff1d(np.arange(d), support)
    # For j not in S the best 4-sparse ReLU sits on S plus the padding coordinate.
    for j in outside:
        np.testing.assert_array_equal(np.flatnonzero(W[j]), np.append(support, d))
    val_err = learner.losses(X[m_train:], y[m_train:], W, {})
    recovered = np.flatnonzero(hardness.relevant(val_err, p["learners"]["exhaustive"]["threshold"]))
    np.testing.assert_array_equal(recovered, support)


def test_plan_notes_say_padding_no_gap_and_capping():
    assert any(
        "padded" in m for level, m in hardness.plan_notes(_plan(3, "pad")) if level == "info"
    )
    skip = hardness.plan(
        3,
        0.0,
        eps="auto",
        m_val="auto",
        m_val_max=100,
        m_train_factor=0.3,
        learners=["gd"],
        params={},
        odd_k="skip",
    )
    warnings = [m for level, m in hardness.plan_notes(skip) if level == "warning"]
    assert any("c_k = 0" in m for m in warnings) and any("capped" in m for m in warnings)
    infos = [m for level, m in hardness.plan_notes(_plan(2, "pad")) if level == "info"]
    assert not any("padded" in m for m in infos) and not any("capped" in m for m in infos)
