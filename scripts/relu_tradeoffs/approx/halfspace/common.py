"""Helpers shared by the halfspace learners."""

import numpy as np


def unit(w):
    norm = np.linalg.norm(w)
    if norm == 0:
        raise ValueError("the learner produced the zero vector: no direction to return")
    return w / norm


def average_direction(X, labels):
    """E[label * x], normalised: for any halfspace (biased or not) under N(0, I) it points at w*."""
    return unit(labels @ X / X.shape[0])


def best_threshold(proj, labels) -> float:
    """The t minimising the 0/1 error of sign(proj - t) on the sample (exact, by sorting).

    With t between sorted projections i-1 and i, the errors are the +1 labels below plus the
    -1 labels above; a cumulative sum gives all m + 1 cuts at once.
    """
    order = np.argsort(proj)
    p, lab = proj[order], labels[order]
    pos_below = np.concatenate(([0], np.cumsum(lab > 0)))
    neg_above = np.concatenate(([0], np.cumsum((lab < 0)[::-1])))[::-1]
    i = int(np.argmin(pos_below + neg_above))
    if i == 0:
        return float(p[0] - 1.0)
    if i == p.size:
        return float(p[-1] + 1.0)
    return float(0.5 * (p[i - 1] + p[i]))
