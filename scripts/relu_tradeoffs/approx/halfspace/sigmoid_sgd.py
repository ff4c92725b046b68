"""Non-convex SGD on a sigmoid surrogate (Diakonikolas, Kontonis, Tzamos, Zarifis 2020).

Minimises E[sigmoid(-y (w.x - t) / scale)] over unit w (and a free bias t) by projected SGD:
the w-gradient is projected on the sphere's tangent space and w renormalised after each
step. Started from the averaging direction and the 0/1-best threshold along it.
"""

import numpy as np

from relu_tradeoffs.approx.halfspace.common import average_direction, best_threshold, unit


def fit(X, labels, rng, steps, batch_size, step_size, scale):
    m = X.shape[0]
    w = average_direction(X, labels)
    t = best_threshold(X @ w, labels)
    for j in range(steps):
        idx = rng.integers(0, m, size=batch_size)
        xb, yb = X[idx], labels[idx]
        s = 1.0 / (1.0 + np.exp(yb * (xb @ w - t) / scale))  # sigmoid(-margin)
        dloss = -s * (1 - s) * yb / scale  # d loss / d (w.x - t)
        grad_w = dloss @ xb / batch_size
        grad_w -= (grad_w @ w) * w
        step = step_size / np.sqrt(1.0 + j / 100.0)
        w = unit(w - step * grad_w)
        t += step * dloss.mean()
    return w
