"""Halfspace learners under Gaussian marginals: ``fit(X, labels, rng, **params) -> unit w``.

Labels are in {-1, +1}. Algorithm 2 (the paper) asks for an agnostic learner of *homogeneous*
halfspaces sign(w.x): ``abl14`` (Awasthi, Balcan, Long 2014) and ``average`` (E[label x]) are
homogeneous. The Boolean target sign(y - alpha) is closer to a *biased* halfspace
(sign(w*.x - alpha) for a clean ReLU); the extensions' learners ``localized_hinge`` and
``sigmoid_sgd`` fit a bias as a nuisance parameter and drop it, returning the direction only.
"""

from relu_tradeoffs.approx.halfspace import abl14, average, localized_hinge, sigmoid_sgd

LEARNERS = {
    "abl14": abl14.fit,
    "average": average.fit,
    "localized_hinge": localized_hinge.fit,
    "sigmoid_sgd": sigmoid_sgd.fit,
}
HOMOGENEOUS = ("abl14", "average")
