"""Every hardness learner's ``fit`` against an independent reference.

A realizable planted ReLU (the population optimum is w* itself when the dropped coordinate is
one where w* is zero), a per-restart loop written here from the learners' definitions that keeps
the lowest-loss restart, and least squares by an SVD solver for the Hermite regression. An
all-zero output, the worst restart or a wrong step fails these.
"""

import numpy as np
import pytest
from relu_tradeoffs import parity
from relu_tradeoffs.hardness.learners import REGISTRY, lowdeg, validation_losses

W_STAR = np.array([0.4, -0.3, 0.2, 0.3, 0.0])  # ||w*|| = 0.62, zero on coordinate 4
PLANTED = {
    "gd": {"steps": 200, "step_size": 1.0, "restarts": 3, "init_norm": 0.5},
    "sgd": {"epochs": 5, "batch_size": 100, "step_size": 0.5, "restarts": 3, "init_norm": 0.5},
    "glmtron": {"steps": 100, "step_size": 1.0},
}


@pytest.fixture(scope="module")
def realizable():
    rng = np.random.default_rng(0)
    X = rng.standard_normal((4000, W_STAR.size))
    return X, np.maximum(X @ W_STAR, 0.0)


@pytest.mark.parametrize("name", sorted(PLANTED))
def test_fit_finds_the_planted_relu(name, realizable):
    """Dropping coordinate 4 (where w* is 0) the problem stays realizable: the fit is w*.
    Achieved: ||w - w*|| = 0 for gd and sgd, 3e-17 for glmtron; the zero vector is 0.62 away."""
    X, y = realizable
    W = REGISTRY[name].fit(X, y, np.array([4]), np.random.default_rng(1), **PLANTED[name])
    assert np.linalg.norm(W[0] - W_STAR) < 1e-12


def test_exhaustive_fit_finds_the_planted_one_sparse_relu():
    """k = 1, y = ReLU(0.6 x_2): the best candidate is e_2 with the norm r* = 0.6 exactly."""
    rng = np.random.default_rng(2)
    X = rng.standard_normal((3000, 4))
    W = REGISTRY["exhaustive"].fit(X, np.maximum(0.6 * X[:, 2], 0), np.array([0, 1, 3]), None, k=1)
    # Achieved: 7e-7 (float32 scoring); the planted weights, not a neighbour or zero.
    np.testing.assert_allclose(W, np.tile([0, 0, 0.6, 0], (3, 1)), rtol=0, atol=2e-6)


@pytest.fixture(scope="module")
def lifted():
    """Lifted 2-SLPN in d = 5: non-convex for a ReLU, so restarts end at different losses."""
    rng = np.random.default_rng(3)
    support = parity.random_support(rng, 5, 2)
    X, y = parity.lift(rng, *parity.sample_slpn(rng, 3000, 5, support, 0.1))
    return X, y


def _inits(rng, d, drop, restarts, norm):
    """The learners' starting points, from their definition (one draw for every coordinate)."""
    G = rng.standard_normal((restarts, d, d))
    out = np.zeros((restarts, len(drop), d))
    for r in range(restarts):
        for i, j in enumerate(drop):
            g = G[r, j].copy()
            g[j] = 0.0
            out[r, i] = norm * g / np.linalg.norm(g)
    return out


def _project(w):
    return w / max(1.0, np.linalg.norm(w))


def _gradient(X, y, w, j):
    p = X @ w
    g = 2 * X.T @ ((np.maximum(p, 0) - y) * (p > 0)) / len(y)
    g[j] = 0.0
    return g


def _loss(X, y, w):
    return np.mean((np.maximum(X @ w, 0) - y) ** 2)


def _reference_gd(X, y, drop, rng, steps, step_size, restarts, init_norm):
    """Per coordinate, per restart: plain projected GD; returns (chosen w, all final losses)."""
    starts = _inits(rng, X.shape[1], drop, restarts, init_norm)
    chosen, all_losses = [], []
    for i, j in enumerate(drop):
        finals = []
        for r in range(restarts):
            w = starts[r, i]
            for _ in range(steps):
                w = _project(w - step_size * _gradient(X, y, w, j))
            finals.append(w)
        losses = [_loss(X, y, w) for w in finals]
        chosen.append(finals[int(np.argmin(losses))])
        all_losses.append(losses)
    return np.array(chosen), np.array(all_losses)


def _reference_sgd(X, y, drop, rng, epochs, batch_size, step_size, restarts, init_norm):
    starts = _inits(rng, X.shape[1], drop, restarts, init_norm)
    m = len(y)
    per_epoch = -(-m // batch_size)
    orders = [rng.permutation(m) for _ in range(epochs)]  # shared by every restart
    chosen, all_losses = [], []
    for i, j in enumerate(drop):
        finals = []
        for r in range(restarts):
            w, t = starts[r, i], 0
            for order in orders:
                for start in range(0, m, batch_size):
                    rows = order[start : start + batch_size]
                    step = step_size / np.sqrt(1 + t / per_epoch)
                    w = _project(w - step * _gradient(X[rows], y[rows], w, j))
                    t += 1
            finals.append(w)
        losses = [_loss(X, y, w) for w in finals]
        chosen.append(finals[int(np.argmin(losses))])
        all_losses.append(losses)
    return np.array(chosen), np.array(all_losses)


REFERENCES = {
    "gd": (_reference_gd, {"steps": 10, "step_size": 0.5, "restarts": 4, "init_norm": 0.9}),
    "sgd": (
        _reference_sgd,
        # 3000 rows in batches of 400: 8 steps per epoch, the last one short.
        {"epochs": 2, "batch_size": 400, "step_size": 0.3, "restarts": 4, "init_norm": 0.9},
    ),
}


@pytest.mark.parametrize("name", sorted(REFERENCES))
def test_fit_keeps_the_lowest_loss_restart_of_the_reference_loop(name, lifted):
    X, y = lifted
    drop = np.array([0, 2, 4])
    reference, params = REFERENCES[name]
    expected, losses = reference(X, y, drop, np.random.default_rng(7), **params)
    # The restarts really differ, so the worst one (or any other) is told from the best.
    assert np.all(losses.max(axis=1) - losses.min(axis=1) > 5e-3)
    W = REGISTRY[name].fit(X, y, drop, np.random.default_rng(7), **params)
    # Achieved: 6e-17 (gemm vs gemv rounding); restart losses lie >= 0.0065 apart.
    np.testing.assert_allclose(W, expected, rtol=0, atol=1e-12)


def test_glmtron_fit_is_the_glmtron_iteration(lifted):
    X, y = lifted
    W = REGISTRY["glmtron"].fit(X, y, np.array([1, 3]), None, steps=20, step_size=0.7)
    for i, j in enumerate([1, 3]):
        w = np.zeros(X.shape[1])
        for _ in range(20):
            w = w + 0.7 * (y - np.maximum(X @ w, 0)) @ X / len(y)
            w[j] = 0.0
            w = _project(w)
        np.testing.assert_allclose(W[i], w, rtol=0, atol=1e-12)  # achieved 2e-17


@pytest.mark.parametrize("ridge", [0.0, 0.05])
def test_lowdeg_fit_is_ridge_least_squares_by_svd(ridge, lifted):
    """Least squares on the features that avoid the dropped coordinate, solved by lstsq (SVD) on
    the ridge-augmented system: independent of the Gram sub-matrix solve."""
    X, y = lifted
    m = len(y)
    degree = 2
    Phi = lowdeg.features_t(X, degree).T
    A = lowdeg.multi_indices(X.shape[1], degree)
    drop = np.array([1, 4])
    B = REGISTRY["lowdeg"].fit(X, y, drop, None, degree=degree, ridge=ridge)
    for i, j in enumerate(drop):
        keep = A[:, j] == 0
        F = Phi[:, keep] / np.sqrt(m)
        aug = np.vstack([F, np.sqrt(ridge) * np.eye(keep.sum())])
        target = np.concatenate([y / np.sqrt(m), np.zeros(keep.sum())])
        coef = np.linalg.lstsq(aug, target, rcond=None)[0]
        np.testing.assert_allclose(B[i, keep], coef, rtol=0, atol=1e-10)  # achieved 4e-15
        assert np.all(B[i, ~keep] == 0.0)
    pred = REGISTRY["lowdeg"].predict(X, B, degree=degree)
    np.testing.assert_allclose(pred, Phi @ B.T, rtol=0, atol=1e-12)


@pytest.mark.parametrize("name", ["gd", "lowdeg"])
def test_learner_losses_in_ragged_float32_chunks_equal_the_float64_loss(name, lifted):
    """Hypotheses of any leading shape (here 2 x 3), 3000 rows in chunks of 700 (the last one
    holds 200), scored in float32: the float64 loss to 2e-7 relative."""
    X, y = lifted
    learner = REGISTRY[name]
    params = {"degree": 2} if name == "lowdeg" else {}
    W = learner.fit(X, y, np.array([0, 1, 2]), np.random.default_rng(0), **{**FIT[name]})
    W = np.stack([W, W[::-1]])
    chunks = ((X[i : i + 700], y[i : i + 700]) for i in range(0, len(X), 700))
    got = validation_losses(chunks, [(learner, W, params)])[0]
    pred = np.stack([learner.predict(X, w, **params) for w in W])  # (2, m, 3) in float64
    expected = np.mean((pred - y[None, :, None]) ** 2, axis=1)
    assert got.shape == (2, 3)
    np.testing.assert_allclose(got, expected, rtol=5e-7)  # achieved 1.6e-7 (float32 rounding)


FIT = {
    "gd": {"steps": 5, "step_size": 0.5, "restarts": 1, "init_norm": 0.5},
    "lowdeg": {"degree": 2, "ridge": 0.0},
}


def test_unknown_learner_is_a_key_error_naming_the_known_ones():
    from relu_tradeoffs.hardness.learners import get

    assert get("gd") is REGISTRY["gd"]
    with pytest.raises(KeyError, match="unknown learner 'magic' .known: exhaustive, gd, sgd"):
        get("magic")


def test_exhaustive_block_losses_are_the_float64_definition():
    """Every candidate's norm r* (clipped to [0, 1]) and training loss, against the formula one
    candidate at a time. Labels 1.5 ReLU(x_2) - 0.2 ReLU(-x_0) push some r* above 1 and some
    below 0, so both clips are exercised."""
    from relu_tradeoffs.hardness.learners import exhaustive

    rng = np.random.default_rng(11)
    X = rng.standard_normal((2000, 4))
    y = 1.5 * np.maximum(X[:, 2], 0) - 0.2 * np.maximum(-X[:, 0], 0)
    T = exhaustive.subsets(4, 2)
    patterns = exhaustive.sign_patterns(2, "all") / np.sqrt(2)
    yy = float(np.mean(y**2))
    r, loss = exhaustive.block_losses(X.astype(np.float32), y.astype(np.float32), yy, T, patterns)
    for t, subset in enumerate(T):
        for p, s in enumerate(patterns):
            R = np.maximum(X[:, subset] @ s, 0)
            r_star = np.clip(np.mean(R * y) / np.mean(R * R), 0, 1)
            assert r[t, p] == pytest.approx(r_star, abs=3e-6)  # achieved 1e-6 (float32)
            assert loss[t, p] == pytest.approx(np.mean((r_star * R - y) ** 2), abs=3e-6)
    assert r.max() == 1.0 and r.min() == 0.0


def test_unknown_sign_mode_is_named():
    from relu_tradeoffs.hardness.learners import exhaustive

    with pytest.raises(ValueError, match=r"^signs must be one of \('parity', 'all'\), got 'some'$"):
        exhaustive.sign_patterns(2, "some")


def test_shared_pieces_masks_and_checkpoints():
    from relu_tradeoffs.hardness.learners import _common

    np.testing.assert_array_equal(_common.drop_mask(3, [2, 0]), [[1, 1, 0], [0, 1, 1]])
    for bad in ([3], [-1], [[0]]):
        with pytest.raises(
            ValueError, match=r"^drop must be a 1-d array of coordinates in \[0, 3\)"
        ):
            _common.drop_mask(3, np.array(bad))
    # 1 + round(geomspace(1, 101, 5)) - 1 = 0, 2, 9, 31, 100; the ends always in.
    got = _common.checkpoints(100, 5)
    np.testing.assert_array_equal(got, [0, 2, 9, 31, 100])
    assert got.dtype.kind == "i"
    np.testing.assert_array_equal(_common.checkpoints(100, 1), [0, 100])
    none = _common.checkpoints(100, 0)
    assert none.size == 0 and none.dtype.kind == "i"


def test_lowdeg_features_of_integer_inputs_are_those_of_floats():
    # He_3(6) = 198 does not fit in int8: the features must be computed in floats.
    X = np.array([[1, -1, 6], [0, 3, -2]], dtype=np.int8)
    np.testing.assert_allclose(
        lowdeg.features_t(X, 3).T, lowdeg.features_t(X.astype(float), 3).T, atol=0
    )
    assert lowdeg.features_t(X, 3).T.dtype == np.float64
