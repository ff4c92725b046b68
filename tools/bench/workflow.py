"""The DAG's own costs, measured: dry runs, no-op reruns, core scaling and disk footprints.

Each function runs Snakemake in a subprocess on a throw-away copy of the project and returns
tidy rows (dicts); every time is wall-clock seconds of that subprocess.
"""

import re
import resource
import subprocess
import sys
import time
from pathlib import Path

# The project copier is the tests' (one list of what a run needs).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tests"))
from project_copy import copy_project  # noqa: E402

LAST_CPU = {"seconds": float("nan")}  # CPU seconds of the last call (itself and its jobs)


def snakemake(workdir: Path, *args) -> tuple[float, str]:
    """Wall seconds and output of one Snakemake call in ``workdir``; its CPU seconds in LAST_CPU.

    On a loaded machine a single-process call's CPU time approximates its wall time alone.
    """
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-m", "snakemake", "--directory", str(workdir), *args],
        cwd=workdir, capture_output=True, text=True, check=True,
    )  # fmt: skip
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU["seconds"] = sum(
        getattr(after, f) - getattr(before, f) for f in ("ru_utime", "ru_stime")
    )
    return time.perf_counter() - start, out.stdout + out.stderr


def job_counts(text: str) -> dict:
    """Jobs per rule from a dry run's summary table (and ``total``)."""
    return {name: int(n) for name, n in re.findall(r"^(\w+)\s+(\d+)$", text, re.M)}


PLAIN_SNAKEFILE = """
rule all:
    input: expand("out/{{i}}.txt", i=range({n}))

rule make:
    output: "out/{{i}}.txt"
    run:
        open(output[0], "w").close()
"""


def dry_run_overhead(project: Path, tmp: Path, configfile: str) -> list[dict]:
    """Dry-run seconds of ``configfile`` against a plain generated workflow of as many jobs."""
    seconds, text = snakemake(project, "--dry-run", "--cores", "1", "--configfile", configfile)
    cpu = LAST_CPU["seconds"]
    total = job_counts(text)["total"]
    plain = tmp / "plain"
    plain.mkdir(parents=True, exist_ok=True)
    (plain / "Snakefile").write_text(PLAIN_SNAKEFILE.format(n=total - 1))
    plain_seconds, plain_text = snakemake(plain, "--dry-run", "--cores", "1")
    assert job_counts(plain_text)["total"] == total
    return [
        {"measure": f"dry run {configfile}", "jobs": total, "seconds": seconds, "cpu_seconds": cpu},
        {"measure": "dry run, plain workflow", "jobs": total, "seconds": plain_seconds,
         "cpu_seconds": LAST_CPU["seconds"]},
    ]  # fmt: skip


def target_from_scratch(root: Path, tmp: Path, target: str, cores: int, configfile=None) -> dict:
    """Wall and CPU seconds of ``target`` from scratch (a fresh copy) on the default config, or
    with ``configfile`` over it; ``search_cpu_seconds``: the CPU seconds its exhaustive search
    jobs report in their benchmark files (0 if it runs none)."""
    project = copy_project(root, tmp / target)
    extra = ("--configfile", configfile) if configfile else ()
    seconds, text = snakemake(project, target, "--cores", str(cores), *extra)
    steps = re.findall(r"^(\d+) of \1 steps \(100%\) done$", text, re.M)
    search = project / "results" / "benchmarks" / "search"
    return {
        "measure": f"snakemake {target} --cores {cores} ({configfile or 'config.yaml'}, from scratch)",
        "jobs": int(steps[-1]),
        "seconds": seconds,
        "cpu_seconds": LAST_CPU["seconds"],
        "search_cpu_seconds": sum(benchmark_cpu(f) for f in search.glob("*.tsv")),
    }


def benchmark_cpu(path: Path) -> float:
    """The cpu_time column of a Snakemake benchmark file (one row per run)."""
    header, row = path.read_text().splitlines()[:2]
    return float(dict(zip(header.split("\t"), row.split("\t"), strict=True))["cpu_time"])


def noop_rerun(run_dir: Path, target: str, configfiles=()) -> dict:
    """Seconds of rerunning ``target`` in a finished run (nothing to do)."""
    extra = ("--configfile", *configfiles) if configfiles else ()
    seconds, text = snakemake(run_dir, target, "--cores", "2", *extra)
    assert "Nothing to be done" in text, text[-2000:]
    name = f"no-op rerun ({target}{', ' + ' '.join(configfiles) if configfiles else ''})"
    return {"measure": name, "jobs": 0, "seconds": seconds, "cpu_seconds": LAST_CPU["seconds"]}


def noop_floor(run_dir: Path, tmp: Path, target: str) -> list[dict]:
    """What any Snakemake no-op costs here: ``snakemake --version`` (the import alone) and a
    no-op rerun of the plain workflow with as many jobs as ``target`` has in ``run_dir`` (its
    outputs present, no metadata), the floor under the no-op rerun's CPU seconds."""
    _, text = snakemake(run_dir, target, "--dry-run", "--forceall", "--cores", "1")
    total = job_counts(text)["total"]
    plain = tmp / "plain_noop"
    (plain / "out").mkdir(parents=True, exist_ok=True)
    (plain / "Snakefile").write_text(PLAIN_SNAKEFILE.format(n=total - 1))
    for i in range(total - 1):
        (plain / "out" / f"{i}.txt").touch()
    seconds, _ = snakemake(plain, "--version")
    rows = [{"measure": "snakemake --version (import only)", "jobs": 0, "seconds": seconds,
             "cpu_seconds": LAST_CPU["seconds"]}]  # fmt: skip
    seconds, text = snakemake(plain, "--cores", "2")
    assert "Nothing to be done" in text, text[-2000:]
    rows.append({"measure": "plain workflow, no-op rerun", "jobs": total, "seconds": seconds,
                 "cpu_seconds": LAST_CPU["seconds"]})  # fmt: skip
    return rows


def cores_ratio(root: Path, tmp: Path, target: str, configfile: str) -> list[dict]:
    """Wall seconds of ``target`` from scratch with --cores 1 and --cores 2 (fresh copies)."""
    rows = []
    for cores in (1, 2):
        project = copy_project(root, tmp / f"cores{cores}")
        seconds, text = snakemake(
            project, target, "--cores", str(cores), "--configfile", configfile
        )
        rows.append(
            {
                "measure": f"{target} --cores {cores} ({configfile})",
                "jobs": cores,
                "seconds": seconds,
            }
        )
    return rows


def folder_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def instance_data_bytes(project: Path, configfile: str, instance: str) -> int:
    """Bytes one instance's data rules leave on disk under ``configfile`` (they are run here)."""
    folder = f"results/hardness/data/{instance}"
    snakemake(project, f"{folder}/train_X.npy", "--cores", "1", "--configfile", configfile)
    return folder_bytes(project / folder)
