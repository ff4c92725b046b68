"""The square loss of a ReLU and its gradient written out example by example: the independent
oracle the core's fused pass and the approx reference are checked against."""

import numpy as np


def slow_loss_grad(X, y, w, slope_at_zero=0.0, derivative=True):
    """Mean of (ReLU(w.x) - y)^2 and its gradient with ReLU'(0) = ``slope_at_zero`` (or, without
    the ReLU's derivative, 2 E[(ReLU(w.x) - y) x] / 2 = E[(ReLU(w.x) - y) x])."""
    m, d = X.shape
    loss, grad = 0.0, [0.0] * d
    for x, yi in zip(X, y, strict=True):
        p = sum(float(a) * float(b) for a, b in zip(x, w, strict=True))
        r = max(p, 0.0) - float(yi)
        loss += r * r / m
        slope = (1.0 if p > 0 else slope_at_zero if p == 0 else 0.0) if derivative else 0.5
        for j in range(d):
            grad[j] += 2.0 * slope * r * float(x[j]) / m
    return loss, np.array(grad)
