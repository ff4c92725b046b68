"""Halfspace learners under Gaussian marginals, one per module: ``fit(X, labels, rng, **params)``.

Labels are in {-1, +1}; every learner returns a unit direction w. Algorithm 2's Boolean target
sign(y - alpha) is a halfspace *with* a bias (sign(w*.x - alpha) for a clean ReLU), but the
ReLU class is unbiased, so only the direction is returned: each learner carries the bias as a
nuisance parameter (fitted by :func:`best_threshold` or jointly with w) and drops it at the end.
"""

from relu_tradeoffs.approx.halfspace import abl14, average, sigmoid_sgd

LEARNERS = {"abl14": abl14.fit, "average": average.fit, "sigmoid_sgd": sigmoid_sgd.fit}
