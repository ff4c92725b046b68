"""tools/compare_runs.py: a table is identical, or its differing columns are named and sized."""

import importlib.util

import numpy as np
import pandas as pd
from conftest import ROOT

spec = importlib.util.spec_from_file_location("compare_runs", ROOT / "tools" / "compare_runs.py")
compare_runs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compare_runs)


def test_identical_tables_and_each_kind_of_difference():
    a = pd.DataFrame({"x": [1.0, np.nan], "s": ["a", "b"]})
    assert compare_runs.compare({"t.csv": a}, {"t.csv": a.copy()}) == ["t.csv: identical"]
    moved = a.assign(x=[1.5, np.nan], s=["a", "c"])
    assert compare_runs.compare({"t.csv": a}, {"t.csv": moved}) == [
        "t.csv: x max|diff| = 0.5; s: 1 rows differ"
    ]
    wider = a.assign(new=1)
    assert compare_runs.compare({"t.csv": a}, {"t.csv": wider}) == ["t.csv: columns -[] +['new']"]
    assert compare_runs.compare({"t.csv": a}, {"t.csv": a.iloc[:1]}) == ["t.csv: 2 rows vs 1"]
    assert compare_runs.compare({"t.csv": a}, {}) == ["t.csv: only in the first run"]
    nan_moved = a.assign(x=[1.0, 2.0])
    assert compare_runs.compare({"t.csv": a}, {"t.csv": nan_moved}) == [
        "t.csv: x: missing values differ"
    ]
