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


# The tradeoff wing's budget: ten minutes on a 2-core laptop, so that its two title figures
# (tradeoff, tradeoff_sides) can be redrawn from scratch within a coffee break; the approx wing
# has six.
TRADEOFF_BUDGET = 600.0


def target_rows(t: dict) -> pd.DataFrame:
    """The targets against the measured values ``t`` (name -> value); a target
    whose stage has not run says so."""
    targets = [
        (
            "fused exhaustive kernel at d = 64, k = 4, one thread: speed-up over the dense one",
            "exhaustive_speedup",
            ">=",
            20.0,
        ),
        (
            "fused exhaustive kernel at d = 64, k = 4: 2 threads / 1 (wall)",
            "exhaustive_threads",
            ">=",
            1.7,
        ),
        (
            "fused exhaustive loss at m = 2e6: max relative error vs float64",
            "exhaustive_error",
            "<=",
            1e-6,
        ),
        ("config/d64k6.yaml: projected CPU-hours (fused kernel)", "d64k6_cpu_hours", "<=", 30.0),
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
        (
            "default config: `snakemake tradeoff --cores 2` wall seconds",
            "tradeoff_seconds",
            "<=",
            TRADEOFF_BUDGET,
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
        (line,) = left.plot(part.d, part.candidate_samples_per_s, "o-", label=f"fused, k = {k}")
        left.plot(part.d, part.dense_candidate_samples_per_s, "o:", color=line.get_color(),
                  label=f"dense, k = {k}")  # fmt: skip
        right.plot(part.d, part.fraction_of_op_mix_roof, "o-", label=f"fused k = {k} (op-mix roof)")
    left.plot(gd.d, gd.gflops * 1e9 / (4 * gd.d), "s--", label="batched GD (coordinate-samples/s)")
    right.plot(gd.d, gd.fraction_of_fp64_tall_roof, "s--", label="batched GD (fp64 tall-skinny)")
    left.set(xscale="log", yscale="log", xlabel="d", ylabel="work items per second")
    right.set(xscale="log", xlabel="d", ylabel="fraction of the roof", ylim=(0, 1.05))
    for ax in (left, right):
        ax.set_xticks(
            sorted(set(exhaustive.d) | set(gd.d)), labels=sorted(set(exhaustive.d) | set(gd.d))
        )
        ax.legend(fontsize=7)
    save_figure(fig, paths)


def _row(frame: pd.DataFrame, **where):
    """The first row of ``frame`` with the given column values."""
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame[mask].iloc[0]


def overhead_rows(tables: dict) -> pd.DataFrame:
    """The overhead stage's rows and the noop stage's (the default config's no-op and its
    floor). With --noop-dir both stages time the same no-op rerun: the noop stage's (later)
    row counts."""
    overhead = pd.concat([tables["overhead"], tables.get("noop")])
    return overhead.drop_duplicates("measure", keep="last").reset_index(drop=True)


def _overhead_cpu(tables: dict) -> pd.Series:
    return overhead_rows(tables).set_index("measure").cpu_seconds


def _dry_run_ratio(tables: dict) -> float:
    cpu = _overhead_cpu(tables)
    dry = [m for m in cpu.index if m.startswith("dry run config")][0]
    return cpu[dry] / cpu["dry run, plain workflow"]


# Each target's measure, in the order of target_rows' targets.
MEASURES = {
    "exhaustive_speedup": lambda t: _row(t["exhaustive"], d=64, k=4).speedup_vs_dense,
    "exhaustive_threads": lambda t: _row(t["exhaustive_threads"], threads=2).speedup_vs_one_thread,
    "exhaustive_error": lambda t: _row(t["exhaustive_accuracy"], kernel="fused").max_relative_error,
    "d64k6_cpu_hours": lambda t: _row(t["projection"], kernel="fused").cpu_hours,
    "gd_roof": lambda t: _row(t["gd"], d=64).fraction_of_fp64_tall_roof,
    "gd_speedup": lambda t: _row(t["gd"], d=64).speedup_vs_naive,
    "rss_learn": lambda t: t["rss"][t["rss"].job.str.startswith("learn (gd")].rss_over_read.iloc[0],
    "dry_run_ratio": _dry_run_ratio,
    "noop_seconds": lambda t: (cpu := _overhead_cpu(t))[
        [m for m in cpu.index if m.startswith("no-op")][-1]
    ],
    "cores_ratio": lambda t: t["cores"].seconds.iloc[0] / t["cores"].seconds.iloc[1],
    "default_gb": lambda t: t["disk"].total_bytes.iloc[0] / 1e9,
    "paper_gb": lambda t: t["disk"].total_bytes.iloc[1:].sum() / 1e9,
    "approx_seconds": lambda t: t["approx"].seconds.iloc[0],
    "tradeoff_seconds": lambda t: t["tradeoff"].seconds.iloc[0],
}


def measured_targets(tables: dict) -> dict:
    """Each target's measured value; NaN where its stage has not run."""
    out = {}
    for key, measure in MEASURES.items():
        try:
            out[key] = float(measure(tables))
        except (KeyError, IndexError):
            out[key] = math.nan
    return out


# What limits each target and what would fix it, printed under the table for every target missed.
MISS_NOTES = {
    "exhaustive_speedup": "Measured on a shared machine (load in the table): both kernels were "
    "timed by CPU time, but a neighbour on the other core shares the caches and the memory bus, "
    "which the fused kernel, at a few operations per byte, feels more than the GEMM. Rerun quietly.",
    "exhaustive_threads": "Wall time on a shared machine: the second thread got only what the "
    "neighbours left of the second core (see the load). Rerun quietly.",
    "exhaustive_error": "",
    "d64k6_cpu_hours": "Follows the fused kernel's single-thread rate at the config's own d "
    "and k (the exhaustive table's d = 64, k = 6 row), taken under the load its row shows (the "
    "kernel shares caches and memory bandwidth with the neighbours). At k = 6 a run of subsets "
    "sharing their first five coordinates is shorter than at k = 4, so prefix updates and "
    "unpaired last coordinates cost a larger share. Fix: a quad that pairs any two subsets "
    "(a prefix per candidate), or fusing the prefix update into the first pass of a run. On a "
    "virtual machine the same kernel on the same data can take markedly different CPU time "
    "from one repeat to the next (a neighbour's load on the host): the rate is the best of "
    "`--repeats`, so judge it from a run with many.",
    "gd_roof": "Profile (table below): a step is one fused pass over row tiles of the float32 "
    "X (relu_tradeoffs/regression.py): each tile is cast to float64 and goes through the two "
    "GEMMs, the ReLU, the loss and the mask in cache. What is left beyond the roof's two "
    "products is the cast and the elementwise work per tile. Fix: float32 GEMMs within a tile "
    "(float64 accumulation across tiles), if the hardness gap eps/4 tolerates the rounding.",
    "gd_speedup": "Profile: at small d the naive loop's gemv calls are already memory-bound at "
    "the same traffic per coordinate. Fix: none needed where the batched version is at its roof.",
    "rss_learn": "Why: the job holds the interpreter (the baseline row) and the touched pages of "
    "the memory-mapped float32 X (1x the data); the GD learners add O(tile x coordinates) "
    "(tested with tracemalloc). A miss means the baseline outweighs a small input.",
    "dry_run_ratio": "Why: per job, Snakemake matches every input against the outputs of "
    "dozens of rules, evaluates input functions, resources and params, and prints the job's "
    "files, log, benchmark and reason; the plain workflow's jobs have one output and nothing "
    "else. A profile spreads the cost over all of these; an ablation that dropped the code "
    "inputs (each rule lists the kernel files its script imports) and the memory callables "
    "together stayed above the target. Fewer, larger jobs do not change a per-job ratio. "
    "Fix: none that keeps a log, a benchmark, a cost-model memory and scoped reruns per job.",
    "noop_seconds": "Why: a no-op rerun still imports Snakemake, parses the workflow, "
    "validates the config, builds the whole DAG and stats every output. The overhead table's "
    "floor rows time what Snakemake alone costs here: `snakemake --version` (the import) and "
    "the no-op of a plain workflow with as many jobs; the gap between that floor and the "
    "workflow's no-op is all this workflow can remove (see the dry run). A bound at or near "
    "the plain floor cannot be met by any workflow with more to check per job.",
    "cores_ratio": "Measured on a machine shared with other jobs (see the load average): two "
    "cores were not free, so the ratio measures contention, not the DAG; rerun on a quiet "
    "machine. The small config also has a serial head (plan, data) and tail (aggregate, figures).",
    "default_gb": "",
    "approx_seconds": "Why: the fit jobs (one per regime, noise, d and seed) dominate, and in "
    "them the methods' fits and Theorem 5's chain (a profile of the slowest job, one BLAS "
    "thread: ABL14's hinge solver is the largest single part; the two reference fits are a "
    "minor one). The scaled regime trains on m = "
    "per_d_over_opt x d / opt examples up to approx.m_train_scaled.cap, several times the "
    "paper regime's m_train, so that its slope rows are not at the sample-size floor; the "
    "fits scale with m. Fix: a cheaper ABL14 inner solver, or a lower cap (at the price of "
    "underpowered slope rows at the largest d).",
    "tradeoff_seconds": "Why: the scaling points (one exhaustive scan per k and d, timed) and "
    "the Pareto budgets dominate. Fix: fewer repeats or d per k (tradeoff.scaling), fewer "
    "budgets (tradeoff.pareto).",
    "paper_gb": "Fix: store train_X as float32 only once per (d, seed) across k and eta, or "
    "regenerate the training set like the validation set.",
}


SECTIONS = [
    ("GEMM roofs (single thread, GFLOP/s)", "roofs"),
    (
        "Exhaustive scoring: dense reference (`exhaustive.block_losses`) and fused kernel "
        "(`learners/scan.py`), one thread, m = 20,000, signs = parity, against the op-mix roof",
        "exhaustive",
    ),
    ("Fused kernel with 1 and 2 threads (wall clock, d = 64, k = 4)", "exhaustive_threads"),
    ("Training losses at m = 2e6 against a float64 evaluation", "exhaustive_accuracy"),
    ("JIT: CPU seconds of the import and of the first search call, fresh interpreter", "jit"),
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
    ("`snakemake tradeoff --cores 2` on the default config, from scratch", "tradeoff"),
    ("Disk: config/paper.yaml projected from measured per-instance footprints", "disk"),
    (
        "Algorithm 1 at k = 6: `snakemake hardness_aggregate --cores 2 --configfile "
        "config/k6.yaml`, from scratch (stage k6, not in the default stages)",
        "k6",
    ),
    ("config/d64k6.yaml: projected cost on a cluster", "projection"),
]


def _header(mach) -> list[str]:
    return [
        "# Benchmarks (generated by `tools/benchmark.py`; do not edit)",
        "",
        "Written by `.venv/bin/python tools/benchmark.py --run-dir <run> --noop-dir <run>` (its "
        "stages kernels, profile, rss, overhead, noop, cores, approx, tradeoff, disk and k6 each rewrite their tables "
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
                f"the measured d = 64, k = {d64['k_rate']} single-thread rate of the dense "
                f"kernel ({d64['dense_rate']:.3g} candidate-samples/s) or the fused one "
                f"({d64['rate']:.3g}), measured on windows of the k-subsets' lexicographic "
                "order (at larger k the runs sharing a prefix are shorter, so the fused kernel "
                "updates prefixes more often per candidate and runs slower than at k = 4). "
                f"Each score job regenerates m_val = {d64['m_val']:,} rows at the measured "
                "d = 64 rate. Wall time assumes one single-threaded job per core and no queue "
                "wait."]  # fmt: skip
    if name == "exhaustive":
        return ["", "Both kernels score the same subsets (windows of consecutive ranks spread "
                "over all C(d, k)), without the per-coordinate selection, timed by CPU time. "
                "The op-mix roof is the fused kernel's inner work (per sample and candidate one "
                "multiply-add, a ReLU, two multiply-adds) on L1-resident float32 arrays, "
                "measured right before each row; `load_1min` is the machine's load average "
                "then (2 CPUs: above 1 a neighbour shared the machine)."]  # fmt: skip
    return []


def render(tables: dict, d64_counts: dict, d64: dict) -> str:
    t = measured_targets(tables)
    targets = target_rows(t)
    missed = [key for key, met in zip(t, targets.met, strict=True) if met == "**no**"]
    out = [*_header(tables["machine"]), "", "## Targets", ""]
    out += [markdown_table(targets)]
    out += ["", *[f"- **{key}**: {MISS_NOTES[key]}" for key in missed if MISS_NOTES[key]]]
    for title, name in SECTIONS:
        if name not in tables:  # a stage that has not run
            continue
        table = overhead_rows(tables) if name == "overhead" else tables[name]
        out += ["", f"## {title}", "", markdown_table(table)]
        out += _section_notes(name, t, d64_counts, d64)
    out += ["", "## Figure", "", "`results/figures/bench_kernels.{pdf,png}`: left, throughput "
            "against d (exhaustive candidate-samples/s per k; batched GD coordinate-samples/s per "
            "step); right, the fraction of the GEMM roof they reach.", ""]  # fmt: skip
    return "\n".join(out)
