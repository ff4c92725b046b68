"""The halfspace helpers: unit directions, the averaging direction and the exact best cut."""

import numpy as np
import pytest
from relu_tradeoffs.approx.halfspace import common


def test_unit_normalises_and_refuses_the_zero_vector():
    np.testing.assert_allclose(common.unit(np.array([3.0, 4.0])), [0.6, 0.8], atol=1e-15)
    with pytest.raises(ValueError, match="^the learner produced the zero vector"):
        common.unit(np.zeros(3))


def test_average_direction_is_the_normalised_label_weighted_mean():
    X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
    labels = np.array([1.0, -1.0, 1.0])
    expected = np.array([2.0, -1.0]) / np.sqrt(5)  # sum of label * x, normalised
    np.testing.assert_allclose(common.average_direction(X, labels), expected, atol=1e-15)


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        ([1, 1, 1, 1], -1.0),  # every label +1: cut below the smallest projection, p[0] - 1
        ([-1, -1, -1, -1], 4.0),  # every label -1: cut above the largest, p[-1] + 1
        ([-1, -1, 1, 1], 1.5),  # clean split between 1 and 2: the midpoint
        ([-1, 1, 1, 1], 0.5),
    ],
)
def test_best_threshold_on_small_cases(labels, expected):
    proj = np.array([2.0, 0.0, 3.0, 1.0])[[1, 3, 0, 2]]  # sorted 0, 1, 2, 3
    order = np.array([2, 0, 3, 1])  # shuffle: the function sorts
    assert common.best_threshold(proj[order], np.array(labels, float)[order]) == expected


def test_sigmoid_sgd_is_projected_sgd_on_the_sigmoid_loss():
    """The learner against its definition, step by step from the same generator: minibatches
    drawn with replacement, the sigmoid loss's gradient in w projected on the sphere's tangent
    space, step lr / sqrt(1 + j / 100), the bias moved by the mean derivative."""
    from relu_tradeoffs.approx.halfspace import sigmoid_sgd

    rng = np.random.default_rng(8)
    X = rng.standard_normal((400, 4))
    labels = np.where(
        X @ np.array([0.6, -0.8, 0.0, 0.0]) + 0.3 * rng.standard_normal(400) > 0.2, 1.0, -1.0
    )
    steps, batch, lr, scale = 30, 16, 0.5, 0.3
    got = sigmoid_sgd.fit(X, labels, np.random.default_rng(9), steps, batch, lr, scale)
    draw = np.random.default_rng(9)
    w = common.average_direction(X, labels)
    t = common.best_threshold(X @ w, labels)
    for j in range(steps):
        idx = draw.integers(0, 400, size=batch)
        margin = labels[idx] * (X[idx] @ w - t) / scale
        s = 1 / (1 + np.exp(margin))  # sigmoid(-margin); the loss is sigmoid(-margin)
        dloss = -s * (1 - s) * labels[idx] / scale
        grad = dloss @ X[idx] / batch
        grad = grad - (grad @ w) * w
        step = lr / np.sqrt(1 + j / 100)
        w = w - step * grad
        w = w / np.linalg.norm(w)
        t = t + step * dloss.mean()
    np.testing.assert_allclose(got, w, rtol=0, atol=1e-12)  # achieved 1e-16
    assert np.arccos(np.clip(got @ common.average_direction(X, labels), -1, 1)) > 1e-3  # it moved


def test_best_threshold_ties_go_to_the_lowest_cut():
    """Labels +1, -1 at 0 and 1: cutting below everything or above everything both err once;
    the first (lowest) cut wins."""
    assert common.best_threshold(np.array([0.0, 1.0]), np.array([1.0, -1.0])) == -1.0
