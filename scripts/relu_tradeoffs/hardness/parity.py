"""k-sparse noisy parities (k-SLPN) and their Gaussian lift."""

import numpy as np


def random_support(rng, d: int, k: int) -> np.ndarray:
    """A uniformly random k-subset of range(d), sorted."""
    return np.sort(rng.choice(d, size=k, replace=False))


def sample_slpn(rng, m: int, d: int, support, eta: float):
    """m examples of k-SLPN: x uniform on {-1,1}^d, y = chi_S(x), flipped w.p. eta.

    Returns int8 arrays X (m, d) and y (m,) with entries in {-1, +1}.
    """
    X = rng.integers(0, 2, size=(m, d), dtype=np.int8) * 2 - 1
    y = np.prod(X[:, np.asarray(support)], axis=1, dtype=np.int8)
    flip = rng.random(m) < eta
    y = np.where(flip, -y, y).astype(np.int8)
    return X.astype(np.int8), y


def lift(rng, X, y):
    """Gaussian lift: x'_j = g_j x_j with g_j half-normal (so x' ~ N(0, I)), y' = (y+1)/2.

    |N(0,1)| is the half-normal law; drawn from ``rng`` directly it equals
    ``scipy.stats.halfnorm.rvs(random_state=rng)`` bit for bit (tested) without importing
    scipy.stats, which costs ~1.3 s of CPU in each of the hundreds of data jobs.
    """
    g = np.abs(rng.standard_normal(X.shape))
    return g * X, (np.asarray(y, dtype=float) + 1.0) / 2.0
