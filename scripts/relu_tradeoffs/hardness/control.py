"""Theorem 3's negative control: a "learner" that returns a random k-subset for every S_j.

Its hypotheses are scored, thresholded and tabled exactly as a learner's (rows with learner =
``algorithm1.CONTROL``), so Algorithm 1's recovery criterion is applied to it unchanged. A random
subset T != S is uncorrelated with the lifted parity (a coordinate of S outside T averages the
label out), so its error sits at Claim 3's floor whether or not j is in S and every coordinate
looks relevant: exact recovery must fail. A criterion that this control also passes cannot tell
a learner that finds S from one that does not.
"""

import numpy as np

from relu_tradeoffs.hardness.algorithm1 import CONTROL
from relu_tradeoffs.hardness.learners import Learner
from relu_tradeoffs.relu import INV_SQRT_2PI
from relu_tradeoffs.relu import predict as relu_predict


def fit(X, y, drop, rng, *, k, witness=None) -> np.ndarray:
    """The learner interface (outside learners.REGISTRY, so never a config choice): ignores the data, W[i] is a uniform k-subset of
    the columns of X other than drop[i], at Claim 3's best norm.

    The weights are 1/sqrt(2 pi) * s / sqrt(k) on the subset, s the sign pattern of the learners'
    witness (one coordinate flipped when k = 0 mod 4, where c_k < 0), zero elsewhere. With a
    biased ``witness`` (the plan's: norm r and bias) the weights are r s / sqrt(k) and a last
    column holds the bias, the hypothesis ReLU(w.x + b) of the biased learners.
    """
    signs = np.ones(k)
    if k % 4 == 0:
        signs[0] = -1.0
    columns = X.shape[1]
    norm = INV_SQRT_2PI if witness is None else witness["r"]
    W = np.zeros((len(drop), columns if witness is None else columns + 1))
    for i, j in enumerate(drop):
        subset = rng.choice(np.delete(np.arange(columns), j), size=k, replace=False)
        W[i, np.sort(subset)] = norm * signs / np.sqrt(k)
    if witness is not None:
        W[:, columns] = witness["bias"]
    return W


def _predict(X, W, **_):
    return relu_predict(X, W)


LEARNER = Learner(CONTROL, fit, _predict, proper=True, needs_k=True)
