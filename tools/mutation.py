"""Mutation testing of the kernel package with mutmut; writes docs/mutation.md.

    .venv/bin/python tools/mutation.py                      # full run -> docs/mutation.md
    .venv/bin/python tools/mutation.py --only noise.py      # one module -> .mutation/report.md

mutmut names a mutant after its file's path and records which tests reach it by the module
name the tests import; our tests import ``relu_tradeoffs`` from ``scripts/`` (pytest's
``pythonpath``), which mutmut cannot map. So the run happens in a staging copy of the project,
``.mutation/`` (git-ignored), with the package at ``src/relu_tradeoffs`` (a layout mutmut
understands) and the fast unit tests (``-m "not e2e and not slurm"``) as the runner. The rest of
the project (rule scripts, workflow, configs) is copied too, unmutated, for the tests that read
it. Surviving mutants are matched against ``tools/mutation_survivors.yaml``, where each
is explained as ``equivalent`` (no test can tell it from the original) or ``accepted`` (a real
change the fast tests leave to the end-to-end tests, or not worth a test); the score is the
share of non-equivalent mutants killed. Not part of CI: a full run takes tens of minutes.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "relu_tradeoffs"
STAGE = ROOT / ".mutation"
SURVIVORS = ROOT / "tools" / "mutation_survivors.yaml"
REPORT = ROOT / "docs" / "mutation.md"
# Everything the tests may read is copied, except run outputs and caches.
SKIPPED = {".git", ".mutation", ".venv", ".snakemake", "results", ".pytest_cache", ".ruff_cache"}
FAST_TESTS = ["-m", "not e2e and not slurm", "-p", "no:cacheprovider", "-x", "-q"]
KILLED = {"killed", "timeout", "caught by type check"}


def mutmut_config(only: list[str]) -> str:
    """The [tool.mutmut] table of the staged pyproject.toml."""
    table = {
        "source_paths": [f"src/{PACKAGE}"],
        "only_mutate": [f"src/{PACKAGE}/{pattern}" for pattern in only],
        "also_copy": copied(),
        "pytest_add_cli_args": FAST_TESTS,
        "use_git_change_detection": False,
    }
    lines = ["[tool.mutmut]"]
    for key, value in table.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {str(value).lower()}")
        else:
            lines.append(f"{key} = [{', '.join(repr(v) for v in value)}]".replace("'", '"'))
    return "\n".join(lines) + "\n"


def copied() -> list[str]:
    return sorted(p.name for p in ROOT.iterdir() if p.name not in SKIPPED | {"pyproject.toml"})


def stage(only: list[str]) -> None:
    """A fresh copy of the project with the package moved to src/ and mutmut configured."""
    shutil.rmtree(STAGE, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for item in copied():
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, STAGE / item, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(src, STAGE / item)
    shutil.copytree(ROOT / "scripts" / PACKAGE, STAGE / "src" / PACKAGE, ignore=ignore)
    pyproject = (ROOT / "pyproject.toml").read_text()
    pyproject = pyproject.replace('pythonpath = ["scripts"]', 'pythonpath = ["src"]')
    assert 'pythonpath = ["src"]' in pyproject, "pyproject.toml: pytest's pythonpath moved"
    (STAGE / "pyproject.toml").write_text(pyproject + "\n" + mutmut_config(only))


def run_mutmut(workers: int, names=()) -> None:
    """mutmut run in the stage: every mutant not yet tested, or exactly ``names``."""
    # One BLAS thread per worker: the workers are the parallelism.
    threads = {v: "1" for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")}
    env = dict(os.environ, **threads, PYTHONDONTWRITEBYTECODE="1")
    mutmut = Path(sys.executable).parent / "mutmut"
    cmd = [str(mutmut), "run", "--max-children", str(workers), *names]
    with open(STAGE / "mutmut.log", "a") as log:
        subprocess.run(cmd, cwd=STAGE, env=env, check=True, stdout=log, stderr=subprocess.STDOUT)


def refresh_tests() -> None:
    """The project's current tests into the stage; mutmut then maps tests to functions anew."""
    for base in (STAGE, STAGE / "mutants"):
        shutil.rmtree(base / "tests")
        shutil.copytree(
            ROOT / "tests", base / "tests", ignore=shutil.ignore_patterns("__pycache__")
        )
    (STAGE / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)


def function_of(mutant: str) -> str:
    """relu_tradeoffs.noise.x_flip__mutmut_3 -> relu_tradeoffs.noise.flip; a method's
    relu_tradeoffs.m.xǁClassǁname__mutmut_1 -> relu_tradeoffs.m.Class.name."""
    module, _, mangled = mutant.partition("__mutmut_")[0].rpartition(".")
    name = mangled[2:] if mangled.startswith("x_") else ".".join(mangled.split("ǁ")[1:])
    return f"{module}.{name}"


def matches(text: str, pattern: str) -> bool:
    """Glob match where only * is special (code is full of brackets)."""
    regex = ".*".join(re.escape(part) for part in pattern.split("*"))
    return re.fullmatch(regex, text, flags=re.DOTALL) is not None


def changed_lines(diff: str) -> str:
    """The mutated lines of a unified diff, stripped: what an explanation is matched against.
    A mutant that only deletes (an argument, say) reads "removed: <the deleted lines>"."""
    lines = diff.splitlines()
    added = "\n".join(ln[1:].strip() for ln in lines if ln[:1] == "+" and ln[:3] != "+++")
    if added.strip():
        return added
    removed = " ".join(ln[1:].strip() for ln in lines if ln[:1] == "-" and ln[:3] != "---")
    return f"removed: {removed}"


def collect() -> list[dict]:
    """Every mutant of the staged run: name, module file, function, status and diff."""
    os.chdir(STAGE)
    from mutmut.mutation.data import SourceFileMutationData
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code
    from mutmut.utils.file_utils import walk_mutatable_files

    rows = []
    for path in walk_mutatable_files():
        data = SourceFileMutationData(path=path)
        data.load()
        for name, code in sorted(data.exit_code_by_key.items(), key=lambda kv: natural(kv[0])):
            status = status_by_exit_code[code]
            diff = (
                "" if status in KILLED | {"not checked"} else get_diff_for_mutant(name, path=path)
            )
            module = str(Path(path).relative_to(f"src/{PACKAGE}"))
            rows.append(
                {
                    "name": name,
                    "module": module,
                    "function": function_of(name),
                    "status": status,
                    "diff": diff,
                }
            )
    os.chdir(ROOT)
    return rows


def natural(name: str):
    base, _, number = name.rpartition("__mutmut_")
    return base, int(number)


def classify(rows: list[dict], explanations: list[dict]) -> None:
    """Give every surviving mutant its verdict (equivalent, accepted or unexplained) and why."""
    for row in rows:
        row["verdict"], row["why"] = ("unexplained", "")
        if row["status"] in KILLED | {"not checked"}:
            row["verdict"] = "killed" if row["status"] in KILLED else "not checked"
            continue
        mutated = changed_lines(row["diff"])
        for entry in explanations:
            if matches(row["function"], entry["function"]) and matches(
                mutated, entry.get("mutant", "*")
            ):
                row["verdict"], row["why"] = entry["verdict"], " ".join(entry["why"].split())
                break


def score(rows) -> tuple[int, int, int, float]:
    """(mutants tested, equivalent, killed, killed / non-equivalent); a run stopped early leaves
    mutants not checked, which count nowhere."""
    count = Counter(r["verdict"] for r in rows)
    total, equivalent = len(rows) - count["not checked"], count["equivalent"]
    eligible = total - equivalent
    return total, equivalent, count["killed"], count["killed"] / eligible if eligible else 1.0


def render(rows: list[dict], command: str, seconds: float, retests: int) -> str:
    total, equivalent, killed, share = score(rows)
    out = [
        "# Mutation testing of the kernel package",
        "",
        f"Generated by `{command}`"
        + (f", then `python tools/mutation.py --retest` ({retests}x)" if retests else "")
        + " (mutmut, the fast unit tests as the runner); do not edit by hand. Explanations of the survivors live in "
        "`tools/mutation_survivors.yaml`; how to run it is in [testing.md](testing.md).",
        "",
        f"**Score: {share:.1%}** of the {total - equivalent} non-equivalent mutants killed "
        f"({killed} killed, {equivalent} equivalent, {total} tested). Run time: {seconds / 60:.1f} "
        "min.",
        "",
    ]
    unchecked = sum(r["verdict"] == "not checked" for r in rows)
    if unchecked:
        out += [
            f"**The run was stopped before the end: {unchecked} of {len(rows)} mutants were not "
            "checked** (column *not checked*); the score is over the tested ones.",
            "",
        ]
    out += [
        "| module | mutants | killed | equivalent | accepted | unexplained | not checked | score |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for module in sorted({r["module"] for r in rows}):
        sub = [r for r in rows if r["module"] == module]
        count = Counter(r["verdict"] for r in sub)
        t, e, k, s = score(sub)
        out.append(
            f"| {module} | {len(sub)} | {k} | {e} | {count['accepted']} | {count['unexplained']} "
            f"| {count['not checked']} | {s:.0%} |"
        )
    out += ["", "## Surviving mutants", ""]
    for row in rows:
        if row["verdict"] in ("killed", "not checked"):
            continue
        why = f": {row['why']}" if row["why"] else ""
        out += [
            f"### `{row['name']}` ({row['status']}, **{row['verdict']}**){why}",
            "",
            "```diff",
            row["diff"],
            "```",
            "",
        ]
    return "\n".join(out)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only",
        nargs="+",
        default=[],
        help="modules to mutate, as paths or globs inside the package "
        "(e.g. approx/noise.py 'hardness/learners/*'); the report then goes to .mutation/report.md",
    )
    parser.add_argument("--workers", type=int, default=2, help="mutants tested at once (default 2)")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--retest",
        nargs="*",
        metavar="PATTERN",
        help="after adding tests: test again the last run's survivors (only, or those whose names "
        "match the mutmut globs given), with today's tests",
    )
    mode.add_argument(
        "--report-only",
        action="store_true",
        help="rebuild the report from the last run in .mutation/ (after editing explanations)",
    )
    args = parser.parse_args(argv)
    start = time.monotonic()
    retest = args.retest is not None
    if retest or args.report_only:
        run = json.loads((STAGE / "run.json").read_text())
    else:
        stage(args.only)
        run = {"only": args.only, "seconds": 0.0, "retests": 0}
        run_mutmut(args.workers)
    if retest:
        survivors = [r["name"] for r in collect() if r["status"] not in KILLED | {"not checked"}]
        if args.retest:
            survivors = [n for n in survivors if any(matches(n, p) for p in args.retest)]
        refresh_tests()
        if survivors:  # mutmut run without names would test every mutant not yet tested
            run_mutmut(args.workers, survivors)
        run["retests"] += 1
    run["seconds"] += time.monotonic() - start if not args.report_only else 0.0
    (STAGE / "run.json").write_text(json.dumps(run))
    rows = collect()
    classify(rows, yaml.safe_load(SURVIVORS.read_text()) or [])
    command = "python tools/mutation.py" + (
        " --only " + " ".join(run["only"]) if run["only"] else ""
    )
    target = STAGE / "report.md" if run["only"] else REPORT
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render(rows, command, run["seconds"], run["retests"]) + "\n")
    total, equivalent, killed, share = score(rows)
    print(f"{share:.1%} of {total - equivalent} non-equivalent mutants killed; report: {target}")
    for row in rows:
        if row["verdict"] == "unexplained":
            print(f"unexplained: {row['name']} ({row['status']}): {changed_lines(row['diff'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
