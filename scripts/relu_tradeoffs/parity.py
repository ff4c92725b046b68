"""k-sparse noisy parities (k-SLPN) and their Gaussian lift, whole or regenerated in chunks."""

import copy

import numpy as np

from relu_tradeoffs.pipeline.seeding import rng_for


def random_support(rng, d: int, k: int) -> np.ndarray:
    """A uniformly random k-subset of range(d), sorted."""
    return np.sort(rng.choice(d, size=k, replace=False))


def sample_slpn(rng, m: int, d: int, support, eta: float):
    """m examples of k-SLPN: x uniform on {-1,1}^d, y = chi_S(x), flipped w.p. eta.

    Returns int8 arrays X (m, d) and y (m,) with entries in {-1, +1}.
    """
    X = rng.integers(0, 2, size=(m, d), dtype=np.int8) * 2 - 1
    y = np.prod(X[:, np.asarray(support)], axis=1, dtype=np.int8)
    flip = rng.random(m) < eta
    y = np.where(flip, -y, y).astype(np.int8)
    return X.astype(np.int8), y


def data_support(support, d: int, padded: bool) -> np.ndarray:
    """The support the examples are drawn with: S, or S plus the padding coordinate d.

    Padding an odd-k instance multiplies the label by one fresh uniform +-1 coordinate z: the
    pair ((x, z), y z) is exactly a (k + 1)-sparse noisy parity on d + 1 coordinates with
    support S + {d} and the same noise rate (a flip of y is a flip of y z). So a padded instance
    is drawn as that parity directly, and chunked regeneration needs nothing new.
    """
    return np.append(support, d) if padded else np.asarray(support)


# Encodings of the lifted label: the paper's {0, 1} (y' = (y + 1)/2) or {-1, +1} (y' = y, so
# E[y' | x] = (1 - 2 eta) chi_S). The hardness learners and the theory's biased gap share them.
LABELS = ("01", "pm1")


def encode_labels(y, labels: str = "01"):
    """The lifted label of parity labels y in {-1, +1} under the encoding ``labels`` (float)."""
    y = np.asarray(y, dtype=float)
    if labels == "01":
        return (y + 1.0) / 2.0
    if labels == "pm1":
        return y
    raise ValueError(f"unknown label encoding {labels!r} (known: {', '.join(LABELS)})")


def lift(rng, X, y, labels: str = "01"):
    """Gaussian lift: x'_j = g_j x_j with g_j half-normal (so x' ~ N(0, I)), y' = (y+1)/2
    (``labels`` 01, the paper's) or y' = y (``labels`` pm1).

    |N(0,1)| is the half-normal law; drawn from ``rng`` directly it equals
    ``scipy.stats.halfnorm.rvs(random_state=rng)`` bit for bit (tested) without importing
    scipy.stats, which costs ~1.3 s of CPU in each of the hundreds of data jobs.
    """
    g = np.abs(rng.standard_normal(X.shape))
    return g * X, encode_labels(y, labels)


# numpy draws int8 values four to a 32-bit word and drops the rest of a partial word when a
# call ends, so consecutive calls reproduce one big call only if each (but the last) draws a
# multiple of four values.
INT8_PER_WORD = 4


def rechunk(pieces, sizes):
    """Consecutive tuples of arrays cut from a stream of tuples, with the given leading sizes.

    ``pieces`` yields tuples of arrays of equal leading length; the output concatenates them and
    cuts at ``sizes`` (an iterable, may be endless); a short last tuple ends the output.
    """
    pieces = iter(pieces)
    held, count = [], 0
    for size in sizes:
        while count < size and (piece := next(pieces, None)) is not None:
            held.append(piece)
            count += len(piece[0])
        if count == 0:
            return
        joined = [np.concatenate(parts) for parts in zip(*held, strict=True)]
        yield tuple(a[:size] for a in joined)
        held, count = [tuple(a[size:] for a in joined)], max(count - size, 0)


def _signs(rng, n: int, piece: int):
    """The n values of ``rng.integers(0, 2, n, dtype=int8) * 2 - 1``, drawn ``piece`` at a time."""
    piece = max(INT8_PER_WORD, piece - piece % INT8_PER_WORD)
    for start in range(0, n, piece):
        yield (rng.integers(0, 2, size=min(piece, n - start), dtype=np.int8) * 2 - 1,)


def _skip(draw, n: int, piece: int):
    """Advance a generator past n values of ``draw(count)``, ``piece`` at a time."""
    for start in range(0, n, piece):
        draw(min(piece, n - start))


def slpn_chunks(rng, m: int, d: int, support, eta: float, start: int, stop: int, chunk: int):
    """Rows [start, stop) of ``sample_slpn(rng, m, d, support, eta)``, ``chunk`` rows at a time.

    Bit for bit the same rows, without ever holding the m-row table: the signs of the rows
    before ``start`` are drawn and dropped, and a copy of ``rng`` is advanced past all m * d
    signs to the label flips, which sample_slpn draws after them. ``rng`` is left after the signs
    of row ``stop``, not where sample_slpn leaves it.
    """
    chunk = max(1, chunk)
    piece = chunk * d
    flips = copy.deepcopy(rng)
    for _ in _signs(flips, m * d, piece):
        pass
    _skip(flips.random, start, piece)
    cuts = [(min(stop, s + chunk) - s) * d for s in range(start, stop, chunk)]
    blocks = rechunk(_signs(rng, stop * d, piece), [start * d, *cuts] if start else cuts)
    if start:
        next(blocks)  # the rows before start
    support = np.asarray(support)
    for (signs,) in blocks:
        X = signs.reshape(-1, d)
        y = np.prod(X[:, support], axis=1, dtype=np.int8)
        flip = flips.random(len(X)) < eta
        yield X, np.where(flip, -y, y).astype(np.int8)


def lift_chunks(rng, chunks, start: int, d: int, labels: str = "01"):
    """The lift of consecutive chunks of rows starting at row ``start`` of the instance's table.

    The half-normal draws of the rows before ``start`` are drawn and dropped first, so chunk after
    chunk this equals ``lift`` applied to the whole table, bit for bit.
    """
    _skip(lambda n: rng.standard_normal((n, d)), start, 2**16)
    for X, y in chunks:
        yield lift(rng, X, y, labels)


def instance_streams(root_seed: int, d: int, k: int, eta, seed: int):
    """An instance's support S and its two keyed generators (k-SLPN draws, lift) just after S.

    The keys are (root_seed, "hardness", "slpn" or "lift", d, k, eta, seed): the instance's
    wildcards, so every rule regenerates the same instance. ``eta`` is keyed as written in the
    wildcard (a string such as "0.1").
    """
    slpn_rng = rng_for(root_seed, "hardness", "slpn", d, k, eta, seed)
    lift_rng = rng_for(root_seed, "hardness", "lift", d, k, eta, seed)
    return random_support(slpn_rng, d, k), slpn_rng, lift_rng


def lifted_chunks(
    root_seed,
    d,
    k,
    eta,
    seed,
    *,
    m: int,
    start: int,
    stop: int,
    chunk: int,
    padded=False,
    labels="01",
):
    """Rows [start, stop) of an instance's m lifted examples as float32 (X, y), chunk by chunk.

    The same numbers as the data rules (k-SLPN of m rows, padded if asked, then lift with the
    label encoding ``labels``, then float32), regenerated from the instance's keyed streams: the validation set is never stored.
    """
    support, slpn_rng, lift_rng = instance_streams(root_seed, d, k, eta, seed)
    columns = d + bool(padded)
    rows = slpn_chunks(
        slpn_rng, m, columns, data_support(support, d, padded), float(eta), start, stop, chunk
    )
    for X, y in lift_chunks(lift_rng, rows, start, columns, labels):
        yield X.astype(np.float32), y.astype(np.float32)
