"""The core's pieces of the biased case: the label encodings (one definition for the hardness
learners and the theory) and the biased ReLU regression ([w, b] on [x, 1], b free)."""

import numpy as np
import pytest
from relu_tradeoffs import parity, regression
from relu_tradeoffs.hardness.learners import gd, sgd
from relu_tradeoffs.relu import affine_inputs, square_loss
from relu_tradeoffs.theory import biased_gap


def test_the_encodings_map_parity_labels():
    y = np.array([-1, 1, 1, -1], dtype=np.int8)
    np.testing.assert_array_equal(parity.encode_labels(y, "01"), [0.0, 1.0, 1.0, 0.0])
    np.testing.assert_array_equal(parity.encode_labels(y, "pm1"), [-1.0, 1.0, 1.0, -1.0])
    with pytest.raises(ValueError, match="label encoding"):
        parity.encode_labels(y, "pm")
    assert biased_gap.LABELS is parity.LABELS


def test_the_pm1_lift_is_the_01_lift_with_y_mapped_to_2y_minus_1():
    X, y = parity.sample_slpn(np.random.default_rng(0), 500, 6, [1, 4], 0.2)
    X01, y01 = parity.lift(np.random.default_rng(1), X, y)
    Xpm, ypm = parity.lift(np.random.default_rng(1), X, y, "pm1")
    np.testing.assert_array_equal(Xpm, X01)
    np.testing.assert_array_equal(ypm, 2 * y01 - 1)
    assert set(np.unique(ypm)) == {-1.0, 1.0}
    # E[y' chi_S] = 1 - 2 eta under pm1 (the theory's E[y | x] = (1 - 2 eta) chi_S)
    chi = np.prod(np.sign(Xpm[:, [1, 4]]), axis=1)
    assert np.mean(ypm * chi) == pytest.approx(1 - 2 * np.mean(ypm != chi), abs=1e-12)


def test_regenerated_pm1_chunks_are_the_pm1_lift_bit_for_bit():
    kw = {"m": 700, "start": 0, "stop": 700, "padded": False}
    whole = list(parity.lifted_chunks(3, 6, 2, "0.1", 0, chunk=700, labels="pm1", **kw))
    parts = list(parity.lifted_chunks(3, 6, 2, "0.1", 0, chunk=128, labels="pm1", **kw))
    np.testing.assert_array_equal(np.concatenate([p[1] for p in parts]), whole[0][1])
    plain = list(parity.lifted_chunks(3, 6, 2, "0.1", 0, chunk=700, **kw))
    np.testing.assert_array_equal(whole[0][0], plain[0][0])
    np.testing.assert_array_equal(whole[0][1], 2 * plain[0][1] - 1)


def test_the_biased_loss_is_the_unbiased_loss_on_affine_inputs():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((5000, 4)).astype(np.float32)
    y = np.maximum(X[:, 0] - 0.3, 0) + 0.1 * rng.standard_normal(5000)
    W = rng.standard_normal((3, 5)) * 0.5
    losses, direction = regression.loss_and_direction(X, y, W, bias=True)
    want_losses, want_direction = regression.loss_and_direction(affine_inputs(X), y, W)
    np.testing.assert_allclose(losses, want_losses, rtol=1e-12)
    np.testing.assert_allclose(direction, want_direction, rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(losses, square_loss(affine_inputs(X.astype(float)), y, W))
    # The bias's entry is the derivative of the loss in b (central difference).
    h = 1e-6
    up, down = W.copy(), W.copy()
    up[:, 4] += h
    down[:, 4] -= h
    numeric = (
        regression.loss_and_direction(X, y, up, bias=True)[0]
        - regression.loss_and_direction(X, y, down, bias=True)[0]
    ) / (2 * h)
    np.testing.assert_allclose(direction[:, 4], numeric, rtol=1e-5)


def test_the_biased_projection_leaves_the_bias_free():
    W = np.array([[3.0, 4.0, -7.0], [0.3, 0.4, 2.0]])
    P = regression.project(W, "ball", bias=True)
    np.testing.assert_allclose(P, [[0.6, 0.8, -7.0], [0.3, 0.4, 2.0]])
    np.testing.assert_allclose(regression.project(W, "sphere", bias=True)[1], [0.6, 0.8, 2.0])


@pytest.mark.parametrize("learner", ["gd", "sgd"])
def test_the_biased_learners_fit_a_planted_bias(learner):
    rng = np.random.default_rng(4)
    X = rng.standard_normal((8000, 4)).astype(np.float32)
    y = np.maximum(0.8 * X[:, 0] - 0.6 * X[:, 1] - 0.5, 0.0)
    drop = np.array([2, 3])
    if learner == "gd":
        params = {"steps": 400, "step_size": 0.5, "restarts": 2, "init_norm": 0.4}
        W = gd.fit(X, y, drop, rng, **params, bias=True)
    else:
        params = {"epochs": 15, "batch_size": 200, "step_size": 0.3, "restarts": 2}
        W = sgd.fit(X, y, drop, rng, **params, init_norm=0.4, bias=True)
    assert W.shape == (2, 5)
    assert np.all(W[np.arange(2), drop] == 0)
    assert np.all(np.linalg.norm(W[:, :4], axis=1) <= 1 + 1e-12)
    np.testing.assert_allclose(W[:, 4], -0.5, atol=0.05)
    np.testing.assert_allclose(W[:, :2], [[0.8, -0.6]] * 2, atol=0.05)
