"""Theorem 4 as numbers: a correlation-query lower bound for the lifted sparse parities.

The family. For |S| = k the lifted parities chi_S(x) = prod_{i in S} sign(x_i) under N(0, I_d)
are orthonormal: E[chi_S chi_T] = 0 for S != T (the signs of a Gaussian vector are independent
uniform bits). There are D = C(d, k) of them. The lifted k-SLPN label y' in {0, 1} has
E[y' | x] = 1/2 + (1 - 2 eta) chi_S(x) / 2.

The bound (the elimination argument behind the SQ dimension of Blum, Furst, Jackson, Kearns,
Mansour and Rudich, STOC 1994; in this correlational form Szorenyi, ALT 2009, and Feldman, JCSS
2012). A correlation query phi with E[phi^2] <= 1 asks for E[phi(x) y'] to within tau. Answer
every query with E[phi]/2, the value it would have without a parity. That answer is within tau
of the truth unless |<phi, chi_S>| > t = 2 tau / (1 - 2 eta), and by Bessel's inequality
sum_S <phi, chi_S>^2 <= 1, so at most 1/t^2 supports S are excluded per query. An algorithm that
identifies S among all D must exclude D - 1 of them:

    queries >= (D - 1) t^2 = 4 (D - 1) tau^2 / (1 - 2 eta)^2.

Simulating a query to tolerance tau takes about 1/tau^2 examples, so the cost (queries, or
examples) is at least max(4 (D - 1) tau^2 / (1 - 2 eta)^2, 1 / tau^2) >= 2 sqrt(D - 1) / (1 - 2 eta)
whatever tau is: d^(k/2) up to constants.

Which k. Algorithm 1 (Theorem 3's proof) uses a ReLU learner of accuracy eps_learn = gap_k / 2
to recover a k-sparse parity, gap_k = (1 - 2 eta) |c_k| / sqrt(2 pi). So a learner of accuracy
eps solves every k with gap_k >= 2 eps, and the bound applies with k(eps), the largest such k
(odd k >= 3 have c_k = 0 and are reached by padding with the gap of k + 1, so only k with
c_k != 0 count). When every tabulated k qualifies, k(eps) is the largest tabulated one and the
row says ``k_capped`` (the bound is still valid, only weaker).
"""

import math

import numpy as np

from relu_tradeoffs.relu import INV_SQRT_2PI


def hard_k(eps: float, eta: float, c_k: dict) -> tuple[int | None, bool]:
    """The largest k (with c_k != 0) whose gap is >= 2 eps, and whether the table capped it."""
    usable = sorted(k for k, c in c_k.items() if c != 0)
    ok = [k for k in usable if (1 - 2 * eta) * abs(c_k[k]) * INV_SQRT_2PI >= 2 * eps]
    if not ok:
        return None, False
    return max(ok), max(ok) == usable[-1]


def query_bound(d: int, k: int, tau: float, eta: float) -> float:
    """4 (C(d, k) - 1) tau^2 / (1 - 2 eta)^2 correlation queries of tolerance tau."""
    if k > d:
        return float("nan")
    return 4.0 * (math.comb(d, k) - 1) * tau**2 / (1 - 2 * eta) ** 2


def cost_bound(d: int, k: int, eta: float) -> float:
    """min over tau of max(queries, 1/tau^2) = 2 sqrt(C(d, k) - 1) / (1 - 2 eta)."""
    if k > d:
        return float("nan")
    return 2.0 * math.sqrt(math.comb(d, k) - 1) / (1 - 2 * eta)


def sq_table(eps_grid, eta_grid, d_grid, tau_over_eps, c_k: dict) -> list[dict]:
    """One row per (eps, eta, d, tau): k(eps), C(d, k(eps)) and the two lower bounds."""
    rows = []
    for eps in eps_grid:
        for eta in eta_grid:
            k, capped = hard_k(eps, eta, c_k)
            for d in d_grid:
                for ratio in tau_over_eps:
                    tau = ratio * eps
                    rows.append(
                        {
                            "eps": eps,
                            "eta": eta,
                            "d": d,
                            "k": k,
                            "k_capped": capped,
                            "gap": np.nan
                            if k is None
                            else (1 - 2 * eta) * abs(c_k[k]) * INV_SQRT_2PI,
                            "parities": None if k is None else math.comb(d, k),
                            "tau": tau,
                            "queries_lower_bound": np.nan
                            if k is None
                            else query_bound(d, k, tau, eta),
                            "cost_lower_bound": np.nan if k is None else cost_bound(d, k, eta),
                        }
                    )
    return rows
