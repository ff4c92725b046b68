"""Speed of the hardness kernels against this machine's own roofs, measured in one run.

Every function returns tidy rows (dicts). Times are the least CPU seconds of ``repeats`` runs
(the machine is shared: CPU time is what a single-threaded kernel would take alone), and every
speed is reported beside a roof or a baseline measured by the same call.
"""

import json
import math
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from relu_tradeoffs.hardness.learners import exhaustive, gd
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


def exhaustive_throughput(repeats: int, m=20_000, ds=(16, 32, 64), ks=(2, 3, 4), work=3e8):
    """Candidate-samples per second of exhaustive.search, and its GEMM GFLOP/s against the roof.

    Each (d, k) scores one candidate shard of about ``work`` candidate-samples (the first rank
    range; per candidate the cost does not depend on which). GEMM flops: 2 m d per candidate (the
    block product is dense in d). The fp32 square roof is measured right before each (d, k), so
    both see the same load.
    """
    rows = []
    for d in ds:
        X, y = lifted(d, 2, m)
        for k in ks:
            block = exhaustive.block_size(m, 2, 64)
            blocks = -(-math.comb(d, k) // block)
            # The first of ``parts`` shards holds blocks // parts >= the blocks ``work`` needs.
            parts = max(1, blocks // max(1, math.ceil(work / (2 * block * m))))
            start, stop = exhaustive.shard_range(d, k, block, 0, parts)
            roof32 = square_roof(repeats)
            t = best_time(
                lambda X=X, y=y, k=k, p=parts: exhaustive.search(X, y, k, "parity", 64, 0, p),
                repeats,
            )
            rate = 2 * (stop - start) * m / t
            gflops = rate * 2 * d / 1e9
            rows.append(
                {"d": d, "k": k, "m": m, "candidates": 2 * (stop - start), "seconds": t,
                 "candidate_samples_per_s": rate, "gflops": gflops, "roof_fp32_square_gflops": roof32,
                 "fraction_of_fp32_roof": gflops / roof32}
            )  # fmt: skip
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
