"""The exhaustive learner's biased candidates r ReLU(u.x + beta): the fused kernel's shifted sums
against a float64 definition, the biased search against the dense reference (random and lifted
data, several d, k, shards and threads), the hypotheses' bias column and the closed-form norm."""

import numpy as np
import pytest
from relu_tradeoffs.hardness.learners import exhaustive, scan
from relu_tradeoffs.parity import lift, random_support, sample_slpn
from relu_tradeoffs.relu import affine_inputs, square_loss

# Measured: float32 tiles summed in float64 agree with float64 to ~1.5e-7 relative (as the
# unbiased sums, test_scan.py); the bound is 3x that.
RTOL = 4.5e-7
BETA = [-1.5, -0.75, 0.0, 0.5]


def random_data(m, d, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, d)).astype(np.float32)
    y = np.maximum(X[:, 0] - 0.5 * X[:, 1] - 0.4, 0) + 0.3 * rng.standard_normal(m)
    return X, y.astype(np.float32)


def lifted_data(m, d, k, labels="pm1", seed=0):
    rng = np.random.default_rng(seed)
    support = random_support(rng, d, k)
    X, y = lift(rng, *sample_slpn(rng, m, d, support, 0.1), labels)
    return X.astype(np.float32), y.astype(np.float32), support


def float64_shifted_sums(X, y, T, S, shifts):
    """(b, B P, 2): sum ReLU(z + shift) y and sum ReLU(z + shift)^2 in float64, column j P + p."""
    X, y = X.astype(float), y.astype(float)
    out = np.empty((len(T), len(shifts) * len(S), 2))
    for c, subset in enumerate(T):
        for j, shift in enumerate(shifts):
            for p, signs in enumerate(S):
                a = np.maximum(X[:, subset] @ signs + shift, 0.0)
                out[c, j * len(S) + p] = a @ y, a @ a
    return out


def dense_biased_search(X, y, k, signs, beta):
    """The reference: every biased candidate's float64 loss by the dense block kernel, then per
    coordinate the best candidate avoiding it, ties to the lower rank and candidate index, or
    the best constant max(mean y, 0) where it is at least as good."""
    X64, y64 = X.astype(float), y.astype(float)
    d = X.shape[1]
    T = exhaustive.subsets(d, k)
    S = exhaustive.sign_patterns(k, signs) / np.sqrt(k)
    r, loss = exhaustive.block_losses(X64, y64, float(np.mean(y64**2)), T, S, beta)
    index = np.argmin(loss, axis=1)
    best = loss[np.arange(len(T)), index]
    rows = []
    for j in range(d):
        avoid = np.flatnonzero(~np.any(T == j, axis=1))
        c = avoid[np.argmin(best[avoid])]
        rows.append([best[c], c, index[c], r[c, index[c]]])
    constant = max(np.mean(y64), 0.0)
    loss = np.mean((y64 - constant) ** 2)
    return np.array(
        [[loss, exhaustive.CONSTANT_RANK, -1, constant] if loss <= row[0] else row for row in rows]
    ).T


@pytest.mark.parametrize("signs", ["parity", "all"])
@pytest.mark.parametrize("k", [1, 2, 3])
def test_shifted_sums_are_the_float64_definition(k, signs):
    X, y = random_data(2500, 6)  # 3 tiles, the last one partial
    T = exhaustive.subsets(6, k)
    S = exhaustive.sign_patterns(k, signs)
    shifts = [-1.2, 0.0, 0.9]
    got = scan.sums(X, y, T, S, rows=scan.TILE, shifts=shifts)
    want = float64_shifted_sums(X, y, T, S, shifts)
    np.testing.assert_allclose(got, want, rtol=RTOL, atol=1e-9 * len(y))


def test_a_zero_shift_is_the_unbiased_kernel_bit_for_bit():
    X, y = random_data(3000, 8, seed=2)
    T, S = exhaustive.subsets(8, 3), exhaustive.sign_patterns(3, "all")
    biased = scan.sums(X, y, T, S, shifts=[0.7, 0.0])
    np.testing.assert_array_equal(biased[:, len(S) :], scan.sums(X, y, T, S))
    assert not np.array_equal(biased[:, : len(S)], biased[:, len(S) :])


def test_shifted_sums_do_not_depend_on_rows_threads_or_the_other_candidates():
    X, y = random_data(5000, 9, seed=1)
    T, S = exhaustive.subsets(9, 3), exhaustive.sign_patterns(3, "parity")
    whole = scan.sums(X, y, T, S, shifts=BETA)
    np.testing.assert_array_equal(scan.sums(X, y, T, S, rows=scan.TILE, shifts=BETA), whole)
    np.testing.assert_array_equal(scan.sums(X, y, T, S, threads=2, shifts=BETA), whole)
    np.testing.assert_array_equal(scan.sums(X, y, T[40:41], S, shifts=BETA), whole[40:41])
    np.testing.assert_array_equal(scan.sums(X, y, T[::-1], S, shifts=BETA), whole[::-1])


@pytest.mark.parametrize(
    ("data", "d", "k", "parts", "threads"),
    [
        ("random", 7, 2, 1, 1),
        ("random", 8, 3, 3, 2),
        ("lifted", 9, 3, 2, 1),
        ("lifted", 8, 2, 4, 2),
        ("lifted", 7, 4, 1, 2),
    ],
)
def test_biased_search_agrees_with_the_dense_reference(data, d, k, parts, threads):
    if data == "random":
        X, y = random_data(3000, d, seed=d + k)
    else:
        X, y, _ = lifted_data(3000, d, k, seed=d + k)
    want = dense_biased_search(X, y, k, "parity", BETA)
    got = exhaustive.merge(
        [
            exhaustive.search(X, y, k, "parity", 0.05, part, parts, threads, beta=BETA)
            for part in range(parts)
        ]
    )
    np.testing.assert_array_equal(got[1:3], want[1:3])  # the same subset and candidate
    np.testing.assert_allclose(got[0], want[0], rtol=1e-6)
    np.testing.assert_allclose(got[3], want[3], rtol=1e-5)


def test_ties_go_to_the_lower_rank_and_the_lower_bias():
    """Six copies of one column: every subset's sums are the same numbers, so the first subset
    avoiding j wins, with the same candidate index, in every shard layout."""
    x = np.random.default_rng(6).standard_normal((2048, 1)).astype(np.float32)
    X = np.repeat(x, 6, axis=1)
    y = np.maximum(x[:, 0], 0.0).astype(np.float32)
    T = exhaustive.subsets(6, 2)
    first = [np.flatnonzero(~np.any(T == j, axis=1))[0] for j in range(6)]
    one = exhaustive.search(X, y, 2, "parity", 0.01, beta=BETA)
    for parts in (2, 3):
        best = exhaustive.merge(
            [exhaustive.search(X, y, 2, "parity", 0.01, p, parts, beta=BETA) for p in range(parts)]
        )
        np.testing.assert_array_equal(best, one)
    np.testing.assert_array_equal(one[1], first)
    assert len(set(one[2])) == 1 and one[2][0] >= 0


def test_the_constant_wins_where_no_direction_helps_and_ties_go_to_it():
    """Labels 0.4 + noise independent of X: the best constant ReLU(0.4...) beats every direction;
    all-zero labels tie every candidate (r = 0) with the constant 0, which wins the tie."""
    X, _ = random_data(2048, 5)
    rng = np.random.default_rng(9)
    y = (0.4 + 0.05 * rng.standard_normal(len(X))).astype(np.float32)
    best = exhaustive.search(X, y, 2, "parity", 1.0, beta=BETA)
    np.testing.assert_array_equal(best[1], exhaustive.CONSTANT_RANK)
    W = exhaustive.weights(best, 5, 2, "parity", np.arange(5), BETA)
    np.testing.assert_allclose(W[:, 5], np.mean(y.astype(float)))
    assert np.all(W[:, :5] == 0)
    zero = exhaustive.search(X, 0 * y, 2, "parity", 1.0, beta=BETA)
    np.testing.assert_array_equal(zero[1], exhaustive.CONSTANT_RANK)
    np.testing.assert_array_equal(zero[3], 0.0)
    unbiased = exhaustive.search(X, y, 2, "parity", 1.0)
    assert np.all(unbiased[1] >= 0)  # the paper's class has no constant but 0


def test_weights_carry_the_bias_of_the_chosen_grid_point():
    """The hypothesis ReLU(w.x + b) of each result predicts r ReLU(u.x + beta) with the beta of
    its candidate index j P + p, and its training loss is the search's."""
    X, y, _ = lifted_data(4000, 8, 3, seed=5)
    beta = [-2.0, -1.25, -0.5, 0.25, 1.0]
    best = exhaustive.search(X, y, 3, "all", 1.0, beta=beta)
    W = exhaustive.weights(best, 8, 3, "all", np.arange(8), beta)
    assert W.shape == (8, 9)
    P = len(exhaustive.sign_patterns(3, "all"))
    np.testing.assert_allclose(W[:, 8], best[3] * np.array(beta)[best[2].astype(int) // P])
    np.testing.assert_allclose(np.linalg.norm(W[:, :8], axis=1), best[3])
    assert np.all(W[np.arange(8), np.arange(8)] == 0)  # the dropped coordinate
    losses = square_loss(affine_inputs(X.astype(float)), y.astype(float), W)
    np.testing.assert_allclose(losses, best[0], rtol=1e-5)


def test_the_closed_form_norm_is_the_best_norm_of_its_candidate():
    X, y = random_data(4000, 5, seed=3)
    T, S = exhaustive.subsets(5, 2), exhaustive.sign_patterns(2, "all") / np.sqrt(2)
    X64, y64 = X.astype(float), y.astype(float)
    r, loss = exhaustive.block_losses(X64, y64, float(np.mean(y64**2)), T, S, BETA)
    norms = np.linspace(0.0, 1.0, 2001)
    for c in (0, 4, 9):
        for index in range(len(BETA) * len(S)):
            j, p = divmod(index, len(S))
            a = np.maximum(X64[:, T[c]] @ S[p] + BETA[j], 0.0)
            grid = np.mean((norms[:, None] * a - y64) ** 2, axis=1)
            # The dense kernel rounds the direction to float32: losses off by up to ~5e-9.
            assert loss[c, index] <= grid.min() + 2e-8
            assert abs(r[c, index] - norms[np.argmin(grid)]) <= 1e-3


def test_fit_recovers_the_biased_witness_of_a_pm1_parity():
    """k = 3 under pm1: dropping j outside S keeps S's biased witness (beta < 0, all-plus
    pattern, where c_3(beta) > 0), dropping j in S does not."""
    X, y, support = lifted_data(20000, 7, 3, seed=11)
    beta = [-1.5, -1.25, -1.0, 0.0, 1.0, 1.25]
    W = exhaustive.fit(X, y, np.arange(7), None, k=3, beta=beta)
    outside = np.setdiff1d(np.arange(7), support)
    for j in outside:
        assert set(np.flatnonzero(W[j, :7])) == set(support)
        assert W[j, 7] < 0
    for j in support:
        assert set(np.flatnonzero(W[j, :7])) != set(support)
