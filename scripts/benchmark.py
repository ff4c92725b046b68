"""Kernel benchmarks: medians of repeated runs and speed-up ratios measured in one run.

    .venv/bin/python scripts/benchmark.py [--repeats 5] [--out results/benchmarks/kernels.csv]

Timed tests are flaky on shared machines; this writes numbers to a file instead. Each row is one
(benchmark, variant); ``ratio`` is the variant's median over the baseline's median of the same
benchmark, both measured in this run.
"""

import os

# Measure the algorithms, not BLAS thread oversubscription (the pipeline runs jobs single-threaded).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))

from relu_tradeoffs import correlation  # noqa: E402
from relu_tradeoffs.hardness.learners import exhaustive, gd  # noqa: E402
from relu_tradeoffs.hardness.parity import lift, random_support, sample_slpn  # noqa: E402
from relu_tradeoffs.pipeline.io import write_csv  # noqa: E402
from relu_tradeoffs.pipeline.seeding import rng_for  # noqa: E402


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def lifted(d, k, m):
    rng = rng_for(0, "benchmark", d, k, m)
    return lift(rng, *sample_slpn(rng, m, d, random_support(rng, d, k), 0.0))


def benchmarks(repeats):
    d, m = 16, 20_000
    X, y = lifted(d, 2, m)
    drop = np.arange(d)
    gd_params = {"steps": 100, "step_size": 0.5, "restarts": 1, "init_norm": 0.4}
    yield (
        "gd_shard_of_16",
        "batched (one matrix product per step)",
        "baseline",
        timed(lambda: gd.fit(X, y, drop, rng_for(1, "gd"), **gd_params), repeats),
    )
    yield (
        "gd_shard_of_16",
        "one fit per coordinate",
        "batched (one matrix product per step)",
        timed(
            lambda: [gd.fit(X, y, drop[i : i + 1], rng_for(1, "gd"), **gd_params) for i in drop],
            repeats,
        ),
    )
    X4, y4 = lifted(12, 4, m)
    drop12 = np.arange(12)
    yield (
        "exhaustive_d12_k4",
        "candidates scored once",
        "baseline",
        timed(lambda: exhaustive.fit(X4, y4, drop12, None, k=4), repeats),
    )
    yield (
        "exhaustive_d12_k4",
        "scored again per coordinate",
        "candidates scored once",
        timed(
            lambda: [exhaustive.fit(X4, y4, drop12[i : i + 1], None, k=4) for i in drop12], repeats
        ),
    )
    yield (
        "c_k_series_k14",
        "n_max=4000 (log-space convolution)",
        "baseline",
        timed(lambda: correlation.series(14, 4000), repeats),
    )
    yield (
        "c_k_series_k14",
        "dawson integral (cross-check)",
        "n_max=4000 (log-space convolution)",
        timed(lambda: correlation.dawson_integral(14), repeats),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--out", default="results/benchmarks/kernels.csv")
    args = parser.parse_args()
    rows = []
    for name, variant, baseline, times in benchmarks(args.repeats):
        rows.append(
            {
                "benchmark": name,
                "variant": variant,
                "baseline": baseline,
                "repeats": len(times),
                "median_seconds": statistics.median(times),
                "min_seconds": min(times),
            }
        )
        print(f"{name:22s} {variant:40s} median {statistics.median(times):.4f} s", flush=True)
    table = pd.DataFrame(rows)
    medians = table.set_index(["benchmark", "variant"]).median_seconds
    table["ratio"] = [
        1.0
        if row.baseline == "baseline"
        else row.median_seconds / medians[(row.benchmark, row.baseline)]
        for row in table.itertuples()
    ]
    write_csv(table, args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
