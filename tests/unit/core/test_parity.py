"""k-SLPN sampling and the Gaussian lift."""

import numpy as np
import pytest
from relu_tradeoffs.parity import (
    data_support,
    instance_streams,
    lift,
    lifted_chunks,
    random_support,
    rechunk,
    sample_slpn,
)
from relu_tradeoffs.pipeline.seeding import rng_for
from scipy import stats


def test_support_is_a_sorted_k_subset():
    rng = rng_for(0, "support")
    for _ in range(50):
        s = random_support(rng, 10, 4)
        assert len(set(s)) == 4 and np.all(np.diff(s) > 0) and s.min() >= 0 and s.max() < 10


def test_labels_are_the_parity_with_the_right_noise_rate():
    rng = rng_for(1, "slpn")
    support = np.array([1, 3, 4])
    X, y = sample_slpn(rng, 200_000, 6, support, 0.1)
    assert set(np.unique(X)) == {-1, 1} and set(np.unique(y)) == {-1, 1}
    clean = np.prod(X[:, support], axis=1)
    flipped = np.mean(y != clean)
    assert abs(flipped - 0.1) < 4 * np.sqrt(0.1 * 0.9 / 200_000)
    # Inputs uniform on the cube: every coordinate has mean ~0.
    assert np.all(np.abs(X.mean(axis=0)) < 4 / np.sqrt(200_000))
    X0, y0 = sample_slpn(rng, 1000, 6, support, 0.0)
    np.testing.assert_array_equal(y0, np.prod(X0[:, support], axis=1))


def test_lift_is_standard_normal_and_independent():
    rng = rng_for(2, "lift")
    X, y = sample_slpn(rng, 100_000, 4, np.array([0, 2]), 0.0)
    Xl, yl = lift(rng, X, y)
    for j in range(4):
        assert stats.kstest(Xl[:, j], "norm").pvalue > 1e-3
    corr = np.corrcoef(Xl, rowvar=False)
    assert np.max(np.abs(corr - np.eye(4))) < 4 / np.sqrt(100_000)
    # Signs of the lift are the cube points, labels are (y + 1)/2 in {0, 1}.
    np.testing.assert_array_equal(np.sign(Xl), X)
    np.testing.assert_array_equal(yl, (y + 1) / 2)
    # |x'| is independent of the label: E[|x'_j| | y'] is the half-normal mean either way.
    half_mean = np.sqrt(2 / np.pi)
    for label in (0.0, 1.0):
        assert abs(np.abs(Xl[yl == label, 0]).mean() - half_mean) < 0.01


def test_same_seed_same_data_different_key_different_data():
    a = sample_slpn(rng_for(5, "a"), 100, 5, [0, 1], 0.2)
    b = sample_slpn(rng_for(5, "a"), 100, 5, [0, 1], 0.2)
    c = sample_slpn(rng_for(5, "b"), 100, 5, [0, 1], 0.2)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])


def test_half_normal_draws_equal_scipys_halfnorm():
    from scipy.stats import halfnorm

    X = np.ones((50, 3), dtype=np.int8)
    ours, _ = lift(rng_for(9, "h"), X, np.ones(50))
    np.testing.assert_array_equal(ours, halfnorm.rvs(size=(50, 3), random_state=rng_for(9, "h")))


@pytest.mark.parametrize(
    ("d", "m", "start", "stop", "chunk"),
    [
        (11, 1001, 0, 1001, 1001),  # the whole table in one chunk
        (11, 1001, 301, 1001, 13),  # odd d, a start inside a 4-value word, 13 does not divide 700
        (14, 5000, 3333, 5000, 100000),  # a chunk larger than the rows asked for
        (6, 20, 5, 19, 1),  # one row at a time
    ],
)
@pytest.mark.parametrize("padded", [False, True])
def test_lifted_chunks_equal_the_whole_table_bit_for_bit(d, m, start, stop, chunk, padded):
    support, slpn_rng, lift_rng = instance_streams(3, d, 3, "0.1", 2)
    drawn = data_support(support, d, padded)
    X, y = lift(lift_rng, *sample_slpn(slpn_rng, m, d + padded, drawn, 0.1))
    assert X.shape[1] == d + padded
    chunks = list(
        lifted_chunks(3, d, 3, "0.1", 2, m=m, start=start, stop=stop, chunk=chunk, padded=padded)
    )
    assert max(len(c[0]) for c in chunks) <= chunk
    np.testing.assert_array_equal(
        np.concatenate([c[0] for c in chunks]), X[start:stop].astype(np.float32)
    )
    np.testing.assert_array_equal(
        np.concatenate([c[1] for c in chunks]), y[start:stop].astype(np.float32)
    )


def test_rechunk_cuts_a_stream_at_the_given_sizes():
    pieces = [(np.arange(0, 5), -np.arange(0, 5)), (np.arange(5, 7), -np.arange(5, 7))]
    out = list(rechunk(pieces, [3, 3, 3]))
    assert [a.tolist() for a, _ in out] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [b.tolist() for _, b in out] == [[0, -1, -2], [-3, -4, -5], [-6]]
