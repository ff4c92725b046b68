"""The fused sparse scoring kernel against float64 definitions and the dense reference search."""

from itertools import combinations
from pathlib import Path

import numba
import numpy as np
import pytest
from relu_tradeoffs.hardness.learners import exhaustive, scan
from relu_tradeoffs.parity import lift, random_support, sample_slpn

# Measured: float32 tiles summed in float64 agree with a float64 evaluation to ~1e-7 relative
# (1.5e-7 the worst case over these tests); the bound is 3x that.
RTOL = 4.5e-7


def random_data(m, d, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((m, d)).astype(np.float32)
    return X, (np.maximum(X[:, 0] - 0.5 * X[:, 1], 0) + 0.3 * rng.standard_normal(m)).astype(
        np.float32
    )


def lifted_data(m, d, k, seed=0):
    rng = np.random.default_rng(seed)
    X, y = lift(rng, *sample_slpn(rng, m, d, random_support(rng, d, k), 0.1))
    return X.astype(np.float32), y.astype(np.float32)


def float64_sums(X, y, T, S):
    """(b, P, 2): sum ReLU(z) y and sum ReLU(z)^2 in float64, one candidate at a time."""
    X, y = X.astype(float), y.astype(float)
    out = np.empty((len(T), len(S), 2))
    for c, subset in enumerate(T):
        for p, signs in enumerate(S):
            a = np.maximum(X[:, subset] @ signs, 0.0)
            out[c, p] = a @ y, a @ a
    return out


def dense_search(X, y, k, signs):
    """The reference: every candidate's float64 loss by the dense block kernel, then per
    coordinate the best candidate avoiding it, ties to the lower rank and pattern index."""
    X64, y64 = X.astype(float), y.astype(float)
    d = X.shape[1]
    T = exhaustive.subsets(d, k)
    S = exhaustive.sign_patterns(k, signs) / np.sqrt(k)
    r, loss = exhaustive.block_losses(X64, y64, float(np.mean(y64**2)), T, S)
    pattern = np.argmin(loss, axis=1)
    best = loss[np.arange(len(T)), pattern]
    rows = []
    for j in range(d):
        avoid = np.flatnonzero(~np.any(T == j, axis=1))
        c = avoid[np.argmin(best[avoid])]
        rows.append([best[c], c, pattern[c], r[c, pattern[c]]])
    return np.array(rows).T


@pytest.mark.parametrize("signs", ["parity", "all"])
@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_sums_are_the_float64_definition(k, signs):
    X, y = random_data(2500, 7)  # 3 tiles, the last one partial
    T = exhaustive.subsets(7, k)
    S = exhaustive.sign_patterns(k, signs)
    got = scan.sums(X, y, T, S, rows=scan.TILE)
    np.testing.assert_allclose(got, float64_sums(X, y, T, S), rtol=RTOL, atol=1e-9 * len(y))


def test_sums_do_not_depend_on_rows_threads_or_the_other_candidates():
    X, y = random_data(5000, 9, seed=1)
    T = exhaustive.subsets(9, 3)
    S = exhaustive.sign_patterns(3, "parity")
    whole = scan.sums(X, y, T, S)
    np.testing.assert_array_equal(scan.sums(X, y, T, S, rows=scan.TILE), whole)
    np.testing.assert_array_equal(scan.sums(X, y, T, S, threads=2), whole)
    # A subset scored alone, or in another group (its prefix computed afresh), sums the same.
    np.testing.assert_array_equal(scan.sums(X, y, T[37:38], S), whole[37:38])
    np.testing.assert_array_equal(scan.sums(X, y, T[::-1], S), whole[::-1])


def test_a_bad_row_chunk_is_refused():
    X, y = random_data(100, 4)
    with pytest.raises(ValueError, match="multiple of TILE"):
        scan.sums(X, y, exhaustive.subsets(4, 2), exhaustive.sign_patterns(2, "parity"), rows=100)


def test_split_patterns_rebuilds_every_pattern():
    # parity: (+,...,+) and (-,+,...,+) differ in their prefix (k >= 2); all: each prefix of
    # k - 1 signs serves two patterns
    prefixes = {(1, "parity"): 1, (3, "parity"): 2, (3, "all"): 4, (4, "all"): 8}
    for (k, signs), count in prefixes.items():
        S = exhaustive.sign_patterns(k, signs)
        heads, head, last = scan.split_patterns(S)
        np.testing.assert_array_equal(np.column_stack([heads[head], last]), S)
        assert len(heads) == count


CASES = [
    # data, d, k, signs, shards, threads
    ("random", 6, 1, "parity", 1, 1),
    ("random", 8, 2, "all", 2, 2),
    ("random", 12, 3, "parity", 3, 1),
    ("random", 10, 4, "parity", 1, 2),
    ("lifted", 9, 2, "parity", 2, 1),
    ("lifted", 11, 4, "parity", 4, 2),
    ("lifted", 8, 3, "all", 1, 2),
]


@pytest.mark.parametrize(("data", "d", "k", "signs", "shards", "threads"), CASES)
def test_search_picks_the_dense_references_candidate_for_every_coordinate(
    data, d, k, signs, shards, threads
):
    X, y = random_data(3000, d, seed=d) if data == "random" else lifted_data(3000, d, k, seed=d)
    block_mb = 0.1  # a few subsets per block: shard boundaries fall inside the rank range
    parts = [
        exhaustive.search(X, y, k, signs, block_mb, part, shards, threads=threads)
        for part in range(shards)
    ]
    got, want = exhaustive.merge(parts), dense_search(X, y, k, signs)
    np.testing.assert_array_equal(got[1:3], want[1:3])  # subset rank, sign pattern
    np.testing.assert_allclose(got[0], want[0], rtol=RTOL)  # training loss
    np.testing.assert_allclose(got[3], want[3], rtol=RTOL)  # norm r = Ry / RR


def test_search_gives_the_same_numbers_for_any_threads_and_shards():
    X, y = lifted_data(4000, 10, 4, seed=3)
    one = exhaustive.search(X, y, 4, "parity", 0.1)
    for threads, shards in ((2, 1), (1, 3), (2, 5)):
        parts = [
            exhaustive.search(X, y, 4, "parity", 0.1, i, shards, threads) for i in range(shards)
        ]
        np.testing.assert_array_equal(exhaustive.merge(parts), one)


def test_equal_candidates_go_to_the_lower_rank():
    """Columns 0 and 1 are equal, so {0, 2} and {1, 2} score the same, bit for bit: every
    coordinate that both avoid takes {0, 2}, the lower rank, also when shards separate them."""
    X, y = random_data(2000, 5, seed=4)
    X[:, 1] = X[:, 0]
    y = np.maximum(X[:, 0] + X[:, 2], 0).astype(np.float32)
    ranks = {subset: rank for rank, subset in enumerate(combinations(range(5), 2))}
    for shards in (1, 2, 4):
        parts = [exhaustive.search(X, y, 2, "parity", 0.01, i, shards) for i in range(shards)]
        best = exhaustive.merge(parts)
        assert best[1, 3] == best[1, 4] == ranks[(0, 2)]
        assert best[1, 0] == ranks[(1, 2)]  # dropping 0 leaves the duplicate


def test_the_jit_cache_lives_outside_the_source_tree(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert scan._cache_dir() == str(tmp_path / "relu-tradeoffs" / "numba")
    blocked = tmp_path / "file"
    blocked.write_text("")  # a cache home that cannot hold folders
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert "relu-tradeoffs-numba" in scan._cache_dir()
    source = Path(scan.__file__).resolve().parents[2]
    assert not Path(numba.config.CACHE_DIR).resolve().is_relative_to(source)


def test_every_copy_of_the_kernel_shares_one_compiled_cache(tmp_path):
    """The cache folder is keyed by the source's content: a copy of the project elsewhere (the
    tests' copies, a second checkout) finds the kernel compiled, an edited copy does not."""
    source = Path(scan.__file__).read_bytes()
    copies = [tmp_path / name / "scan.py" for name in ("a", "b", "edited")]
    for copy in copies:
        copy.parent.mkdir()
        copy.write_bytes(source)
    copies[2].write_bytes(source + b"\n# an edit\n")
    py_func = scan._accumulate.py_func
    folder = [scan._SourceContentLocator(py_func, str(c)).get_cache_path() for c in copies]
    assert folder[0] == folder[1] != folder[2]
    locator = scan._accumulate._cache._impl.locator
    assert isinstance(locator, scan._SourceContentLocator)
    assert Path(locator.get_cache_path()).parent == Path(numba.config.CACHE_DIR)
