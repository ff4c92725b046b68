"""docs/benchmarks.md and the bench_kernels figure from the benchmark tables of one run."""

import math

import pandas as pd
from relu_tradeoffs.pipeline.plotting import apply_style, plt, save_figure


def markdown_table(frame: pd.DataFrame, digits: int = 3) -> str:
    def cell(v):
        if isinstance(v, float):
            return "nan" if math.isnan(v) else f"{v:.{digits}g}"
        return str(v)

    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    lines += [
        "| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]
    return "\n".join(lines)


def target_rows(t: dict) -> pd.DataFrame:
    """Issues 9's and 10's targets against the measured values ``t`` (name -> value); a target
    whose stage has not run says so."""
    targets = [
        (
            "exhaustive scoring at d = 64: fraction of the fp32 square roof",
            "exhaustive_roof",
            ">=",
            0.40,
        ),
        ("batched GD at d = 64: fraction of the tall-skinny fp64 roof", "gd_roof", ">=", 0.50),
        ("batched GD at d = 64: speed-up over the naive loop", "gd_speedup", ">=", 4.0),
        ("peak RSS / data read, learn job (gd)", "rss_learn", "<=", 3.0),
        ("dry run of config/paper.yaml / plain Snakemake (CPU s)", "dry_run_ratio", "<=", 2.0),
        ("no-op rerun, CPU seconds", "noop_seconds", "<=", 3.0),
        ("wall --cores 1 / --cores 2", "cores_ratio", ">=", 1.7),
        ("default config: GB under results/", "default_gb", "<=", 1.0),
        ("config/paper.yaml: projected GB under results/", "paper_gb", "<=", 10.0),
        (
            "default config: `snakemake approx --cores 2` wall seconds",
            "approx_seconds",
            "<=",
            360.0,
        ),
    ]
    rows = []
    for text, key, op, bound in targets:
        value = t.get(key, math.nan)
        met = value >= bound if op == ">=" else value <= bound
        verdict = "not measured" if math.isnan(value) else "yes" if met else "**no**"
        rows.append(
            {
                "target": text,
                "bound": f"{op} {bound:g}",
                "measured": value,
                "met": verdict,
            }
        )
    return pd.DataFrame(rows)


def figure(exhaustive: pd.DataFrame, gd: pd.DataFrame, paths):
    """bench_kernels: throughput (left) and fraction of the roof (right) against d."""
    apply_style()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 3.6))
    for k, part in exhaustive.groupby("k"):
        left.plot(part.d, part.candidate_samples_per_s, "o-", label=f"exhaustive, k = {k}")
        right.plot(
            part.d, part.fraction_of_fp32_roof, "o-", label=f"exhaustive k = {k} (fp32 square)"
        )
    left.plot(gd.d, gd.gflops * 1e9 / (4 * gd.d), "s--", label="batched GD (coordinate-samples/s)")
    right.plot(gd.d, gd.fraction_of_fp64_tall_roof, "s--", label="batched GD (fp64 tall-skinny)")
    left.set(xscale="log", yscale="log", xlabel="d", ylabel="work items per second")
    right.set(xscale="log", xlabel="d", ylabel="fraction of the GEMM roof", ylim=(0, 1.05))
    for ax in (left, right):
        ax.set_xticks(
            sorted(set(exhaustive.d) | set(gd.d)), labels=sorted(set(exhaustive.d) | set(gd.d))
        )
        ax.legend(fontsize=7)
    save_figure(fig, paths)


def measured_targets(tables: dict) -> dict:
    ex, gd, rss = (tables[n] for n in ("exhaustive", "gd", "rss"))
    overhead = pd.concat([tables["overhead"], tables.get("noop")])  # noop: the default config's
    cpu = overhead.set_index("measure").cpu_seconds
    dry = [m for m in cpu.index if m.startswith("dry run config")][0]
    wall = tables["cores"].seconds.tolist()
    return {
        "exhaustive_roof": ex[(ex.d == 64) & (ex.k == 3)].fraction_of_fp32_roof.iloc[0],
        "gd_roof": gd[gd.d == 64].fraction_of_fp64_tall_roof.iloc[0],
        "gd_speedup": gd[gd.d == 64].speedup_vs_naive.iloc[0],
        "rss_learn": rss[rss.job.str.startswith("learn (gd")].rss_over_read.iloc[0],
        "dry_run_ratio": cpu[dry] / cpu["dry run, plain workflow"],
        "noop_seconds": cpu[[m for m in cpu.index if m.startswith("no-op")][-1]],
        "cores_ratio": wall[0] / wall[1],
        "default_gb": tables["disk"].total_bytes.iloc[0] / 1e9,
        "paper_gb": tables["disk"].total_bytes.iloc[1:].sum() / 1e9,
        "approx_seconds": tables["approx"].seconds.iloc[0] if "approx" in tables else math.nan,
    }


# What limits each target and what would fix it, printed under the table for every target missed.
MISS_NOTES = {
    "exhaustive_roof": "Profile (table below): the block's GEMM runs near the tall-skinny fp32 roof "
    "(K = d = 64 is too short for the square roof), and the three memory-bound passes over the "
    "(m, block) float32 activations (ReLU in place, y @ A, column sums of A^2) plus allocating A "
    "fresh for every block take the rest. Fix: reuse one A buffer (no page faults), and fuse "
    "ReLU, y-dot and square-sum in row tiles that stay in cache (a compiled kernel).",
    "gd_roof": "Profile (table below): the two GEMMs of a step are about half of it; the ReLU "
    "residual (np.where, subtraction, comparison) and the masking are elementwise passes over "
    "(m, d) float64 arrays. Fix: a fused residual kernel (one pass), float32 iterates.",
    "gd_speedup": "Profile: at small d the naive loop's gemv calls are already memory-bound at "
    "the same traffic per coordinate. Fix: none needed where the batched version is at its roof.",
    "rss_learn": "Why: the learner converts the float32 training set to float64 (2x) and "
    "keeps (m, coordinates) residual, activity and prediction arrays (each as large as X at "
    "d coordinates). Fix: keep X in float32 (GEMM in float32, accumulate in float64) and "
    "evaluate the step in row tiles, so memory is O(tile x d) beyond the data.",
    "dry_run_ratio": "Why: per job, Snakemake evaluates input functions and checks the code "
    "inputs (each rule lists the kernel files its script imports); the plain workflow has one "
    "rule and no input functions. Fix: fewer, larger jobs (candidate_shards and coords_per_job) "
    "or caching script_code per script.",
    "noop_seconds": "Why: a no-op rerun still parses the workflow, validates the config, "
    "builds the whole DAG and stats every output. Fix: as for the dry run.",
    "cores_ratio": "Measured on a machine shared with other jobs (see the load average): two "
    "cores were not free, so the ratio measures contention, not the DAG; rerun on a quiet "
    "machine. The small config also has a serial head (plan, data) and tail (aggregate, figures).",
    "default_gb": "",
    "approx_seconds": "Why: the fit jobs (one per regime, noise, d and seed) dominate; each runs "
    "every method and two reference fits on a fresh sample 10x the test set. Fix: fewer "
    "reference steps or restarts (approx.reference), or a smaller n_calibration.",
    "paper_gb": "Fix: store train_X as float32 only once per (d, seed) across k and eta, or "
    "regenerate the training set like the validation set.",
}


SECTIONS = [
    ("GEMM roofs (single thread, GFLOP/s)", "roofs"),
    ("Exhaustive scoring (`exhaustive.search`, m = 20,000, signs = parity)", "exhaustive"),
    ("Batched GD over all d coordinates vs the naive per-coordinate loop (m = 50,000)", "gd"),
    ("Profile at d = 64 (CPU seconds per step: one exhaustive block, one GD step)", "profile"),
    ("Peak RSS of a learn and a score job against the bytes they read", "rss"),
    (
        "Snakemake overhead (wall and CPU seconds; CPU approximates a quiet machine's wall)",
        "overhead",
    ),
    (
        "`--cores 1` against `--cores 2` (wall seconds, hardness target, config/bench_cores.yaml)",
        "cores",
    ),
    ("`snakemake approx --cores 2` on the default config, from scratch", "approx"),
    ("Disk: config/paper.yaml projected from measured per-instance footprints", "disk"),
    ("config/d64k6.yaml: projected cost on a cluster", "projection"),
]


def _header(mach) -> list[str]:
    return [
        "# Benchmarks (generated by `tools/benchmark.py`; do not edit)",
        "",
        "Written by `.venv/bin/python tools/benchmark.py --run-dir <run> --noop-dir <run>` (its "
        "stages kernels, profile, rss, overhead, noop, cores, approx and disk each rewrite their tables "
        "under `results/benchmarks/`; every call renders this page from all of them). "
        "Kernels run single-threaded (one BLAS thread, as in the pipeline's jobs); a kernel's time "
        "is its least CPU time over the repeats, which on a shared machine approximates its wall "
        "time alone; each roof is measured right before the kernel it bounds. Every speed is a "
        "ratio to a roof or baseline measured in this run. "
        f"Load average (1 min) at the start {mach.load_1min.iloc[0]:.1f} and at the end "
        f"{mach.load_1min.iloc[-1]:.1f} on {int(mach.cpus.iloc[0])} CPUs (per stage in "
        "`machine_*.csv`): above the CPU count the machine was shared, and wall times (the "
        "cores ratio, the RSS jobs' seconds) are pessimistic. SLURM per stage "
        f"({', '.join(_slurm_states(mach))}): where SLURM's client tools are installed but "
        "their controller is unreachable, the SLURM executor plugin waits on them for seconds "
        "of wall time (not CPU) whenever Snakemake starts (see docs/cluster.md).",
    ]


def _slurm_states(mach) -> list[str]:
    """'<state>: <stages>' per SLURM state seen at a stage's start or end."""
    if "slurm" not in mach:
        return ["not recorded"]
    known = mach.dropna(subset=["slurm"])
    stages = known.stage.str.split().str[0]
    return [
        f"{state}: {', '.join(dict.fromkeys(stages[known.slurm == state]))}"
        for state in dict.fromkeys(known.slurm)
    ] or ["not recorded"]


def _section_notes(name, t, d64_counts, d64) -> list[str]:
    """The prose under the disk and projection tables."""
    if name == "disk":
        return ["", f"Default config: {t['default_gb']:.3f} GB under `results/` for "
                "`snakemake --cores 2 hardness` (first row: bytes of a run's results/, scaled to all instances if it "
                "was unfinished; the validation sets are regenerated, not stored). "
                "Paper: data bytes measured by running its data rules for one instance per d; "
                "other bytes (fits, scores, logs) per instance from the default run, scaled "
                f"by learners x training sizes; total {t['paper_gb']:.2f} GB."]  # fmt: skip
    if name == "projection":
        counts = ", ".join(f"{r} {n}" for r, n in d64_counts.items() if r != "total")
        return ["", f"Dry run: {d64['jobs']} jobs ({counts}). Each search job scores its "
                f"share of 2 C(64, 6) candidates on m_train = {d64['m_train']:,} examples at "
                f"the measured d = 64 rate of {d64['rate']:.3g} candidate-samples/s; "
                f"each score job regenerates m_val = {d64['m_val']:,} rows at the measured "
                "d = 64 rate. Wall time assumes one job per core and no queue wait."]  # fmt: skip
    return []


def render(tables: dict, d64_counts: dict, d64: dict) -> str:
    t = measured_targets(tables)
    targets = target_rows(t)
    missed = [key for key, met in zip(t, targets.met, strict=True) if met == "**no**"]
    out = [*_header(tables["machine"]), "", "## Targets (issues 9 and 10)", ""]
    out += [markdown_table(targets)]
    out += ["", *[f"- **{key}**: {MISS_NOTES[key]}" for key in missed if MISS_NOTES[key]]]
    for title, name in SECTIONS:
        if name not in tables:  # a stage that has not run
            continue
        out += ["", f"## {title}", "", markdown_table(tables[name])]
        out += _section_notes(name, t, d64_counts, d64)
    out += ["", "## Figure", "", "`results/figures/bench_kernels.{pdf,png}`: left, throughput "
            "against d (exhaustive candidate-samples/s per k; batched GD coordinate-samples/s per "
            "step); right, the fraction of the GEMM roof they reach.", ""]  # fmt: skip
    return "\n".join(out)
