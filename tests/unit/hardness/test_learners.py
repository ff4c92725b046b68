"""The hardness learners against their definitions, on small lifted k-SLPN data (fixed seeds)."""

import math
from itertools import combinations, pairwise, product

import numpy as np
import pytest
from numpy.polynomial.hermite_e import hermegauss
from relu_tradeoffs import parity
from relu_tradeoffs.hardness import learners
from relu_tradeoffs.hardness.learners import REGISTRY, exhaustive, gd, glmtron, lowdeg, sgd
from relu_tradeoffs.relu import INV_SQRT_2PI, square_loss

C_K = {2: 0.16524730314632366, 4: -0.021095244590550635}  # Lemma 1 (test_correlation checks)

PARAMS = {
    "exhaustive": {"signs": "parity", "block_mb": 1},
    "gd": {"steps": 40, "step_size": 0.5, "restarts": 2, "init_norm": 0.4, "trace_points": 5},
    "sgd": {
        "epochs": 2,
        "batch_size": 200,
        "step_size": 0.2,
        "restarts": 2,
        "init_norm": 0.4,
        "trace_points": 5,
    },
    "glmtron": {"steps": 15, "step_size": 1.0, "trace_points": 4},
    "lowdeg": {"degree": 2, "ridge": 1e-8},
}


def lifted(d, k, m, eta=0.0, seed=0):
    rng = np.random.default_rng(seed)
    support = parity.random_support(rng, d, k)
    X, y = parity.sample_slpn(rng, m, d, support, eta)
    X, y = parity.lift(rng, X, y)
    return X, y, support


def fit(name, X, y, drop, seed=0, **overrides):
    params = {**PARAMS[name], **overrides}
    if REGISTRY[name].needs_k:
        params.setdefault("k", 2)
    return REGISTRY[name].fit(X, y, np.asarray(drop), np.random.default_rng(seed), **params)


@pytest.fixture(scope="module")
def k2():
    return lifted(6, 2, 4000, seed=3)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_dropped_coordinate_is_exactly_zero_and_proper_weights_lie_in_the_ball(name, k2):
    X, y, _ = k2
    d = X.shape[1]
    W = fit(name, X, y, np.arange(d))
    if REGISTRY[name].proper:
        assert W.shape == (d, d)
        assert np.all(W[np.arange(d), np.arange(d)] == 0.0)
        assert np.all(np.linalg.norm(W, axis=1) <= 1.0 + 1e-12)
    else:  # lowdeg: every feature that involves the dropped coordinate has coefficient 0
        A = lowdeg.multi_indices(d, PARAMS[name]["degree"])
        for j in range(d):
            assert np.all(W[j, A[:, j] > 0] == 0.0)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_batched_fit_equals_naive_per_coordinate_fits_and_any_sharding(name, k2):
    X, y, _ = k2
    d = X.shape[1]
    batched = fit(name, X, y, np.arange(d))
    naive = np.array([fit(name, X, y, [j])[0] for j in range(d)])
    shards = np.concatenate([fit(name, X, y, [4, 5]), fit(name, X, y, [0, 1, 2, 3])])
    np.testing.assert_array_equal(batched, naive)
    np.testing.assert_array_equal(batched, shards[[2, 3, 4, 5, 0, 1]])


def _naive_exhaustive_losses(X, y, k, patterns):
    """Every candidate's training loss by the formula, one at a time, in float64."""
    out = {}
    for T in combinations(range(X.shape[1]), k):
        for s in patterns:
            R = np.maximum(X[:, T] @ np.asarray(s) / np.sqrt(k), 0.0)
            r = np.clip(np.mean(R * y) / np.mean(R * R), 0.0, 1.0)
            out[T, tuple(s)] = np.mean((r * R - y) ** 2)
    return out


@pytest.mark.parametrize("signs", ["parity", "all"])
def test_exhaustive_matches_the_brute_force_definition(signs):
    X, y, _ = lifted(5, 2, 3000, seed=1)
    patterns = exhaustive.sign_patterns(2, signs)
    naive = _naive_exhaustive_losses(X, y, 2, patterns)
    W = fit("exhaustive", X, y, np.arange(5), signs=signs)
    for j in range(5):
        allowed = {key: v for key, v in naive.items() if j not in key[0]}
        T, s = min(allowed, key=allowed.get)
        expected_support = np.zeros(5, dtype=bool)
        expected_support[list(T)] = True
        assert np.array_equal(W[j] != 0, expected_support)
        assert np.array_equal(np.sign(W[j][list(T)]), np.array(s))
        # float32 scoring: the chosen loss agrees with the float64 definition to ~1e-6.
        assert square_loss(X, y, W[j])[0] == pytest.approx(allowed[T, s], abs=1e-5)


@pytest.mark.parametrize("k", [2, 4])
def test_exhaustive_finds_the_planted_witness(k):
    X, y, support = lifted(6, k, 60000, seed=5)
    W = fit("exhaustive", X, y, np.arange(6), k=k)
    for j in np.setdiff1d(np.arange(6), support):
        assert np.array_equal(np.flatnonzero(W[j]), support)
        # Positive correlation: all signs equal for k = 2 mod 4, one flipped for k = 0 mod 4.
        assert np.prod(np.sign(W[j][support])) == np.sign(C_K[k])
        r = np.linalg.norm(W[j])
        assert r == pytest.approx(INV_SQRT_2PI + abs(C_K[k]), abs=0.02)  # r* of Claim 4


def test_sign_patterns_document_the_equivalence_classes():
    assert exhaustive.sign_patterns(3, "all").shape == (8, 3)
    parity_classes = exhaustive.sign_patterns(4, "parity")
    assert sorted(np.prod(parity_classes, axis=1)) == [-1.0, 1.0]


def test_gd_loss_decreases_and_iterates_stay_in_the_ball(k2):
    X, y, _ = k2
    d = X.shape[1]
    W, iterations, path = gd.fit_path(
        X,
        y,
        np.arange(d),
        np.random.default_rng(0),
        steps=60,
        step_size=0.5,
        restarts=1,
        init_norm=1.0,
        trace_points=61,
    )
    assert iterations[0] == 0 and iterations[-1] == 60 and np.all(np.diff(iterations) > 0)
    assert np.all(np.linalg.norm(path, axis=-1) <= 1.0 + 1e-12)
    assert np.all(path[:, np.arange(d), np.arange(d)] == 0.0)
    losses = np.array([[square_loss(X, y, w)[0] for w in step] for step in path])
    assert np.all(losses[-1] < losses[0] - 0.01)
    # Projected GD with step 1/L on this (nearly smooth) loss: non-increasing up to rounding.
    assert np.all(np.diff(losses, axis=0) <= 1e-9)
    np.testing.assert_array_equal(path[-1], W)


def test_gd_step_is_the_projected_gradient_of_the_square_loss(k2):
    X, y, _ = k2
    rng = np.random.default_rng(0)
    W, _, path = gd.fit_path(
        X, y, [2], rng, steps=1, step_size=0.3, restarts=1, init_norm=0.9, trace_points=2
    )
    w0 = path[0, 0]
    P = X @ w0
    grad = 2 * X.T @ ((np.maximum(P, 0) - y) * (P > 0)) / len(y)
    grad[2] = 0.0
    w1 = w0 - 0.3 * grad
    w1 /= max(1.0, np.linalg.norm(w1))
    np.testing.assert_allclose(W[0], w1, rtol=0, atol=1e-14)


def test_sgd_reduces_the_loss_and_stays_in_the_ball(k2):
    X, y, _ = k2
    d = X.shape[1]
    W, _, path = sgd.fit_path(
        X,
        y,
        np.arange(d),
        np.random.default_rng(1),
        epochs=3,
        batch_size=100,
        step_size=0.2,
        restarts=1,
        init_norm=1.0,
        trace_points=4,
    )
    assert np.all(np.linalg.norm(path, axis=-1) <= 1.0 + 1e-12)
    assert np.all(square_loss(X, y, W) < square_loss(X, y, path[0]) - 0.01)


def test_glmtron_update_is_its_definition(k2):
    X, y, _ = k2
    W, _, path = glmtron.fit_path(X, y, [0, 3], None, steps=2, step_size=1.0, trace_points=3)
    w = np.zeros((2, X.shape[1]))
    for _ in range(2):
        w = w + (y[:, None] - np.maximum(X @ w.T, 0)).T @ X / len(y)
        w[0, 0] = w[1, 3] = 0.0
        w /= np.maximum(1.0, np.linalg.norm(w, axis=1, keepdims=True))
    np.testing.assert_allclose(W, w, rtol=0, atol=1e-14)
    assert np.all(path[0] == 0.0)


def test_lowdeg_features_are_orthonormal_and_regression_is_exact_on_polynomials():
    # Orthonormal under N(0, I_3): exact by a tensor Gauss-Hermite rule (exact to degree 19).
    nodes, weights = hermegauss(10)
    grid = np.stack(np.meshgrid(nodes, nodes, nodes, indexing="ij"), axis=-1).reshape(-1, 3)
    w = np.einsum("i,j,k->ijk", weights, weights, weights).ravel() / (2 * np.pi) ** 1.5
    Phi = lowdeg.features_t(grid, 3).T
    assert Phi.shape[1] == 20  # C(3 + 3, 3)
    np.testing.assert_allclose(Phi.T @ (w[:, None] * Phi), np.eye(20), atol=1e-12)
    rng = np.random.default_rng(2)
    X = rng.standard_normal((2000, 3))
    # y is a degree-2 polynomial of x_0, x_1 only: dropping x_2 fits it exactly.
    y = 0.5 + X[:, 0] * X[:, 1] - 0.3 * (X[:, 1] ** 2 - 1)
    B = lowdeg.fit(X, y, [2, 0], None, degree=2, ridge=0.0)
    pred = lowdeg.predict(X[:100], B, degree=2)
    np.testing.assert_allclose(pred[:, 0], y[:100], atol=1e-10)
    assert np.mean((pred[:, 1] - y[:100]) ** 2) > 0.1  # x_0 dropped: it cannot


def test_learner_losses_match_relu_square_loss_in_chunks(k2):
    X, y, _ = k2
    W = fit("gd", X, y, np.arange(6))
    got = REGISTRY["gd"].losses(X, y, np.stack([W, W]), {})
    assert got.shape == (2, 6)
    # float32 evaluation against float64 square_loss: achieved 1.3e-6 relative.
    np.testing.assert_allclose(got[0], square_loss(X, y, W), rtol=4e-6)
    np.testing.assert_array_equal(got[0], got[1])


def test_validation_losses_are_bit_identical_whatever_the_chunk_sizes():
    X, y, _ = lifted(6, 2, 20000, seed=4)
    W = fit("gd", X[:3000], y[:3000], np.arange(6))
    groups = [
        (REGISTRY["gd"], W, {}),
        (REGISTRY["lowdeg"], fit("lowdeg", X, y, [0, 3]), PARAMS["lowdeg"]),
    ]

    def chunked(size):
        return [(X[i : i + size], y[i : i + size]) for i in range(0, len(X), size)]

    reference = learners.validation_losses(chunked(len(X)), groups)
    for size in (333, 8192, 9000, 19999):  # 333 and 9000 straddle the summation blocks
        for got, want in zip(
            learners.validation_losses(chunked(size), groups), reference, strict=True
        ):
            np.testing.assert_array_equal(got, want)


def test_signs_all_searches_every_pattern_of_every_subset():
    patterns = exhaustive.sign_patterns(2, "all")
    assert {tuple(p) for p in patterns} == set(product([1.0, -1.0], repeat=2))
    assert len(exhaustive.subsets(6, 3)) == 20


def _lexicographic_rank(d, k, subset):
    """Rank by counting: the subsets that agree up to position p and are smaller there."""
    rank, prev = 0, -1
    for p, v in enumerate(subset):
        rank += sum(math.comb(d - u - 1, k - p - 1) for u in range(prev + 1, v))
        prev = v
    return rank


@pytest.mark.parametrize(("d", "k"), [(6, 3), (14, 6), (9, 1), (5, 5), (64, 6)])
def test_unranking_gives_the_lexicographic_subsets(d, k):
    total = math.comb(d, k)
    if total < 10**5:
        np.testing.assert_array_equal(exhaustive.subsets(d, k), list(combinations(range(d), k)))
    ranks = np.r_[0, total - 1, np.random.default_rng(0).integers(0, total, 200)]
    got = exhaustive.unrank(d, k, ranks)
    assert np.all(np.diff(got, axis=1) > 0) and got.min() >= 0 and got.max() < d
    assert [_lexicographic_rank(d, k, row) for row in got] == ranks.tolist()


@pytest.mark.parametrize("parts", [3, 7])
def test_candidate_shards_merge_to_the_unsharded_search_bit_for_bit(parts):
    X, y, _ = lifted(7, 3, 3000, seed=2)
    block_mb = 0.2  # 8 subsets per block: 5 blocks of the 35 subsets, some shards empty
    assert exhaustive.block_size(3000, 2, block_mb) == 8
    whole = exhaustive.search(X, y, 3, "parity", block_mb)
    shards = [exhaustive.search(X, y, 3, "parity", block_mb, i, parts) for i in range(parts)]
    assert all(np.all(np.isfinite(s)) for s in shards)  # readers refuse non-finite arrays
    np.testing.assert_array_equal(exhaustive.merge(shards), whole)
    ranges = [exhaustive.shard_range(7, 3, 8, i, parts) for i in range(parts)]
    assert ranges[0][0] == 0 and ranges[-1][1] == 35
    assert all(a[1] == b[0] and a[1] in (*range(0, 35, 8), 35) for a, b in pairwise(ranges))
    W = exhaustive.weights(exhaustive.merge(shards), 7, 3, "parity", np.arange(7))
    np.testing.assert_array_equal(W, fit("exhaustive", X, y, np.arange(7), k=3, block_mb=block_mb))


def test_merge_breaks_ties_by_rank():
    inf = np.inf
    a = np.array([[0.5, 0.4, inf], [7.0, 3.0, -1.0], [0.0, 1.0, -1.0], [0.1, 0.2, 0.0]])
    b = np.array([[0.5, 0.3, 0.2], [2.0, 9.0, 4.0], [1.0, 0.0, 1.0], [0.3, 0.4, 0.5]])
    merged = exhaustive.merge([a, b])
    np.testing.assert_array_equal(merged[1], [2.0, 9.0, 4.0])
    np.testing.assert_array_equal(exhaustive.merge([b, a]), merged)


def test_join_shards_restores_coordinate_order_and_sums_seconds():
    W = np.arange(2 * 5 * 5, dtype=float).reshape(2, 5, 5)
    metas = [
        {"coordinates": [3, 4], "m_train": [10, 20], "seconds": [1.0, 2.0], "path_iterations": []},
        {
            "coordinates": [0, 1, 2],
            "m_train": [10, 20],
            "seconds": [0.5, 0.5],
            "path_iterations": [],
        },
    ]
    paths = [np.zeros((0, 2, 5)), np.zeros((0, 3, 5))]
    info, joined, path = learners.join_shards(metas, [W[:, 3:], W[:, :3]], paths, 5)
    np.testing.assert_array_equal(joined, W)
    assert info["seconds"] == [1.5, 2.5] and path.shape == (0, 5, 5)
    with pytest.raises(ValueError, match="not 0..5"):
        learners.join_shards(metas[:1], [W[:, 3:]], paths[:1], 6)


def test_shard_files_split_by_kind_in_order():
    from relu_tradeoffs.hardness.learners import shard_files

    files = ["a/gd_shard0.npy", "a/gd_shard0_path.npy", "a/gd_shard0.json"]
    files += ["a/gd_shard1.npy", "a/gd_shard1_path.npy", "a/gd_shard1.json"]
    weights, paths, metas = shard_files(files)
    assert weights == ["a/gd_shard0.npy", "a/gd_shard1.npy"]
    assert paths == ["a/gd_shard0_path.npy", "a/gd_shard1_path.npy"]
    assert metas == ["a/gd_shard0.json", "a/gd_shard1.json"]
    with pytest.raises(ValueError, match="triples"):
        shard_files(files[:-1])


@pytest.mark.parametrize("name", ["gd", "glmtron"])
def test_full_batch_learners_never_copy_the_training_set(name, tmp_path):
    """On a float32 memory map of 6.4 MB (as rule hardness_lift stores X) a fit allocates at
    most a quarter of X's bytes beyond it, whatever m: the core's row tiles hold
    O(TILE_ROWS x rows of W), about 0.5 MB here. A float64 copy of X alone would be 12.8 MB."""
    import tracemalloc

    rng = np.random.default_rng(0)
    np.save(tmp_path / "X.npy", rng.standard_normal((200_000, 8)).astype(np.float32))
    np.save(tmp_path / "y.npy", rng.random(200_000).astype(np.float32))
    X, y = np.load(tmp_path / "X.npy", mmap_mode="r"), np.load(tmp_path / "y.npy", mmap_mode="r")
    params = {k: v for k, v in PARAMS[name].items() if k != "trace_points"} | {"steps": 2}
    tracemalloc.start()
    try:
        learners.get(name).fit(X, y, np.arange(8), np.random.default_rng(1), **params)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < X.nbytes / 4, f"{name} allocated {peak} bytes beyond X ({X.nbytes})"
