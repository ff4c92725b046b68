"""The pipeline helpers' promises: file formats, logs, provenance records and figure files."""

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from relu_tradeoffs.pipeline import io, provenance


def test_write_csv_has_no_index_column(tmp_path):
    io.write_csv(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text() == "a,b\n1,x\n2,y\n"


def test_write_json_is_sorted_indented_and_ends_with_a_newline(tmp_path):
    io.write_json({"b": 1, "a": Path("p")}, tmp_path / "t.json")
    assert (tmp_path / "t.json").read_text() == '{\n  "a": "p",\n  "b": 1\n}\n'


def test_load_npy_maps_memory_refuses_pickles_and_checks_the_dtype(tmp_path):
    path = tmp_path / "x.npy"
    io.save_npy(path, np.arange(4.0))
    assert isinstance(io.load_npy(path), np.memmap)
    assert not isinstance(io.load_npy(path, mmap=False), np.memmap)
    with pytest.raises(ValueError, match=r"expected dtype kind in 'i', found float64"):
        io.load_npy(path, dtype_kind="i")
    assert io.load_npy(path, dtype_kind="f").dtype == np.float64
    np.save(tmp_path / "o.npy", np.array([{"a": 1}], dtype=object))
    with pytest.raises(ValueError, match="not a readable .npy"):
        io.load_npy(tmp_path / "o.npy")


def test_atomic_files_are_readable_by_everyone_the_umask_allows(tmp_path):
    io.write_json({}, tmp_path / "t.json")
    mode = (tmp_path / "t.json").stat().st_mode & 0o777
    assert mode == 0o666 & ~io._UMASK


def test_rule_logger_writes_a_fresh_file_and_logs_uncaught_errors(tmp_path, capsys):
    log = tmp_path / "rule.log"
    log.write_text("old run\n")
    try:
        logger = io.rule_logger(log, name="test_rule_logger")
        logger.info("step %d done", 3)
        try:
            raise RuntimeError("disk full")
        except RuntimeError as err:
            sys.excepthook(RuntimeError, err, err.__traceback__)  # what Python does when uncaught
    finally:
        sys.excepthook = sys.__excepthook__
        for handler in logger.handlers:
            handler.close()
    text = log.read_text()
    lines = text.splitlines()
    assert "old run" not in text
    assert lines[0].endswith(" INFO step 3 done") and lines[0][:4].isdigit()
    assert lines[1].endswith(" ERROR job failed: RuntimeError: disk full")
    assert "Traceback" in text and 'raise RuntimeError("disk full")' in text
    assert "step 3 done" in capsys.readouterr().err  # and on stderr too
    assert logger.name == "test_rule_logger" and logger.level == logging.INFO
    assert len(logger.handlers) == 2


def test_config_hash_depends_on_content_not_key_order():
    a = provenance.config_hash({"x": 1, "y": [1, 2]})
    assert a == provenance.config_hash({"y": [1, 2], "x": 1})
    assert a != provenance.config_hash({"x": 1, "y": [2, 1]})
    expected = __import__("hashlib").sha256(b'{"x":1,"y":[1,2]}').hexdigest()
    assert a == expected
    # YAML turns an unquoted date into a date object: hashed by its text, not an error.
    dated = provenance.config_hash({"day": __import__("datetime").date(2026, 11, 29)})
    assert dated == __import__("hashlib").sha256(b'{"day":"2026-11-29"}').hexdigest()


def test_git_state_of_a_repository_and_of_a_plain_folder(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    (repo / "f").write_text("1")
    subprocess.run([*git, "add", "f"], check=True)
    subprocess.run([*git, "commit", "-qm", "c"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    assert provenance.git_state(repo) == {"commit": head.strip(), "dirty": False}
    (repo / "f").write_text("2")
    assert provenance.git_state(repo)["dirty"] is True
    (tmp_path / "plain").mkdir()
    assert provenance.git_state(tmp_path / "plain") == {"commit": "unknown", "dirty": None}


def test_record_names_section_config_and_versions(tmp_path):
    rec = provenance.record({"seed": 1}, "theory", tmp_path)
    assert rec["section"] == "theory" and rec["config"] == {"seed": 1}
    assert rec["config_sha256"] == provenance.config_hash({"seed": 1})
    assert rec["packages"]["numpy"] == np.__version__
    assert set(rec["packages"]) == set(provenance.PACKAGES)
    assert rec["python"] == ".".join(map(str, sys.version_info[:3]))
    assert rec["platform"] and rec["created_utc"].endswith("+00:00")
    assert rec["git"] == {"commit": "unknown", "dirty": None}
    json.dumps(rec)


def test_package_versions_reports_a_missing_package_as_none(monkeypatch):
    monkeypatch.setattr(provenance, "PACKAGES", ("numpy", "no-such-package-xyz"))
    assert provenance.package_versions() == {"numpy": np.__version__, "no-such-package-xyz": None}


def test_save_figure_writes_every_format_and_closes_the_figure(tmp_path):
    from relu_tradeoffs.pipeline import plotting

    plotting.apply_style()
    import matplotlib.pyplot as plt

    assert plt.rcParams["pdf.fonttype"] == 42 and plt.rcParams["savefig.dpi"] == 200
    assert plt.rcParams["figure.dpi"] == 110
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    paths = [tmp_path / "f.pdf", tmp_path / "f.png"]
    plotting.save_figure(fig, paths)
    assert paths[0].read_bytes()[:5] == b"%PDF-"
    assert paths[1].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.pdf", "f.png"]
    assert not plt.fignum_exists(fig.number)


def test_read_json_reads_what_write_json_wrote(tmp_path):
    io.write_json({"k": [1, 2], "eps": 0.5}, tmp_path / "r.json")
    assert io.read_json(tmp_path / "r.json") == {"eps": 0.5, "k": [1, 2]}
    assert io.read_json(str(tmp_path / "r.json")) == {"eps": 0.5, "k": [1, 2]}


@pytest.mark.skipif(
    shutil.which("dot") is None, reason="no Graphviz `dot`: apt-get install graphviz (.ci/run does)"
)
def test_rulegraph_of_a_two_rule_workflow(tmp_path):
    """Snakemake's rule graph (no job runs), cut to the graphviz source, then drawn as SVG."""
    from relu_tradeoffs.pipeline import rulegraph

    (tmp_path / "Snakefile").write_text(
        'rule all:\n    input: "b.txt"\n\nrule make_b:\n    output: "b.txt"\n'
        '    shell: "touch {output}"\n'
    )
    dot = rulegraph.rulegraph_dot(tmp_path)
    assert dot.startswith("digraph snakemake_dag {") and dot.rstrip().endswith("}")
    assert 'label = "all"' in dot and 'label = "make_b"' in dot and "1 -> 0" in dot
    assert not (tmp_path / "b.txt").exists()
    svg = rulegraph.render_svg(dot)
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg and ">make_b</text>" in svg


def test_render_svg_without_graphviz_says_how_to_install_it(monkeypatch):
    from relu_tradeoffs.pipeline import rulegraph

    monkeypatch.setattr(rulegraph.shutil, "which", lambda name: None)
    with pytest.raises(RuntimeError, match=r"^Graphviz's `dot` is not installed: apt-get install"):
        rulegraph.render_svg("digraph {}")
