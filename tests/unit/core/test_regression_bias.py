"""The biased regression's projection and returned step mapping against independent
computations: w projected, b left free (integer input included), a single vector as one row,
and the final gradient mapping of masked and biased rows recomputed from its definition."""

import numpy as np
import pytest
from relu_tradeoffs.regression import loss_and_direction, project, projected_descent


def test_the_bias_is_free_even_for_integer_input():
    """[w, b] = [3, 4, 7]: w goes to the unit ball's (0.6, 0.8), b stays 7."""
    np.testing.assert_allclose(project(np.array([[3, 4, 7]]), "ball", bias=True), [[0.6, 0.8, 7]])
    np.testing.assert_allclose(project(np.array([[3, 4, 7]]), "sphere", bias=True), [[0.6, 0.8, 7]])


def test_a_vector_is_projected_as_one_row():
    np.testing.assert_allclose(project(np.array([3.0, 4.0]), "ball"), [0.6, 0.8])
    np.testing.assert_allclose(project(np.array([0.3, 0.4]), "ball"), [0.3, 0.4])


def test_no_steps_leave_a_feasible_biased_start_as_it_is():
    """A start with ||w|| <= 1 and a large bias is already in the biased class."""
    X = np.random.default_rng(0).standard_normal((50, 2))
    start = np.array([[0.6, 0.0, 5.0]])
    fit = projected_descent(X, X[:, 0], start, steps=0, step_size=0.1, constraint="ball", bias=True)
    np.testing.assert_array_equal(fit.W, start)


@pytest.mark.parametrize("bias", [False, True])
def test_the_returned_mapping_is_the_last_projected_step_over_the_step_size(bias):
    """mapping = ||w - P(w - s m g)|| / s at the returned w, with the row's mask m and the
    projection of the class (b free with bias); a masked coordinate must not blow it up."""
    rng = np.random.default_rng(1)
    X = rng.standard_normal((400, 3))
    y = np.maximum(X @ [0.5, -0.4, 0.3] + (1.5 if bias else 0.0), 0.0)
    width = 4 if bias else 3
    starts = 0.3 * rng.standard_normal((2, width))
    mask = np.ones((2, width))
    mask[1, 0] = 0.0
    starts *= mask
    s = 0.4
    fit = projected_descent(
        X, y, starts, steps=3, step_size=s, constraint="ball", mask=mask, bias=bias
    )
    _, g = loss_and_direction(X, y, fit.W, bias=bias)
    moved = project(fit.W - s * g * mask, "ball", bias)
    expected = np.linalg.norm(fit.W - moved, axis=1) / s
    np.testing.assert_allclose(fit.mapping, expected, rtol=1e-12)
    assert np.all(np.isfinite(fit.mapping)) and np.all(expected > 0)
