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
