"""Claims 3 and 4 on simulated data: the square loss of fixed ReLUs on the lifted k-SLPN."""

import numpy as np

from relu_tradeoffs.parity import lift, random_support, sample_slpn
from relu_tradeoffs.relu import claim3_error, claim4_error


def claim_directions(d: int, support) -> dict:
    """Unit directions to test, keyed by (claim, witness name).

    Claim 3 drops a coordinate j in S: the labels are then independent of the other coordinates,
    so any w gives the same error; we use the most tempting one, the rest of S (or all other
    coordinates when k = 1). Claim 4 drops j not in S, and w_S and its one-sign-flipped twin
    are both supported on S.
    """
    support = np.asarray(support)
    k = len(support)
    rest = support[1:] if k > 1 else np.setdiff1d(np.arange(d), support)
    u3 = np.zeros(d)
    u3[rest] = 1.0
    u_s = np.zeros(d)
    u_s[support] = 1.0
    u_flip = u_s.copy()
    u_flip[support[0]] = -1.0
    return {
        (3, "rest_of_S"): u3 / np.linalg.norm(u3),
        (4, "w_S"): u_s / np.sqrt(k),
        (4, "w_S_flipped"): u_flip / np.sqrt(k),
    }


def simulate(rng, d: int, k: int, eta: float, samples: int, norms, c_k: float) -> list[dict]:
    """Empirical and analytic error of r * u for every direction u and norm r, with standard errors."""
    support = random_support(rng, d, k)
    X, y = lift(rng, *sample_slpn(rng, samples, d, support, eta))
    norms = np.asarray(norms, dtype=float)
    rows = []
    for (claim, witness), u in claim_directions(d, support).items():
        projection = np.maximum(X @ u, 0.0)  # ReLU(r u.x) = r ReLU(u.x) for r >= 0
        losses = (projection[:, None] * norms[None, :] - y[:, None]) ** 2
        if claim == 3:
            analytic = claim3_error(norms)
        else:
            analytic = claim4_error(norms, -c_k if witness == "w_S_flipped" else c_k, eta)
        for r, a, mean, se in zip(
            norms,
            analytic,
            losses.mean(axis=0),
            losses.std(axis=0, ddof=1) / np.sqrt(samples),
            strict=True,
        ):
            rows.append(
                {
                    "claim": claim,
                    "k": k,
                    "eta": eta,
                    "norm": r,
                    "analytic_err": a,
                    "empirical_err": mean,
                    "empirical_se": se,
                    "witness": witness,
                }
            )
    return rows
