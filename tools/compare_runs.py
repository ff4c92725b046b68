"""Compare the result tables of two finished runs (timing columns dropped, as the tests do).

    .venv/bin/python tools/compare_runs.py <run dir A> <run dir B>

Prints one line per table: identical, or which columns differ and by how much (largest absolute
difference of a numeric column, count of differing rows otherwise). A refactoring that must not
move numbers is checked by running the same config before and after it.
"""

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "scripts")]
from conftest import result_tables  # noqa: E402


def column_difference(x: pd.Series, y: pd.Series) -> str | None:
    if pd.api.types.is_numeric_dtype(x) and pd.api.types.is_numeric_dtype(y):
        a, b = x.to_numpy(float), y.to_numpy(float)
        if not np.array_equal(np.isnan(a), np.isnan(b)):
            return f"{x.name}: missing values differ"
        gap = float(np.nanmax(np.abs(a - b))) if not np.isnan(a).all() else 0.0
        return f"{x.name} max|diff| = {gap:.3g}" if gap > 0 else None
    differing = int((x.astype(str) != y.astype(str)).sum())
    return f"{x.name}: {differing} rows differ" if differing else None


def compare(a: dict, b: dict) -> list[str]:
    lines = [f"{name}: only in the first run" for name in sorted(set(a) - set(b))]
    lines += [f"{name}: only in the second run" for name in sorted(set(b) - set(a))]
    for name in sorted(set(a) & set(b)):
        x, y = a[name], b[name]
        notes = []
        if list(x.columns) != list(y.columns):
            gone, new = set(x.columns) - set(y.columns), set(y.columns) - set(x.columns)
            notes.append(f"columns -{sorted(gone)} +{sorted(new)}")
            common = [c for c in x.columns if c in y.columns]
            x, y = x[common], y[common]
        if len(x) != len(y):
            lines.append(f"{name}: {len(x)} rows vs {len(y)}")
            continue
        notes += filter(None, (column_difference(x[c], y[c]) for c in x.columns))
        lines.append(f"{name}: {'; '.join(notes) if notes else 'identical'}")
    return lines


if __name__ == "__main__":
    first, second = (result_tables(Path(p)) for p in sys.argv[1:3])
    print("\n".join(compare(first, second)))
