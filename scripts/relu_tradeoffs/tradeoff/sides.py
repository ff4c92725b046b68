"""Both sides of the tradeoff as one tidy table: what figure ``tradeoff_sides`` draws.

Per d and eps: the correlation-SQ lower bound 2 sqrt(C(d, k) - 1)/(1 - 2 eta) (sq.py: queries
or examples, ~d^{k(eps)/2}) at the costliest k a learner of accuracy eps solves and the polynomial-regression upper bound C(d + l, l)
(upper_bound.py: features, i.e. correlation queries, ~d^{l(eps)}) at each opt level. Measured:
the exhaustive scan's CPU seconds at each k, placed at eps = gap_k / 2 (the accuracy Algorithm 1
asks of a learner to solve k, so k(eps) = k there), and degree-l least squares' CPU seconds at
its measured excess error over the ReLU reference (only where that excess is positive: on the
lifted instances the polynomial beats every ReLU, so it has no place on this axis).
"""

import math

from relu_tradeoffs.relu import INV_SQRT_2PI
from relu_tradeoffs.tradeoff.sq import cost_bound

# ``cost`` holds the computed bounds, ``seconds`` the measured points (a timing column, so
# reproducibility checks leave it out).
COLUMNS = ("series", "d", "eps", "cost", "log10_cost", "seconds", "unit", "k", "degree", "opt")
COLUMNS += ("model",)
QUERIES = "queries or examples"


def _row(**values):
    return {column: values.get(column, math.nan) for column in COLUMNS}


def hardest_k(eps: float, eta: float, c_k: dict, d: int) -> int | None:
    """The k <= d (c_k != 0) with gap_k >= 2 eps whose parities cost most at this d.

    A learner of accuracy eps solves every such k, so the largest of their bounds holds. It is
    sq.hard_k (the largest such k) while k(eps) <= d/2; beyond, C(d, k) falls again with k.
    """
    solvable = [
        k
        for k, c in c_k.items()
        if c != 0 and k <= d and (1 - 2 * eta) * abs(c) * INV_SQRT_2PI >= 2 * eps
    ]
    return max(solvable, key=lambda k: (cost_bound(d, k, eta), k)) if solvable else None


def bound_rows(eps_grid, d_grid, eta: float, c_k: dict, upper) -> list[dict]:
    """The computed lower bound at (d, eps) and the upper bound rows of upper_bound.csv at d."""
    rows = []
    for d in d_grid:
        for eps in eps_grid:
            k = hardest_k(eps, eta, c_k, d)
            if k is None:
                continue
            cost = cost_bound(d, k, eta)
            log10 = math.log10(cost) if cost > 0 else -math.inf
            rows.append(
                _row(
                    series="sq_lower", d=d, eps=eps, cost=cost, log10_cost=log10, unit=QUERIES, k=k
                )
            )
        for r in upper.itertuples():
            if r.d != d or r.degree_capped:
                continue
            rows.append(
                _row(
                    series="poly_upper",
                    d=d,
                    eps=r.eps,
                    cost=r.cost_upper,
                    log10_cost=r.log10_cost_upper,
                    unit="features (correlation queries)",
                    degree=int(r.degree),
                    opt=r.opt,
                )
            )
    return rows


def measured_rows(scaling, lowdeg) -> list[dict]:
    """The scan's CPU seconds per (k, d) at eps = gap_k / 2 and least squares' per degree at its
    positive excess error."""
    rows = []
    for r in scaling.itertuples():
        rows.append(
            _row(
                series="scan",
                d=r.d,
                eps=r.eps / 2,
                seconds=r.seconds,
                unit="CPU seconds",
                k=r.k,
            )
        )
    for r in lowdeg.itertuples():
        if not r.excess_err > 0:
            continue
        rows.append(
            _row(
                series="lowdeg",
                d=r.d,
                eps=r.excess_err,
                seconds=r.seconds,
                unit="CPU seconds",
                degree=r.degree,
                opt=r.opt,
                model=r.model,
            )
        )
    return rows
