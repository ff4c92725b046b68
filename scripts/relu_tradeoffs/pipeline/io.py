"""Atomic writers, checked readers and per-rule logging.

Every file is written to a temporary name in its folder and renamed, so a
reader (or a rerun after a crash) never sees a partial file.
"""

import glob
import json
import logging
import os
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import numpy as np

_UMASK = os.umask(0)
os.umask(_UMASK)


@contextmanager
def atomic_path(path, suffix=""):
    """Yield a temporary path beside ``path``; rename it onto ``path`` only on success."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # A writer killed by SIGKILL cannot clean up; the next writer of the same file does.
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp*"):
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{suffix}", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; results are ordinary files
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv(df, path):
    with atomic_path(path) as tmp:
        df.to_csv(tmp, index=False)


def write_json(obj, path):
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, sort_keys=True, default=str) + "\n")


def read_json(path):
    """The JSON document at ``path`` (the rules' small records: plans, scores, metadata)."""
    return json.loads(Path(path).read_text())


def write_text(text, path):
    with atomic_path(path, suffix=Path(path).suffix) as tmp:
        tmp.write_text(text)


def save_npy(path, array):
    with atomic_path(path, suffix=".npy") as tmp:
        np.save(tmp, np.ascontiguousarray(array))


def load_npy(path, mmap=True, ndim=None, dtype_kind=None):
    """Load a ``.npy`` file, failing loudly if it is truncated, corrupted or not what was expected."""
    path = Path(path)
    try:
        array = np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    except (ValueError, OSError, EOFError) as err:
        raise ValueError(f"{path}: not a readable .npy file ({err}); delete it and rerun") from err
    if ndim is not None and array.ndim != ndim:
        raise ValueError(f"{path}: expected a {ndim}-d array, found shape {array.shape}")
    if dtype_kind is not None and array.dtype.kind not in dtype_kind:
        raise ValueError(f"{path}: expected dtype kind in {dtype_kind!r}, found {array.dtype}")
    if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
        raise ValueError(f"{path}: contains non-finite values")
    return array


def rule_logger(log_path, name="relu_tradeoffs"):
    """A logger writing to the rule's ``log:`` file (and stderr).

    An uncaught exception is logged there too, so a failed job's log says why it failed.
    """
    logger = logging.getLogger(name)
    logger.setLevel(logging.INFO)
    logger.handlers.clear()
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(message)s")
    for handler in (logging.FileHandler(log_path, mode="w"), logging.StreamHandler()):
        handler.setFormatter(fmt)
        logger.addHandler(handler)

    def log_uncaught(kind, error, traceback):
        logger.error("job failed: %s: %s", kind.__name__, error, exc_info=(kind, error, traceback))

    sys.excepthook = log_uncaught
    return logger
