"""An instance's keyed streams and its padded parity: the documented keys, one stream per
wildcard, the padding coordinate in the label, the regenerated chunks' defaults and dtypes."""

import numpy as np
import pytest
from relu_tradeoffs import parity
from relu_tradeoffs.pipeline.seeding import rng_for

INSTANCE = (3, 7, 3, "0.1", 2)  # root seed, d, k, eta as in the wildcard, seed


def test_the_streams_are_the_documented_keys():
    """S and the k-SLPN rows come from rng_for(root, "hardness", "slpn", d, k, eta, seed), the
    lift from the same key with "lift": the data rules, the score rule and any later version
    regenerate the same instance from these keys alone."""
    root, d, k, eta, seed = INSTANCE
    support, slpn_rng, lift_rng = parity.instance_streams(*INSTANCE)
    slpn_key = rng_for(root, "hardness", "slpn", d, k, eta, seed)
    np.testing.assert_array_equal(support, parity.random_support(slpn_key, d, k))
    np.testing.assert_array_equal(slpn_rng.random(8), slpn_key.random(8))
    lift_key = rng_for(root, "hardness", "lift", d, k, eta, seed)
    np.testing.assert_array_equal(lift_rng.random(8), lift_key.random(8))


def _draws(instance):
    support, slpn_rng, lift_rng = parity.instance_streams(*instance)
    return tuple(support), tuple(slpn_rng.random(4)), tuple(lift_rng.random(4))


def test_every_wildcard_keys_its_own_streams():
    base = _draws(INSTANCE)
    assert base[1] != base[2]  # the lift is not the k-SLPN stream
    for position, other in [(0, 4), (1, 8), (2, 4), (3, "0.0"), (4, 3)]:
        changed = list(INSTANCE)
        changed[position] = other
        draws = _draws(tuple(changed))
        assert draws[1] != base[1] and draws[2] != base[2], changed


@pytest.mark.parametrize("support", [[0, 2, 5], [1, 6]])
def test_a_padded_instance_is_the_parity_of_S_and_the_padding_coordinate(support):
    """Padding multiplies the label by a fresh sign z = x_d: the drawn support is S + {d}, and
    the label is the product over S of the first d signs times the extra one."""
    d = 7
    drawn = parity.data_support(np.array(support), d, True)
    np.testing.assert_array_equal(drawn, [*support, d])
    np.testing.assert_array_equal(parity.data_support(np.array(support), d, False), support)
    X, y = parity.sample_slpn(np.random.default_rng(1), 400, d + 1, drawn, 0.0)
    np.testing.assert_array_equal(y, np.prod(X[:, support], axis=1) * X[:, d])
    # the padding coordinate matters: without it the label agrees with chi_S only half the time
    assert abs(np.mean(y == np.prod(X[:, support], axis=1)) - 0.5) < 0.1


def test_regenerated_chunks_default_to_unpadded_float32():
    root, d, k, eta, seed = INSTANCE
    chunks = list(parity.lifted_chunks(root, d, k, eta, seed, m=50, start=0, stop=50, chunk=20))
    X, y = (np.concatenate(parts) for parts in zip(*chunks, strict=True))
    assert X.shape == (50, d) and X.dtype == np.float32 and y.dtype == np.float32
    support, slpn_rng, lift_rng = parity.instance_streams(*INSTANCE)
    whole = parity.lift(lift_rng, *parity.sample_slpn(slpn_rng, 50, d, support, float(eta)))
    np.testing.assert_array_equal(X, whole[0].astype(np.float32))
    np.testing.assert_array_equal(y, whole[1].astype(np.float32))
    assert set(np.unique(y)) == {0.0, 1.0}  # the paper's {0, 1} labels unless asked


def test_rechunk_after_an_exact_cut_counts_nothing_held():
    """A cut that ends exactly at a piece's end holds nothing; the next cut needs every row of
    the following pieces (sizes 3 | 1 + 1)."""
    pieces = [(np.arange(0, 3),), (np.arange(3, 4),), (np.arange(4, 5),)]
    out = [a.tolist() for (a,) in parity.rechunk(pieces, [3, 2])]
    assert out == [[0, 1, 2], [3, 4]]


def test_chunked_rows_are_int8_like_the_whole_table():
    """The slpn rule stores these rows: int8 signs and labels, as sample_slpn draws them."""
    X, y = parity.sample_slpn(rng_for(1, "test", "rows"), 30, 5, [0, 3], 0.2)
    chunks = list(parity.slpn_chunks(rng_for(1, "test", "rows"), 30, 5, [0, 3], 0.2, 4, 30, 10))
    assert all(a.dtype == np.int8 for chunk in chunks for a in chunk)
    np.testing.assert_array_equal(np.concatenate([c[0] for c in chunks]), X[4:])
    np.testing.assert_array_equal(np.concatenate([c[1] for c in chunks]), y[4:])
