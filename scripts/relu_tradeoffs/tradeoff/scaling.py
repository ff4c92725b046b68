"""The exhaustive learner's cost against d and eps: Theorem 3's d^{Theta(log 1/eps)} wall, measured.

For each (k, d) one lifted k-SLPN instance (odd k >= 3 padded to k + 1, see
relu_tradeoffs.hardness.algorithm1) is scanned by the exhaustive learner's own scoring kernel,
``exhaustive.search``: every one of the 2 C(d', k') candidate directions is scored on m
examples (d', k' the padded sizes). What is timed is CPU time of this process
(``time.process_time``), the minimum over repeats: on a machine shared with other jobs, wall-clock
time measures the neighbours as much as the code, while CPU time and its minimum barely move.

The scan's cost is linear in the number of examples (one pass over them per candidate), so
it is timed on m_time examples, chosen so that the timed scan does about ``timed_work``
candidate-samples (at least ``m_time_min`` examples, at most ``m_time_max``), and the time is
scaled to the training size m = ceil(m_factor / eps^2) the instance is charged for; the table
keeps both numbers. A fixed amount of timed work keeps the cheap scans (k = 1 at any d) out of
the microsecond range where call overhead, not the scan, would be measured. The scan runs the
fused sparse kernel (relu_tradeoffs.hardness.learners.scan): a candidate-sample costs a few
operations whatever d' (the prefix of the first k' - 1 columns is shared by a run of last
coordinates), so the time should grow like the candidate count d'^k' / k'!; what else grows with
d' (transposing the m x d' examples, the per-coordinate selection) is linear in d' per scan and
shows only where candidates are few (k' = 1). The table reports both exponents (slope_d and
slope_work).
"""

import math
import time
from itertools import pairwise

import numpy as np

from relu_tradeoffs import parity
from relu_tradeoffs.hardness.algorithm1 import effective_k, relu_gap
from relu_tradeoffs.hardness.learners import exhaustive


def lifted_instance(rng, m: int, d: int, k: int, eta: float, odd_k: str):
    """X (m, d') float32, y' (m,) float32 and S of one lifted k-SLPN instance; d' = d + 1 if padded."""
    support = parity.random_support(rng, d, k)
    padded = effective_k(k, odd_k) != k
    drawn = parity.data_support(support, d, padded)
    X, y = parity.lift(rng, *parity.sample_slpn(rng, m, d + padded, drawn, eta))
    return X.astype(np.float32), y.astype(np.float32), support


def cpu_seconds(fn, repeats: int):
    """fn()'s result and the CPU seconds of each of ``repeats`` calls (process time, not wall)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return result, np.array(times)


def best_support(X, y, k_fit: int, block_mb: float) -> np.ndarray:
    """The support of the exhaustive learner's best candidate on (X, y) (no coordinate dropped)."""
    best = exhaustive.search(X, y, k_fit, "parity", block_mb)
    # The overall best candidate is the best avoiding any coordinate outside its own support.
    return exhaustive.unrank(X.shape[1], k_fit, [int(best[1, np.argmin(best[0])])])[0]


def timed_size(candidates: int, timed_work: float, m_time_min: int, m_time_max: int) -> int:
    """Examples to time the scan on: about timed_work / candidates, within [m_time_min, m_time_max]."""
    return int(np.clip(np.ceil(timed_work / candidates), m_time_min, m_time_max))


def scaling_point(rng, *, d, k, eta, odd_k, m_factor, timing, repeats, block_mb, max_success_work):
    """One (k, d) row: CPU time of the full scan, its work, and whether it finds S.

    The scan is charged for m = ceil(m_factor / eps^2) training examples; success (the best
    candidate is S, plus the padding coordinate) is measured on m examples only when
    candidates x m <= max_success_work, and is None otherwise. ``timing`` holds timed_work,
    m_time_min and m_time_max.
    """
    k_fit = effective_k(k, odd_k)
    eps = relu_gap(k_fit, eta)
    m = training_size(eps, m_factor)
    d_fit = d + (k_fit - k)
    candidates = 2 * math.comb(d_fit, k_fit)  # signs: parity, two patterns per subset
    measure = candidates * m <= max_success_work
    m_time = timed_size(candidates, **timing)
    X, y, support = lifted_instance(rng, max(m, m_time) if measure else m_time, d, k, eta, odd_k)
    scan = lambda: exhaustive.search(X[:m_time], y[:m_time], k_fit, "parity", block_mb)  # noqa: E731
    _, times = cpu_seconds(scan, repeats)
    success = None
    if measure:
        truth = np.append(support, d) if k_fit != k else support
        success = bool(np.array_equal(best_support(X[:m], y[:m], k_fit, block_mb), truth))
    return {
        "k": k,
        "k_effective": k_fit,
        "padded": k_fit != k,
        "d": d,
        "d_effective": d_fit,
        "eta": eta,
        "eps": eps,
        "m": m,
        "m_time": m_time,
        "candidates": candidates,
        "work": candidates * m,
        "seconds": float(times.min()) * m / m_time,
        "seconds_measured": float(times.min()),
        "seconds_repeats": times.tolist(),
        "success": success,
    }


def training_size(eps: float, m_factor: float) -> int:
    """The training size the scan is charged for: ceil(m_factor / eps^2)."""
    return int(np.ceil(m_factor / eps**2))


def log_slope(x, y) -> float:
    """Least-squares slope of log y against log x."""
    return float(np.polyfit(np.log(x), np.log(y), 1)[0])


def slope_with_interval(d, repeats, rng, n_boot: int, level: float = 0.95):
    """Fitted exponent of time in d (min over repeats per d) and a bootstrap interval.

    ``repeats`` is (n_d, R) CPU times; each bootstrap draw resamples the R repeats of every d
    (the measurement noise) and refits. Needs two distinct d; otherwise all three are NaN.
    """
    d = np.asarray(d, dtype=float)
    repeats = np.asarray(repeats, dtype=float)
    if np.unique(d).size < 2:
        return np.nan, np.nan, np.nan
    slope = log_slope(d, repeats.min(axis=1))
    picks = rng.integers(0, repeats.shape[1], size=(n_boot, *repeats.shape))
    rows = np.arange(repeats.shape[0])[:, None]
    boot = [log_slope(d, repeats[rows, pick].min(axis=1)) for pick in picks]
    lo, hi = np.quantile(boot, [(1 - level) / 2, (1 + level) / 2])
    return slope, float(lo), float(hi)


def local_slopes(d, seconds) -> list[float]:
    """Slope between consecutive d (NaN for the first): shows whether the exponent settles."""
    pairs = pairwise(zip(np.log(d), np.log(seconds), strict=True))
    return [np.nan] + [float((t1 - t0) / (x1 - x0)) for (x0, t0), (x1, t1) in pairs]


def eps_exponent(d: int, eps, seconds):
    """Fit seconds = A d^(c log(1/eps)) at fixed d: returns (c, log A); NaN with < 2 distinct eps.

    At fixed d this is (1/eps)^(c ln d): any algorithm polynomial in 1/eps fits it, so c says
    nothing about Theorem 3 (the cross-d form is ``cross_exponent``).
    """
    x = np.log(1 / np.asarray(eps, dtype=float)) * np.log(d)
    if np.unique(x).size < 2:
        return np.nan, np.nan
    c, log_a = np.polyfit(x, np.log(seconds), 1)
    return float(c), float(log_a)


Z95 = 1.959963984540054  # two-sided normal quantile at confidence level 0.95


def cross_exponent(eps, slope, lo, hi):
    """c and b of slope_d = c log(1/eps_k) + b across k, with c's 95% interval: (c, b, c_lo, c_hi).

    time = A d^(c log(1/eps)) across d means the exponent of d is linear in log(1/eps), so this
    is the form that can tell d^{log 1/eps} from poly(d/eps). Each k's slope is weighted by its
    bootstrap interval (half-width / 1.96 as its standard error); c's interval is the weighted
    least-squares one. NaN for fewer than two distinct eps; no interval with only two.
    """
    x = np.log(1 / np.asarray(eps, dtype=float))
    y = np.asarray(slope, dtype=float)
    if np.unique(x).size < 2:
        return np.nan, np.nan, np.nan, np.nan
    # A zero-width interval (no timing noise) would get infinite weight: floor the error.
    se = np.maximum((np.asarray(hi, dtype=float) - np.asarray(lo, dtype=float)) / (2 * Z95), 1e-3)
    A = np.column_stack([x, np.ones_like(x)]) / se[:, None]
    (c, b), *_ = np.linalg.lstsq(A, y / se, rcond=None)
    if x.size < 3:
        return float(c), float(b), np.nan, np.nan
    residual = y / se - A @ np.array([c, b])
    scale = max(float(residual @ residual) / (x.size - 2), 1.0)  # misfit widens, never narrows
    c_se = float(np.sqrt(np.linalg.inv(A.T @ A)[0, 0] * scale))
    return float(c), float(b), float(c - Z95 * c_se), float(c + Z95 * c_se)


def with_slopes(rows: list[dict], rng, n_boot: int, d_eps: int) -> list[dict]:
    """The scaling rows with, per k, the fitted exponent of time in d and its bootstrap interval
    (``slope_d``, ``slope_d_lo``, ``slope_d_hi``), the local slope between consecutive d, the
    exponent of the work (``slope_work``, no noise); on every row the cross-k fit of slope_d
    against log(1/eps_k) (``c_cross``, ``c_cross_b``, ``c_cross_lo``, ``c_cross_hi``) and the
    fixed-d fit seconds = A d^(c log(1/eps)) across k at d = d_eps (``c_eps``, NaN if < 2 eps
    there; it fits any polynomial algorithm, see eps_exponent)."""
    out = []
    for k in sorted({row["k"] for row in rows}):
        group = sorted((row for row in rows if row["k"] == k), key=lambda row: row["d"])
        d = [row["d"] for row in group]
        # Every repeat scaled to the charged m (m_time differs between d).
        repeats = [np.array(r["seconds_repeats"]) * r["m"] / r["m_time"] for r in group]
        slope, lo, hi = slope_with_interval(d, repeats, rng, n_boot)
        work_slope = log_slope(d, [row["work"] for row in group]) if len(d) > 1 else np.nan
        local = local_slopes(d, [row["seconds"] for row in group])
        for row, step in zip(group, local, strict=True):
            extra = {"slope_d": slope, "slope_d_lo": lo, "slope_d_hi": hi, "slope_work": work_slope}
            out.append({**row, **extra, "slope_local": step})
    per_k = {row["k"]: row for row in out if np.isfinite(row["slope_d"])}
    columns = ("eps", "slope_d", "slope_d_lo", "slope_d_hi")
    cross = cross_exponent(*([r[c] for r in per_k.values()] for c in columns))
    cross = dict(zip(("c_cross", "c_cross_b", "c_cross_lo", "c_cross_hi"), cross, strict=True))
    at = [row for row in out if row["d"] == d_eps]
    c, _ = (
        eps_exponent(d_eps, [r["eps"] for r in at], [r["seconds"] for r in at])
        if at
        else (np.nan, 0)
    )
    return [{**row, **cross, "c_eps": c} for row in out]
