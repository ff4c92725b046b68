"""Atomic writes, checked reads, and seeds that do not depend on how the work is cut."""

import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT
from relu_tradeoffs.pipeline import io
from relu_tradeoffs.pipeline.seeding import rng_for, spawn_key


def test_spawn_key_is_stable_across_processes():
    # Another interpreter with another hash seed: Python's randomised hash() must not leak in.
    code = "from relu_tradeoffs.pipeline.seeding import rng_for; print(rng_for(1, 'a', 2).integers(1 << 30))"
    env = dict(os.environ, PYTHONHASHSEED="12345", PYTHONPATH=str(ROOT / "scripts"))
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert int(out.stdout) == rng_for(1, "a", 2).integers(1 << 30)
    assert rng_for(1, "a", 2).integers(1 << 30) != rng_for(1, "a", 3).integers(1 << 30)
    assert rng_for(1, "a", 2).integers(1 << 30) != rng_for(2, "a", 2).integers(1 << 30)
    assert spawn_key("x") == (1108767021, 1152394935, 2843501057, 4113739003)


def test_failed_write_leaves_nothing_behind(tmp_path):
    target = tmp_path / "t.csv"
    with pytest.raises(RuntimeError), io.atomic_path(target) as tmp:
        tmp.write_text("partial")
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_leftovers_of_a_killed_writer_are_removed_by_the_next_write(tmp_path):
    stale = tmp_path / ".t.csv.abc123.tmp"
    stale.write_text("half a table")
    other = tmp_path / ".u.csv.abc123.tmp"
    other.write_text("another file's temporary")
    io.write_csv(pd.DataFrame({"a": [1]}), tmp_path / "t.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".u.csv.abc123.tmp", "t.csv"]


def test_round_trips(tmp_path):
    io.write_csv(pd.DataFrame({"a": [1, 2]}), tmp_path / "x.csv")
    assert pd.read_csv(tmp_path / "x.csv").a.tolist() == [1, 2]
    io.save_npy(tmp_path / "x.npy", np.arange(6.0).reshape(2, 3))
    np.testing.assert_array_equal(io.load_npy(tmp_path / "x.npy", ndim=2), [[0, 1, 2], [3, 4, 5]])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.csv", "x.npy"]


def test_truncated_or_corrupted_npy_is_a_clear_error(tmp_path):
    path = tmp_path / "X.npy"
    io.save_npy(path, np.ones((1000, 4)))
    path.write_bytes(path.read_bytes()[:5000])
    with pytest.raises(ValueError, match="X.npy"):
        io.load_npy(path)
    path.write_bytes(b"garbage" * 10)
    with pytest.raises(ValueError, match="not a readable .npy"):
        io.load_npy(path)
    io.save_npy(path, np.array([1.0, np.nan]))
    with pytest.raises(ValueError, match="non-finite"):
        io.load_npy(path)
    io.save_npy(path, np.ones(3))
    with pytest.raises(ValueError, match="2-d"):
        io.load_npy(path, ndim=2)
