"""The standard error of the batched square loss against its definition."""

import numpy as np
from relu_tradeoffs import relu


def test_square_loss_se_is_the_standard_error_of_the_per_example_losses():
    rng = np.random.default_rng(0)
    X, y, W = rng.standard_normal((400, 3)), rng.random(400), rng.standard_normal((2, 3))
    for i, w in enumerate(W):
        losses = (np.maximum(X @ w, 0) - y) ** 2
        expected = np.sqrt(np.sum((losses - losses.mean()) ** 2) / 399 / 400)
        assert abs(relu.square_loss_se(X, y, W)[i] - expected) < 1e-15  # achieved 0
