"""The hardness learners behind one interface, and their registry.

Every learner fits many coordinate-dropped problems S_j at once:
``fit(X, y, drop, rng, **params) -> W`` with W[i] the hypothesis for dropping drop[i], exactly
zero on that coordinate. Proper learners return ReLU weight vectors (||W[i]|| <= 1) evaluated by
relu_tradeoffs.relu.predict (biased ReLUs, hardness.relu: biased: rows [w, b] evaluated on
[x, 1], relu.affine_inputs); the improper ``lowdeg`` returns polynomial coefficients evaluated by
its own ``predict``. Iterative learners also have ``fit_path`` (same arguments) returning
(W, traced iteration counts, iterates there) so their loss trajectory can be scored.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from relu_tradeoffs.hardness.learners import exhaustive, gd, glmtron, lowdeg, sgd
from relu_tradeoffs.parity import rechunk
from relu_tradeoffs.relu import predict as relu_predict


@dataclass(frozen=True)
class Learner:
    name: str
    fit: Callable
    predict: Callable  # predict(X, W, **params) -> (m, n) predictions
    proper: bool  # True: W holds ReLU weight vectors in the unit ball
    needs_k: bool = False  # fit also takes the sparsity k of the instance
    fit_path: Callable | None = None
    # How fit takes biased ReLUs (hardness.relu: biased): "bias" (a flag: rows [w, b], fitted),
    # "beta" (a grid of biases searched); None: the learner refuses the biased class.
    bias_param: str | None = None

    def losses(self, X, y, W, params):
        """Mean square loss of every hypothesis (rows of W, any leading shape) on (X, y)."""
        return validation_losses([(X, y)], [(self, W, params)])[0]


# Rows whose float32 losses are summed before joining the float64 total. Fixed, so the sizes of
# the chunks the data arrive in never change a bit of the result.
SUM_ROWS = 8192


def validation_losses(chunks, groups):
    """Mean square loss of every hypothesis of every group, in one pass over the data.

    ``chunks`` yields consecutive (X, y) row blocks of any sizes (a memory-mapped array or the
    regenerated validation set: never held in memory at once); ``groups`` lists
    (learner, W, params), W holding hypotheses in its rows (any leading shape). Each block of
    SUM_ROWS rows is evaluated in float32 (rounding ~1e-7, far below any gap eps/4 the test
    resolves, at half the memory traffic) and the block sums are accumulated in float64.
    Identical rows of W are scored once. Returns one array of shape W.shape[:-1] per group.
    """
    prepared = []
    for learner, W, params in groups:
        W = np.asarray(W, dtype=float)
        unique, inverse = np.unique(W.reshape(-1, W.shape[-1]), axis=0, return_inverse=True)
        W32, total = unique.astype(np.float32), np.zeros(len(unique))
        prepared.append((learner, W32, params, total, inverse.ravel(), W.shape[:-1]))
    rows = 0
    for X, y in rechunk(chunks, repeat(SUM_ROWS)):
        X32, y32 = np.asarray(X, dtype=np.float32), np.asarray(y, dtype=np.float32)
        for learner, W32, params, total, _, _ in prepared:
            residual = learner.predict(X32, W32, **params)
            residual -= y32[:, None]
            total += np.einsum("ij,ij->j", residual, residual)
        rows += len(X)
    return [(total / rows)[inverse].reshape(shape) for *_, total, inverse, shape in prepared]


def _relu_predict(X, W, **_):
    return relu_predict(X, W)


REGISTRY = {
    "exhaustive": Learner(
        "exhaustive", exhaustive.fit, _relu_predict, proper=True, needs_k=True, bias_param="beta"
    ),
    "gd": Learner(
        "gd", gd.fit, _relu_predict, proper=True, fit_path=gd.fit_path, bias_param="bias"
    ),
    "sgd": Learner(
        "sgd", sgd.fit, _relu_predict, proper=True, fit_path=sgd.fit_path, bias_param="bias"
    ),
    "glmtron": Learner(
        "glmtron", glmtron.fit, _relu_predict, proper=True, fit_path=glmtron.fit_path
    ),
    "lowdeg": Learner("lowdeg", lowdeg.fit, lowdeg.predict, proper=False),
}


def get(name: str) -> Learner:
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"unknown learner {name!r} (known: {', '.join(REGISTRY)})") from None


def score_learners(chunks, fitted: dict, params: dict, extra=()) -> dict:
    """Validation losses of every learner's hypotheses, all in one pass over the data.

    ``fitted`` maps a learner's name to its arrays of hypotheses (e.g. weights (n_m, d, p) and
    traced iterates (T, d, p)); ``params`` to its settings; ``extra`` lists learners outside the
    registry (a negative control). Proper learners share relu.predict and are scored as one
    group. Returns, per name, one loss array per input array, of its shape without the last axis.
    """
    known = {learner.name: learner for learner in extra}
    lookup = {name: known[name] if name in known else get(name) for name in fitted}
    groups = {}
    for name in fitted:
        groups.setdefault("relu" if lookup[name].proper else name, []).append(name)
    hypotheses = [
        (
            lookup[names[0]],
            np.concatenate([a.reshape(-1, a.shape[-1]) for n in names for a in fitted[n]]),
            params[names[0]],
        )
        for names in groups.values()
    ]
    out = {}
    for names, losses in zip(groups.values(), validation_losses(chunks, hypotheses), strict=True):
        offset = 0
        for name in names:
            out[name] = []
            for array in fitted[name]:
                size = array[..., 0].size
                out[name].append(losses[offset : offset + size].reshape(array.shape[:-1]))
                offset += size
    return out


def shard_files(files) -> tuple[list, list, list]:
    """A learner's shard files split by kind: weights (.npy), traced iterates (_path.npy) and
    metadata (.json), each in the order given."""
    files = [str(f) for f in files]
    paths = [f for f in files if f.endswith("_path.npy")]
    weights = [f for f in files if f.endswith(".npy") and f not in paths]
    metas = [f for f in files if f.endswith(".json")]
    if len(weights) != len(paths) or len(weights) != len(metas) or len(files) != 3 * len(metas):
        raise ValueError(f"shard files do not come in (weights, path, meta) triples: {files}")
    return weights, paths, metas


def join_shards(metas, weights, paths, d: int):
    """One learner's coordinate shards back in coordinate order: its metadata, weights and paths.

    ``metas`` are the shards' metadata (coordinates, training sizes, seconds, traced iterations),
    ``weights`` their (n_m, n, p) arrays and ``paths`` their (T, n, p) traced iterates. Seconds are
    summed over the shards. Fails unless the shards cover 0..d-1 once each.
    """
    coordinates = np.concatenate([m["coordinates"] for m in metas])
    if not np.array_equal(np.sort(coordinates), np.arange(d)):
        raise ValueError(f"shards cover coordinates {coordinates.tolist()}, not 0..{d - 1}")
    order = np.argsort(coordinates)
    info = {
        "m_train": metas[0]["m_train"],
        "seconds": np.sum([m["seconds"] for m in metas], axis=0).tolist(),
        "path_iterations": metas[0]["path_iterations"],
    }
    return info, np.concatenate(weights, axis=1)[:, order], np.concatenate(paths, axis=1)[:, order]


def fit_curve(learner: Learner, X, y, drop, sizes, rng_for_size, params, on_fit=None):
    """One learner on S_j for every j in ``drop``, at every training size (prefixes of X, y).

    ``rng_for_size(m)`` gives each size its own stream. With ``trace_points`` > 0 an iterative
    learner also records its iterates at the largest size. ``on_fit(m)`` runs after each size.
    Returns weights (n_sizes, len(drop), p), seconds per size, traced iterations and iterates.
    """
    weights, seconds = [], []
    path_iterations, path = np.zeros(0, dtype=int), None
    for m in sizes:
        # Prefixes of the stored arrays, never converted here: a learner that needs another
        # dtype makes its own copy, and the GD learners read float32 X tile by tile.
        Xm, ym = X[:m], y[:m]
        traced = m == max(sizes) and learner.fit_path and params.get("trace_points", 0) > 0
        start = time.perf_counter()
        if traced:
            W, path_iterations, path = learner.fit_path(Xm, ym, drop, rng_for_size(m), **params)
        else:
            W = learner.fit(Xm, ym, drop, rng_for_size(m), **params)
        seconds.append(time.perf_counter() - start)
        weights.append(W)
        if on_fit is not None:
            on_fit(m)
    weights = np.array(weights)
    if path is None:
        path = np.zeros((0, *weights.shape[1:]))
    return weights, seconds, np.asarray(path_iterations), path
