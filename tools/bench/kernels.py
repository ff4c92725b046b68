"""Speed of the hardness kernels against this machine's own roofs, measured in one run.

Every function returns tidy rows (dicts). Times are the least CPU seconds of ``repeats`` runs
(the machine is shared: CPU time is what a single-threaded kernel would take alone), and every
speed is reported beside a roof or a baseline measured by the same call.
"""

import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

import numba
import numpy as np
from relu_tradeoffs.hardness.learners import exhaustive, gd, scan
from relu_tradeoffs.parity import lift, random_support, sample_slpn
from relu_tradeoffs.pipeline.seeding import rng_for
from relu_tradeoffs.regression import loss_and_direction, project

GD_SETTINGS = {"steps": 10, "step_size": 0.5, "restarts": 1, "init_norm": 0.4}


def best_time(fn, repeats: int) -> float:
    """Least CPU seconds of ``repeats`` calls (single-threaded: on a loaded machine, the CPU time
    a call receives approximates its wall time on a quiet one, which wall clocks do not)."""
    times = []
    for _ in range(repeats):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return min(times)


def lifted(d: int, k: int, m: int):
    rng = rng_for(0, "benchmark", d, k, m)
    return lift(rng, *sample_slpn(rng, m, d, random_support(rng, d, k), 0.0))


def gemm_roofs(repeats: int, tall_m: int = 20_000, square_n: int = 1024, ds=(16, 32, 64, 128)):
    """Single-thread GEMM GFLOP/s: square n x n, and the tall-skinny shapes the learners use.

    tall-skinny fp32 is the exhaustive learner's block product (m, d) @ (d, 1024); tall-skinny
    fp64 is one gradient step of batched GD over all d coordinates: (m, d) @ (d, d), then its
    transpose product (d, m) @ (m, d), 4 m d^2 flops. Products write into preallocated arrays:
    a roof measures the arithmetic, not first-touch page faults.
    """
    rng = np.random.default_rng(0)
    rows = []

    def row(shape, dtype, d, flops, a, b):
        out = np.empty((a.shape[0], b.shape[1]), dtype=dtype)
        t = best_time(lambda: np.matmul(a, b, out=out), repeats)
        rows.append({"matrix": shape, "precision": dtype, "d": d, "gflops": flops / t / 1e9})

    for dtype in ("float32", "float64"):
        A, B = (rng.standard_normal((square_n, square_n)).astype(dtype) for _ in range(2))
        row("square", dtype, square_n, 2 * square_n**3, A, B)
    for d in ds:
        X, M = rng.standard_normal((tall_m, d)), rng.standard_normal((d, 1024))
        row(
            "tall-skinny",
            "float32",
            d,
            2 * tall_m * d * 1024,
            X.astype("float32"),
            M.astype("float32"),
        )
        W = rng.standard_normal((d, d))
        P = np.empty((tall_m, d))
        t = best_time(lambda X=X, W=W, P=P: np.matmul(np.matmul(X, W, out=P).T, X), repeats)
        rows.append(
            {
                "matrix": "tall-skinny",
                "precision": "float64",
                "d": d,
                "gflops": 4 * tall_m * d * d / t / 1e9,
            }
        )
    return rows


def square_roof(repeats: int, n: int = 1024) -> float:
    """Single-thread fp32 GFLOP/s of an n x n product (written into a preallocated array)."""
    A, B = (np.random.default_rng(0).standard_normal((n, n)).astype("float32") for _ in range(2))
    out = np.empty_like(A)
    return 2 * n**3 / best_time(lambda: np.matmul(A, B, out=out), repeats) / 1e9


def spread_subsets(d: int, k: int, n: int, windows: int = 8) -> np.ndarray:
    """About n k-subsets of range(d): ``windows`` runs of consecutive ranks spread evenly over
    all C(d, k) (the prefix runs, and so the kernel's prefix reuse, are those of a whole scan,
    not only of the first ranks)."""
    total = math.comb(d, k)
    if n >= total:
        return exhaustive.subsets(d, k)
    width = max(1, n // windows)
    starts = np.linspace(0, total - width, windows).astype(np.int64)
    return exhaustive.unrank(d, k, np.concatenate([np.arange(s, s + width) for s in starts]))


def rate(fn, work: float, repeats: int, clock=time.process_time, min_seconds: float = 0.2):
    """Work items per second of fn (``work`` items per call): the best of ``repeats`` timings,
    each of enough calls to last about ``min_seconds`` (small cases are not timer noise)."""
    start = clock()
    fn()
    calls = max(1, math.ceil(min_seconds / max(clock() - start, 1e-6)))
    times = []
    for _ in range(repeats):
        start = clock()
        for _ in range(calls):
            fn()
        times.append(clock() - start)
    return work * calls / min(times)


@numba.njit(fastmath=True)
def _op_mix(p1, p2, x, y, passes):  # pragma: no cover - compiled
    """The fused kernel's work on L1-resident arrays: per sample, two candidates, each one
    multiply-add, a ReLU and two multiply-adds into float32 sums."""
    total = 0.0
    for _ in range(passes):
        a_y = a_a = b_y = b_b = np.float32(0.0)
        for t in range(x.size):
            a = max(p1[t] + x[t], np.float32(0.0))
            b = max(p2[t] - x[t], np.float32(0.0))
            a_y += a * y[t]
            a_a += a * a
            b_y += b * y[t]
            b_b += b * b
        total += a_y + a_a + b_y + b_b
    return total


def op_mix_roof(repeats: int, n: int = scan.TILE, passes: int = 20_000) -> float:
    """Candidate-samples per second of the fused op mix on four L1-resident float32 arrays of n
    (16 KB at 1024): the compute roof of ~4 operations per candidate-sample, single thread."""
    p1, p2, x, y = np.random.default_rng(0).standard_normal((4, n)).astype(np.float32)
    _op_mix(p1, p2, x, y, 1)  # compile before timing
    return rate(lambda: _op_mix(p1, p2, x, y, passes), 2 * n * passes, repeats)


def dense_scores(X, y32, yy, T, S, block):
    """The dense reference: block_losses over the subsets T in blocks of ``block``."""
    for first in range(0, len(T), block):
        exhaustive.block_losses(X, y32, yy, T[first : first + block], S)


def exhaustive_throughput(
    repeats: int, m=20_000, ds=(16, 32, 64, 128), ks=(2, 3, 4), work=3e8, extra=()
):
    """Candidate-samples per second of the dense and the fused kernels and the op-mix roof.

    Per (d, k) of the grid ds x ks and of ``extra`` (pairs) both kernels score the same subsets
    (about ``work`` / (2 m) of them, in windows spread over all ranks; signs: parity), one
    thread, scoring only (no selection; the fused kernel's subsets in one chunk, the dense one's
    in blocks of 64 MB, as search did). The roof is measured right before each (d, k), so all
    three see the same load.
    """
    pairs = [(d, k) for d in ds for k in ks]
    pairs += [pair for pair in extra if pair not in pairs]
    X, y = lifted(max(d for d, _ in pairs), 2, m)
    X, y32 = X.astype(np.float32), y.astype(np.float32)
    yy = float(np.mean(y.astype(float) ** 2))
    return [
        kernel_rates(np.ascontiguousarray(X[:, :d]), y32, yy, k, work, repeats) for d, k in pairs
    ]


def kernel_rates(X, y32, yy, k: int, work: float, repeats: int) -> dict:
    """One row of exhaustive_throughput: both kernels and the roof at X's d and this k."""
    (m, d), S = X.shape, exhaustive.sign_patterns(k, "parity")
    T = spread_subsets(d, k, math.ceil(work / (2 * m)))
    block = exhaustive.block_size(m, len(S), 64)
    cs = 2 * len(T) * m
    roof = op_mix_roof(repeats)
    dense = rate(lambda: dense_scores(X, y32, yy, T, S / np.sqrt(k), block), cs, repeats)
    fused = rate(lambda: exhaustive.chunk_losses(X, y32, yy, T, S), cs, repeats)
    return {"d": d, "k": k, "m": m, "candidates": 2 * len(T), "threads": 1,
            "dense_candidate_samples_per_s": dense, "candidate_samples_per_s": fused,
            "speedup_vs_dense": fused / dense, "roof_op_mix_candidate_samples_per_s": roof,
            "fraction_of_op_mix_roof": fused / roof, "load_1min": os.getloadavg()[0]}  # fmt: skip


def exhaustive_threads(repeats: int, d=64, k=4, m=20_000, threads=(1, 2), work=3e9):
    """Wall-clock candidate-samples per second of the fused kernel with 1 and 2 threads (wall
    time: CPU time sums over threads); on a shared machine the gain is a lower bound."""
    X, y = lifted(d, 2, m)
    X, y32 = X.astype(np.float32), y.astype(np.float32)
    T = spread_subsets(d, k, math.ceil(work / (2 * m)))
    S = exhaustive.sign_patterns(k, "parity")
    rows = []
    for n in threads:
        fn = lambda n=n: exhaustive.chunk_losses(X, y32, 0.0, T, S, threads=n)  # noqa: E731
        rows.append(
            {"d": d, "k": k, "m": m, "candidates": 2 * len(T), "threads": n,
             "candidate_samples_per_s": rate(fn, 2 * len(T) * m, repeats, clock=time.perf_counter),
             "load_1min": os.getloadavg()[0]}
        )  # fmt: skip
    for row in rows:
        row["speedup_vs_one_thread"] = (
            row["candidate_samples_per_s"] / rows[0]["candidate_samples_per_s"]
        )
    return rows


def exhaustive_accuracy(d=16, k=4, m=2_000_000, subsets=32):
    """Relative error of the fused and the dense kernels' training losses at m against a float64
    evaluation of the same candidates on the same float32 data (subsets spread over all ranks)."""
    X, y = lifted(d, k, m)
    X, y32 = X.astype(np.float32), y.astype(np.float32)
    y64 = y32.astype(float)
    yy = float(np.mean(y64**2))
    T = spread_subsets(d, k, subsets)
    S = exhaustive.sign_patterns(k, "parity")
    exact = np.empty((len(T), len(S)))
    for c, subset in enumerate(T):
        for p, signs in enumerate(S / np.sqrt(k)):
            a = np.maximum(X[:, subset].astype(float) @ signs, 0.0)
            Ry, RR = a @ y64 / m, a @ a / m
            r = min(max(Ry / RR, 0.0), 1.0) if RR > 0 else 0.0
            exact[c, p] = yy - 2 * r * Ry + r**2 * RR
    _, fused = exhaustive.chunk_losses(X, y32, yy, T, S)
    _, dense = exhaustive.block_losses(X, y32, yy, T, S / np.sqrt(k))
    return [
        {"kernel": name, "d": d, "k": k, "m": m, "candidates": exact.size,
         "max_relative_error": float(np.max(np.abs(loss / exact - 1)))}
        for name, loss in (("fused", fused), ("dense", dense))
    ]  # fmt: skip


_JIT_JOB = """
import sys, time
start = time.process_time()  # CPU seconds: the machine may be shared
sys.path.insert(0, {scripts!r})
import numpy as np
from relu_tradeoffs.hardness.learners import exhaustive, scan
imported = time.process_time()
X = np.ones((2048, 8), dtype=np.float32)
exhaustive.search(X, X[:, 0], 3, "parity", 64)
print(imported - start, time.process_time() - imported)
"""


def jit_cost(tmp: Path):
    """CPU seconds to import the kernel (numba included) and of the first search call, in a
    fresh interpreter with an empty JIT cache (compiles) and again with the cache it wrote
    (loads). The compiler runs on one thread, so CPU time approximates a quiet machine's wall."""
    scripts = str(Path(__file__).resolve().parents[2] / "scripts")
    env = {**os.environ, "NUMBA_CACHE_DIR": str(tmp / "numba")}
    rows = []
    for cache in ("empty (compile)", "warm (load)"):
        code = _JIT_JOB.format(scripts=scripts)
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        imported, first = map(float, out.stdout.split())
        rows.append({"jit_cache": cache, "import_seconds": imported, "first_call_seconds": first})
    return rows


def naive_gd(X, y, steps: int, step_size: float, init_norm: float, coordinates):
    """The per-coordinate loop a batched learner replaces: copy X without column j, fit, repeat."""
    m, d = X.shape
    rng = np.random.default_rng(0)
    out = []
    for j in coordinates:
        Xj = np.delete(X, j, axis=1)
        w = rng.standard_normal(d - 1)
        w *= init_norm / np.linalg.norm(w)
        for _ in range(steps):
            p = Xj @ w
            g = (2.0 / m) * ((np.maximum(p, 0.0) - y) * (p > 0)) @ Xj
            w = project(w - step_size * g, "ball")
        out.append(np.insert(w, j, 0.0))
    return np.array(out)


def gd_speed(repeats: int, m=50_000, ds=(16, 32, 64, 128), naive_coordinates=8):
    """Batched GD over all d coordinates against the naive loop and the tall-skinny fp64 roof.

    The learner reads X in float32, as the pipeline stores it (rule hardness_lift); the naive
    loop and the roof get float64. The roof (one step's two products, 4 m d^2 flops) is measured
    right before the learner, so both see the same load. The naive loop costs the same for every
    coordinate: it is timed on ``naive_coordinates`` of them and scaled to d.
    """
    rows = []
    for d in ds:
        X, y = lifted(d, 2, m)
        X32, y32 = X.astype(np.float32), y.astype(np.float32)
        steps = GD_SETTINGS["steps"]
        W, P = np.random.default_rng(0).standard_normal((d, d)), np.empty((m, d))
        t_roof = best_time(lambda X=X, W=W, P=P: np.matmul(np.matmul(X, W, out=P).T, X), repeats)
        t_batched = best_time(
            lambda X=X32, y=y32, d=d: gd.fit(X, y, np.arange(d), rng_for(1, "gd"), **GD_SETTINGS),
            repeats,
        )
        few = np.arange(min(d, naive_coordinates))
        t_naive = best_time(
            lambda X=X, y=y, j=few: naive_gd(X, y, GD_SETTINGS["steps"], 0.5, 0.4, j), repeats
        )
        t_naive *= d / len(few)
        gflops = 4 * m * d * d * steps / t_batched / 1e9
        rows.append(
            {"d": d, "m": m, "steps": steps, "batched_seconds": t_batched, "naive_seconds": t_naive,
             "speedup_vs_naive": t_naive / t_batched, "gflops": gflops,
             "roof_fp64_tall_gflops": 4 * m * d * d / t_roof / 1e9,
             "fraction_of_fp64_tall_roof": gflops * t_roof / (4 * m * d * d / 1e9)}
        )  # fmt: skip
    return rows


_RSS_JOB = """
import json, sys, time
import numpy as np
sys.path.insert(0, {scripts!r})
from relu_tradeoffs.hardness.learners import exhaustive, gd, score_learners
from relu_tradeoffs.parity import lifted_chunks
job, args = {job!r}, {args!r}
start = time.process_time()  # CPU seconds: the machine may be shared
if job == "learn_gd":
    X, y = np.load(args["X"], mmap_mode="r"), np.load(args["y"], mmap_mode="r")
    gd.fit(X, y, np.arange(X.shape[1]), np.random.default_rng(0), **args["settings"])
elif job == "learn_exhaustive":
    X, y = np.load(args["X"], mmap_mode="r"), np.load(args["y"], mmap_mode="r")
    exhaustive.search(X, y, args["k"], "parity", 64)
elif job == "score":
    W = np.load(args["W"])
    d, m_train, m_val = W.shape[-1], args["m_train"], args["m_val"]
    chunks = lifted_chunks(0, d, 2, "0.0", 0, m=m_train + m_val, start=m_train, stop=m_train + m_val, chunk=65536)
    score_learners(chunks, {{"gd": [W]}}, {{"gd": {{}}}})
seconds = time.process_time() - start
# VmHWM, the peak RSS of this process image (ru_maxrss would include the forking parent's).
hwm = [line for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
print(json.dumps({{"max_rss": int(hwm.split()[1]) * 1024, "seconds": seconds}}))
"""


def run_job(job: str, args: dict) -> dict:
    """Run one job's kernel in a fresh interpreter; its peak RSS (bytes) and CPU seconds."""
    scripts = str(Path(__file__).resolve().parents[2] / "scripts")
    code = _RSS_JOB.format(scripts=scripts, job=job, args=args)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss(tmp: Path):
    """Peak RSS of a learn job (GD and the exhaustive search) and a score job against their input.

    learn: a paper-size training set (m = 400,000, d = 20, float32 on disk, as rule lift writes
    it); score: 20 x 14 hypotheses on a regenerated validation set of 2.25e6 rows at d = 14 (the
    default k = 4 size), and 64 on 1e6 rows at d = 64; a score job's input is only the weights.
    ``baseline`` is an interpreter that imported the same modules and read nothing.
    """
    tmp.mkdir(parents=True, exist_ok=True)
    X, y = lifted(20, 2, 400_000)
    np.save(tmp / "X.npy", X.astype(np.float32))
    np.save(tmp / "y.npy", y.astype(np.float32))
    np.save(tmp / "W.npy", np.random.default_rng(0).standard_normal((20, 14, 14)) * 0.1)
    np.save(tmp / "W64.npy", np.random.default_rng(0).standard_normal((1, 64, 64)) * 0.1)
    data = {"X": str(tmp / "X.npy"), "y": str(tmp / "y.npy")}
    read = (tmp / "X.npy").stat().st_size + (tmp / "y.npy").stat().st_size
    jobs = [
        ("baseline", "none", {}, 0),
        ("learn (gd, all 20 coordinates)", "learn_gd", {**data, "settings": GD_SETTINGS}, read),
        ("learn (exhaustive search, k = 2)", "learn_exhaustive", {**data, "k": 2}, read),
        ("score (2.25e6 regenerated rows)", "score", {"W": str(tmp / "W.npy"), "m_train": 50_000, "m_val": 2_250_000},
         (tmp / "W.npy").stat().st_size),
        ("score (1e6 regenerated rows, d = 64)", "score", {"W": str(tmp / "W64.npy"), "m_train": 50_000, "m_val": 1_000_000},
         (tmp / "W64.npy").stat().st_size),
    ]  # fmt: skip
    rows = []
    for name, job, args, nbytes in jobs:
        got = run_job(job, args)
        rows.append(
            {
                "job": name,
                "bytes_read": nbytes,
                "max_rss_bytes": got["max_rss"],
                "seconds": got["seconds"],
            }
        )
    base = rows[0]["max_rss_bytes"]
    for row in rows:
        row["rss_over_read"] = (
            row["max_rss_bytes"] / row["bytes_read"] if row["bytes_read"] else math.nan
        )
        row["rss_above_baseline_over_read"] = (
            (row["max_rss_bytes"] - base) / row["bytes_read"] if row["bytes_read"] else math.nan
        )
    return rows


def profiles(repeats: int, d: int = 64, m_ex: int = 20_000, m_gd: int = 50_000):
    """CPU seconds of each step of one exhaustive block and of one batched GD step at d.

    The profile behind the roof targets: which share of a kernel is the GEMM the roof measures.
    """
    X, y = lifted(d, 2, m_ex)
    X32, y32 = X.astype(np.float32), y.astype(np.float32)
    b = exhaustive.block_size(m_ex, 2, 64)
    T, S = exhaustive.unrank(d, 3, np.arange(b)), exhaustive.sign_patterns(3, "parity") / np.sqrt(3)
    M = np.zeros((d, b, 2), dtype=np.float32)
    M[T.T[:, :, None], np.arange(b)[None, :, None], np.arange(2)] = S.T[:, None, :]
    M = M.reshape(d, 2 * b)
    A = X32 @ M
    steps = {
        "exhaustive: unrank + build M": lambda: exhaustive.unrank(d, 3, np.arange(b)),
        "exhaustive: GEMM X @ M": lambda: X32 @ M,
        "exhaustive: ReLU in place": lambda: np.maximum(A, 0.0, out=A),
        "exhaustive: y @ A": lambda: y32 @ A,
        "exhaustive: column sums of A^2": lambda: np.einsum("ij,ij->j", A, A),
        "exhaustive: whole block": lambda: exhaustive.block_losses(X32, y32, 0.5, T, S),
    }
    Xg, yg = lifted(d, 2, m_gd)
    Xg32, yg32 = Xg.astype(np.float32), yg.astype(np.float32)
    W = np.random.default_rng(0).standard_normal((d, d)) * 0.1
    R = Xg @ W.T
    steps |= {
        "gd: fused loss and gradient (float32 X, row tiles)": lambda: loss_and_direction(
            Xg32, yg32, W
        ),
        "gd: GEMM X W^T alone (float64)": lambda: Xg @ W.T,
        "gd: GEMM R^T X alone (float64)": lambda: R.T @ Xg,
        "gd: project onto the ball": lambda: project(W, "ball"),
    }
    return [
        {"step": name, "d": d, "cpu_seconds": best_time(fn, repeats)} for name, fn in steps.items()
    ]
