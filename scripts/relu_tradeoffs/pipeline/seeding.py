"""One root seed, one independent stream per job, keyed by the job's wildcards."""

import hashlib

import numpy as np


def spawn_key(*parts) -> tuple[int, ...]:
    """A stable integer key for a sequence of labels (independent of Python's hash seed)."""
    text = "\x1f".join(str(p) for p in parts)
    digest = hashlib.sha256(text.encode()).digest()
    return tuple(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))


def rng_for(seed: int, *parts) -> np.random.Generator:
    """The generator of the job named by ``parts``; same parts, same numbers, on any executor."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=spawn_key(*parts)))
