"""The exhaustive learner's fused sparse scoring kernel (numba): ~4 operations per candidate-sample.

A candidate has k non-zero +-1 entries, so its activation on a sample is a signed sum of k
columns, not a dense product of 2 d flops. Subsets come in lexicographic order, in which runs of
consecutive subsets share their first k - 1 elements: the signed sum of those columns (one per
sign pattern) is computed once per sample tile and reused for every last coordinate of the run.
Per candidate-sample what remains is one multiply-add (prefix + s x_last), the ReLU, and the two
multiply-adds of sum ReLU y and sum ReLU^2, fused in one pass over a tile of the transposed
samples that stays in L1; each pass scores four candidates (two last coordinates of a run, two
sign patterns), so the prefixes and labels are loaded once for four. Sums run in float32 within a tile of ``TILE`` samples and in float64
across tiles, in tile order, so a candidate's sums depend neither on which other candidates were
scored with it (shards, chunks) nor on the number of threads (parallel over groups of subsets,
each written by one thread).

Signs enter as +-1 (the candidate's 1/sqrt(k) factor is applied by the caller: ReLU is positively
homogeneous, and a biased candidate ReLU(u.x + beta) = ReLU(z + beta sqrt(k)) / sqrt(k) enters as
the shift beta sqrt(k) of z, each shift one more pass over the tile). With ``signs: parity`` the two patterns differ in the first sign only; with
``signs: all`` the 2^k patterns share 2^(k-1) prefixes, each computed once per run and tile.

The JIT cache goes to NUMBA_CACHE_DIR, set here (before numba is imported) to a per-user cache
folder when unset, never the source tree, which may be a read-only checkout on a cluster. Inside
it the compiled kernel is filed under a hash of this file's content, not of its folder (numba's
default), so every copy of the project (the tests' copies, several checkouts) loads the one
compiled kernel instead of compiling its own.
"""

import hashlib
import os
import tempfile
from pathlib import Path


def _cache_dir() -> str:
    """$XDG_CACHE_HOME (or ~/.cache)/relu-tradeoffs/numba if writable, else the temp folder."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    target = base / "relu-tradeoffs" / "numba"
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError:
        target = Path(tempfile.gettempdir()) / f"relu-tradeoffs-numba-{os.getuid()}"
    return str(target)


os.environ.setdefault("NUMBA_CACHE_DIR", _cache_dir())

import numba  # noqa: E402
import numpy as np  # noqa: E402
from numba.core import caching  # noqa: E402

# numba reads NUMBA_CACHE_DIR when first imported: if another module imported it earlier, tell it.
numba.config.CACHE_DIR = numba.config.CACHE_DIR or os.environ["NUMBA_CACHE_DIR"]

# Samples per tile: the tile's prefixes, last column and labels (1024 float32 each) stay in
# L1, and float32 partial sums over 1024 terms stay within ~1e-7 relative.
TILE = 1024
# Subsets per parallel task: enough to reuse a prefix over a run of last coordinates.
GROUP = 256


def _quad(plain: bool):
    """The fused pass over one tile for four candidates: sums ReLU(z + c) y and ReLU(z + c)^2 in
    float32, z the two prefixes p1, p2 (with last signs s1, s2) each completed by the last
    columns xa and xb, shifted by c. The ~4 operations per candidate-sample in one vectorised
    pass that loads the prefixes, the columns and the labels once for all four (fastmath lets
    the sums be reassociated; every candidate goes through this same loop, so its sums do not
    depend on its partner).

    ``plain`` (a compile-time constant, so the branch is folded away) is the variant for last
    signs +1 and no shift, every unbiased ``signs: parity`` pattern: additions where the general
    loop multiplies by the sign and adds the shift, which frees the multiply-add units for the
    sums. Its sums are the general loop's bit for bit (s = 1 and c = 0 are exact).
    """

    @numba.njit(fastmath=True, inline="always")
    def quad(p1, s1, p2, s2, xa, xb, ys, c):  # pragma: no cover - compiled
        a1y = a1a = a2y = a2a = b1y = b1a = b2y = b2a = np.float32(0.0)
        for t in range(ys.size):
            y, q1, q2, u, v = ys[t], p1[t], p2[t], xa[t], xb[t]
            if plain:
                z1, z2, w1, w2 = q1 + u, q2 + u, q1 + v, q2 + v
            else:
                z1, z2 = q1 + s1 * u + c, q2 + s2 * u + c
                w1, w2 = q1 + s1 * v + c, q2 + s2 * v + c
            a1, a2 = max(z1, np.float32(0.0)), max(z2, np.float32(0.0))
            b1, b2 = max(w1, np.float32(0.0)), max(w2, np.float32(0.0))
            a1y += a1 * y
            a1a += a1 * a1
            a2y += a2 * y
            a2a += a2 * a2
            b1y += b1 * y
            b1a += b1 * b1
            b2y += b2 * y
            b2a += b2 * b2
        return a1y, a1a, a2y, a2a, b1y, b1a, b2y, b2a

    return quad


_fused_quad = _quad(plain=False)
_fused_quad_plain = _quad(plain=True)


@numba.njit(parallel=True, fastmath=True)
def _accumulate(Xt, y, T, heads, head, last_signs, shifts, acc):  # pragma: no cover - compiled
    """acc[c, j P + p] += (sum_t ReLU(z + shifts[j]) y_t, sum_t ReLU(z + shifts[j])^2) over the
    samples of Xt (d, n), with z = prefix_{head[p]} + last_signs[p] x_{T[c, k-1]} and
    prefix_q = sum_{i<k-1} heads[q, i] x_{T[c, i]}, tile by tile.

    level[q, i] holds the partial prefix over the first i coordinates (level[q, 0] = 0); from
    one subset to the next in lexicographic order only the levels after the first changed
    coordinate are recomputed, mostly just the last one: one pass per prefix per run of last
    coordinates.
    """
    b, k = T.shape
    Q = heads.shape[0]
    n = Xt.shape[1]
    for g in numba.prange((b + GROUP - 1) // GROUP):
        level = np.zeros((Q, k, TILE), dtype=np.float32)
        lo, hi = g * GROUP, min(b, (g + 1) * GROUP)
        for t0 in range(0, n, TILE):
            t1 = min(n, t0 + TILE)
            width = t1 - t0
            ys = y[t0:t1]
            skip = False
            for c in range(lo, hi):
                changed = 0
                if c > lo:
                    changed = k - 1
                    for i in range(k - 2, -1, -1):
                        if T[c, i] != T[c - 1, i]:
                            changed = i
                for i in range(changed, k - 1):
                    xs = Xt[T[c, i], t0:t1]
                    for q in range(Q):
                        below, here, s = level[q, i, :width], level[q, i + 1, :width], heads[q, i]
                        for t in range(width):
                            here[t] = below[t] + s * xs[t]
                if skip:  # c was scored as the partner of c - 1
                    skip = False
                    continue
                # Pair c with the next subset if it shares the prefix; else with itself (the
                # copy's sums are dropped): every candidate runs through the same loop.
                partner = c
                if c + 1 < hi:
                    partner = c + 1
                    for i in range(k - 1):
                        if T[c + 1, i] != T[c, i]:
                            partner = c
                skip = partner != c
                xa, xb = Xt[T[c, k - 1], t0:t1], Xt[T[partner, k - 1], t0:t1]
                P = head.size
                for j in range(shifts.size):
                    for p in range(0, P, 2):  # patterns come in pairs (P is even)
                        p1, p2 = level[head[p], k - 1, :width], level[head[p + 1], k - 1, :width]
                        s1, s2 = last_signs[p], last_signs[p + 1]
                        # The path depends on the patterns and the shift only, never on the
                        # partner or the shard.
                        if s1 == 1 and s2 == 1 and shifts[j] == 0:
                            r = _fused_quad_plain(p1, s1, p2, s2, xa, xb, ys, shifts[j])
                        else:
                            r = _fused_quad(p1, s1, p2, s2, xa, xb, ys, shifts[j])
                        e = j * P + p
                        acc[c, e, 0] += r[0]
                        acc[c, e, 1] += r[1]
                        acc[c, e + 1, 0] += r[2]
                        acc[c, e + 1, 1] += r[3]
                        if skip:
                            acc[partner, e, 0] += r[4]
                            acc[partner, e, 1] += r[5]
                            acc[partner, e + 1, 0] += r[6]
                            acc[partner, e + 1, 1] += r[7]


class _SourceContentLocator(caching.UserProvidedCacheLocator):
    """NUMBA_CACHE_DIR/<module>_<sha1 of the source>: one folder for every copy of the file (the
    module name too: a cached kernel refers to its module by name)."""

    def __init__(self, py_func, py_file):
        super().__init__(py_func, py_file)
        digest = hashlib.sha1(Path(py_file).read_bytes()).hexdigest()
        self._cache_path = os.path.join(numba.config.CACHE_DIR, f"{py_func.__module__}_{digest}")


class _ContentKeyedCache(caching.FunctionCache):
    _impl_class = type(
        "_ContentKeyedImpl",
        (caching.CompileResultCacheImpl,),
        {"_locator_classes": [_SourceContentLocator]},
    )


# cache=True with numba's own locator would key the cache by this file's folder.
_accumulate._cache = _ContentKeyedCache(_accumulate.py_func)


def split_patterns(S) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For +-1 patterns S (P, k): the distinct prefixes (Q, k-1) of their first k - 1 signs,
    the prefix of each pattern (P,) and each pattern's last sign (P,)."""
    S = np.asarray(S, dtype=np.float32)
    heads, head = np.unique(S[:, :-1], axis=0, return_inverse=True)
    return np.ascontiguousarray(heads), head.astype(np.int64), np.ascontiguousarray(S[:, -1])


def sums(X, y, T, S, threads: int = 1, rows: int = 64 * TILE, shifts=None) -> np.ndarray:
    """(b, B P, 2) float64: per subset T[c], shift shifts[j] and +-1 pattern S[p] (column
    j P + p), sum ReLU(z + shifts[j]) y and sum ReLU(z + shifts[j])^2 over the samples,
    z = X[:, T[c]] @ S[p] (unnormalised). ``shifts`` None is the single shift 0 (unbiased,
    (b, P, 2)).

    X (m, d) is transposed ``rows`` samples at a time (a multiple of TILE, so tiles, hence the
    sums, do not depend on it); ``threads`` numba threads share the subsets.
    """
    if rows % TILE:
        raise ValueError(f"rows = {rows} must be a multiple of TILE = {TILE}")
    heads, head, last = split_patterns(S)
    T = np.ascontiguousarray(T, dtype=np.int64)
    y = np.asarray(y, dtype=np.float32)
    shifts = np.zeros(1, np.float32) if shifts is None else np.asarray(shifts, np.float32)
    acc = np.zeros((len(T), len(shifts) * len(S), 2))
    numba.set_num_threads(max(1, min(threads, numba.config.NUMBA_NUM_THREADS)))
    for start in range(0, len(y), rows):
        Xt = np.ascontiguousarray(X[start : start + rows].T, dtype=np.float32)
        _accumulate(
            Xt, np.ascontiguousarray(y[start : start + rows]), T, heads, head, last, shifts, acc
        )
    return acc
