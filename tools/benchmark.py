"""Benchmark suite: kernels against this machine's GEMM roofs, the DAG's own costs, disk.

    .venv/bin/python tools/benchmark.py [kernels] [profile] [rss] [overhead] [noop] [cores] [approx] [tradeoff] [disk] [k6] [render] --run-dir <default run>

Writes results/benchmarks/{machine_*,roofs,exhaustive,gd,profile,rss,overhead,cores,approx,tradeoff,disk,k6,projection}.csv,
the figure results/figures/bench_kernels.{pdf,png} and docs/benchmarks.md (generated: do not
edit). Timed tests are flaky on shared machines; this writes numbers to files instead, every
speed beside a roof or baseline measured in the same run. ``--run-dir`` is a finished run of the
default config (for the no-op rerun and its disk footprint). Each stage rewrites its tables;
every call renders the report from all tables present (``render`` alone only renders).
"""

import os

# Measure single-threaded kernels, as the pipeline runs them (one BLAS thread per job).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import math  # noqa: E402
import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import pandas as pd  # noqa: E402
import yaml  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from bench import kernels as kb  # noqa: E402
from bench import report  # noqa: E402
from bench import workflow as wb  # noqa: E402
from relu_tradeoffs.hardness.algorithm1 import relu_gap, validation_size  # noqa: E402
from relu_tradeoffs.pipeline.io import atomic_path, write_csv  # noqa: E402


def slurm_state():
    """absent, up or unreachable: with SLURM's client tools installed but no controller, the
    SLURM executor plugin's import waits on them (seconds per Snakemake call, not CPU)."""
    if shutil.which("sinfo") is None:
        return "absent"
    try:
        up = subprocess.run(["sinfo", "-h"], capture_output=True, timeout=30).returncode == 0
    except subprocess.TimeoutExpired:
        up = False
    return "up" if up else "unreachable"


def machine(stage):
    load = os.getloadavg()
    return {"stage": stage, "load_1min": load[0], "load_5min": load[1], "load_15min": load[2],
            "cpus": os.cpu_count(), "slurm": slurm_state()}  # fmt: skip


def paper_disk(project, run_dir, tmp):
    """Projected bytes under results/ for config/paper.yaml: instances x measured footprints."""
    paper = yaml.safe_load((ROOT / "config/paper.yaml").read_text())["hardness"]
    default = yaml.safe_load((ROOT / "config.yaml").read_text())["hardness"]
    grid = paper["grid"]
    n_default = math.prod(len(v) for v in default["grid"].values())
    other = wb.folder_bytes(run_dir / "results") - wb.folder_bytes(
        run_dir / "results/hardness/data"
    )
    fits_scale = (len(paper["learners"]) * (len(paper["m_train_sweep"]) + 1)) / (
        len(default["learners"]) * (len(default["m_train_sweep"]) + 1))  # fmt: skip
    rows = []
    for d in grid["d"]:
        data = wb.instance_data_bytes(project, "config/paper.yaml", f"d{d}_k2_eta0.0_seed0")
        n = len(grid["k"]) * len(grid["eta"]) * len(grid["seeds"])
        rows.append({"config": "config/paper.yaml", "d": d, "instances": n, "data_bytes_per_instance": data,
                     "other_bytes_per_instance": other / n_default * fits_scale,
                     "total_bytes": n * (data + other / n_default * fits_scale)})  # fmt: skip
    return rows


def d64k6_size() -> tuple[int, int]:
    """(d, k) of config/d64k6.yaml."""
    grid = yaml.safe_load((ROOT / "config/d64k6.yaml").read_text())["hardness"]["grid"]
    return grid["d"][0], grid["k"][0]


def projection(d64_counts, exhaustive, rss, cores=(100, 1000)):
    """config/d64k6.yaml: work per search job at the single-thread rates of the dense and the
    fused kernel measured at its own d and k (else at the largest k measured at its d), CPU
    and wall hours."""
    cfg = yaml.safe_load((ROOT / "config/d64k6.yaml").read_text())["hardness"]
    d, k = d64k6_size()
    at_d = exhaustive[exhaustive.d == d]
    at = at_d[at_d.k == (k if k in set(at_d.k) else at_d.k.max())].iloc[0]
    shards, m = cfg["candidate_shards"], cfg["m_train"]
    work = 2 * math.comb(d, k) / shards * m
    eta = cfg["grid"]["eta"][0]
    m_val = validation_size(relu_gap(k, eta), cfg["m_val"], cfg["m_val_max"])["m_val"]
    score_s = (
        m_val * rss[rss.job.str.contains("d = 64")].seconds.iloc[0] / 1e6
    )  # the rss stage times the score job on 1e6 rows
    searches, scores = d64_counts["hardness_search"], d64_counts["hardness_score"]
    rows = []
    for kernel, rate in (
        ("dense", at.dense_candidate_samples_per_s),
        ("fused", at.candidate_samples_per_s),
    ):
        job_s = work / rate
        rows += [{"kernel": kernel, "cores": c, "search_jobs": searches, "candidate_samples_per_job": work,
                  "seconds_per_search_job": job_s, "score_jobs": scores, "seconds_per_score_job": score_s,
                  "cpu_hours": (searches * job_s + scores * score_s) / 3600,
                  "wall_hours": (math.ceil(searches / c) * job_s + score_s) / 3600} for c in cores]  # fmt: skip
    info = {"jobs": d64_counts["total"], "rate": at.candidate_samples_per_s, "k_rate": int(at.k),
            "dense_rate": at.dense_candidate_samples_per_s, "m_val": m_val, "m_train": m}  # fmt: skip
    return rows, info


def kernels(args):
    with tempfile.TemporaryDirectory() as tmp:
        jit = kb.jit_cost(Path(tmp))
    return {
        "roofs": kb.gemm_roofs(args.repeats),
        # config/d64k6.yaml's own (d, k) too: its projection uses the rate at its k.
        "exhaustive": kb.exhaustive_throughput(args.repeats, extra=[d64k6_size()]),
        "exhaustive_threads": kb.exhaustive_threads(args.repeats),
        "exhaustive_accuracy": kb.exhaustive_accuracy(),
        "jit": jit,
        "gd": kb.gd_speed(args.repeats),
    }


def profile(args):
    return {"profile": kb.profiles(args.repeats)}


def rss(args):
    with tempfile.TemporaryDirectory() as tmp:
        return {"rss": kb.peak_rss(Path(tmp))}


def default_footprint(run_dir):
    """Bytes under results/ of a run of the default config; scaled to all instances if unfinished."""
    grid = yaml.safe_load((ROOT / "config.yaml").read_text())["hardness"]["grid"]
    total = math.prod(len(v) for v in grid.values())
    done = len(list((run_dir / "results/hardness/recovered").glob("*.json")))
    measured = wb.folder_bytes(run_dir / "results")
    return {"config": f"config.yaml ({done} of {total} instances done, scaled to all)",
            "instances": total, "measured_bytes": measured, "total_bytes": measured * total / max(done, 1)}  # fmt: skip


def overhead(args):
    """Dry runs (paper, a plain workflow, d64k6) and a no-op rerun of a finished run."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = wb.copy_project(ROOT, tmp / "project")
        rows = wb.dry_run_overhead(project, tmp, "config/paper.yaml")
        if args.noop_dir:
            rows.append(wb.noop_rerun(args.noop_dir, "hardness"))
        else:
            wb.snakemake(project, "hardness", "--cores", "2", "--configfile", ".test/config.yaml")
            rows.append(wb.noop_rerun(project, "hardness", (".test/config.yaml",)))
        dry = wb.snakemake(
            project, "hardness", "-n", "--cores", "1", "--configfile", "config/d64k6.yaml"
        )
    d64 = pd.DataFrame([{"rule": rule, "jobs": n} for rule, n in wb.job_counts(dry[1]).items()])
    return {"overhead": rows, "d64k6_jobs": d64}


def noop(args):
    """A no-op rerun of the hardness target in a finished run of the default config, next to
    the floor: the same no-op of a plain workflow with as many jobs."""
    with tempfile.TemporaryDirectory() as tmp:
        floor = wb.noop_floor(args.noop_dir, Path(tmp), "hardness")
    return {"noop": [*floor, wb.noop_rerun(args.noop_dir, "hardness")]}


def cores(args):
    """Wall seconds of the hardness target of config/bench_cores.yaml with --cores 1 and 2."""
    with tempfile.TemporaryDirectory() as tmp:
        return {"cores": wb.cores_ratio(ROOT, Path(tmp), "hardness", "config/bench_cores.yaml")}


def approx(args):
    """The approx budget: the approx target of the default config from scratch on 2 cores."""
    with tempfile.TemporaryDirectory() as tmp:
        return {"approx": [wb.target_from_scratch(ROOT, Path(tmp), "approx", 2)]}


def tradeoff(args):
    """The tradeoff budget: the tradeoff target of the default config from scratch on 2 cores."""
    with tempfile.TemporaryDirectory() as tmp:
        return {"tradeoff": [wb.target_from_scratch(ROOT, Path(tmp), "tradeoff", 2)]}


def k6(args):
    """config/k6.yaml's tables (hardness_aggregate) from scratch on 2 cores: Algorithm 1 at
    k = 6 with the fused kernel, its search jobs' share of the CPU."""
    with tempfile.TemporaryDirectory() as tmp:
        row = wb.target_from_scratch(ROOT, Path(tmp), "hardness_aggregate", 2, "config/k6.yaml")
    return {"k6": [row]}


def disk(args):
    with tempfile.TemporaryDirectory() as tmp:
        project = wb.copy_project(ROOT, Path(tmp) / "project")
        return {"disk": [default_footprint(args.run_dir), *paper_disk(project, args.run_dir, tmp)]}


STAGES = {
    "kernels": kernels,
    "profile": profile,
    "rss": rss,
    "overhead": overhead,
    "noop": noop,
    "cores": cores,
    "approx": approx,
    "tradeoff": tradeoff,
    "disk": disk,
    "k6": k6,
    "render": None,
}


DEFAULT = "kernels profile rss overhead cores approx tradeoff disk"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # Stages are checked by hand: argparse checks an omitted nargs="*" positional's default
    # against `choices` as one value and rejects it.
    parser.add_argument("stages", nargs="*", help=f"of {', '.join(STAGES)}; default: {DEFAULT}")
    parser.add_argument("--run-dir", type=Path, help="a run of the default config (disk footprint)")
    parser.add_argument(
        "--noop-dir", type=Path, help="a finished default run (else: the test config)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "results/benchmarks")
    args = parser.parse_args()
    unknown = [s for s in args.stages if s not in STAGES]
    if unknown:
        parser.error(f"unknown stage(s) {', '.join(unknown)}: choose from {', '.join(STAGES)}")
    for stage in (s for s in args.stages or DEFAULT.split() if STAGES[s]):
        before = machine(f"{stage} start")
        tables = STAGES[stage](args)
        tables[f"machine_{stage}"] = [before, machine(f"{stage} end")]
        for name, frame in tables.items():
            write_csv(pd.DataFrame(frame), args.out / f"{name}.csv")
    tables = {p.stem: pd.read_csv(p) for p in args.out.glob("*.csv")}
    tables["machine"] = pd.concat(
        [tables.pop(n) for n in sorted(tables) if n.startswith("machine_")]
    )
    d64 = tables["d64k6_jobs"].set_index("rule").jobs.to_dict()
    rows, d64_info = projection(d64, tables["exhaustive"], tables["rss"])
    tables["projection"] = pd.DataFrame(rows)
    write_csv(tables["projection"], args.out / "projection.csv")
    figure = [ROOT / f"results/figures/bench_kernels.{ext}" for ext in ("pdf", "png")]
    report.figure(tables["exhaustive"], tables["gd"], figure)
    text = report.render(tables, d64, d64_info)
    with atomic_path(ROOT / "docs/benchmarks.md") as tmp:
        tmp.write_text(text)
    print(text)


if __name__ == "__main__":
    main()
