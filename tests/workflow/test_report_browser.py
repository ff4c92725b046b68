"""The HTML report, opened in headless Chromium: overview, claims summary first, every figure."""

import base64
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from conftest import TEST_CONFIG, clone_run, run_snakemake

SECTIONS = ["0. Claims summary", "Theory", "Hardness", "Tradeoff", "Approximation"]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")


def decode(link):
    """The file name and content of a data: URL (base64 or percent-encoded)."""
    head, _, data = link.partition(",")
    name = re.search(r"filename=([^;,]+)", head).group(1)
    content = base64.b64decode(data) if ";base64" in head else unquote(data).encode()
    return name, content


def browse(report: Path) -> dict:
    probe = (Path(__file__).parent / "report_probe.html").read_text()
    probe = probe.replace("const sleep", f"const SECTIONS = {json.dumps(SECTIONS)};\nconst sleep")
    (report.parent / "probe.html").write_text(probe)
    dom = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files",
         "--virtual-time-budget=240000", "--dump-dom", (report.parent / "probe.html").as_uri()],
        capture_output=True, text=True, timeout=300, check=True,
    ).stdout  # fmt: skip
    out = re.search(r'<pre id="out">(.*?)</pre>', dom, re.S).group(1)
    return json.loads(
        out.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )


@pytest.mark.skipif(BROWSER is None, reason="no Chromium: apt-get install chromium (.ci/run does)")
def test_report_shows_overview_summary_and_every_figure(test_config_run, tmp_path):
    run = clone_run(test_config_run, tmp_path / "run")
    run_snakemake(run, "--cores", "1", *TEST_CONFIG, "--report", "results/report.html")
    seen = browse(run / "results" / "report.html")
    assert "reproduces Goel, Karmalkar and Klivans" in seen["overview"]
    tables = {
        section: dict(decode(link) for item in items or [] for link in item["links"])
        for section, items in seen["sections"].items()
    }
    shown = {
        section: {
            re.search(r"filename=([^;,]+)", m).group(1) for i in items or [] for m in i["shown"]
        }
        for section, items in seen["sections"].items()
    }
    summary = pd.read_csv(run / "results" / "summary.csv")
    table = tables["0. Claims summary"]["summary.csv"].decode()
    assert all(claim in table for claim in summary.claim), "claims summary incomplete"
    figures = {p.name for p in (run / "results" / "figures").glob("*.png")}
    for section, prefix in (
        ("Theory", "theory_"),
        ("Hardness", "hardness_"),
        ("Tradeoff", "tradeoff"),
        ("Approximation", "approx_"),
    ):
        assert {f for f in figures if f.startswith(prefix)} <= shown[section], section
    assert figures <= set().union(*shown.values())


def test_report_builds_without_docutils_messages(test_config_run, tmp_path):
    """snakemake --report renders every caption; its log has no docutils or math complaint."""
    run = clone_run(test_config_run, tmp_path / "run")
    proc = run_snakemake(run, "--cores", "1", *TEST_CONFIG, "--report", "results/report.html")
    log = proc.stdout + proc.stderr
    broken = ("(ERROR/", "(WARNING/", "(SEVERE/", "Unrecognized formula", "Undefined substitution")
    assert not [word for word in broken if word in log], log
    assert (run / "results" / "report.html").stat().st_size > 0
