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
    """The project's current tests (and tools/, which tests/tools load) into the stage; mutmut
    then maps tests to functions anew."""
    for base in (STAGE, STAGE / "mutants"):
        for folder in ("tests", "tools"):
            shutil.rmtree(base / folder, ignore_errors=True)
            shutil.copytree(
                ROOT / folder, base / folder, ignore=shutil.ignore_patterns("__pycache__")
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


COUNTS = ("mutants", "killed", "equivalent", "accepted", "unexplained", "not checked")
WHOLE = "whole package"
DROPPED = "; dropped the rows of modules no longer in the package: "


def module_counts(rows: list[dict]) -> dict[str, list[int]]:
    """Per module, the COUNTS of its mutants."""
    out = {}
    for module in sorted({r["module"] for r in rows}):
        sub = [r for r in rows if r["module"] == module]
        count = Counter(r["verdict"] for r in sub)
        out[module] = [len(sub), *(count[c] for c in COUNTS[1:])]
    return out


def survivor_sections(rows: list[dict]) -> list[tuple[str, str]]:
    """(module, Markdown section) of every mutant neither killed nor left unchecked."""
    out = []
    for row in rows:
        if row["verdict"] in ("killed", "not checked"):
            continue
        why = f": {row['why']}" if row["why"] else ""
        section = "\n".join(
            [
                f"### `{row['name']}` ({row['status']}, **{row['verdict']}**){why}",
                "",
                "```diff",
                row["diff"],
                "```",
                "",
            ]
        )
        out.append((row["module"], section))
    return out


def page_of_run(rows: list[dict], label: str, description: str) -> dict:
    """The report's content: which runs measured it, per-module counts, surviving mutants."""
    return {
        "runs": {label: description},
        "modules": {m: (label, c) for m, c in module_counts(rows).items()},
        "survivors": survivor_sections(rows),
    }


def parse_page(text: str) -> dict:
    """The content of a report written by render_page, or by this tool before it kept a column
    *run* (then every row is the whole-package run's, described by its "Generated by" line)."""
    runs = dict(re.findall(r"^- \*\*(.+?)\*\*: (.*)$", text, flags=re.MULTILINE))
    if not runs:
        command = re.search(r"^Generated by (.*?) \(mutmut", text, flags=re.MULTILINE).group(1)
        minutes = re.search(r"Run time: ([\d.]+) min", text).group(1)
        runs = {WHOLE: f"{command}; {minutes} min"}
    modules = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| ") and cells[-1].endswith("%") and cells[0] != "module":
            label = cells[1] if len(cells) == len(COUNTS) + 3 else WHOLE
            modules[cells[0]] = (label, [int(c) for c in cells[-1 - len(COUNTS) : -1]])
    body = text.partition("\n## Surviving mutants\n")[2]
    survivors = []
    for section in re.split(r"\n(?=### `)", body.strip("\n")):
        if section.startswith("### `"):
            module = re.search(rf"^--- src/{PACKAGE}/(\S+)", section, flags=re.MULTILINE)
            survivors.append((module.group(1), section.rstrip("\n") + "\n"))
    return {"runs": runs, "modules": modules, "survivors": survivors}


def package_modules() -> set[str]:
    base = ROOT / "scripts" / PACKAGE
    return {str(p.relative_to(base)) for p in base.rglob("*.py")}


def merge(page: dict, run: dict, current: set[str]) -> dict:
    """``page`` with ``run``'s modules replacing theirs; rows of modules no longer in the
    package (``current``) are dropped and named in the run's description."""
    rerun = set(run["modules"])
    stale = sorted(m for m in page["modules"] if m not in current and m not in rerun)
    keep = {m: v for m, v in page["modules"].items() if m not in rerun and m in current}
    modules = dict(sorted({**keep, **run["modules"]}.items()))
    survivors = [s for s in page["survivors"] if s[0] in keep] + run["survivors"]
    survivors.sort(key=lambda s: s[0])
    ((label, description),) = run["runs"].items()
    # A re-merge of the same run (after --retest) keeps the note of what its first merge dropped.
    _, note, dropped = page["runs"].get(label, "").partition(DROPPED)
    if stale:
        description += DROPPED + ", ".join(stale)
    elif note:
        description += note + dropped
    runs = {**page["runs"], label: description}
    used = {v[0] for v in modules.values()}
    return {
        "runs": {k: v for k, v in runs.items() if k in used},
        "modules": modules,
        "survivors": survivors,
    }


def share(counts: list[int]) -> tuple[int, int, int, float]:
    """(tested, equivalent, killed, killed / non-equivalent) of COUNTS; see score."""
    mutants, killed, equivalent, *_, unchecked = counts
    eligible = mutants - unchecked - equivalent
    return mutants - unchecked, equivalent, killed, killed / eligible if eligible else 1.0


def render_page(page: dict, current: set[str]) -> str:
    totals = [sum(c[i] for _, c in page["modules"].values()) for i in range(len(COUNTS))]
    total, equivalent, killed, score_ = share(totals)
    out = [
        "# Mutation testing of the kernel package",
        "",
        "Generated by `python tools/mutation.py` (mutmut, the fast unit tests as the runner); do "
        "not edit by hand. Explanations of the survivors live in "
        "`tools/mutation_survivors.yaml`; how to run it is in [testing.md](testing.md).",
        "",
        "Runs (the column *run* of the table says which one measured each module; a module "
        "re-run with `--only ... --merge` replaces its row):",
        "",
        *(f"- **{label}**: {description}" for label, description in page["runs"].items()),
        "",
        f"**Score: {score_:.1%}** of the {total - equivalent} non-equivalent mutants killed "
        f"({killed} killed, {equivalent} equivalent, {total} tested), over the table below.",
        "",
    ]
    if totals[-1]:
        out += [
            f"**A run was stopped before the end: {totals[-1]} of {totals[0]} mutants were not "
            "checked** (column *not checked*); the score is over the tested ones.",
            "",
        ]
    missing = sorted(m for m in current - set(page["modules"]) if not m.endswith("__init__.py"))
    if missing:
        out += [
            f"Modules of the package that no run listed here measured: {', '.join(missing)}.",
            "",
        ]
    out += [
        "| module | run | " + " | ".join(COUNTS) + " | score |",
        "|---|---|" + "---:|" * (len(COUNTS) + 1),
    ]
    for module, (label, counts) in page["modules"].items():
        cells = " | ".join(str(c) for c in counts)
        out.append(f"| {module} | {label} | {cells} | {share(counts)[3]:.0%} |")
    out += ["", "## Surviving mutants", ""]
    out += [section for _, section in page["survivors"]]
    return "\n".join(out)


def description(run: dict) -> str:
    command = "`python tools/mutation.py" + (
        f" --only {' '.join(run['only'])}`" if run["only"] else "`"
    )
    if run["retests"]:
        command += f", then `python tools/mutation.py --retest` ({run['retests']}x)"
    return f"{command}; {run['seconds'] / 60:.1f} min"


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
    parser.add_argument(
        "--merge",
        action="store_true",
        help="with an --only run (also with --retest or --report-only): merge its modules' rows "
        "into docs/mutation.md, replacing theirs, labelled with the run's start time",
    )
    args = parser.parse_args(argv)
    start = time.monotonic()
    retest = args.retest is not None
    if retest or args.report_only:
        run = json.loads((STAGE / "run.json").read_text())
    else:
        stage(args.only)
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        run = {"only": args.only, "seconds": 0.0, "retests": 0, "started": started}
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
    label = f"--only, {run['started']}" if run["only"] else WHOLE
    page = page_of_run(rows, label, description(run))
    current = package_modules()
    target = STAGE / "report.md" if run["only"] else REPORT
    target.parent.mkdir(parents=True, exist_ok=True)
    # The --only report lists its own modules only, not the rest of the package as missing.
    target.write_text(
        render_page(page, current if not run["only"] else set(page["modules"])) + "\n"
    )
    if args.merge and run["only"]:
        merged = merge(parse_page(REPORT.read_text()), page, current)
        REPORT.write_text(render_page(merged, current) + "\n")
        print(f"merged into {REPORT}")
    total, equivalent, killed, killed_share = score(rows)
    print(
        f"{killed_share:.1%} of {total - equivalent} non-equivalent mutants killed; report: {target}"
    )
    for row in rows:
        if row["verdict"] == "unexplained":
            print(f"unexplained: {row['name']} ({row['status']}): {changed_lines(row['diff'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
