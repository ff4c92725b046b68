"""The workflow's rule graph as a picture, for docs/architecture.md."""

import shutil
import subprocess
import sys


def rulegraph_dot(workdir, timeout=120) -> str:
    """Graphviz source of ``snakemake --rulegraph`` for the workflow in ``workdir``.

    ``--nolock``: this runs inside a job of the same workflow, which holds the lock.
    """
    proc = subprocess.run(
        [sys.executable, "-m", "snakemake", "--rulegraph", "dot", "--nolock", "--quiet", "all"],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return proc.stdout[proc.stdout.index("digraph") :]


def render_svg(dot_source: str, timeout=60) -> str:
    """SVG of a graphviz source, by Graphviz's ``dot`` (Debian package graphviz)."""
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError("Graphviz's `dot` is not installed: apt-get install graphviz")
    proc = subprocess.run(
        [dot, "-Tsvg"],
        input=dot_source,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    return proc.stdout
