"""docs/results.md: every measured number the docs refer to, written from the result tables.

Hand-written pages (README.md, docs/*.md) point here instead of retyping numbers, so they
cannot drift from the results (tests/workflow/test_docs.py enforces it).
"""

import pandas as pd

from relu_tradeoffs.pipeline import cost


def merge(base, overlay):
    """``overlay`` merged key by key over ``base`` (what Snakemake does with --configfile)."""
    out = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


def _table(frame):
    """A DataFrame as a Markdown table (numbers to 4 significant digits)."""
    cells = frame.map(lambda v: f"{v:.4g}" if isinstance(v, float) else str(v).replace("|", "\\|"))
    lines = ["| " + " | ".join(frame.columns) + " |", "|" + "---|" * len(frame.columns)]
    lines += ["| " + " | ".join(row) + " |" for row in cells.itertuples(index=False)]
    return "\n".join(lines)


def job_counts(configs):
    """Jobs, largest job and disk per section for each named config (the cost estimate)."""
    rows = [
        {"config": name, "section": r["section"], "jobs": r["jobs"],
         "peak memory per job (MB)": round(r["peak_mb"]), "disk, at most (MB)": round(r["disk_mb"])}
        for name, config in configs.items()
        for r in cost.estimate(config)
    ]  # fmt: skip
    return pd.DataFrame(rows)


def benchmark_summary(benchmarks):
    """Per rule: jobs benchmarked, total and median wall seconds, peak resident MB."""
    return (
        benchmarks.groupby("rule")
        .agg(
            jobs=("s", "size"),
            total_s=("s", "sum"),
            median_s=("s", "median"),
            max_rss_mb=("max_rss", "max"),
        )  # fmt: skip
        .reset_index()
    )


def recovery_rates(recovery):
    """Exact-recovery rate per learner, k and eta (over d and seeds)."""
    grouped = recovery.groupby(["learner", "k", "eta"]).exact
    return grouped.agg(runs="size", exact_rate="mean").reset_index()


def approx_slopes(slopes):
    """Pooled log-log slope of error against opt per regime, d and method, with its interval,
    the `none` floor's share of the smallest error and the points whose m_train was capped."""
    pooled = slopes[slopes.noise == "all"]
    columns = ["regime", "d", "method", "slope", "slope_low", "slope_high", "points", "seeds"]
    return pooled[columns + ["floor_share", "capped_points", "powered"]]


def tradeoff_slopes(scaling):
    """The fitted exponent of the d^k search's time in d, one row per k."""
    columns = ["k", "slope_d", "slope_d_lo", "slope_d_hi", "slope_work"]
    return scaling[columns].drop_duplicates("k").sort_values("k")


def page(summary, recovery, correlation, slopes, scaling, configs, benchmarks, config_sha256):
    """The whole Markdown page; ``config_sha256`` identifies the run's config."""
    sections = [
        "# Measured results (generated)",
        "Written by `snakemake --cores 2 docs` from the result tables of the run whose config has "
        f"SHA-256 `{config_sha256[:16]}` (`results/*/provenance.json`); do not edit. The "
        "committed page comes from the default config, `config.yaml`.",
        "## Claims summary (`results/summary.csv`)",
        _table(summary[["claim", "measured", "verdict", "reason"]]),
        "## Lemma 1: c_k (`results/theory/correlation.csv`)",
        _table(correlation[["k", "c_k", "c_k_error", "c_k_mc", "c_k_mc_se", "corr_wS"]]),
        "## Algorithm 1: exact recovery (`results/hardness/recovery.csv`)",
        _table(recovery_rates(recovery)),
        "## Algorithm 2 and rivals: slope of error against opt (`results/approx/slopes.csv`)",
        _table(approx_slopes(slopes)),
        "## The d^k wall: exponent of time in d (`results/tradeoff/scaling.csv`)",
        _table(tradeoff_slopes(scaling)),
        "## Jobs, memory and disk per config (cost estimate, equal to the dry run's job count)",
        _table(job_counts(configs)),
        "## Run time per rule (`results/benchmarks/`)",
        _table(benchmark_summary(benchmarks)) if len(benchmarks) else "No benchmarks recorded.",
    ]
    return "\n\n".join(sections) + "\n"
