"""What a config costs before any job runs: jobs, peak memory per job, disk and work per section.

The per-job memory formulas here are the ones the rules declare as ``mem_mb`` (first attempt),
so the preview and the scheduler agree. Everything is arithmetic on the config (no expand(),
no files), so the estimate of a config with millions of jobs takes microseconds and the guard
stops it before Snakemake builds its DAG.
"""

import math

MB = 1e6
# Bytes per entry of an instance's m_train x (d + 1) training table (d + 1: a padded odd k), per
# rule: the k-SLPN draws (int8 plus index work), the lift (half-normal draws and product in
# float64, float32 copies). The validation set is never stored: the score rule regenerates it
# val_chunk rows at a time, SCORE_BYTES per entry of a chunk.
SLPN_BYTES, LIFT_BYTES, SCORE_BYTES = 4, 26, 40
# The exhaustive search holds the float32 training set (and a float64 copy of y) plus three
# candidate blocks of block_mb.
SEARCH_BYTES = 12
# The learners hold the float64 training set plus (m x coordinates x restarts) residuals.
LEARN_BYTES = 64
# approx fit: float64 train, test and reference sets, their labels and same-sized work arrays.
APPROX_BYTES = 32
# Stored per instance: the float32 training set (the int8 draws are temporary).
STORED_BYTES = 4
# Memory of the rules whose jobs do not grow with the config (MB, first attempt); any figure
# rule (`<wing>_figure_<name>`) takes FIGURE_MB. The theory and tradeoff jobs hold fixed-size
# Monte Carlo and timing batches (their config caps the sizes); the rest read small tables.
FIXED_MB = {
    "theory_hermite": 500,
    "theory_correlation": 2000,
    "theory_claims": 3000,
    "theory_biased": 2000,
    "theory_biased_gap": 1000,
    "hardness_plan": 500,
    "hardness_merge": 500,
    "hardness_recover": 500,
    "hardness_aggregate": 2000,
    "approx_calibrate": 1500,
    "approx_aggregate": 1000,
    "approx_summary": 1000,
    "tradeoff_scaling": 4000,
    "tradeoff_pareto": 3000,
    "tradeoff_gd": 3000,
    "tradeoff_sq_bound": 500,
    "tradeoff_aggregate": 1000,
    "tradeoff_lowdeg": 3000,
    "tradeoff_upper_bound": 1000,
    "tradeoff_aggregate_lowdeg": 500,
    "tradeoff_sides": 500,
    "report_provenance": 500,
    "report_summary": 500,
    "report_docs": 500,
    "report_rulegraph": 1000,
}
FIGURE_MB = 1000
# Beyond this many jobs Snakemake's DAG build alone takes minutes (its cost per job: the
# `overhead` stage of tools/benchmark.py, docs/benchmarks.md).
DEFAULT_MAX_JOBS = 20000


def hardness_data_mb(section, d, bytes_per_entry):
    """MB of an instance's m_train x (d + 1) training array at ``bytes_per_entry``."""
    return section["m_train"] * (d + 1) * bytes_per_entry / MB


def slpn_mb(section, d):
    return 1000 + hardness_data_mb(section, d, SLPN_BYTES)


def lift_mb(section, d):
    return 1000 + hardness_data_mb(section, d, LIFT_BYTES)


def learn_mb(section, d):
    return 2000 + section["m_train"] * d * LEARN_BYTES / MB


def score_mb(section, d):
    return 1000 + section["val_chunk"] * (d + 1) * SCORE_BYTES / MB


def search_mb(section, d):
    block = section["params"].get("exhaustive", {}).get("block_mb", 64)
    return 1000 + section["m_train"] * (d + 1) * SEARCH_BYTES / MB + 3 * block


def approx_fit_mb(section, d):
    # the scaled regime's training set grows up to m_train_scaled.cap
    m_train = max(section["m_train"], section["m_train_scaled"]["cap"])
    reference = section["reference"]
    fresh = max(reference["sample_factor"] * section["m_test"], reference["train_factor"] * m_train)
    rows = m_train + section["m_test"] + fresh
    return 1000 + rows * d * APPROX_BYTES / MB


# The rules whose memory grows with the config: (config section, formula of (section, d)).
SCALED_MB = {
    "hardness_slpn": ("hardness", slpn_mb),
    "hardness_lift": ("hardness", lift_mb),
    "hardness_learn": ("hardness", learn_mb),
    "hardness_search": ("hardness", search_mb),
    "hardness_score": ("hardness", score_mb),
    "approx_fit": ("approx", approx_fit_mb),
}


def rule_mb(rule, config, d=None):
    """The memory (MB, first attempt) a job of ``rule`` declares; ``d`` for the scaled rules."""
    if rule in SCALED_MB:
        section, formula = SCALED_MB[rule]
        return formula(config[section], int(d))
    if rule in FIXED_MB:
        return FIXED_MB[rule]
    if "_figure_" in rule:
        return FIGURE_MB
    raise KeyError(f"the cost model has no memory for rule {rule!r} (pipeline/cost.py)")


def coordinate_shards(section, d):
    """Number of learn (and merge) jobs per instance: d coordinates, coords_per_job per job."""
    return -(-int(d) // section["coords_per_job"])


def hypothesis_columns(d, k, k_effective):
    """Columns of an instance's hypotheses: d, plus the padding coordinate when k was padded."""
    return int(d) + (k_effective != k)


def _fixed_peak(wing):
    return max(mb for rule, mb in FIXED_MB.items() if rule.startswith(f"{wing}_"))


def _learner_work(section, name, d, k):
    """Rough multiply-adds of one learner on one instance (all d dropped coordinates)."""
    m, p = section["m_train"], section["params"].get(name, {})
    if name == "exhaustive":
        # A product of k signs per candidate and sign class, once per bias of a biased search.
        biased = section.get("relu") == "biased"
        biases = (len(section.get("beta", [])) or 1) if biased else 1
        return m * k * 2 * math.comb(d, k) * biases
    if name == "lowdeg":
        return m * d ** (2 * p.get("degree", 2))
    passes = p.get("steps", p.get("epochs", 1)) * p.get("restarts", 1)
    return 2 * m * d * d * passes  # P = X @ W.T and G = R.T @ X per pass


def hardness(section):
    grid = section["grid"]
    per_d = len(grid["k"]) * len(grid["eta"]) * len(grid["seeds"])
    shards = sum(coordinate_shards(section, d) for d in grid["d"])
    learners = section["learners"]
    fitted = [name for name in learners if name != "exhaustive"]
    instances = per_d * len(grid["d"])
    # Per instance: slpn, lift, score, recover; fitted learners one learn job per coordinate
    # shard; exhaustive candidate_shards searches plus one merge per coordinate shard.
    searched = (instances * section["candidate_shards"] + per_d * shards) * (
        "exhaustive" in learners
    )
    plans = len(grid["k"]) * len(grid["eta"])
    # aggregate, figures errors and recovery, provenance
    jobs = plans + 4 * instances + per_d * shards * len(fitted) + searched + 4
    d_max = max(grid["d"])
    peak = {
        "slpn": slpn_mb(section, d_max),
        "lift": lift_mb(section, d_max),
        "learn": learn_mb(section, d_max),
        "search": search_mb(section, d_max),
        "score": score_mb(section, d_max),
    }
    disk = sum(section["m_train"] * (d + 1) * STORED_BYTES for d in grid["d"]) * per_d / MB
    work = sum(
        _learner_work(section, name, d, k) * len(grid["eta"]) * len(grid["seeds"])
        for name in learners
        for d in grid["d"]
        for k in grid["k"]
    )
    keys = "hardness.m_train, hardness.val_chunk, hardness.grid.d"
    return _row("hardness", jobs, peak, disk, work, keys, "hardness.grid, hardness.learners")


def theory(section):
    claims = section["claims"]
    peak = {"correlation": FIXED_MB["theory_correlation"], "claims": FIXED_MB["theory_claims"]}
    work = section["mc_samples"] * section["k_max"] + claims["samples"] * claims["d"] * len(
        claims["k"]
    ) * len(claims["eta"]) * len(claims["norms"])
    biased = section["biased"]
    work += biased["mc_samples"] * section["k_max"] * len(biased["beta"])
    # hermite, correlation, claims, biased, biased_gap, 4 figures, provenance
    return _row("theory", 10, peak, 0.0, work, "theory", "theory.k_max")


def approx(section):
    targets = {"scaled": len(section["opt"]), "paper": len(section["paper_opt"])}
    calibrations = sum(
        1 if noise == "none" else targets[regime]
        for regime in section["regimes"]
        for noise in section["noise"]
    )
    # One fit job per (regime, noise, d, seed) runs all of its opt targets.
    fits = len(section["regimes"]) * len(section["noise"]) * len(section["d"])
    fits *= len(section["seeds"])
    # collect, summary, four figures, provenance
    jobs = calibrations + fits + 7
    peak = {"approx_fit": approx_fit_mb(section, max(section["d"])), "other": _fixed_peak("approx")}
    rows = section["m_train"] + section["m_test"]
    work = (
        sum(rows * d * len(section["methods"]) * 100 for d in section["d"])
        * fits
        / len(section["d"])
    )
    keys = "approx.m_train, approx.m_test, approx.d"
    return _row("approx", jobs, peak, 0.0, work, keys, "approx.d, approx.noise, approx.seeds")


def _row(section, jobs, peak, disk_mb, work, memory_keys, job_keys):
    rule = max(peak, key=peak.get)
    return {
        "section": section,
        "jobs": int(jobs),
        "peak_mb": float(peak[rule]),
        "peak_rule": rule,
        "disk_mb": float(disk_mb),
        "work": float(work),
        "memory_keys": memory_keys,
        "job_keys": job_keys,
    }


def tradeoff(section):
    scaling = sum(len(group["k"]) * len(group["d"]) for group in section["scaling"]["grid"])
    pareto = section["pareto"]
    gd = section["gd"]
    runs = len(pareto["k"]) * len(pareto["seeds"]) * len(pareto["learners"])
    runs += len(gd["k"]) * len(gd["d"]) * len(gd["seeds"])
    # least squares: the planted ReLU, one lifted instance per pareto k, the noise models
    lowdeg = section["lowdeg"]
    runs += (1 + len(pareto["k"]) + len(lowdeg["noise"])) * len(lowdeg["seeds"])
    # sq_bound, aggregate, four figures, provenance; upper_bound, aggregate_lowdeg, sides, its figure
    jobs = scaling + runs + 7 + 4
    peak = {
        "tradeoff_scaling": FIXED_MB["tradeoff_scaling"],
        "tradeoff_lowdeg": FIXED_MB["tradeoff_lowdeg"],
        "other": FIGURE_MB,
    }
    work = scaling * section["scaling"]["timed_work"] * section["scaling"]["repeats"]
    keys = "tradeoff.scaling.timed_work"
    return _row("tradeoff", jobs, peak, 0.0, work, keys, "tradeoff.scaling.grid, tradeoff.gd")


def estimate(config):
    """One row per section: jobs, the largest job's memory (MB) and rule, disk (MB), work."""
    return [
        theory(config["theory"]),
        hardness(config["hardness"]),
        approx(config["approx"]),
        tradeoff(config["tradeoff"]),
    ]


def _fmt_mb(mb):
    return f"{mb / 1e3:,.1f} GB" if mb >= 1e3 else f"{mb:,.0f} MB"


def problems(rows, *, mem_limit_mb, free_disk_mb, max_jobs):
    """Messages naming the config keys whose estimate exceeds a limit (empty: all fits)."""
    out = []
    for r in rows:
        if r["peak_mb"] > mem_limit_mb:
            out.append(
                f"config keys {r['memory_keys']}: one {r['peak_rule']} job needs an estimated "
                f"{_fmt_mb(r['peak_mb'])}, more than the {_fmt_mb(mem_limit_mb)} available"
            )
        if r["jobs"] > max_jobs:
            out.append(
                f"config keys {r['job_keys']}: {r['section']} has {r['jobs']:,} jobs, more than "
                f"guard.max_jobs = {max_jobs:,}"
            )
    disk = sum(r["disk_mb"] for r in rows)
    if disk > free_disk_mb:
        out.append(
            f"config keys {rows[1]['memory_keys']}: the results need an estimated "
            f"{_fmt_mb(disk)} of disk, more than the {_fmt_mb(free_disk_mb)} free"
        )
    return out


def table(rows):
    """The preview printed before a run: one line per section."""
    lines = [f"{'section':<9} {'jobs':>9} {'peak memory per job':>26} {'disk <=':>10} {'work':>9}"]
    for r in rows:
        peak = f"{_fmt_mb(r['peak_mb'])} ({r['peak_rule']})"
        lines.append(
            f"{r['section']:<9} {r['jobs']:>9,} {peak:>26} {_fmt_mb(r['disk_mb']):>10} "
            f"{r['work']:>9.1e}"
        )
    return "\n".join(lines)


def limits(guard, *, machine_mb, resources_mb, free_disk_mb):
    """The guard's limits: ``guard.mem_mb`` (auto = this machine's, or --resources mem_mb)."""
    mem = guard.get("mem_mb", "auto")
    if mem == "auto":
        mem = min(machine_mb, resources_mb) if resources_mb else machine_mb
    return {
        "mem_limit_mb": mem,
        "free_disk_mb": free_disk_mb,
        "max_jobs": guard.get("max_jobs", DEFAULT_MAX_JOBS),
    }
