"""The mutation report's plumbing: explanations file, name parsing, matching (no mutmut run)."""

import importlib.util

import yaml
from conftest import ROOT

spec = importlib.util.spec_from_file_location("mutation", ROOT / "tools" / "mutation.py")
mutation = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mutation)


def test_every_explanation_names_a_function_a_verdict_and_a_reason():
    entries = yaml.safe_load(mutation.SURVIVORS.read_text())
    for entry in entries:
        assert set(entry) <= {"function", "mutant", "verdict", "why"}, entry
        assert entry["function"].startswith("relu_tradeoffs.") and entry["why"].strip(), entry
        assert entry["verdict"] in ("equivalent", "accepted"), entry


def test_names_diffs_and_globs():
    assert mutation.function_of("relu_tradeoffs.approx.noise.x_flip__mutmut_3") == (
        "relu_tradeoffs.approx.noise.flip"
    )
    assert mutation.function_of("relu_tradeoffs.hardness.learners.xǁLearnerǁlosses__mutmut_1") == (
        "relu_tradeoffs.hardness.learners.Learner.losses"
    )
    diff = "--- a\n+++ a\n@@ -1 +1 @@\n def f(x):\n-    return x[0]\n+    return x[1]"
    assert mutation.changed_lines(diff) == "return x[1]"
    assert mutation.changed_lines("--- a\n+++ a\n-    check=True,\n") == "removed: check=True,"
    assert mutation.matches("return x[1]", "return x[*]")  # brackets are literal
    assert not mutation.matches("return x[1]", "return x[0]")
    rows = [
        {"status": "survived", "function": "relu_tradeoffs.m.f", "diff": diff},
        {"status": "killed", "function": "relu_tradeoffs.m.f", "diff": ""},
        {"status": "not checked", "function": "relu_tradeoffs.m.g", "diff": ""},
    ]
    mutation.classify(
        rows, [{"function": "relu_tradeoffs.m.*", "verdict": "equivalent", "why": "a\n b"}]
    )
    assert [r["verdict"] for r in rows] == ["equivalent", "killed", "not checked"]
    assert rows[0]["why"] == "a b"
    assert mutation.score(rows) == (2, 1, 1, 1.0)


def _page(label, modules, survivors=()):
    return {
        "runs": {label: f"`{label}`; 1.0 min"},
        "modules": {m: (label, counts) for m, counts in modules.items()},
        "survivors": list(survivors),
    }


def test_a_page_reads_back_as_written_and_a_merge_replaces_the_rerun_modules():
    diff = "--- src/relu_tradeoffs/a.py\n+++ src/relu_tradeoffs/a.py\n-    x\n+    y"
    old_a = (
        "a.py",
        f"### `relu_tradeoffs.a.x_f__mutmut_1` (survived, **unexplained**)\n\n{diff}\n",
    )
    gone = ("old.py", "### `relu_tradeoffs.old.x_g__mutmut_2` (survived, **unexplained**)\n\n"
            "--- src/relu_tradeoffs/old.py\n")  # fmt: skip
    whole = _page(
        mutation.WHOLE,
        {"a.py": [10, 8, 1, 0, 1, 0], "b.py": [4, 4, 0, 0, 0, 0], "old.py": [5, 4, 0, 0, 1, 0]},
        [old_a, gone],
    )
    current = {"a.py", "b.py", "c.py"}
    text = mutation.render_page(whole, current)
    assert mutation.parse_page(text) == whole
    assert "that no run listed here measured: c.py." in text
    assert "**Score: 88.9%** of the 18 non-equivalent" in text  # 16 killed of 19 - 1 equivalent

    rerun = _page("--only, now", {"a.py": [10, 9, 1, 0, 0, 0], "c.py": [2, 1, 1, 0, 0, 0]})
    merged = mutation.merge(mutation.parse_page(text), rerun, current)
    assert merged["modules"] == {
        "a.py": ("--only, now", [10, 9, 1, 0, 0, 0]),
        "b.py": (mutation.WHOLE, [4, 4, 0, 0, 0, 0]),
        "c.py": ("--only, now", [2, 1, 1, 0, 0, 0]),
    }
    assert merged["survivors"] == []  # a.py's old survivor replaced, old.py's dropped
    assert merged["runs"]["--only, now"].endswith("no longer in the package: old.py")
    again = mutation.merge(merged, rerun, current)  # the same run merged again, after a retest
    assert again["runs"]["--only, now"].endswith("no longer in the package: old.py")
    text = mutation.render_page(merged, current)
    assert mutation.parse_page(text) == merged and "no run listed here" not in text
    assert "**Score: 100.0%** of the 14 non-equivalent" in text
    # A later merge of every module drops the whole-package run from the list.
    again = mutation.merge(merged, _page("--only, later", {m: [1, 1, 0, 0, 0, 0] for m in current}),
                           current)  # fmt: skip
    assert list(again["runs"]) == ["--only, later"]


def test_the_report_of_a_run_before_the_run_column_reads_as_the_whole_package_run():
    page = mutation.parse_page(mutation.REPORT.read_text())
    assert page["modules"] and page["survivors"]
    assert set(page["runs"]) == {label for label, _ in page["modules"].values()}
