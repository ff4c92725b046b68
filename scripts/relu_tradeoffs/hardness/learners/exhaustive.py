"""The d^O(k) learner: the best ReLU over every k-sparse direction with +-1 entries.

Candidates are w = r * sum_{i in T} s_i e_i / sqrt(k) for every k-subset T and sign pattern s,
with the norm r in closed form, r* = E[ReLU(u.x) y] / E[ReLU(u.x)^2] clipped to [0, 1].

Biased candidates (``beta``, a grid of biases; beyond the paper) are r ReLU(u.x + beta) for every
such unit direction u and every beta of the grid: the hypothesis ReLU(w.x + b) with w = r u and
b = r beta. For fixed (u, beta) the loss E[y^2] - 2 r E[ReLU(u.x + beta) y] + r^2
E[ReLU(u.x + beta)^2] is a quadratic in r, so the same closed form r* = E[ReLU(u.x + beta) y] /
E[ReLU(u.x + beta)^2] clipped to [0, 1] holds with the shifted activation: ||w|| <= 1 as in the
paper's class, the bias free (as in relu_tradeoffs.theory.biased_gap, whose witnesses are
r ReLU(u.x + beta) too). Candidate j P + p is bias beta[j] with sign pattern p. The biased class
also holds the constants ReLU(b) (w = 0), which no grid point reaches (r ReLU(u.x + beta) tends to
a constant only as beta grows without bound); under {0, 1} labels the constant 1/2 is the best
hypothesis that ignores S, so an agnostic search must offer it: the best constant, b = max(mean y,
0), is one more candidate of every shard, recorded with rank CONSTANT_RANK and its value as norm.

Which sign patterns are equivalent? As functions, none: a ReLU is not sign-symmetric
(ReLU(-z) = ReLU(z) - z), so not even s and -s give the same hypothesis, and an agnostic search
must try all 2^k patterns (``signs: all``). Under the lifted k-SLPN law, though, x_i -> -x_i is a
symmetry for i outside S, and so is flipping two coordinates of S at once (chi_S is unchanged);
hence the population loss of (T, s) depends on s only through prod_i s_i, and two representatives
per subset, (+,...,+) and (-,+,...,+), already contain the Claim 4 witness (the all-plus one for
k = 2 mod 4, the one-flipped one for k = 0 mod 4). ``signs: parity`` searches these 2 C(d, k)
candidates instead of 2^k C(d, k): the same population optimum, 2^(k-1) times faster, and fewer
noise-driven near-misses on finite samples.

The loss of a candidate supported on T does not depend on which coordinate outside T was
dropped, so every candidate is scored once per dataset and each dropped coordinate j takes the
best candidate with j not in T. ``search`` scores with the fused sparse kernel of
``learners.scan`` (~4 operations per candidate-sample, float32 within a tile of samples, float64
across tiles, parallel over subsets with ``threads``); ``block_losses`` is the dense reference
(one float32 product X @ M per block, 2 d flops per candidate-sample), kept for the tests and the
benchmark. The returned weights are float64.

Subsets are numbered by their lexicographic rank and made by combinatorial unranking, chunk by
chunk, so any rank range can be searched on its own (candidate sharding, ``search``) without
enumerating from the start or holding all C(d, k) subsets. Shard boundaries lie on one grid of
ranks (multiples of the block size that ``block_mb`` sets: the dense kernel's activations of a
block fit in block_mb MB). A candidate's sums depend only on its own columns and the fixed tiling
of the samples, so its loss is the same, bit for bit, whatever the shards, chunks or threads;
``merge`` keeps the best candidate per dropped coordinate, ties going to the lower rank, as one
search would.
"""

from itertools import product
from math import comb

import numpy as np

SIGN_MODES = ("parity", "all")
FIELDS = ("loss", "rank", "pattern", "norm")  # a search result's rows, one column per coordinate
# The loss recorded where a shard has no subset avoiding a coordinate: finite, so the result
# passes the readers' finiteness check, and above every real loss, so a merge never keeps it.
NO_CANDIDATE = float(np.finfo(float).max)
# The rank recorded for the biased search's constant candidate ReLU(b): below every subset's
# rank (so it wins a tie, in every shard alike) and apart from -1 (no candidate).
CONSTANT_RANK = -2
# Subsets scored per kernel call: the (chunk, d) selection arrays stay at tens of MB.
CHUNK = 1 << 15


def sign_patterns(k: int, signs: str) -> np.ndarray:
    """The sign patterns searched for every subset: (P, k) of +-1."""
    if signs == "all":
        return np.array(list(product([1.0, -1.0], repeat=k)))
    if signs == "parity":
        return np.array([[1.0] * k, [-1.0] + [1.0] * (k - 1)])
    raise ValueError(f"signs must be one of {SIGN_MODES}, got {signs!r}")


def unrank(d: int, k: int, ranks) -> np.ndarray:
    """The k-subsets of range(d) with the given lexicographic ranks: (len(ranks), k).

    Position p takes the largest v such that the subsets with a smaller element there number at
    most the remaining rank; by the hockey-stick identity they number C(d-prev-1, j+1) - C(d-v, j+1)
    with j = k - p - 1, so v is found by a binary search in a column of Pascal's triangle.
    """
    rest = np.asarray(ranks, dtype=np.int64).copy()
    out = np.empty((rest.size, k), dtype=np.intp)
    prev = np.full(rest.size, -1)
    for p in range(k):
        j = k - p - 1
        column = np.array([comb(n, j + 1) for n in range(d + 1)], dtype=np.int64)
        first = column[d - prev - 1]
        n = np.searchsorted(column, first - rest, side="left")
        out[:, p] = prev = d - n
        rest -= first - column[n]
    return out


def subsets(d: int, k: int) -> np.ndarray:
    """Every k-subset of range(d) in lexicographic order: (C(d, k), k)."""
    return unrank(d, k, np.arange(comb(d, k)))


def block_size(m: int, patterns: int, block_mb: float) -> int:
    """Subsets per block: the block's (m, subsets * patterns) float32 activations fit block_mb."""
    return max(1, int(block_mb * 2**20) // (4 * m * patterns))


def shard_range(d: int, k: int, block: int, part: int, parts: int) -> tuple[int, int]:
    """The rank range [start, stop) of candidate shard ``part`` of ``parts``, on the block grid."""
    total = comb(d, k)
    blocks = -(-total // block)
    return tuple(min(total, (blocks * i // parts) * block) for i in (part, part + 1))


def block_losses(X, y32, yy, T, S, beta=None):
    """Optimal norms r (b, B P) and training losses (b, B P) of the subsets T (b, k), patterns S
    and biases beta (B,; None: unbiased, B = 1): column j P + p is r ReLU(u_p.x + beta[j])."""
    m, d = X.shape
    b, P = len(T), len(S)
    shifts = np.zeros(1) if beta is None else np.asarray(beta, dtype=float)
    # Column (t, p) of M is the unit direction of subset T[t] with signs S[p].
    M = np.zeros((d, b, P), dtype=np.float32)
    M[T.T[:, :, None], np.arange(b)[None, :, None], np.arange(P)] = S.T[:, None, :]
    Z = X @ M.reshape(d, b * P)
    Ry, RR = [], []
    for shift in shifts:
        A = np.maximum(Z + np.float32(shift), 0.0) if beta is not None else np.maximum(Z, 0.0)
        Ry.append(((y32 @ A).astype(float) / m).reshape(b, P))
        RR.append((np.einsum("ij,ij->j", A, A).astype(float) / m).reshape(b, P))
    Ry, RR = np.concatenate(Ry, axis=1), np.concatenate(RR, axis=1)
    r = np.clip(np.divide(Ry, RR, out=np.zeros_like(Ry), where=RR > 0), 0.0, 1.0)
    return r, yy - 2.0 * r * Ry + r**2 * RR


def chunk_losses(X, y32, yy, T, S, threads: int = 1, beta=None):
    """Optimal norms r (b, B P) and training losses (b, B P) of the subsets T (b, k) with the +-1
    patterns S (P, k) scaled by 1/sqrt(k) and the biases beta (as block_losses), from the fused
    kernel's sums (ReLU is positively homogeneous, so the scale is applied to the sums and the
    bias enters the kernel as the shift beta sqrt(k))."""
    from relu_tradeoffs.hardness.learners import scan  # numba: imported by the search jobs only

    m, k = len(y32), T.shape[1]
    shifts = None if beta is None else np.asarray(beta, dtype=float) * np.sqrt(k)
    sums = scan.sums(X, y32, T, S, threads, shifts=shifts)
    Ry, RR = sums[..., 0] / (m * np.sqrt(k)), sums[..., 1] / (m * k)
    r = np.clip(np.divide(Ry, RR, out=np.zeros_like(Ry), where=RR > 0), 0.0, 1.0)
    return r, yy - 2.0 * r * Ry + r**2 * RR


def search(
    X, y, k: int, signs: str, block_mb: float, part: int = 0, parts: int = 1, threads=1, beta=None
):
    """Per coordinate j, the best candidate avoiding j among shard ``part`` of ``parts``.

    Returns (4, d): rows FIELDS = training loss (NO_CANDIDATE and rank -1 if the shard has no
    subset avoiding j), rank of its subset, index of its sign pattern (j P + p with biases
    ``beta``: bias beta[j], pattern p), its norm r. With ``beta`` the constant candidate (rank
    CONSTANT_RANK, pattern -1, its value in the norm row) joins every shard. ``threads`` changes
    the speed, never a number.
    """
    X = np.asarray(X, dtype=np.float32)
    y32 = np.asarray(y, dtype=np.float32)
    m, d = X.shape
    S = sign_patterns(k, signs)
    yy = float(np.mean(np.asarray(y, dtype=float) ** 2))
    candidates = len(S) * (1 if beta is None else len(beta))
    start, stop = shard_range(d, k, block_size(m, candidates, block_mb), part, parts)
    best = np.array([NO_CANDIDATE, -1.0, -1.0, 0.0])[:, None] * np.ones(d)
    for first in range(start, stop, CHUNK):
        ranks = np.arange(first, min(stop, first + CHUNK))
        T = unrank(d, k, ranks)
        r, loss = chunk_losses(X, y32, yy, T, S, threads, beta)
        pattern = np.argmin(loss, axis=1)  # ties to the lower bias, then pattern, index
        member = np.zeros((len(T), d), dtype=bool)
        member[np.arange(len(T))[:, None], T] = True
        # Ties go to the first subset in lexicographic order, in every shard.
        masked = np.where(member, np.inf, loss[np.arange(len(T)), pattern][:, None])
        pick = np.argmin(masked, axis=0)
        better = masked[pick, np.arange(d)] < best[0]
        found = np.array(
            [masked[pick, np.arange(d)], ranks[pick], pattern[pick], r[pick, pattern[pick]]]
        )
        best[:, better] = found[:, better]
    if beta is not None:
        constant = max(float(np.mean(np.asarray(y, dtype=float))), 0.0)
        loss = float(np.mean((np.asarray(y, dtype=float) - constant) ** 2))
        best[:, loss <= best[0]] = np.array([[loss], [CONSTANT_RANK], [-1.0], [constant]])
    return best


def merge(results) -> np.ndarray:
    """The overall best of several shards' search results (each (4, d)), ties to the lower rank."""
    stacked = np.stack(results)
    loss, rank = stacked[:, 0], stacked[:, 1]
    order = np.lexsort((rank, loss), axis=0)[0]
    return stacked[order, :, np.arange(stacked.shape[2])].T


def weights(best, d: int, k: int, signs: str, drop, beta=None) -> np.ndarray:
    """The hypotheses of a search result for the dropped coordinates ``drop``: (len(drop), d),
    or with biases ``beta`` (len(drop), d + 1), the last column the bias r beta (the hypothesis
    r ReLU(u.x + beta) = ReLU(w.x + b) with w = r u, b = r beta)."""
    drop = np.asarray(drop)
    rank, index, r = best[1, drop].astype(np.int64), best[2, drop].astype(int), best[3, drop]
    constant = (rank == CONSTANT_RANK) & (beta is not None)
    if np.any((rank < 0) & ~constant):
        missing = drop[(rank < 0) & ~constant]
        raise ValueError(f"no candidate found for coordinates {missing.tolist()}")
    patterns = sign_patterns(k, signs)
    bias, pattern = np.divmod(index, len(patterns))
    W = np.zeros((len(drop), d if beta is None else d + 1))
    rows = np.flatnonzero(~constant)[:, None]
    W[rows, unrank(d, k, rank[~constant])] = (r[~constant, None] / np.sqrt(k)) * patterns[
        pattern[~constant]
    ]
    if beta is not None:
        W[:, d] = np.where(constant, r, r * np.asarray(beta, dtype=float)[bias % len(beta)])
    return W


def fit(X, y, drop, rng, *, k, signs="parity", block_mb=64, beta=None):
    """Per dropped coordinate, the best candidate avoiding it. ``rng`` is unused (deterministic).
    With biases ``beta`` the hypotheses carry their bias in an extra last column."""
    best = search(X, y, k, signs, block_mb, beta=beta)
    return weights(best, X.shape[1], k, signs, drop, beta)
