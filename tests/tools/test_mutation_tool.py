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
